"""Customers (accounts: a company or a household) and the contacts at them."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Relationship(models.TextChoices):
    CURRENT = "current", "Current customer"
    PROSPECT = "prospect", "Prospect"
    COMPETITOR_CLIENT = "competitor_client", "Competitor's client"


class PhotoUse(models.TextChoices):
    INTERNAL = "internal", "Internal pages only"
    WALL = "wall", "Customer wall and internal pages"


class CustomerQuerySet(models.QuerySet["Customer"]):
    def search(self, text: str) -> "CustomerQuerySet":
        qs = self
        for word in text.split()[:6]:
            qs = qs.filter(
                models.Q(name__icontains=word)
                | models.Q(city__icontains=word)
                | models.Q(industry__icontains=word)
                | models.Q(segment__icontains=word)
            )
        return qs


class Customer(models.Model):
    name = models.CharField(max_length=200)
    external_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True, help_text="Id in the CRM."
    )
    relationship = models.CharField(
        max_length=20, choices=Relationship.choices, default=Relationship.CURRENT
    )
    segment = models.CharField(max_length=100, blank=True)
    industry = models.CharField(max_length=100, blank=True)
    city = models.CharField(max_length=100, blank=True)
    country = models.CharField(max_length=100, blank=True)
    annual_revenue = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    owner = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_customers",
        verbose_name="account owner",
    )
    notes = models.TextField(blank=True)
    photo = models.ImageField(upload_to="customers/", blank=True)
    photo_consent_by = models.CharField(
        "consent given by", max_length=200, blank=True, help_text="Who at the customer agreed."
    )
    photo_consent_at = models.DateField("consent given on", null=True, blank=True)
    photo_consent_use = models.CharField(
        "consent covers", max_length=20, choices=PhotoUse.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CustomerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            # A recorded consent names who gave it and when, or it is not recorded at all.
            models.CheckConstraint(
                condition=models.Q(photo_consent_use="")
                | (~models.Q(photo_consent_by="") & models.Q(photo_consent_at__isnull=False)),
                name="customer_photo_consent_complete",
                violation_error_message=(
                    "Record who gave consent and when, or leave the consent empty."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(annual_revenue__isnull=True) | models.Q(annual_revenue__gte=0),
                name="customer_revenue_not_negative",
                violation_error_message="Annual revenue cannot be negative.",
            ),
        ]
        indexes = [models.Index(Lower("name"), name="customer_name_lower")]

    def __str__(self) -> str:
        return self.name

    @property
    def photo_has_consent(self) -> bool:
        return bool(self.photo and self.photo_consent_use)


class Channel(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    IN_PERSON = "in_person", "In person"


class Contact(models.Model):
    """A person at a customer."""

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    preferred_channel = models.CharField(max_length=20, choices=Channel.choices, blank=True)
    do_not_contact = models.BooleanField(default=False)
    external_id = models.CharField(max_length=100, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "customer",
                Lower("email"),
                condition=~models.Q(email=""),
                name="contact_email_unique_per_customer",
                violation_error_message="This customer already has a contact with that e-mail.",
                violation_error_code="unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name
