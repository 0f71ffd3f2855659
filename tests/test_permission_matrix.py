"""The permission matrix: every URL and every API operation, walked with every role.

Roles: anonymous, member (Max, who visited Acme), manager (Mia, Max's manager), manager of
another team (Olga), program lead (Pat) and admin (Ada) — the cast in conftest.py.
A new route without an expectation here fails `test_every_url_has_an_expectation`, and a new
API operation fails `test_every_api_operation_has_an_expectation`.
"""

import pytest
from django.urls import reverse

from ridealong.accounts.models import ApiToken, hash_token
from ridealong.imports.models import ImportJob
from tests.permissions import (
    LOGIN,
    ROLES,
    Expect,
    admins,
    api_admins,
    api_participant,
    api_program,
    api_statuses,
    app_expectations,
    everyone,
    program,
    statuses,
    url_patterns,
)

# Routes that are not Ridealong's own pages: Django's admin (guarded by is_staff, checked below)
# and the API (walked operation by operation further down).
EXEMPT_PREFIXES = ("django-admin/", "api/v1/")


def person(cast):
    return {"pk": cast.member.person.pk}


def acme(cast):
    return {"pk": cast.acme.pk}


def acme_contact(cast):
    return {"pk": cast.acme_contact.pk}


def visit(cast):
    return {"pk": cast.acme_visit.pk}


def engineering(cast):
    return {"pk": cast.engineering.pk}


def site_visit_kind(cast):
    return {"pk": cast.acme_visit.kind_id}


def member_login(cast):
    return {"pk": cast.member.pk}


def member_token(cast):
    raw = ApiToken.generate()
    token = ApiToken.objects.create(
        user=cast.member, name="laptop", prefix=raw[:10], digest=hash_token(raw)
    )
    return {"pk": token.pk}


def people_import(cast):
    job = ImportJob.objects.create(
        kind="people",
        original_name="people.csv",
        created_by=cast.program_lead,
    )
    return {"pk": job.pk}


# Everyone signed in may edit what they took part in; their manager too; not another team's.
PARTICIPANT = statuses(member=200, manager=200, other_manager=403, program_lead=200)
PARTICIPANT_POST = statuses(member=302, manager=302, other_manager=403, program_lead=302)
# Customer records: program leads and admins (and the account owner — nobody in the cast).
CUSTOMER_EDITORS = statuses(member=403, program_lead=200)

PAGES: dict[str, list[Expect]] = {
    "home": [Expect(everyone())],
    # Sign-in and password reset are public; a signed-in user is sent home from the login page.
    "accounts:login": [Expect(statuses(anonymous=200, member=302))],
    "accounts:logout": [
        Expect(statuses(anonymous=405, member=405), note="GET is refused"),
        Expect(statuses(anonymous=302, member=302), method="post"),
    ],
    "accounts:profile": [Expect(everyone())],
    "accounts:password_change": [Expect(everyone())],
    "accounts:password_reset": [Expect(statuses(anonymous=200, member=200))],
    "accounts:password_reset_done": [Expect(statuses(anonymous=200, member=200))],
    "accounts:password_reset_confirm": [
        Expect(
            statuses(anonymous=200, member=200),
            kwargs=lambda cast: {"uidb64": "MQ", "token": "bad-token"},
            note="an invalid link explains itself",
        )
    ],
    "accounts:password_reset_complete": [Expect(statuses(anonymous=200, member=200))],
    # Settings: admins only.
    "core:settings": [Expect(admins())],
    "core:organisation": [Expect(admins())],
    "departments:list": [Expect(admins())],
    "departments:edit": [Expect(admins(), kwargs=engineering)],
    "departments:delete": [
        Expect(admins(405), kwargs=engineering, note="POST only"),
        Expect(admins(302), method="post", kwargs=engineering),
    ],
    "kinds:list": [Expect(admins())],
    "kinds:create": [Expect(admins())],
    "kinds:edit": [Expect(admins(), kwargs=site_visit_kind)],
    "kinds:active": [Expect(admins(302), method="post", kwargs=site_visit_kind)],
    "kinds:delete": [Expect(admins(302), method="post", kwargs=site_visit_kind)],
    "users:list": [Expect(admins())],
    "users:create": [Expect(admins())],
    "users:edit": [Expect(admins(), kwargs=member_login)],
    "users:invite": [Expect(admins(302), method="post", kwargs=member_login)],
    "core:audit": [Expect(admins())],
    "core:media": [
        Expect(everyone(404), kwargs=lambda cast: {"path": "customers/missing.jpg"}),
    ],
    # People: everyone reads the directory; program leads and admins change it.
    "people:list": [Expect(everyone())],
    "people:detail": [Expect(everyone(), kwargs=person)],
    "people:create": [Expect(program())],
    "people:edit": [Expect(program(), kwargs=person)],
    "people:delete": [Expect(program(), kwargs=person)],
    # Customers: everyone reads and may add one; editing is for their editors.
    "customers:list": [Expect(everyone())],
    "customers:detail": [Expect(everyone(), kwargs=acme)],
    "customers:create": [Expect(everyone())],
    "customers:edit": [Expect(CUSTOMER_EDITORS, kwargs=acme)],
    "customers:delete": [Expect(program(), kwargs=acme)],
    "customers:contact_create": [Expect(CUSTOMER_EDITORS, kwargs=acme)],
    "customers:contact_edit": [Expect(CUSTOMER_EDITORS, kwargs=acme_contact)],
    "customers:contact_delete": [Expect(CUSTOMER_EDITORS, kwargs=acme_contact)],
    # Engagements: everyone reads and logs; participants, their managers and leads edit.
    "engagements:list": [Expect(everyone())],
    "engagements:create": [Expect(everyone())],
    "engagements:detail": [Expect(everyone(), kwargs=visit)],
    "engagements:edit": [Expect(PARTICIPANT, kwargs=visit)],
    "engagements:delete": [
        Expect(PARTICIPANT, kwargs=visit),
        Expect(PARTICIPANT_POST, method="post", kwargs=visit),
    ],
    "engagements:pick_people": [Expect(everyone())],
    "engagements:pick_customers": [Expect(everyone())],
    "engagements:pick_contacts": [Expect(everyone())],
    # Imports: program leads and admins.
    "imports:list": [Expect(program())],
    "imports:sample": [Expect(program(), kwargs=lambda cast: {"kind": "people"})],
    "imports:detail": [Expect(program(), kwargs=people_import)],
    "imports:progress": [Expect(program(), kwargs=people_import)],
    "imports:remap": [Expect(program(405), kwargs=people_import, note="POST only")],
    "imports:confirm": [Expect(program(405), kwargs=people_import, note="POST only")],
    # API tokens: one's own.
    "tokens:list": [Expect(everyone())],
    "tokens:revoke": [
        Expect(
            statuses(member=302, manager=404, other_manager=404, program_lead=404, admin=302),
            method="post",
            kwargs=member_token,
            note="someone else's token is not found; admins revoke anyone's",
        )
    ],
}


# Apps added later keep their rows beside their code, in <app>/tests/permissions.py.
APP_PAGES, APP_API = app_expectations()
PAGES.update(APP_PAGES)


def test_every_url_has_an_expectation():
    routes = {
        name for name, route in url_patterns().items() if not route.startswith(EXEMPT_PREFIXES)
    }
    missing = sorted(routes - PAGES.keys())
    stale = sorted(PAGES.keys() - routes)
    assert not missing, f"routes without an expectation in the permission matrix: {missing}"
    assert not stale, f"expectations for routes that no longer exist: {stale}"


PAGE_CASES = [
    pytest.param(name, i, role, id=f"{name}[{i}]-{role}")
    for name, expectations in PAGES.items()
    for i, _ in enumerate(expectations)
    for role in ROLES
]


@pytest.mark.parametrize(("name", "index", "role"), PAGE_CASES)
def test_page_permissions(client, cast, name, index, role):
    expect = PAGES[name][index]
    user = cast.user(role)
    if user is not None:
        client.force_login(user)
    url = reverse(name, kwargs=expect.kwargs(cast))
    data = expect.data(cast) if expect.data else {}
    response = getattr(client, expect.method)(url, data)
    wanted = expect.status[role]
    assert response.status_code == wanted, (
        f"{expect.method.upper()} {url} as {role}: {response.status_code}, expected {wanted}"
    )
    if wanted == LOGIN and role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login")), response["Location"]


def test_django_admin_is_for_staff_only(client, cast):
    for role in ROLES:
        client.logout()
        user = cast.user(role)
        if user is not None:
            client.force_login(user)
        response = client.get("/django-admin/")
        expected = 200 if role == "admin" else 302
        assert response.status_code == expected, role


# --- The API: every operation, with a token for each role (anonymous sends none) -------------


def empty_department(cast):
    from tests.factories import DepartmentFactory

    return {"department_id": DepartmentFactory(name="Empty for now").pk}


def unused_kind(cast):
    from ridealong.engagements.models import ContactKind

    return {"kind_id": ContactKind.objects.get(slug="workshop").pk}


def new_engagement(cast):
    return {
        "kind": cast.acme_visit.kind_id,
        "customer": cast.acme.pk,
        "contacts": [cast.acme_contact.pk],
        "participants": [{"person": cast.member.person.pk, "part": "observer"}],
        "started_at": "2026-01-15T09:30:00+01:00",
        "duration_minutes": 60,
        "summary": "Listened to the buyer's worries about spare parts",
    }


def own_token(cast):
    return {"token_id": member_token(cast)["pk"]}


API: dict[tuple[str, str], Expect] = {
    # People: everyone reads; program leads and admins write.
    ("GET", "/api/v1/people"): Expect(api_statuses(200)),
    ("GET", "/api/v1/people/{person_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"person_id": c.member.person.pk}
    ),
    ("POST", "/api/v1/people"): Expect(
        api_program(201),
        data=lambda c: {"first_name": "Nia", "last_name": "New", "email": "nia@example.com"},
    ),
    ("PATCH", "/api/v1/people/{person_id}"): Expect(
        api_program(200),
        kwargs=lambda c: {"person_id": c.member.person.pk},
        data=lambda c: {"title": "Senior engineer"},
    ),
    ("DELETE", "/api/v1/people/{person_id}"): Expect(
        api_program(204), kwargs=lambda c: {"person_id": c.other_member.person.pk}
    ),
    # Departments: everyone reads; admins write.
    ("GET", "/api/v1/departments"): Expect(api_statuses(200)),
    ("GET", "/api/v1/departments/{department_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"department_id": c.engineering.pk}
    ),
    ("POST", "/api/v1/departments"): Expect(api_admins(201), data=lambda c: {"name": "Legal"}),
    ("PATCH", "/api/v1/departments/{department_id}"): Expect(
        api_admins(200),
        kwargs=lambda c: {"department_id": c.engineering.pk},
        data=lambda c: {"name": "Engineering and design"},
    ),
    ("DELETE", "/api/v1/departments/{department_id}"): Expect(
        api_admins(204), kwargs=empty_department
    ),
    # Customers: everyone reads and adds; editors (here program leads and admins) change.
    ("GET", "/api/v1/customers"): Expect(api_statuses(200)),
    ("GET", "/api/v1/customers/{customer_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"customer_id": c.acme.pk}
    ),
    ("POST", "/api/v1/customers"): Expect(api_statuses(201), data=lambda c: {"name": "Initech"}),
    ("PATCH", "/api/v1/customers/{customer_id}"): Expect(
        api_program(200),
        kwargs=lambda c: {"customer_id": c.acme.pk},
        data=lambda c: {"segment": "Enterprise"},
    ),
    ("DELETE", "/api/v1/customers/{customer_id}"): Expect(
        api_program(204), kwargs=lambda c: {"customer_id": c.globex.pk}
    ),
    ("GET", "/api/v1/contacts"): Expect(api_statuses(200)),
    ("GET", "/api/v1/contacts/{contact_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"contact_id": c.acme_contact.pk}
    ),
    ("POST", "/api/v1/contacts"): Expect(
        api_program(201), data=lambda c: {"customer": c.acme.pk, "name": "Nora New"}
    ),
    ("PATCH", "/api/v1/contacts/{contact_id}"): Expect(
        api_program(200),
        kwargs=lambda c: {"contact_id": c.acme_contact.pk},
        data=lambda c: {"title": "Head of maintenance"},
    ),
    ("DELETE", "/api/v1/contacts/{contact_id}"): Expect(
        api_program(204), kwargs=lambda c: {"contact_id": c.globex_contact.pk}
    ),
    # Kinds of contact: everyone reads; admins write.
    ("GET", "/api/v1/kinds"): Expect(api_statuses(200)),
    ("GET", "/api/v1/kinds/{kind_id}"): Expect(api_statuses(200), kwargs=unused_kind),
    ("POST", "/api/v1/kinds"): Expect(
        api_admins(201), data=lambda c: {"name": "Plant tour", "practice": "visit"}
    ),
    ("PATCH", "/api/v1/kinds/{kind_id}"): Expect(
        api_admins(200), kwargs=unused_kind, data=lambda c: {"description": "Empathy maps"}
    ),
    ("DELETE", "/api/v1/kinds/{kind_id}"): Expect(api_admins(204), kwargs=unused_kind),
    # Engagements: everyone reads and logs; participants, their managers and leads change.
    ("GET", "/api/v1/engagements"): Expect(api_statuses(200)),
    ("GET", "/api/v1/engagements/{engagement_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"engagement_id": c.acme_visit.pk}
    ),
    ("POST", "/api/v1/engagements"): Expect(api_statuses(201), data=new_engagement),
    ("PATCH", "/api/v1/engagements/{engagement_id}"): Expect(
        api_participant(200),
        kwargs=lambda c: {"engagement_id": c.acme_visit.pk},
        data=lambda c: {"summary": "Watched the night shift change formats"},
    ),
    ("DELETE", "/api/v1/engagements/{engagement_id}"): Expect(
        api_participant(204), kwargs=lambda c: {"engagement_id": c.acme_visit.pk}
    ),
    # Tokens: one's own; admins see and revoke anyone's.
    ("GET", "/api/v1/tokens"): Expect(api_statuses(200)),
    ("POST", "/api/v1/tokens"): Expect(api_statuses(201), data=lambda c: {"name": "laptop"}),
    ("GET", "/api/v1/tokens/{token_id}"): Expect(
        api_statuses(200, manager=404, other_manager=404, program_lead=404, admin=200),
        kwargs=own_token,
        note="the member's token",
    ),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): Expect(
        api_statuses(200, manager=404, other_manager=404, program_lead=404, admin=200),
        kwargs=own_token,
        note="the member's token",
    ),
}


API.update(APP_API)


def test_every_api_operation_has_an_expectation():
    from config.api import api_operations

    operations = set(api_operations())
    assert not sorted(operations - API.keys()), "API operations without an expectation"
    assert not sorted(API.keys() - operations), "expectations for operations that do not exist"


API_CASES = [
    pytest.param(method, path, role, id=f"{method} {path}-{role}")
    for (method, path) in API
    for role in ROLES
]


@pytest.mark.parametrize(("method", "path", "role"), API_CASES)
def test_api_permissions(client, cast, method, path, role):
    import json

    expect = API[(method, path)]
    headers = {}
    user = cast.user(role)
    if user is not None:
        raw = ApiToken.generate()
        ApiToken.objects.create(user=user, name="matrix", prefix=raw[:10], digest=hash_token(raw))
        headers["authorization"] = f"Bearer {raw}"
    url = path.format(**expect.kwargs(cast))
    body = json.dumps(expect.data(cast)) if expect.data else ""
    if method == "GET":
        response = client.get(url, headers=headers)
    else:
        response = getattr(client, method.lower())(
            url, body, content_type="application/json", headers=headers
        )
    wanted = expect.status[role]
    assert response.status_code == wanted, (
        f"{method} {url} as {role}: {response.status_code} {response.content[:300]!r}, "
        f"expected {wanted}"
    )


def test_the_matrix_covers_every_route_and_role():
    """For the record: routes × roles walked by this module."""
    pages = sum(len(expectations) for expectations in PAGES.values())
    assert len(ROLES) == 6
    assert pages * len(ROLES) == len(PAGE_CASES)
    assert len(API) * len(ROLES) == len(API_CASES)
