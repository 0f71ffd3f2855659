"""The search box and its filters (the page, saved searches and the API read them alike)."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from ridealong.core.forms import choice_field
from ridealong.core.models import Organisation
from ridealong.customers.models import Customer, Relationship
from ridealong.engagements.models import ContactKind
from ridealong.people.selectors import department_choices, department_descendant_ids
from ridealong.search.models import DocumentKind, SavedSearch
from ridealong.search.query import MAX_QUERY_LENGTH
from ridealong.search.selectors import SearchFilters

INSIGHT_TYPES = [
    ("pain", "Pain"),
    ("gain", "Gain"),
    ("objection", "Objection"),
    ("idea", "Idea"),
    ("praise", "Praise"),
    ("question", "Question"),
    ("request", "Request"),
]
SENTIMENTS = [("negative", "Negative"), ("neutral", "Neutral"), ("positive", "Positive")]
# The GET parameters a search (and a saved search) consists of, besides q.
FILTER_FIELDS = (
    "kind",
    "customer",
    "segment",
    "relationship",
    "contact_kind",
    "insight_type",
    "tag",
    "product_area",
    "department",
    "since",
    "until",
    "sentiment",
)


def _insight_types() -> list[tuple[str, str]]:
    try:
        from ridealong.insights.models import InsightType
    except ImportError:
        return INSIGHT_TYPES
    return list(InsightType.choices)


class SearchForm(forms.Form):
    """Anything invalid in a filter is left out of the search and named on the form."""

    q = forms.CharField(required=False, max_length=MAX_QUERY_LENGTH, label="Search for")
    kind = forms.ChoiceField(required=False, label="What")
    customer = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    segment = forms.ChoiceField(required=False)
    relationship = forms.ChoiceField(required=False)
    contact_kind = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Kind of contact"
    )
    insight_type = forms.ChoiceField(required=False, label="Insight type")
    tag = forms.CharField(required=False, max_length=100)
    product_area = forms.CharField(required=False, max_length=100, label="Product area")
    department = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Participant's department"
    )
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    sentiment = forms.ChoiceField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        choice_field(self, "kind").choices = [("", "Everything"), *DocumentKind.choices]
        choice_field(self, "customer").choices = [
            ("", "Any customer"),
            *Customer.objects.order_by("name").values_list("pk", "name"),
        ]
        segments = (
            Customer.objects.exclude(segment="")
            .order_by("segment")
            .values_list("segment", flat=True)
            .distinct()
        )
        choice_field(self, "segment").choices = [("", "Any segment"), *((s, s) for s in segments)]
        choice_field(self, "relationship").choices = [
            ("", "Any relationship"),
            *Relationship.choices,
        ]
        choice_field(self, "contact_kind").choices = [
            ("", "Any kind"),
            *ContactKind.objects.order_by("position", "name").values_list("pk", "name"),
        ]
        choice_field(self, "insight_type").choices = [("", "Any type"), *_insight_types()]
        choice_field(self, "department").choices = [("", "Any department"), *department_choices()]
        choice_field(self, "sentiment").choices = [("", "Any sentiment"), *SENTIMENTS]
        fields["q"].widget.attrs.update(
            {
                "type": "search",
                "placeholder": 'Words, "a phrase", or manu*',
                "autocomplete": "off",
                "autofocus": True,
            }
        )

    @property
    def filters_used(self) -> bool:
        return any(str(self.data.get(name, "")).strip() for name in FILTER_FIELDS)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end comes before the start.")
        return data

    def text(self) -> str:
        return (self.cleaned_data.get("q") or "") if self.is_valid() else self.data.get("q", "")

    def filters(self) -> SearchFilters:
        """The valid filters (invalid ones are dropped; the form shows why)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) for name in FILTER_FIELDS}
        zone = ZoneInfo(Organisation.current().time_zone)

        def start_of(day: datetime.date | None) -> datetime.datetime | None:
            return datetime.datetime.combine(day, datetime.time(), zone) if day else None

        department = data["department"]
        return SearchFilters(
            kinds=(data["kind"],) if data["kind"] else (),
            customer_id=data["customer"],
            segment=data["segment"] or "",
            relationship=data["relationship"] or "",
            contact_kind_id=data["contact_kind"],
            insight_type=data["insight_type"] or "",
            tag=(data["tag"] or "").strip(),
            product_area=(data["product_area"] or "").strip(),
            department_ids=tuple(sorted(department_descendant_ids(department)))
            if department
            else (),
            since=start_of(data["since"]),
            until=start_of(data["until"] + datetime.timedelta(days=1)) if data["until"] else None,
            sentiment=data["sentiment"] or "",
        )

    def saved_filters(self) -> dict[str, str]:
        """The filters as the strings that were typed, for a saved search."""
        self.is_valid()
        return {
            name: str(self.data.get(name, "")).strip()
            for name in FILTER_FIELDS
            if name not in self.errors and str(self.data.get(name, "")).strip()
        }


class SavedSearchForm(forms.ModelForm):
    class Meta:
        model = SavedSearch
        fields = ["name"]
        labels = {"name": "Save this search as"}
