"""Forms for the people pages. They parse input; the services validate and save."""

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q

from ridealong.people.models import Person, RoleKind
from ridealong.people.selectors import PERSON_STATUSES, department_choices

MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_photo(photo: Any) -> None:
    """A photo is a JPEG, PNG, WebP or GIF image of at most 5 MB."""
    if not isinstance(photo, UploadedFile):
        return  # the photo already stored, not a new upload
    if photo.size is not None and photo.size > MAX_PHOTO_BYTES:
        raise ValidationError("The photo is larger than 5 MB; please upload a smaller one.")
    image = getattr(photo, "image", None)  # set by forms.ImageField once Pillow has read it
    if image is not None and (image.format or "").upper() not in PHOTO_FORMATS:
        raise ValidationError("Upload a JPEG, PNG, WebP or GIF image.")


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
    constraints: dict[str, tuple[str | None, str]] | None = None,
) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one.

    `constraints` turns a database constraint's generic "Constraint … is violated." into a
    message for a person: {constraint name: (field or None, message)}.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        for item in errors:
            name = _violated_constraint(form, item) if constraints else None
            if constraints and name in constraints:
                target, message = constraints[name]
                form.add_error(target if target in form.fields else None, message)
            elif field in form.fields:
                form.add_error(field, item)
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


class PersonForm(ServiceModelForm):
    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "email",
            "title",
            "department",
            "manager",
            "role_kind",
            "hire_date",
            "location",
            "external_id",
            "is_active",
            "photo",
        ]
        widgets = {"hire_date": DateInput()}
        labels = {
            "external_id": "HR system id",
            "is_active": "Active (works here now)",
            "role_kind": "Kind of role",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(is_active=True)
        if self.instance.pk:
            # Keep a current manager who has since left, so saving does not silently drop them.
            people = Person.objects.filter(
                Q(is_active=True) | Q(pk=self.instance.manager_id or 0)
            ).exclude(pk=self.instance.pk)
        self.fields["manager"].queryset = people.order_by("last_name", "first_name")  # type: ignore[attr-defined]
        self.fields["manager"].empty_label = "No manager"  # type: ignore[attr-defined]
        # Departments in tree order, named with their parents ("Engineering › Firmware").
        self.fields["department"].choices = [("", "No department"), *department_choices()]  # type: ignore[attr-defined]
        self.fields["photo"].validators.append(validate_photo)
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        self.fields["email"].widget.attrs["autocomplete"] = "off"


class PersonFilterForm(forms.Form):
    """The people list's search and filters; anything invalid is simply ignored."""

    q = forms.CharField(required=False, max_length=200, label="Search")
    department = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    role_kind = forms.ChoiceField(
        required=False, choices=[("", "Any role"), *RoleKind.choices], label="Role"
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("active", "Active"), ("inactive", "Inactive"), ("all", "Active and inactive")],
        label="Status",
    )

    def __init__(self, *args: Any, departments: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", "Any department"), *departments]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": "Name, e-mail or title", "autocomplete": "off"}
        )

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for people.selectors.person_list."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in self.fields}
        status = data["status"] if data["status"] in PERSON_STATUSES else "active"
        return {
            "search": (data["q"] or "").strip(),
            "department_id": data["department"],
            "role_kind": data["role_kind"] or "",
            "status": status,
        }


class PersonDeleteForm(forms.Form):
    action = forms.ChoiceField(choices=[("deactivate", "Mark inactive"), ("delete", "Delete")])
