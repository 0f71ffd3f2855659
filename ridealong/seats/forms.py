"""Forms for the seats pages. They parse input; rules live in program.services."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone

from ridealong.core.forms import model_choice_field
from ridealong.customers.models import Customer
from ridealong.engagements.models import ContactKind, EngagementChannel
from ridealong.people.models import Department, Person
from ridealong.seats.models import DEFAULT_NEW_HIRE_DAYS, MAX_SEATS, Eligibility, Opportunity

REPEAT_CHOICES = [
    ("", "Does not repeat"),
    ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "Every weekday (Monday to Friday)"),
    ("FREQ=WEEKLY", "Every week on this day"),
    ("FREQ=WEEKLY;INTERVAL=2", "Every two weeks on this day"),
    ("FREQ=MONTHLY", "Every month on this date"),
    ("custom", "Custom rule (RFC 5545 RRULE)"),
]
PRESET_RULES = {value for value, _ in REPEAT_CHOICES if value and value != "custom"}


def recurrence_label(rule: str) -> str:
    """ "Every weekday (Monday to Friday)" for a preset rule; the rule itself otherwise."""
    return dict(REPEAT_CHOICES).get(rule, rule) if rule in PRESET_RULES else rule


def _no_nul(value: str) -> None:
    if "\x00" in value:
        raise forms.ValidationError("Null characters are not allowed.")


def local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A date and a time read in the organisation's time zone (activated by middleware)."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


class BoardFilterForm(forms.Form):
    kind = forms.ModelChoiceField(
        ContactKind.objects.filter(is_active=True), required=False, empty_label="Any kind"
    )
    customer = forms.ModelChoiceField(
        Customer.objects.filter(opportunities__isnull=False).distinct().order_by("name"),
        required=False,
        empty_label="Any customer",
    )
    channel = forms.ChoiceField(
        choices=[("", "Any channel"), *EngagementChannel.choices], required=False
    )
    since = forms.DateField(
        label="From",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    until = forms.DateField(
        label="Until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class OpportunityForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        validators=[_no_nul],
        widget=forms.TextInput(attrs={"placeholder": "Sales call with Acme about the new line"}),
    )
    host = forms.ModelChoiceField(Person.objects.active().order_by("first_name", "last_name"))
    kind = forms.ModelChoiceField(
        ContactKind.objects.filter(is_active=True), empty_label="What kind of contact?"
    )
    customer = forms.ModelChoiceField(
        Customer.objects.order_by("name"),
        required=False,
        empty_label="No customer (a support shift)",
    )
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    start_time = forms.TimeField(
        label="From", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label="Until", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    channel = forms.ChoiceField(choices=EngagementChannel.choices)
    place = forms.CharField(
        max_length=200,
        required=False,
        validators=[_no_nul],
        widget=forms.TextInput(attrs={"placeholder": "Address, room or call link"}),
    )
    seats = forms.IntegerField(min_value=1, max_value=MAX_SEATS, initial=1)
    eligibility = forms.ChoiceField(
        label="Who may take a seat", choices=Eligibility.choices, widget=forms.RadioSelect
    )
    departments = forms.ModelMultipleChoiceField(
        Department.objects.order_by("name"),
        required=False,
        help_text="For “listed departments”; sub-departments are included.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    new_hire_days = forms.IntegerField(
        label="New hires: hired within (days)",
        min_value=1,
        max_value=3650,
        initial=DEFAULT_NEW_HIRE_DAYS,
    )
    briefing = forms.CharField(
        label="What to watch for",
        required=False,
        validators=[_no_nul],
        widget=forms.Textarea(
            attrs={"rows": 3, "placeholder": "How the buyer reacts to the price of spare parts"}
        ),
    )
    requires_approval = forms.BooleanField(label="I approve each sign-up", required=False)
    repeat = forms.ChoiceField(choices=REPEAT_CHOICES, required=False)
    rule = forms.CharField(
        label="Custom rule",
        required=False,
        max_length=500,
        validators=[_no_nul],
        help_text="e.g. FREQ=WEEKLY;BYDAY=TU,TH;COUNT=10",
    )
    repeat_until = forms.DateField(
        label="Repeat until",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    exception_dates = forms.CharField(
        label="Except on",
        required=False,
        max_length=2000,
        validators=[_no_nul],
        help_text="Dates with no occurrence, e.g. 2026-12-24, 2026-12-31",
    )

    def __init__(self, *args: Any, host_choices: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if host_choices is not None:
            model_choice_field(self, "host").queryset = host_choices

    def clean_exception_dates(self) -> list[datetime.date]:
        text = self.cleaned_data.get("exception_dates") or ""
        days = []
        for part in text.replace(";", ",").replace("\n", ",").split(","):
            part = part.strip()
            if not part:
                continue
            try:
                days.append(datetime.date.fromisoformat(part))
            except ValueError:
                raise forms.ValidationError(
                    f"“{part[:20]}” is not a date; write it as 2026-12-24."
                ) from None
        return days

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        repeat = data.get("repeat") or ""
        rule = (data.get("rule") or "").strip() if repeat == "custom" else repeat
        if repeat == "custom" and not rule:
            self.add_error("rule", "Write the rule, or pick one of the choices above.")
        until = data.get("repeat_until")
        if rule and until and "UNTIL=" not in rule.upper() and "COUNT=" not in rule.upper():
            rule = f"{rule};UNTIL={until:%Y%m%d}T235959"
        data["recurrence_rule"] = rule
        return data

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        starts_at = local(data["date"], data["start_time"])
        end_day = data["date"]
        if data["end_time"] <= data["start_time"]:
            end_day += datetime.timedelta(days=1)  # "22:00 until 02:00" is overnight
        return {
            "host": data["host"],
            "kind": data["kind"],
            "customer": data.get("customer"),
            "title": data["title"],
            "starts_at": starts_at,
            "ends_at": local(end_day, data["end_time"]),
            "channel": data["channel"],
            "place": data.get("place") or "",
            "seats": data["seats"],
            "eligibility": data["eligibility"],
            "departments": list(data.get("departments") or []),
            "new_hire_days": data["new_hire_days"],
            "briefing": data.get("briefing") or "",
            "requires_approval": bool(data.get("requires_approval")),
            "recurrence_rule": data.get("recurrence_rule", ""),
            "exception_dates": data.get("exception_dates") or [],
        }


def initial_for_opportunity(opportunity: Opportunity) -> dict[str, Any]:
    start = timezone.localtime(opportunity.starts_at)
    end = timezone.localtime(opportunity.ends_at)
    rule = opportunity.recurrence
    preset = rule if rule in PRESET_RULES else ("custom" if rule else "")
    return {
        "title": opportunity.title,
        "host": opportunity.host_id,
        "kind": opportunity.kind_id,
        "customer": opportunity.customer_id,
        "date": start.date(),
        "start_time": start.time().replace(second=0, microsecond=0),
        "end_time": end.time().replace(second=0, microsecond=0),
        "channel": opportunity.channel,
        "place": opportunity.place,
        "seats": opportunity.seats,
        "eligibility": opportunity.eligibility,
        "departments": [d.pk for d in opportunity.departments.all()],
        "new_hire_days": opportunity.new_hire_days,
        "briefing": opportunity.briefing,
        "requires_approval": opportunity.requires_approval,
        "repeat": preset,
        "rule": rule if preset == "custom" else "",
        "exception_dates": ", ".join(opportunity.exception_dates),
    }


def initial_for_new(person: Person | None) -> dict[str, Any]:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return {
        "host": person.pk if person else None,
        "date": tomorrow,
        "start_time": datetime.time(9),
        "end_time": datetime.time(10),
        "channel": EngagementChannel.ON_SITE,
        "seats": 1,
        "eligibility": Eligibility.EVERYONE,
        "new_hire_days": DEFAULT_NEW_HIRE_DAYS,
    }


class SwapForm(forms.Form):
    to_person = forms.ModelChoiceField(
        Person.objects.active().order_by("first_name", "last_name"),
        label="Colleague",
        empty_label="Who should take your seat?",
    )
    message = forms.CharField(
        max_length=300,
        required=False,
        validators=[_no_nul],
        widget=forms.TextInput(attrs={"placeholder": "I have a clash — could you go instead?"}),
    )
