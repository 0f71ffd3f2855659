"""Forms for the standards pages. They parse input; the services validate and save."""

import decimal
from typing import Any

from django import forms

from ridealong.core.forms import DateInput, choice_field, model_choice_field
from ridealong.core.models import Weekday
from ridealong.engagements.models import ContactKind
from ridealong.people.models import Department, Person, RoleKind
from ridealong.people.selectors import department_choices
from ridealong.standards.models import PeopleGroup, PeriodUnit, Scope, Standard


def _kind_choices() -> Any:
    return ContactKind.objects.filter(is_active=True).order_by("position", "name")


class StandardForm(forms.Form):
    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=300, required=False)
    scope = forms.ChoiceField(choices=Scope.choices, label="Applies to")
    department = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    role_kind = forms.ChoiceField(
        required=False, choices=[("", "—"), *RoleKind.choices], label="Kind of role"
    )
    group = forms.ModelChoiceField(queryset=PeopleGroup.objects.none(), required=False)
    period_length = forms.IntegerField(min_value=1, max_value=366, label="Every")
    period_unit = forms.ChoiceField(choices=PeriodUnit.choices, label="Unit")
    hours = forms.DecimalField(
        required=False,
        min_value=decimal.Decimal("0.25"),
        max_value=100,
        decimal_places=2,
        label="Hours of exposure",
        help_text="Leave empty to count contacts only.",
    )
    min_contacts = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100,
        label="Contacts",
        help_text="Leave empty to count hours only.",
    )
    min_live = forms.IntegerField(
        required=False, min_value=0, max_value=100, initial=0, label="Of which live, at least"
    )
    kinds = forms.ModelMultipleChoiceField(
        queryset=ContactKind.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Only these kinds count",
        help_text="None ticked: every kind of contact counts.",
    )
    is_active = forms.BooleanField(required=False, initial=True, label="Active")

    def __init__(self, *args: Any, instance: Standard | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance.name,
                "description": instance.description,
                "scope": instance.scope,
                "department": instance.department_id,
                "role_kind": instance.role_kind,
                "group": instance.group_id,
                "period_length": instance.period_length,
                "period_unit": instance.period_unit,
                "hours": None
                if instance.min_minutes is None
                else decimal.Decimal(instance.min_minutes) / 60,
                "min_contacts": instance.min_contacts,
                "min_live": instance.min_live,
                "kinds": [k.pk for k in instance.kinds.all()],
                "is_active": instance.is_active,
            }
        super().__init__(*args, **kwargs)
        choice_field(self, "department").choices = [("", "—"), *department_choices()]
        model_choice_field(self, "group").queryset = PeopleGroup.objects.order_by("name")
        model_choice_field(self, "kinds").queryset = _kind_choices()

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        hours = data.pop("hours")
        data["min_minutes"] = None if hours is None else round(hours * 60)
        data["min_live"] = data.get("min_live") or 0
        department_id = data.pop("department")
        data["department"] = (
            Department.objects.filter(pk=department_id).first() if department_id else None
        )
        data["kinds"] = list(data["kinds"])
        return data


class GroupForm(forms.Form):
    name = forms.CharField(max_length=100)
    description = forms.CharField(max_length=300, required=False)
    members = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Hold Ctrl (or ⌘) to choose several.",
    )

    def __init__(self, *args: Any, instance: PeopleGroup | None = None, **kwargs: Any) -> None:
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "name": instance.name,
                "description": instance.description,
                "members": [p.pk for p in instance.members.all()],
            }
        super().__init__(*args, **kwargs)
        model_choice_field(self, "members").queryset = Person.objects.filter(
            is_active=True
        ).order_by("last_name", "first_name")


class NewHireRuleForm(forms.Form):
    days = forms.IntegerField(
        min_value=1, max_value=366, label="Hired in the last … days", initial=30
    )
    is_active = forms.BooleanField(required=False, initial=True, label="Active")


WEEKDAY_CHOICES = [(str(value), label) for value, label in Weekday.choices]


class AvailabilityForm(forms.Form):
    working_days = forms.MultipleChoiceField(
        choices=WEEKDAY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Working days",
    )
    weekly_max = forms.IntegerField(
        min_value=0,
        max_value=50,
        label="At most … customer activities a week",
        help_text="The scheduler never places you on more in one week.",
    )
    preferred_kinds = forms.ModelMultipleChoiceField(
        queryset=ContactKind.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of contact I prefer",
        help_text="A tie-breaker for the scheduler, not a promise.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "preferred_kinds").queryset = _kind_choices()

    def service_data(self) -> dict[str, Any]:
        return {
            "working_days": [int(day) for day in self.cleaned_data["working_days"]],
            "weekly_max": self.cleaned_data["weekly_max"],
            "preferred_kinds": list(self.cleaned_data["preferred_kinds"]),
        }


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(widget=DateInput(), label="From")
    ends_on = forms.DateField(widget=DateInput(), label="To (last day away)")
    reason = forms.CharField(max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", "The last day cannot be before the first.")
        return data


class AbsenceImportForm(forms.Form):
    file = forms.FileField(
        required=False,
        label="CSV file",
        help_text="Columns: e-mail, from, to, reason (dates like 2026-12-24).",
    )
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        label="… or paste the rows",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            if upload.size and upload.size > 1024 * 1024:
                raise forms.ValidationError("The file is larger than 1 MB; split it, please.")
            raw = upload.read()
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                data["text"] = raw.decode("cp1252", errors="replace")
        if not (data.get("text") or "").strip():
            raise forms.ValidationError("Choose a CSV file or paste the rows.")
        return data


class ProgressFilterForm(forms.Form):
    """Filters of everyone's progress; anything invalid is simply ignored."""

    department = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    role_kind = forms.ChoiceField(
        required=False, choices=[("", "Any role"), *RoleKind.choices], label="Role"
    )
    standard = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Everyone"), ("behind", "Behind"), ("met", "Meeting the standards")],
        label="Status",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "department").choices = [("", "Any department"), *department_choices()]
        choice_field(self, "standard").choices = [
            ("", "Any standard"),
            *Standard.objects.filter(is_active=True).values_list("id", "name"),
        ]

    def filters(self) -> dict[str, Any]:
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        return {
            "department_id": data["department"],
            "role_kind": data["role_kind"] or "",
            "standard_id": data["standard"],
        }

    @property
    def chosen_status(self) -> str:
        self.is_valid()
        return self.cleaned_data.get("status") or ""
