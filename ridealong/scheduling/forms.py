from django import forms

from ridealong.scheduling.services import PERIODS


class RunForm(forms.Form):
    """Run the scheduler for next week or next month, with the caps it respects."""

    period = forms.ChoiceField(
        choices=list(PERIODS.items()), initial="month", widget=forms.RadioSelect
    )
    customer_cap = forms.IntegerField(
        label="Visitors per customer per week",
        min_value=1,
        max_value=50,
        required=False,
        initial=3,
        help_text="Leave empty for no cap.",
    )
    department_share = forms.IntegerField(
        label="Largest share of one department on one seat group (%)",
        min_value=1,
        max_value=100,
        initial=50,
    )
