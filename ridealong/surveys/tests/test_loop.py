"""The closed loop: routing outside sales and support, the follow-up page, reminders, figures."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from ridealong.accounts.models import Role
from ridealong.engagements.catalog import install_default_kinds
from ridealong.engagements.models import ContactKind
from ridealong.people.models import RoleKind
from ridealong.surveys import services
from ridealong.surveys.models import FollowUp, QuestionKind, RoutingRule
from ridealong.surveys.tests.factories import make_follow_up, make_invitation, make_survey
from tests import factories as f


def detract(client, survey, contact, score=2):
    _, raw = make_invitation(survey, contact)
    nps = survey.questions.get(kind=QuestionKind.NPS)
    assert client.post(f"/surveys/r/{raw}/", {f"q{nps.pk}": str(score)}).status_code == 200
    return FollowUp.objects.order_by("-pk").first()


@pytest.fixture
def rotation(cast):
    """Volunteers: Max (engineering) and Fay (finance); a salesperson is never eligible."""
    sales = f.DepartmentFactory(name="Sales")
    seller = f.UserFactory(
        person=f.PersonFactory(department=sales, role_kind=RoleKind.CUSTOMER_FACING)
    )
    rule = RoutingRule.objects.create(name="Volunteers", kind="rotation", weekly_max=2)
    rule.volunteers.set([cast.member.person, cast.other_member.person, seller.person])
    return rule


def test_detractors_rotate_among_volunteers_outside_sales_skipping_the_full(client, cast, rotation):
    survey = make_survey()
    contacts = [f.ContactFactory(customer=cast.acme, email=f"c{i}@acme.example") for i in range(6)]
    people = [detract(client, survey, c).assignee for c in contacts]
    max_, fay = cast.member.person, cast.other_member.person
    assert people[:4] == [max_, fay, max_, fay]
    # Both are at their weekly maximum of 2: the follow-up waits for a program lead.
    assert people[4] is None
    assert FollowUp.objects.filter(assignee__department__name="Sales").count() == 0


def test_a_department_rule_takes_over_when_the_rotation_is_full(client, cast, rotation):
    rotation.weekly_max = 1
    rotation.save()
    RoutingRule.objects.create(
        name="Engineering", kind="department", department=cast.engineering, weekly_max=5, position=9
    )
    survey = make_survey()
    assignees = [
        detract(
            client, survey, f.ContactFactory(customer=cast.acme, email=f"d{i}@a.example")
        ).assignee
        for i in range(3)
    ]
    assert assignees[0] == cast.member.person
    assert assignees[1] == cast.other_member.person
    assert assignees[2].department == cast.engineering


def test_the_assignee_sees_the_contact_details_for_this_follow_up_only(client, cast):
    survey = make_survey()
    follow_up = make_follow_up(survey, cast.globex_contact, assignee=cast.other_member.person)
    client.force_login(cast.other_member)
    page = client.get(f"/surveys/follow-ups/{follow_up.pk}/")
    assert page.status_code == 200
    assert "gus@globex.example" in page.content.decode()
    # The customer page itself still hides them from Fay (customers.selectors is unchanged).
    assert "gus@globex.example" not in client.get(f"/customers/{cast.globex.pk}/").content.decode()
    client.force_login(cast.manager)
    assert client.get(f"/surveys/follow-ups/{follow_up.pk}/").status_code == 404


def test_logging_the_call_makes_a_survey_follow_up_engagement_with_a_reflection(client, cast):
    install_default_kinds(ContactKind)
    follow_up = make_follow_up(
        make_survey(), cast.globex_contact, assignee=cast.other_member.person
    )
    client.force_login(cast.other_member)
    when = timezone.localtime() - datetime.timedelta(hours=2)
    missing = client.post(
        f"/surveys/follow-ups/{follow_up.pk}/",
        {
            "channel": "phone",
            "started_at": when.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 20,
            "summary": "Called Gus",
            "outcome": "learned",
        },
    )
    assert missing.status_code == 400
    assert "Called Gus" in missing.content.decode()
    response = client.post(
        f"/surveys/follow-ups/{follow_up.pk}/",
        {
            "channel": "phone",
            "started_at": when.strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 20,
            "summary": "Called Gus about the spare parts",
            "reflection": "They stock our parts themselves because our delivery times scare them.",
            "do_differently": "Quote delivery times per part, honestly.",
            "outcome": "learned",
        },
    )
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "done"
    assert follow_up.outcome == "learned"
    assert follow_up.engagement.kind.slug == "survey-follow-up"
    assert follow_up.engagement.customer == cast.globex
    assert list(follow_up.engagement.contacts.all()) == [cast.globex_contact]
    assert follow_up.engagement.participations.get().person == cast.other_member.person
    assert follow_up.first_contact_at is not None
    assert follow_up.insight_reflection.learned.startswith("They stock our parts")
    assert follow_up.insight_reflection.person == cast.other_member.person
    loop = client.get("/surveys/loop/")
    assert loop.status_code == 403
    client.force_login(cast.program_lead)
    html = client.get("/surveys/loop/").content.decode()
    assert "Finance" in html
    assert "100%" in html


def test_overdue_follow_ups_remind_then_escalate_once(cast, django_capture_on_commit_callbacks):
    follow_up = make_follow_up(make_survey(), cast.acme_contact, assignee=cast.member.person)
    FollowUp.objects.filter(pk=follow_up.pk).update(
        due_at=timezone.now() - datetime.timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("follow_up_reminders")
        call_command("follow_up_reminders")
    assert [m.to for m in mail.outbox] == [["max@example.com"]]
    mail.outbox.clear()
    FollowUp.objects.filter(pk=follow_up.pk).update(
        reminded_at=timezone.now() - datetime.timedelta(days=4)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("follow_up_reminders")
        call_command("follow_up_reminders")
    assert [m.to for m in mail.outbox] == [[cast.program_lead.email]]
    assert cast.program_lead.role == Role.PROGRAM_LEAD


def test_a_program_lead_assigns_an_unrouted_follow_up(client, cast):
    follow_up = make_follow_up(make_survey(), cast.acme_contact)
    client.force_login(cast.program_lead)
    client.post(
        f"/surveys/follow-ups/{follow_up.pk}/assign/", {"assignee": cast.other_member.person.pk}
    )
    follow_up.refresh_from_db()
    assert follow_up.assignee == cast.other_member.person


def test_routing_rules_refuse_customer_facing_volunteers(cast):
    seller = f.UserFactory(person=f.PersonFactory(role_kind=RoleKind.CUSTOMER_FACING)).person
    with pytest.raises(ValidationError):
        services.routing_rule_create(
            by=cast.program_lead, name="x", kind="rotation", volunteers=[seller]
        )


def test_the_follow_up_list_shows_mine(client, cast, django_assert_max_num_queries):
    survey = make_survey()
    for i in range(5):
        make_follow_up(
            survey,
            f.ContactFactory(customer=cast.acme, email=f"l{i}@a.example"),
            assignee=cast.member.person,
        )
    make_follow_up(survey, cast.globex_contact, assignee=cast.other_member.person)
    client.force_login(cast.member)
    with django_assert_max_num_queries(10):
        html = client.get("/surveys/follow-ups/").content.decode()
    assert html.count('href="/surveys/follow-ups/') == 5


def test_routing_respects_personal_weekly_maximums_and_absences(client, cast, rotation):
    from ridealong.standards.models import Availability, OutOfOffice

    Availability.objects.create(person=cast.member.person, weekly_max=1)
    today = timezone.localdate()
    survey = make_survey()
    first = detract(client, survey, f.ContactFactory(customer=cast.acme, email="a1@a.example"))
    assert first.assignee == cast.member.person
    OutOfOffice.objects.create(person=cast.other_member.person, starts_on=today, ends_on=today)
    second = detract(client, survey, f.ContactFactory(customer=cast.acme, email="a2@a.example"))
    # Max is at his own maximum of 1 and Fay is away today: nobody is picked.
    assert second.assignee is None
