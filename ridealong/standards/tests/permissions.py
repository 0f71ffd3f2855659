"""Permission rows for the standards pages and API (walked by tests/test_permission_matrix.py).

Standards and groups: everyone reads, program leads and admins write. Progress: one's own,
one's reports' (managers), everyone's (program leads, admins), and leaders' for all.
Availability: one's own; managers for their reports; program leads and admins for everyone.
"""

from tests.permissions import (
    Expect,
    api_program,
    api_statuses,
    everyone,
    program,
    statuses,
)


def a_standard(cast):
    from ridealong.standards.tests.factories import StandardFactory

    return {"pk": StandardFactory(name="Finance: 1 contact a month").pk}


def a_group(cast):
    from ridealong.standards.tests.factories import GroupFactory

    return {"pk": GroupFactory(name="Unused group").pk}


def max_person(cast):
    return {"pk": cast.member.person.pk}


def leader_olga(cast):
    return {"pk": cast.other_manager.person.pk}


def max_absence(cast):
    from ridealong.standards.tests.factories import OutOfOfficeFactory

    return {"pk": OutOfOfficeFactory(person=cast.member.person).pk}


def absence_data(cast):
    return {"starts_on": "2026-12-21", "ends_on": "2026-12-31", "reason": "Holiday"}


# Max's own data: himself, his manager Mia, program leads and admins — not Olga.
MAX_ONLY = statuses(member=200, manager=200, other_manager=403, program_lead=200)
MAX_ONLY_POST = statuses(member=302, manager=302, other_manager=403, program_lead=302)
MANAGERS = statuses(member=403, manager=200, other_manager=200)

PAGES = {
    "standards:list": [Expect(everyone())],
    "standards:create": [Expect(program())],
    "standards:edit": [Expect(program(), kwargs=a_standard)],
    "standards:toggle": [
        Expect(everyone(405), kwargs=a_standard, note="POST only"),
        Expect(program(302), method="post", kwargs=a_standard),
    ],
    "standards:group_create": [Expect(program())],
    "standards:group_edit": [Expect(program(), kwargs=a_group)],
    "standards:group_delete": [Expect(program(302), method="post", kwargs=a_group)],
    "standards:new_hire_rule": [Expect(program())],
    "standards:me": [Expect(everyone())],
    "standards:team": [Expect(MANAGERS)],
    "standards:people": [Expect(program())],
    "standards:person": [
        Expect(MAX_ONLY, kwargs=max_person),
        Expect(everyone(), kwargs=leader_olga, note="leaders' progress is visible to all"),
    ],
    "standards:leaders": [Expect(everyone())],
    "standards:availability": [Expect(everyone())],
    "standards:absence_import": [Expect(MANAGERS)],
    "standards:person_availability": [Expect(MAX_ONLY, kwargs=max_person)],
    "standards:absence_create": [
        Expect(MAX_ONLY_POST, method="post", kwargs=max_person, data=absence_data)
    ],
    "standards:absence_delete": [Expect(MAX_ONLY_POST, method="post", kwargs=max_absence)],
}

API_MAX_ONLY = api_statuses(200, other_manager=403)


def standard_id(cast):
    return {"standard_id": a_standard(cast)["pk"]}


def group_id(cast):
    return {"group_id": a_group(cast)["pk"]}


API = {
    ("GET", "/api/v1/standards"): Expect(api_statuses(200)),
    ("POST", "/api/v1/standards"): Expect(
        api_program(201),
        data=lambda c: {
            "name": "Engineering: 2 hours every 6 weeks, one live",
            "scope": "department",
            "department": c.engineering.pk,
            "min_minutes": 120,
            "min_live": 1,
        },
    ),
    ("GET", "/api/v1/standards/{standard_id}"): Expect(api_statuses(200), kwargs=standard_id),
    ("PATCH", "/api/v1/standards/{standard_id}"): Expect(
        api_program(200), kwargs=standard_id, data=lambda c: {"is_active": False}
    ),
    ("DELETE", "/api/v1/standards/{standard_id}"): Expect(api_program(204), kwargs=standard_id),
    ("GET", "/api/v1/standard-groups"): Expect(api_statuses(200)),
    ("POST", "/api/v1/standard-groups"): Expect(
        api_program(201),
        data=lambda c: {"name": "Leadership team", "members": [c.manager.person.pk]},
    ),
    ("GET", "/api/v1/standard-groups/{group_id}"): Expect(api_statuses(200), kwargs=group_id),
    ("PATCH", "/api/v1/standard-groups/{group_id}"): Expect(
        api_program(200), kwargs=group_id, data=lambda c: {"description": "Heads of"}
    ),
    ("DELETE", "/api/v1/standard-groups/{group_id}"): Expect(api_program(204), kwargs=group_id),
    ("GET", "/api/v1/progress/me"): Expect(api_statuses(200)),
    ("GET", "/api/v1/progress/{person_id}"): Expect(
        API_MAX_ONLY, kwargs=lambda c: {"person_id": c.member.person.pk}
    ),
    ("GET", "/api/v1/availability/me"): Expect(api_statuses(200)),
    ("PATCH", "/api/v1/availability/me"): Expect(
        api_statuses(200), data=lambda c: {"weekly_max": 3, "working_days": [0, 1, 2, 3]}
    ),
    ("GET", "/api/v1/availability/{person_id}"): Expect(
        API_MAX_ONLY, kwargs=lambda c: {"person_id": c.member.person.pk}
    ),
    ("PATCH", "/api/v1/availability/{person_id}"): Expect(
        API_MAX_ONLY,
        kwargs=lambda c: {"person_id": c.member.person.pk},
        data=lambda c: {"weekly_max": 1},
    ),
    ("POST", "/api/v1/availability/{person_id}/out-of-office"): Expect(
        api_statuses(201, other_manager=403),
        kwargs=lambda c: {"person_id": c.member.person.pk},
        data=lambda c: {"starts_on": "2026-12-21", "ends_on": "2026-12-31"},
    ),
    ("DELETE", "/api/v1/out-of-office/{absence_id}"): Expect(
        api_statuses(204, other_manager=403),
        kwargs=lambda c: {"absence_id": max_absence(c)["pk"]},
    ),
}
