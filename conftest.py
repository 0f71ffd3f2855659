"""Shared test fixtures: the same cast in every permission test.

Team A (Engineering): manager Mia, her report Max (a member, who has visited Acme).
Team B (Finance): manager Olga, her report Fay.
Pat is the program lead, Ada the admin. Acme is a customer Max engaged with; Globex
is one nobody in the cast has met. `api` calls the REST API as one of the cast, with a real token.
"""

import datetime
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine
from django.test import Client

from ridealong.accounts.models import Role, User
from ridealong.accounts.services import token_create
from ridealong.customers.models import Contact, Customer
from ridealong.engagements.catalog import install_default_kinds
from ridealong.engagements.models import ContactKind, Engagement, Part
from ridealong.people.models import Department, Person, RoleKind
from tests import factories as f


@pytest.fixture(autouse=True)
def _test_clock(request):
    # RIDEALONG_TEST_CLOCK=<ISO datetime> runs every test at that moment, to catch calendar bugs.
    moment = os.environ.get("RIDEALONG_TEST_CLOCK")
    # A test's own time_machine marker starts first, so travelling here would override it.
    if not moment or request.node.get_closest_marker("time_machine"):
        yield
        return
    with time_machine.travel(datetime.datetime.fromisoformat(moment), tick=True):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@dataclass
class Cast:
    engineering: Department
    finance: Department
    member: User
    manager: User
    other_manager: User
    other_member: User
    program_lead: User
    admin: User
    acme: Customer
    acme_contact: Contact
    globex: Customer
    globex_contact: Contact
    acme_visit: Engagement

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


@pytest.fixture
def cast(db) -> Cast:
    # A transactional test empties every table when it ends, the shipped kinds included.
    install_default_kinds(ContactKind)
    engineering = f.DepartmentFactory(name="Engineering")
    finance = f.DepartmentFactory(name="Finance")
    mia = f.PersonFactory(
        first_name="Mia",
        last_name="Manager",
        email="mia@example.com",
        department=engineering,
        role_kind=RoleKind.LEADER,
        title="Head of engineering",
    )
    max_ = f.PersonFactory(
        first_name="Max",
        last_name="Member",
        email="max@example.com",
        department=engineering,
        manager=mia,
    )
    olga = f.PersonFactory(
        first_name="Olga",
        last_name="Other",
        email="olga@example.com",
        department=finance,
        role_kind=RoleKind.LEADER,
        title="Head of finance",
    )
    fay = f.PersonFactory(
        first_name="Fay",
        last_name="Finance",
        email="fay@example.com",
        department=finance,
        manager=olga,
        role_kind=RoleKind.OTHER,
        title="Accountant",
    )
    pat = f.PersonFactory(
        first_name="Pat", last_name="Lead", email="pat@example.com", role_kind=RoleKind.LEADER
    )
    ada = f.PersonFactory(first_name="Ada", last_name="Admin", email="ada@example.com")
    acme = f.CustomerFactory(name="Acme Foods")
    acme_contact = f.ContactFactory(customer=acme, name="Carla Contact", email="carla@acme.example")
    globex = f.CustomerFactory(name="Globex Packaging")
    globex_contact = f.ContactFactory(
        customer=globex, name="Gus Contact", email="gus@globex.example"
    )
    visit = f.EngagementFactory(customer=acme, summary="Watched the night shift use the line")
    visit.contacts.add(acme_contact)
    f.ParticipationFactory(engagement=visit, person=max_, part=Part.OBSERVER)
    return Cast(
        engineering=engineering,
        finance=finance,
        member=f.UserFactory(person=max_, role=Role.MEMBER),
        manager=f.UserFactory(person=mia, role=Role.MANAGER),
        other_manager=f.UserFactory(person=olga, role=Role.MANAGER),
        other_member=f.UserFactory(person=fay, role=Role.MEMBER),
        program_lead=f.UserFactory(person=pat, role=Role.PROGRAM_LEAD),
        admin=f.UserFactory(person=ada, role=Role.ADMIN, is_staff=True, is_superuser=True),
        acme=acme,
        acme_contact=acme_contact,
        globex=globex,
        globex_contact=globex_contact,
        acme_visit=visit,
    )


@pytest.fixture
def admin_client_of_cast(client, cast):
    """A client signed in as the cast's admin (Ada)."""
    client.force_login(cast.admin)
    return client


Api = Callable[..., Any]


@pytest.fixture
def tokens(cast) -> Callable[[str], str]:
    """The raw token of a role of the cast (made on first use)."""
    made: dict[str, str] = {}

    def token_for(role: str) -> str:
        if role not in made:
            made[role] = token_create(user=cast.user(role), name=f"{role}'s tests", by=None)[1]
        return made[role]

    return token_for


@pytest.fixture
def api(client: Client, tokens) -> Api:
    """api(role, method, path, body=None, *, raw=None, **query) → response (JSON in .json())."""

    def call(
        role: str, method: str, path: str, body: Any = None, *, raw: str | None = None, **query: Any
    ):
        headers = {} if role == "anonymous" else {"authorization": f"Bearer {tokens(role)}"}
        url = "/api/v1" + path
        if method == "get":
            return client.get(url, query, headers=headers)
        data = raw if raw is not None else ("" if body is None else json.dumps(body))
        return getattr(client, method)(url, data, content_type="application/json", headers=headers)

    return call


ROLES = ["anonymous", "member", "manager", "other_manager", "program_lead", "admin"]
__all__ = ["ROLES", "Cast", "Person"]


def _hypothesis_profiles() -> None:
    import os

    from hypothesis import settings as hypothesis_settings

    # Same examples on every run, day and machine (no saved database replaying old finds), so
    # the suite never fails at random; hunt new cases on purpose with HYPOTHESIS_PROFILE=explore
    # and pin what it finds with @example.
    hypothesis_settings.register_profile(
        "ridealong", derandomize=True, deadline=None, database=None
    )
    hypothesis_settings.register_profile("explore", deadline=None, max_examples=1000)
    hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ridealong"))


_hypothesis_profiles()
