"""Forms for surveys. They parse input; the rules live in surveys.services."""

import datetime
import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils import timezone

from ridealong.core.forms import choice_field, model_choice_field
from ridealong.customers.models import Customer, Relationship
from ridealong.engagements.models import EngagementChannel
from ridealong.people.models import Department, Person
from ridealong.surveys.models import (
    InvitationChannel,
    Outcome,
    Question,
    QuestionKind,
    RoutingKind,
)


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise forms.ValidationError("Null characters are not allowed.")


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=200, validators=[_no_nul])
    intro = forms.CharField(
        label="Introduction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_nul],
    )
    thank_you = forms.CharField(
        label="Thank-you message",
        initial="Thank you — your answer helps us get better.",
        widget=forms.Textarea(attrs={"rows": 2}),
        validators=[_no_nul],
    )
    link_valid_days = forms.IntegerField(
        label="Links work for (days)", min_value=1, max_value=365, initial=30
    )
    reminder_after_days = forms.IntegerField(
        label="Remind non-responders after (days, 0 = never)", min_value=0, max_value=60, initial=7
    )


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=QuestionKind.choices, initial=QuestionKind.NPS)
    text = forms.CharField(label="Question", max_length=500, validators=[_no_nul])
    help_text = forms.CharField(
        label="Hint (optional)", max_length=300, required=False, validators=[_no_nul]
    )
    required = forms.BooleanField(required=False, initial=True)
    choices = forms.CharField(
        label="Options (one per line, for choice questions)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_nul],
    )
    scale_max = forms.IntegerField(
        label="Rating goes up to", min_value=2, max_value=10, initial=5, required=False
    )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["choices"] = [line.strip() for line in data["choices"].splitlines() if line.strip()]
        data["scale_max"] = data.get("scale_max") or 5
        return data


EMAIL_SPLIT = re.compile(r"[\s,;]+")


class SendForm(forms.Form):
    customers = forms.ModelMultipleChoiceField(
        queryset=Customer.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    segment = forms.ChoiceField(required=False)
    relationship = forms.ChoiceField(choices=[("", "Any"), *Relationship.choices], required=False)
    emails = forms.CharField(
        label="Or paste e-mail addresses (a CSV column is fine)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[_no_nul],
    )
    emails_file = forms.FileField(label="Or upload a CSV of e-mails", required=False)
    channel = forms.ChoiceField(
        label="How",
        choices=InvitationChannel.choices,
        initial=InvitationChannel.EMAIL,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, segments: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "segment").choices = [("", "Any")] + [(s, s) for s in segments]

    def email_list(self) -> list[str]:
        text = self.cleaned_data.get("emails") or ""
        upload = self.cleaned_data.get("emails_file")
        if upload is not None:
            text += "\n" + upload.read(1_000_000).decode("utf-8", "replace").replace("\x00", "")
        return [w.strip("\"'<> ") for w in EMAIL_SPLIT.split(text) if "@" in w][:5000]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (
            data.get("customers")
            or data.get("segment")
            or data.get("relationship")
            or data.get("emails")
            or data.get("emails_file")
        ):
            raise forms.ValidationError("Choose customers, a segment, a relationship or e-mails.")
        return data


class FollowUpRecordForm(forms.Form):
    channel = forms.ChoiceField(
        label="How you met", choices=EngagementChannel.choices, initial=EngagementChannel.PHONE
    )
    started_at = forms.DateTimeField(
        label="When",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(label="Minutes", min_value=1, max_value=1440, initial=30)
    summary = forms.CharField(
        label="In a line, what happened", max_length=300, validators=[_no_nul]
    )
    reflection = forms.CharField(
        label="What I learned",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        validators=[_no_nul],
    )
    do_differently = forms.CharField(
        label="What I — or we — will do differently",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        validators=[_no_nul],
    )
    outcome = forms.ChoiceField(choices=Outcome.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault(
                "started_at", timezone.localtime().replace(second=0, microsecond=0)
            )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=Person.objects.none())

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            model_choice_field(self, "assignee").queryset = people


class RoutingRuleForm(forms.Form):
    name = forms.CharField(max_length=200, validators=[_no_nul])
    kind = forms.ChoiceField(
        choices=RoutingKind.choices, widget=forms.RadioSelect, initial=RoutingKind.ROTATION
    )
    volunteers = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"), required=False
    )
    weekly_max = forms.IntegerField(
        label="Weekly maximum per person", min_value=1, max_value=50, initial=2
    )

    def __init__(self, *args: Any, people: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if people is not None:
            model_choice_field(self, "volunteers").queryset = people


class WebhookForm(forms.Form):
    url = forms.URLField(label="Address (https://…)", max_length=500, assume_scheme="https")
    on_response = forms.BooleanField(label="On every new response", required=False, initial=True)
    on_detractor = forms.BooleanField(label="On detractors", required=False, initial=True)


# --- the public response page -----------------------------------------------------------------


def parse_answers(questions: Sequence[Question], data: QueryDict) -> dict[int, Any]:
    """Read the posted answers, {question id: value}; anything unreadable becomes a value
    the service refuses with a message (never an exception)."""
    answers: dict[int, Any] = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.kind == QuestionKind.MULTIPLE:
            answers[q.pk] = [v for v in data.getlist(name) if isinstance(v, str)]
        elif q.is_scale:
            raw = data.get(name, "")
            try:
                answers[q.pk] = int(raw) if raw.strip() != "" else None
            except (ValueError, AttributeError):
                answers[q.pk] = raw or None
            if isinstance(answers[q.pk], int) and answers[q.pk] not in q.scale:
                answers[q.pk] = str(raw)
        else:
            answers[q.pk] = data.get(name, "")
    return answers


def typed(questions: Sequence[Question], data: QueryDict) -> dict[str, Any]:
    """What was typed, to show again after a validation error: {"q<id>": value or list}."""
    kept: dict[str, Any] = {}
    for q in questions:
        name = f"q{q.pk}"
        if q.kind == QuestionKind.MULTIPLE:
            kept[name] = data.getlist(name)
        else:
            kept[name] = data.get(name, "").replace("\x00", "")
    return kept


def parse_local(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value
