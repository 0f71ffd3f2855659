"""Forms for the people pages. They parse input; the services validate and save."""

from typing import Any

from django import forms
from django.db.models import Q

from ridealong.core.forms import (
    DateInput,
    ServiceModelForm,
    choice_field,
    model_choice_field,
    validate_photo,
)
from ridealong.people.models import Department, Person, RoleKind
from ridealong.people.selectors import PERSON_STATUSES, DepartmentRow, department_choices


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
        model_choice_field(self, "manager").queryset = people.order_by("last_name", "first_name")
        model_choice_field(self, "manager").empty_label = "No manager"
        # Departments in tree order, named with their parents ("Engineering › Firmware").
        choice_field(self, "department").choices = [("", "No department"), *department_choices()]
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
        choice_field(self, "department").choices = [("", "Any department"), *departments]
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


# Settings › Departments ----------------------------------------------------------------


def department_parent_choices(rows: list[DepartmentRow], *, exclude: int | None = None) -> list:
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
        choice_field(self, "parent").choices = department_parent_choices(tree, exclude=exclude)
