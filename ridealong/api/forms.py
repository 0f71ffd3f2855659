from django import forms

from ridealong.accounts.models import ApiToken


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What it is for, e.g. “CRM sync” or “my laptop”.",
    )
