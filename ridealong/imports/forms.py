"""Forms of the import pages: the upload, and the column mapping on the preview."""

from typing import Any

from django import forms
from django.conf import settings

from ridealong.imports.mapping import IGNORE, MappingError, check_mapping, fields_for
from ridealong.imports.models import DateOrder, ImportJob, ImportKind
from ridealong.imports.tabular import human_size

ACCEPT = (
    ".csv,.tsv,.txt,.xlsx,text/csv,"
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=[
            (ImportKind.PEOPLE, "People — an HR export (BambooHR, Workday, Personio, HiBob …)"),
            (
                ImportKind.CUSTOMERS,
                "Customers and their contacts — a CRM export (Salesforce, HubSpot, Pipedrive …)",
            ),
        ],
        widget=forms.RadioSelect,
        initial=ImportKind.PEOPLE,
    )
    file = forms.FileField(
        label="File",
        allow_empty_file=True,  # the reader says "The file is empty." like for other files
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text="CSV or Excel (.xlsx).",
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"The file is {human_size(upload.size)}; Ridealong imports files up to "
                f"{human_size(limit)}. Split it into smaller files."
            )
        return upload


class MappingForm(forms.Form):
    """One select per column of the file ("imports as …"), and the date order for people."""

    date_order = forms.ChoiceField(
        label="Dates such as 03/04/2024 are", choices=DateOrder.choices, required=False
    )

    def __init__(self, *args: Any, job: ImportJob, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.job = job
        self.columns = job.preview.get("columns", [])
        choices = [(IGNORE, "— not imported —")] + [
            (spec.key, spec.label) for spec in fields_for(job.kind)
        ]
        for index, column in enumerate(self.columns):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=column["header"],
                choices=choices,
                required=False,
                initial=job.mapping.get(column["header"], IGNORE),
            )
        if job.kind == ImportKind.PEOPLE:
            self.fields["date_order"].initial = job.date_order
        else:
            del self.fields["date_order"]

    def column_rows(self) -> list[tuple[dict, forms.BoundField]]:
        return [(column, self[f"column_{i}"]) for i, column in enumerate(self.columns)]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        mapping = {
            column["header"]: cleaned.get(f"column_{i}") or IGNORE
            for i, column in enumerate(self.columns)
        }
        try:
            check_mapping(mapping, self.job.kind)
        except MappingError as exc:
            raise forms.ValidationError(str(exc)) from exc
        cleaned["mapping"] = mapping
        return cleaned
