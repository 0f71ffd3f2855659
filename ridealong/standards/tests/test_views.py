"""The standards pages: what each role sees and changes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.people.models import RoleKind
from ridealong.standards.models import OutOfOffice, Standard
from ridealong.standards.tests.factories import StandardFactory
from tests import factories as f


def test_the_list_shows_how_many_people_meet_each_standard(client, cast, default_standard):
    client.force_login(cast.member)
    response = client.get(reverse("standards:list"))
    assert response.status_code == 200
    rows = {s.pk: (applies, meets) for s, applies, meets in response.context["rows"]}
    assert rows[default_standard.pk] == (6, 0)  # the cast; Max has 1 h 30 of 2 h
    assert b"Add a standard" not in response.content


def test_program_leads_add_a_standard_from_the_form(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("standards:create"),
        {
            "name": "Engineering: 2 hours every 6 weeks, one live",
            "scope": "department",
            "department": cast.engineering.pk,
            "period_length": 6,
            "period_unit": "weeks",
            "hours": "1.5",
            "min_live": 1,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    standard = Standard.objects.get(name__startswith="Engineering")
    assert standard.min_minutes == 90
    assert standard.department == cast.engineering


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        reverse("standards:create"),
        {"name": "Nothing asked", "scope": "group", "period_length": 6, "period_unit": "weeks"},
    )
    assert response.status_code == 200
    assert b"Nothing asked" in response.content
    assert "Choose the group." in response.content.decode()
    assert "Ask for a number of hours" in response.content.decode()


def test_deactivating_a_standard_stops_it_counting(client, cast):
    standard = StandardFactory()
    client.force_login(cast.admin)
    client.post(reverse("standards:toggle", args=[standard.pk]))
    standard.refresh_from_db()
    assert not standard.is_active


def test_my_progress_shows_a_bar_and_the_words(client, cast, default_standard):
    client.force_login(cast.member)
    response = client.get(reverse("standards:me"))
    content = response.content.decode()
    assert "1 h 30 of 2 h," in content
    assert "days left" in content
    assert "<progress" in content


def test_the_home_page_shows_my_progress(client, cast, default_standard):
    client.force_login(cast.member)
    content = client.get(reverse("home")).content.decode()
    assert "My progress" in content
    assert "1 h 30 of 2 h," in content


def test_managers_see_their_reports_behind_first(client, cast, default_standard):
    ahead = f.PersonFactory(manager=cast.manager.person, first_name="Ahead")
    f.ParticipationFactory(person=ahead, engagement=f.EngagementFactory(duration_minutes=300))
    client.force_login(cast.manager)
    response = client.get(reverse("standards:team"))
    rows = response.context["rows"]
    assert [row.person.first_name for row in rows] == ["Max", "Ahead"]
    assert [row.person.first_name for row in response.context["behind"]] == ["Max"]
    assert b"To nudge" in response.content


def test_leaders_progress_lists_only_leaders(client, cast, default_standard):
    client.force_login(cast.other_member)
    response = client.get(reverse("standards:leaders"))
    names = {row.person.first_name for row in response.context["rows"]}
    assert names == {"Mia", "Olga", "Pat"}


def test_everyone_s_progress_filters_and_runs_constant_queries(
    client, cast, default_standard, django_assert_max_num_queries
):
    StandardFactory(scope="role_kind", role_kind=RoleKind.TECHNICAL, min_live=1)
    for n in range(30):
        person = f.PersonFactory(department=cast.finance)
        f.ParticipationFactory(
            person=person, engagement=f.EngagementFactory(duration_minutes=n + 1)
        )
    client.force_login(cast.program_lead)
    client.get(reverse("standards:people"))  # warm the singletons and the session
    with django_assert_max_num_queries(16) as small:
        client.get(reverse("standards:people"))
    for _ in range(40):
        f.ParticipationFactory(person=f.PersonFactory(department=cast.finance))
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("standards:people"))
    assert response.context["page"].paginator.count == 6 + 30 + 40
    filtered = client.get(
        reverse("standards:people"), {"department": cast.engineering.pk, "status": "behind"}
    )
    assert {row.person.first_name for row in filtered.context["page"].object_list} == {"Max", "Mia"}


def test_people_edit_their_availability_and_add_out_of_office(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("standards:availability"),
        {
            "working_days": ["0", "1", "2"],
            "weekly_max": 1,
            "preferred_kinds": [f.kind("site-visit").pk],
        },
    )
    assert response.status_code == 302
    today = timezone.localdate()
    response = client.post(
        reverse("standards:absence_create", args=[cast.member.person_id]),
        {"starts_on": today + datetime.timedelta(days=3), "ends_on": today, "reason": "Typo"},
    )
    assert response.status_code == 400
    assert "The last day cannot be before the first." in response.content.decode()
    assert b"Typo" in response.content
    client.post(
        reverse("standards:absence_create", args=[cast.member.person_id]),
        {"starts_on": today, "ends_on": today + datetime.timedelta(days=3), "reason": "Holiday"},
    )
    page = client.get(reverse("standards:availability")).content.decode()
    assert "Holiday" in page


def test_managers_import_out_of_office_for_their_reports_only(client, cast):
    client.force_login(cast.manager)
    bad = client.post(
        reverse("standards:absence_import"),
        {
            "text": "email,from,to,reason\nmax@example.com,2026-12-21,2026-12-31,Holiday\n"
            "fay@example.com,2026-12-21,2026-12-31,Holiday\nnobody@example.com,2026-12-01,x,\n"
        },
    )
    content = bad.content.decode()
    assert "Row 2: you may not change Fay Finance" in content
    assert "Row 3: nobody has the e-mail" in content
    assert not OutOfOffice.objects.exists()
    good = client.post(
        reverse("standards:absence_import"),
        {"text": "MAX@example.com;24.12.2026;31.12.2026;Holiday\n"},
    )
    assert good.status_code == 302
    assert OutOfOffice.objects.get().ends_on == datetime.date(2026, 12, 31)


@pytest.mark.parametrize("role", ["member", "other_manager"])
def test_others_cannot_edit_someone_elses_availability(client, cast, role):
    client.force_login(cast.user(role))
    response = client.get(
        reverse(
            "standards:person_availability",
            args=[cast.other_member.person_id if role == "member" else cast.member.person_id],
        )
    )
    assert response.status_code == 403
