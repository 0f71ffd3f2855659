"""Forms for the customer pages. They parse input; the services validate, save and audit."""

from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.db.models import Q

from ridealong.core.forms import (
    DateInput,
    ServiceModelForm,
    choice_field,
    model_choice_field,
    validate_photo,
)
from ridealong.customers.models import Contact, Customer, Relationship
from ridealong.people.models import Person

# The database constraints behind these forms, in words for the person filling them in.
CUSTOMER_CONSTRAINTS: dict[str, tuple[str | None, str]] = {
    "customer_revenue_not_negative": ("annual_revenue", "The revenue cannot be negative."),
    "customer_photo_consent_complete": (
        "photo_consent_by",
        "Record who gave consent and when, or leave the consent empty.",
    ),
}
CONTACT_CONSTRAINTS: dict[str, tuple[str | None, str]] = {
    "contact_email_unique_per_customer": (
        "email",
        "Another contact at this customer already has this e-mail address.",
    ),
}


class CustomerForm(ServiceModelForm):
    class Meta:
        model = Customer
        fields = [
            "name",
            "relationship",
            "segment",
            "industry",
            "city",
            "country",
            "annual_revenue",
            "owner",
            "external_id",
            "notes",
            "photo",
            "photo_consent_by",
            "photo_consent_at",
            "photo_consent_use",
        ]
        widgets = {
            "photo_consent_at": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"external_id": "CRM id", "photo_consent_use": "Consent covers"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Active people, and a current owner who has since left (so saving keeps them).
        owners = Person.objects.filter(Q(is_active=True) | Q(pk=self.instance.owner_id or 0))
        model_choice_field(self, "owner").queryset = owners.order_by("last_name", "first_name")
        model_choice_field(self, "owner").empty_label = "No owner"
        self.fields["annual_revenue"].validators.append(MinValueValidator(0))
        self.fields["annual_revenue"].widget.attrs["min"] = "0"
        self.fields["photo"].validators.append(validate_photo)
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        self.fields["photo"].help_text = "JPEG, PNG, WebP or GIF, at most 5 MB."

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        # A photo of a customer is kept only with the customer's recorded consent.
        uploading = "photo" in self.changed_data and data.get("photo")
        if uploading and not data.get("photo_consent_use"):
            self.add_error(
                "photo_consent_use",
                "Record the customer's consent (who, when, for what use) with the photo.",
            )
        return data


class ContactForm(ServiceModelForm):
    class Meta:
        model = Contact
        fields = ["name", "title", "email", "phone", "preferred_channel", "do_not_contact"]
        labels = {"do_not_contact": "Do not contact (they asked us not to)"}


class CustomerFilterForm(forms.Form):
    """The customers list's search and filters; anything invalid is simply ignored."""

    q = forms.CharField(required=False, max_length=200, label="Search")
    relationship = forms.ChoiceField(
        required=False, choices=[("", "Any relationship"), *Relationship.choices]
    )
    segment = forms.ChoiceField(required=False)
    industry = forms.ChoiceField(required=False)
    country = forms.ChoiceField(required=False)

    def __init__(
        self,
        *args: Any,
        segments: list[str],
        industries: list[str],
        countries: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, values, blank in (
            ("segment", segments, "Any segment"),
            ("industry", industries, "Any industry"),
            ("country", countries, "Any country"),
        ):
            choice_field(self, name).choices = [("", blank), *((v, v) for v in values)]
        self.fields["q"].widget.attrs.update(
            {"type": "search", "placeholder": "Name, city, industry", "autocomplete": "off"}
        )

    def filters(self) -> dict[str, str]:
        """Keyword arguments for customers.selectors.customer_search."""
        self.is_valid()
        values = {name: (self.cleaned_data.get(name) or "").strip() for name in self.fields}
        return {
            "search": values["q"],
            "relationship": values["relationship"],
            "segment": values["segment"],
            "industry": values["industry"],
            "country": values["country"],
        }
