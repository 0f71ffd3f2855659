"""Standards, groups, progress and availability through the API."""

import datetime

from django.utils import timezone

from ridealong.core.models import AuditEvent
from ridealong.standards.models import Availability, OutOfOffice, Standard
from ridealong.standards.tests.factories import GroupFactory, StandardFactory
from tests import factories as f


def test_program_leads_create_a_standard_for_a_department_with_live_contacts(api, cast):
    response = api(
        "program_lead",
        "post",
        "/standards",
        {
            "name": "Engineering: 2 hours every 6 weeks, one live",
            "scope": "department",
            "department": cast.engineering.pk,
            "min_minutes": 120,
            "min_live": 1,
            "kinds": [f.kind("site-visit").pk],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period_days"] == 42
    assert body["department"] == cast.engineering.pk
    assert body["kinds"] == [f.kind("site-visit").pk]
    assert AuditEvent.objects.filter(action="standards.standard.created").exists()


def test_it_refuses_a_standard_that_asks_for_nothing(api, cast):
    response = api("admin", "post", "/standards", {"name": "Empty"})
    assert response.status_code == 400
    assert "hours" in response.json()["detail"]


def test_it_refuses_a_department_scope_without_a_department(api, cast):
    response = api(
        "admin", "post", "/standards", {"name": "X", "scope": "department", "min_contacts": 1}
    )
    assert response.status_code == 400
    assert "department" in response.json()["errors"]


def test_it_refuses_an_unknown_kind(api, cast):
    response = api(
        "admin", "post", "/standards", {"name": "X", "min_contacts": 1, "kinds": [99999]}
    )
    assert response.status_code == 400
    assert "kinds" in response.json()["errors"]


def test_program_leads_deactivate_a_standard(api, cast):
    standard = StandardFactory()
    response = api("program_lead", "patch", f"/standards/{standard.pk}", {"is_active": False})
    assert response.status_code == 200
    standard.refresh_from_db()
    assert not standard.is_active


def test_members_only_read_standards(api, cast):
    standard = StandardFactory(name="Readable")
    assert api("member", "get", f"/standards/{standard.pk}").json()["name"] == "Readable"
    assert api("member", "patch", f"/standards/{standard.pk}", {"name": "Mine"}).status_code == 403
    assert api("member", "get", "/standards").json()["count"] == Standard.objects.count()


def test_a_group_with_a_standard_is_kept(api, cast):
    group = GroupFactory()
    StandardFactory(scope="group", group=group)
    assert api("admin", "delete", f"/standard-groups/{group.pk}").status_code == 409


def test_groups_hold_members(api, cast):
    response = api(
        "program_lead",
        "post",
        "/standard-groups",
        {
            "name": "Leadership team",
            "members": [cast.manager.person_id, cast.other_manager.person_id],
        },
    )
    assert response.status_code == 201
    assert sorted(response.json()["members"]) == sorted(
        [cast.manager.person_id, cast.other_manager.person_id]
    )
    duplicate = api("program_lead", "post", "/standard-groups", {"name": "leadership TEAM"})
    assert duplicate.status_code == 400


def test_my_progress_names_each_standard_and_the_tightest(api, cast, default_standard):
    body = api("member", "get", "/progress/me").json()
    assert body["person"]["id"] == cast.member.person_id
    assert [s["standard"]["id"] for s in body["standards"]] == [default_standard.pk]
    # Max's Acme visit (90 minutes, three days ago) counts.
    assert body["standards"][0]["minutes_done"] == 90
    assert body["standards"][0]["summary"].startswith("1 h 30 of 2 h,")
    assert body["minutes_missing"] == 30
    assert body["days_since_contact"] == 3


def test_a_leaders_progress_is_visible_to_everyone_but_a_members_is_not(api, cast):
    olga = cast.other_manager.person_id
    assert api("member", "get", f"/progress/{olga}").status_code == 200
    assert api("other_manager", "get", f"/progress/{cast.member.person_id}").status_code == 403
    assert api("manager", "get", f"/progress/{cast.member.person_id}").status_code == 200
    assert api("member", "get", "/progress/999999").status_code == 404


def test_people_change_their_own_availability(api, cast):
    response = api(
        "member",
        "patch",
        "/availability/me",
        {
            "working_days": [0, 1, 2, 3],
            "weekly_max": 1,
            "preferred_kinds": [f.kind("support-shift").pk],
        },
    )
    assert response.status_code == 200, response.content
    assert response.json()["working_days"] == [0, 1, 2, 3]
    stored = Availability.objects.get(person=cast.member.person)
    assert stored.weekly_max == 1


def test_it_refuses_a_weekday_that_does_not_exist(api, cast):
    response = api("member", "patch", "/availability/me", {"working_days": [7]})
    assert response.status_code == 400
    assert "working_days" in response.json()["errors"]


def test_managers_add_out_of_office_for_their_reports_only(api, cast):
    today = timezone.localdate()
    body = {"starts_on": str(today), "ends_on": str(today + datetime.timedelta(days=3))}
    path = f"/availability/{cast.member.person_id}/out-of-office"
    assert api("manager", "post", path, body).status_code == 201
    assert api("other_manager", "post", path, body).status_code == 403
    backwards = {"starts_on": body["ends_on"], "ends_on": body["starts_on"]}
    assert api("manager", "post", path, backwards).status_code == 400
    assert OutOfOffice.objects.filter(person=cast.member.person).count() == 1
    listed = api("member", "get", "/availability/me").json()["out_of_office"]
    assert len(listed) == 1
