"""The company: departments (a tree) and the people in them."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Department(models.Model):
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "parent", name="department_name_unique_in_parent"
            ),
            models.UniqueConstraint(
                Lower("name"),
                condition=models.Q(parent__isnull=True),
                name="department_root_name_unique",
                violation_error_message="A top-level department with this name already exists.",
                violation_error_code="unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="department_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoleKind(models.TextChoices):
    TECHNICAL = "technical", "Technical"
    CUSTOMER_FACING = "customer_facing", "Customer-facing"
    LEADER = "leader", "Leader"
    OTHER = "other", "Other"


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> "PersonQuerySet":
        return self.filter(is_active=True)

    def search(self, text: str) -> "PersonQuerySet":
        qs = self
        for word in text.split()[:6]:
            qs = qs.filter(
                models.Q(first_name__icontains=word)
                | models.Q(last_name__icontains=word)
                | models.Q(email__icontains=word)
                | models.Q(title__icontains=word)
            )
        return qs


class Person(models.Model):
    """An employee. May or may not have a login (accounts.User.person)."""

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100, blank=True)
    email = models.EmailField("work e-mail", unique=True)
    external_id = models.CharField(
        max_length=100, null=True, blank=True, unique=True, help_text="Id in the HR system."
    )
    title = models.CharField(max_length=200, blank=True)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    role_kind = models.CharField(max_length=20, choices=RoleKind.choices, default=RoleKind.OTHER)
    hire_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    photo = models.ImageField(upload_to="people/", blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(manager=models.F("pk")),
                name="person_not_own_manager",
                violation_error_message="A person cannot be their own manager.",
            ),
        ]
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
