"""Forms for logging an engagement and for filtering the engagements list.

The log form only parses input; the rules (a live contact needs a customer, contacts belong
to the customer, not in the future, …) live in engagements.services and come back as
ValidationErrors the view puts on these fields.

Customer, contacts and participants are "picked by typing": with JavaScript, htmx suggests
matches and a click adds a chip (a checked checkbox or radio). Without JavaScript, the text
typed in a picker's search box is resolved when the form is posted: one match is picked,
several are offered as unchecked choices, none is an error on the field.
"""

import datetime
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from ridealong.core.forms import choice_field, model_choice_field
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.models import (
    ContactKind,
    Engagement,
    EngagementChannel,
    Part,
    Practice,
)
from ridealong.people.models import Department, Person

# The duration quick choices on the form (label, minutes).
DURATION_PRESETS: list[tuple[str, int]] = [
    ("30 min", 30),
    ("1 h", 60),
    ("2 h", 120),
    ("Half day", 240),
]
DEFAULT_DURATION_MINUTES = 60
# How many matches a picker offers when what was typed is ambiguous.
MATCH_LIMIT = 10
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def clean_query(text: str | None, *, limit: int = 100) -> str:
    """A search text safe for any database: no NUL characters, not too long."""
    return (text or "").replace("\x00", "").strip()[:limit]


def now_to_quarter_hour() -> datetime.datetime:
    """Now in the organisation's time zone, rounded to the nearest quarter hour."""
    now = timezone.localtime().replace(second=0, microsecond=0)
    minutes = (now.minute + 7) // 15 * 15
    return now.replace(minute=0) + datetime.timedelta(minutes=minutes)


def _ids(values: Sequence[Any]) -> list[int]:
    """Distinct positive integer ids in the order given; anything else is dropped."""
    seen: list[int] = []
    for value in values:
        try:
            pk = int(str(value))
        except ValueError:
            continue
        if pk > 0 and pk not in seen:
            seen.append(pk)
    return seen


def _kind_choices(kinds: QuerySet[ContactKind]) -> list[Any]:
    """Kinds grouped by practice, groups in the order of their first kind's position."""
    labels = dict(Practice.choices)
    groups: dict[str, list[tuple[int, str]]] = {}
    for kind in kinds:
        groups.setdefault(labels.get(kind.practice, kind.practice), []).append((kind.pk, kind.name))
    choices: list[Any] = [("", "What kind of contact?")]
    for label, options in groups.items():
        choices.append((label, options) if len(options) > 1 else options[0])
    return choices


class EngagementForm(forms.Form):
    # The pickers' search boxes (customer_q, contact_q, participant_q) are read from the
    # raw data in clean_<picker>(), NUL characters dropped: typing there is never an error.
    kind = forms.ModelChoiceField(
        queryset=ContactKind.objects.none(),
        error_messages={
            "required": "Pick what kind of contact this was.",
            "invalid_choice": "Pick one of the kinds in the list.",
        },
    )
    customer = forms.ModelChoiceField(
        queryset=Customer.objects.all(),
        required=False,
        error_messages={"invalid_choice": "That customer is no longer there; pick again."},
    )
    contacts = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.select_related("customer"),
        required=False,
        error_messages={"invalid_choice": "A contact you picked is no longer there."},
    )
    participants = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(),
        required=False,
        error_messages={"invalid_choice": "Someone you picked is no longer in the directory."},
    )
    started_at = forms.DateTimeField(
        label="Started",
        input_formats=[DATETIME_LOCAL_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL_FORMAT),
        error_messages={
            "required": "Say when it started.",
            "invalid": "Enter a date and time, e.g. 2025-03-14 09:30.",
        },
    )
    duration_minutes = forms.IntegerField(
        label="Minutes",
        widget=forms.NumberInput(attrs={"min": 1, "max": 1440, "inputmode": "numeric"}),
        error_messages={
            "required": "Say how long it took, in minutes.",
            "invalid": "Enter the duration as a whole number of minutes.",
        },
    )
    channel = forms.ChoiceField(
        choices=EngagementChannel.choices,
        initial=EngagementChannel.ON_SITE,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Pick on site, phone or video."},
    )
    place = forms.CharField(required=False, max_length=200)
    summary = forms.CharField(
        max_length=300,
        error_messages={"required": "Say in a line what happened."},
    )
    notes = forms.CharField(
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    # Fields whose errors a "find" post (no JavaScript: resolve what was typed) shows.
    PICKER_FIELDS = ("customer", "contacts", "participants")

    def __init__(self, *args: Any, engagement: Engagement | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = ContactKind.objects.filter(is_active=True)
        if engagement is not None:
            # An engagement of a kind retired since is still editable.
            kinds = ContactKind.objects.filter(Q(is_active=True) | Q(pk=engagement.kind_id))
        self.kinds = kinds.order_by("position", "name")  # those the form offers
        kinds = self.kinds
        model_choice_field(self, "kind").queryset = kinds
        choice_field(self, "kind").choices = _kind_choices(kinds)
        # Ambiguous typed text, offered back as choices: {field: [objects]}.
        self.matches: dict[str, list[Any]] = {}
        # Search boxes whose text became a pick (or choices) are emptied on the re-rendered form.
        self.resolved_queries: set[str] = set()

    # --- Resolving typed text (no JavaScript, or typed but not picked) ---

    def _resolve(self, field: str, query_field: str, qs: QuerySet, exact: Q) -> list[Any]:
        """What the text typed in `query_field` picks: [] with an error, or [the one]."""
        text = clean_query(self.data.get(query_field), limit=200)
        if not text:
            return []
        exact_matches = list(qs.filter(exact)[:2])
        if len(exact_matches) == 1:
            self.resolved_queries.add(query_field)
            return exact_matches
        found = list(qs[: MATCH_LIMIT + 1])
        if len(found) == 1:
            self.resolved_queries.add(query_field)
            return found
        if found:
            self.matches[field] = found[:MATCH_LIMIT]
            # The choices replace the text, so that ticking one and saving picks it.
            self.resolved_queries.add(query_field)
            self.add_error(field, f"Several match “{text}”: tick the one you mean.")
        else:
            self.add_error(field, f"Nothing matches “{text}”.")
        return []

    def clean_customer(self) -> Customer | None:
        # Text typed in the search box wins: without JavaScript it is how one changes customer.
        text = clean_query(self.data.get("customer_q"))
        if text:
            found = self._resolve(
                "customer",
                "customer_q",
                Customer.objects.search(text).order_by("name", "id"),
                Q(name__iexact=text),
            )
            if found:
                return found[0]
        return self.cleaned_data.get("customer")

    @property
    def _lists(self) -> "MultiValueDict[str, Any]":
        # The posted data (request.POST, or Form's empty MultiValueDict), with its lists;
        # the stubs type Form.data as a plain Mapping.
        return cast("MultiValueDict[str, Any]", self.data)

    def clean_contacts(self) -> list[Contact]:
        chosen = {c.pk: c for c in self.cleaned_data.get("contacts") or []}
        contacts = [chosen[pk] for pk in _ids(self._lists.getlist("contacts")) if pk in chosen]
        customer = self.cleaned_data.get("customer")
        text = clean_query(self.data.get("contact_q"))
        if text and customer is None:
            self.add_error("contacts", "Pick the customer first, then who you met there.")
        elif text and customer is not None:
            qs = customer.contacts.filter(
                Q(name__icontains=text) | Q(title__icontains=text)
            ).order_by("name", "id")
            contacts += [
                c
                for c in self._resolve("contacts", "contact_q", qs, Q(name__iexact=text))
                if c not in contacts
            ]
        return contacts

    def clean_participants(self) -> list[tuple[Person, str]]:
        chosen = {p.pk: p for p in self.cleaned_data.get("participants") or []}
        people = [chosen[pk] for pk in _ids(self._lists.getlist("participants")) if pk in chosen]
        text = clean_query(self.data.get("participant_q"))
        if text:
            qs = Person.objects.active().search(text).order_by("last_name", "first_name", "id")
            exact = Q(email__iexact=text)
            if " " in text:
                first, _, last = text.partition(" ")
                exact |= Q(first_name__iexact=first, last_name__iexact=last.strip())
            people += [
                p
                for p in self._resolve("participants", "participant_q", qs, exact)
                if p not in people
            ]
        # The part comes from the select next to each person.
        participants = [(p, self.data.get(f"part-{p.pk}") or Part.OBSERVER) for p in people]
        if any(part not in Part.values for _, part in participants):
            self.add_error("participants", "Pick host, lead or observer for each person.")
            participants = [
                (p, part if part in Part.values else Part.OBSERVER) for p, part in participants
            ]
        return participants

    # --- What the template shows as picked, whether the form is valid or not ---

    def _bound_or_initial(self, name: str) -> Any:
        if self.is_bound and hasattr(self, "cleaned_data") and name in self.cleaned_data:
            return self.cleaned_data[name]
        return None

    def picked_customer(self) -> Customer | None:
        if not self.is_bound:
            return self.initial.get("customer")
        customer = self._bound_or_initial("customer")
        if customer is None:
            ids = _ids(self._lists.getlist("customer"))
            customer = Customer.objects.filter(pk__in=ids[:1]).first() if ids else None
        return customer

    def picked_contacts(self) -> list[Contact]:
        if not self.is_bound:
            return list(self.initial.get("contacts", []))
        contacts = self._bound_or_initial("contacts")
        if contacts is None:
            ids = _ids(self._lists.getlist("contacts"))
            by_id = Contact.objects.in_bulk(ids)
            contacts = [by_id[pk] for pk in ids if pk in by_id]
        return contacts

    def picked_participants(self) -> list[tuple[Person, str]]:
        if not self.is_bound:
            return list(self.initial.get("participants", []))
        participants = self._bound_or_initial("participants")
        if participants is None:
            ids = _ids(self._lists.getlist("participants"))
            by_id = Person.objects.select_related("department").in_bulk(ids)
            participants = [
                (by_id[pk], self.data.get(f"part-{pk}") or Part.OBSERVER)
                for pk in ids
                if pk in by_id
            ]
        return participants

    @property
    def query_values(self) -> dict[str, str]:
        """The text to show in each picker's search box (empty once it became a pick)."""
        return {
            name: ""
            if not self.is_bound or name in self.resolved_queries
            else clean_query(self.data.get(name), limit=200)
            for name in ("customer_q", "contact_q", "participant_q")
        }

    def service_arguments(self) -> dict[str, Any]:
        """cleaned_data as the keyword arguments of engagement_create/update."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "customer": data["customer"],
            "contacts": data["contacts"],
            "participants": data["participants"],
            "started_at": data["started_at"],
            "duration_minutes": data["duration_minutes"],
            "channel": data["channel"],
            "place": data["place"],
            "summary": data["summary"],
            "notes": data["notes"],
        }


def initial_for_new(
    *, person: Person | None, customer: Customer | None, kind_id: int | None
) -> dict[str, Any]:
    """A fresh form: an hour that ended about now, on site, me as the lead.

    People log a contact when they have just left it, so the start defaults to an hour ago."""
    return {
        "kind": kind_id,
        "customer": customer,
        "contacts": [],
        "participants": [(person, Part.LEAD)] if person is not None else [],
        "started_at": now_to_quarter_hour() - datetime.timedelta(minutes=DEFAULT_DURATION_MINUTES),
        "duration_minutes": DEFAULT_DURATION_MINUTES,
        "channel": EngagementChannel.ON_SITE,
    }


def initial_for_engagement(engagement: Engagement) -> dict[str, Any]:
    return {
        "kind": engagement.kind_id,
        "customer": engagement.customer,
        "contacts": list(engagement.contacts.all()),
        "participants": [(p.person, p.part) for p in engagement.participations.all()],
        "started_at": engagement.started_at,
        "duration_minutes": engagement.duration_minutes,
        "channel": engagement.channel,
        "place": engagement.place,
        "summary": engagement.summary,
        "notes": engagement.notes,
    }


class EngagementFilterForm(forms.Form):
    """The engagements list's filters. Invalid values are ignored, with a message."""

    kind = forms.ModelChoiceField(
        queryset=ContactKind.objects.order_by("position", "name"),
        required=False,
        empty_label="All kinds",
    )
    department = forms.ModelChoiceField(
        queryset=Department.objects.order_by("name"),
        required=False,
        empty_label="All departments",
    )
    customer = forms.ModelChoiceField(queryset=Customer.objects.all(), required=False)
    person = forms.ModelChoiceField(queryset=Person.objects.all(), required=False)
    since = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", "The end is before the start.")
        return data


# Settings › Kinds of contact -----------------------------------------------------------


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
