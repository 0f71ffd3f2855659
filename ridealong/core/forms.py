"""Form tools every app uses (a service's errors on a form, a parse-only ModelForm, a date
widget, the photo rule) and the forms of core's own settings pages (organisation, audit)."""

import zoneinfo
from collections.abc import Mapping
from functools import cache
from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models

from ridealong.core.models import Weekday

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # no SVG: it can carry script


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's copy of a declared choice field, to set its choices (`form.fields` types
    every field as a plain Field)."""
    return cast(forms.ChoiceField, form.fields[name])


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's copy of a declared model choice field, to set its queryset."""
    return cast(forms.ModelChoiceField, form.fields[name])


def _violated_constraint(form: forms.BaseForm, error: ValidationError) -> str | None:
    """The name of the form's model constraint whose generic message `error` carries."""
    model = getattr(getattr(form, "_meta", None), "model", None)
    if model is None:
        return None
    for constraint in model._meta.constraints:
        if error.message == constraint.get_violation_error_message():
            return constraint.name
    return None


def add_service_errors(
    form: forms.BaseForm,
    error: ValidationError,
    constraints: Mapping[str, tuple[str | None, str]] | None = None,
    *,
    fields: Mapping[str, str] | None = None,
) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one.

    `constraints` turns a database constraint's generic "Constraint … is violated." into a
    message for a person: {constraint name: (field or None, message)}.
    `fields` names the form's field for a service field it calls otherwise:
    {"starts_at": "start_time"}. Errors on fields the form lacks go on top, with their name.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = (fields or {}).get(field, field)
        for item in errors:
            name = _violated_constraint(form, item) if constraints else None
            if constraints and name is not None and name in constraints:
                where, message = constraints[name]
                form.add_error(where if where in form.fields else None, message)
            elif target in form.fields:
                form.add_error(target, item)
            elif field == NON_FIELD_ERRORS:
                form.add_error(None, item)
            else:
                form.add_error(None, f"{field.replace('_', ' ')}: {' '.join(item.messages)}")


class ServiceModelForm(forms.ModelForm):
    """A ModelForm that only parses input: its model validation is left to the service.

    The service runs full_clean and its own rules (and audits); validating here as well would
    also change the instance before the service can record what changed.
    """

    def _post_clean(self) -> None:
        pass

    def service_data(self) -> dict[str, Any]:
        """cleaned_data as keyword arguments for a service, files only when they changed."""
        data = dict(self.cleaned_data)
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField):
                if name not in self.changed_data:
                    data.pop(name, None)
                elif data.get(name) is False:  # "clear" ticked
                    data[name] = ""
        return data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def validate_photo(photo: Any) -> None:
    """A photo is a JPEG, PNG, WebP or GIF image of at most 5 MB."""
    if not isinstance(photo, UploadedFile):
        return  # the photo already stored, not a new upload
    if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
        raise ValidationError("The photo is larger than 5 MB; please upload a smaller one.")
    image = getattr(photo, "image", None)  # set by forms.ImageField once Pillow has read it
    if image is not None and (image.format or "").upper() not in PHOTO_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.")


# Core's settings pages -----------------------------------------------------------------


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names]


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


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="Action starts with", required=False, max_length=100)
    actor: "forms.ModelChoiceField[models.Model]" = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Anyone", label="Done by"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django's user model (AUTH_USER_MODEL), as AuditEvent.actor: core names no app.
        users = get_user_model().objects.select_related("person").order_by("email")
        model_choice_field(self, "actor").queryset = users
