from typing import Any

from django import forms

from ridealong.core.forms import choice_field, model_choice_field
from ridealong.themes.models import Theme
from ridealong.themes.services import MAX_NAME


class RenameForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME, strip=True)


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Theme.objects.none(), label="Merge into", empty_label="Choose a theme"
    )

    def __init__(self, *args: Any, theme: Theme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "into").queryset = Theme.objects.exclude(pk=theme.pk).order_by(
            "name"
        )


class SplitForm(forms.Form):
    name = forms.CharField(max_length=MAX_NAME, strip=True, label="Name of the new theme")
    insights = forms.TypedMultipleChoiceField(coerce=int, choices=[], label="Insights to move")

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "insights").choices = choices


class RecomputeForm(forms.Form):
    full = forms.BooleanField(required=False)
