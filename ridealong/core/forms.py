"""Forms of the settings pages. They parse input; the services hold the rules."""

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from ridealong.accounts.models import Role, User
from ridealong.core.models import Weekday
from ridealong.core.selectors import DepartmentRow
from ridealong.engagements.models import Practice
from ridealong.people.models import Department, Person

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # no SVG: it can carry script


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class OrganisationForm(forms.Form):
    name = forms.CharField(label="Organisation name", max_length=200)
    time_zone = forms.ChoiceField(
        choices=time_zone_choices,
        help_text="Weeks, months and standards' periods are counted in this time zone.",
    )
    week_start = forms.TypedChoiceField(label="Weeks start on", choices=Weekday.choices, coerce=int)
    logo = forms.ImageField(
        required=False,
        help_text="PNG, JPEG, GIF or WebP, at most 2 MB. Shown in the header and on the "
        "sign-in page (to anyone).",
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    remove_logo = forms.BooleanField(label="Remove the logo", required=False)

    def clean_logo(self) -> UploadedFile | None:
        logo = self.cleaned_data.get("logo")
        if not logo or not isinstance(logo, UploadedFile):
            return None  # no new file (ClearableFileInput may hand back the current one)
        if logo.size is not None and logo.size > LOGO_MAX_BYTES:
            raise ValidationError("The logo is larger than 2 MB; please use a smaller image.")
        image = getattr(logo, "image", None)
        if image is None or image.format not in LOGO_FORMATS:
            raise ValidationError("Upload a PNG, JPEG, GIF or WebP image.")
        return logo


def department_choices(rows: list[DepartmentRow], *, exclude: int | None = None) -> list:
    indent = "\u2003"  # an em space: the select shows the tree
    return [("", "— Top level —")] + [
        (row.department.pk, indent * row.depth + row.department.name)
        for row in rows
        if row.department.pk != exclude
    ]


class DepartmentForm(forms.Form):
    name = forms.CharField(max_length=200)
    parent = forms.ModelChoiceField(
        queryset=Department.objects.all(), required=False, label="Inside", empty_label=None
    )

    def __init__(
        self, *args: Any, tree: list[DepartmentRow], exclude: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        # Tree order and indentation; validation still looks the choice up in the queryset.
        self.fields["parent"].choices = department_choices(tree, exclude=exclude)


class KindForm(forms.Form):
    name = forms.CharField(max_length=100)
    practice = forms.ChoiceField(choices=Practice.choices)
    is_live = forms.BooleanField(
        label="Live customer contact",
        required=False,
        initial=True,
        help_text="Real customers, in real time (not a role-play or a workshop).",
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    position = forms.IntegerField(
        min_value=0, max_value=32767, initial=100, help_text="Lower numbers come first in lists."
    )
    is_active = forms.BooleanField(
        label="Active", required=False, initial=True, help_text="Inactive kinds cannot be picked."
    )


class UserCreateForm(forms.Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.active()
        .filter(user__isnull=True)
        .order_by("last_name", "first_name"),
        help_text="People who have no login yet.",
    )
    email = forms.EmailField(
        label="Sign-in e-mail",
        required=False,
        help_text="Leave empty to use the person's work e-mail.",
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].label_from_instance = lambda p: f"{p.full_name} · {p.email}"


class UserEditForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    is_active = forms.BooleanField(
        label="Active", required=False, help_text="Inactive logins cannot sign in or use tokens."
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    role = forms.ChoiceField(choices=[("", "Every role"), *Role.choices], required=False)
    active = forms.ChoiceField(
        choices=[("", "Active or not"), ("yes", "Active"), ("no", "Inactive")], required=False
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="Action starts with", required=False, max_length=100)
    actor = forms.ModelChoiceField(
        queryset=User.objects.select_related("person").order_by("email"),
        required=False,
        empty_label="Anyone",
        label="Done by",
    )
