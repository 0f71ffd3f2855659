from django import forms


class PreferenceForm(forms.Form):
    reminders = forms.BooleanField(
        required=False, label="Remind me by e-mail the day before a seat"
    )
    weekly_nudge = forms.BooleanField(
        required=False,
        label="A weekly e-mail with open seats when I am behind my standard",
    )
