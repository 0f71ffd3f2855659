"""Who may use the survey pages and API operations (collected by tests/test_permission_matrix)."""

from ridealong.surveys.models import RoutingRule, Webhook
from ridealong.surveys.tests.factories import make_follow_up, make_invitation, make_survey
from tests.permissions import Expect, api_program, api_statuses, everyone, program, statuses


def survey(cast):
    return {"pk": make_survey().pk}


def question(cast):
    return {"pk": make_survey().questions.first().pk}


def token(cast):
    _, raw = make_invitation(make_survey(), cast.acme_contact)
    return {"token": raw}


def members_follow_up(cast):
    return {"pk": make_follow_up(make_survey(), cast.acme_contact, cast.member.person).pk}


def rule(cast):
    return {"pk": RoutingRule.objects.create(name="Engineers", kind="rotation").pk}


def webhook(cast):
    return {"pk": Webhook.objects.create(url="https://example.com/hook", secret="s").pk}


# The assignee (Max) sees their follow-up; program leads and admins see all; others get 404.
ASSIGNEE = statuses(member=200, manager=404, other_manager=404, program_lead=200)
PUBLIC = statuses(anonymous=200, member=200)

PAGES = {
    "surveys:list": [Expect(program())],
    "surveys:create": [
        Expect(program()),
        Expect(
            program(302),
            method="post",
            data=lambda c: {
                "title": "Q3",
                "thank_you": "Thanks",
                "link_valid_days": 30,
                "reminder_after_days": 7,
            },
        ),
    ],
    "surveys:detail": [Expect(program(), kwargs=survey)],
    "surveys:edit": [Expect(program(), kwargs=survey)],
    "surveys:status": [
        Expect(everyone(405), kwargs=survey, note="POST only"),
        Expect(program(302), method="post", kwargs=survey, data=lambda c: {"action": "close"}),
    ],
    "surveys:send": [Expect(program(), kwargs=survey)],
    "surveys:invitations": [Expect(program(), kwargs=survey)],
    "surveys:results": [Expect(program(), kwargs=survey)],
    "surveys:export": [Expect(program(), kwargs=survey)],
    "surveys:question_edit": [Expect(program(), kwargs=question)],
    "surveys:question_delete": [Expect(program(302), method="post", kwargs=question)],
    "surveys:question_move": [Expect(program(302), method="post", kwargs=question)],
    "surveys:follow_ups": [Expect(everyone())],
    "surveys:follow_up": [Expect(ASSIGNEE, kwargs=members_follow_up)],
    "surveys:follow_up_assign": [
        Expect(
            statuses(member=403, program_lead=302),
            method="post",
            kwargs=members_follow_up,
            data=lambda c: {"assignee": c.other_member.person.pk},
        )
    ],
    "surveys:loop": [Expect(program())],
    "surveys:routing": [Expect(program())],
    "surveys:routing_delete": [Expect(program(302), method="post", kwargs=rule)],
    "surveys:webhooks": [Expect(program())],
    "surveys:webhook_delete": [Expect(program(302), method="post", kwargs=webhook)],
    # The public pages: no login; a valid personal link answers everyone.
    "surveys:public": [
        Expect(PUBLIC, kwargs=token),
        Expect(statuses(anonymous=404, member=404), kwargs=lambda c: {"token": "guessed-token"}),
    ],
    "surveys:unsubscribe": [Expect(PUBLIC, kwargs=token)],
}


def new_survey(cast):
    return {
        "title": "Q4 pulse",
        "questions": [{"kind": "nps", "text": "Recommend us?"}],
        "open": True,
    }


def survey_id(cast):
    return {"survey_id": make_survey().pk}


API = {
    ("GET", "/api/v1/surveys"): Expect(api_program(200)),
    ("POST", "/api/v1/surveys"): Expect(api_program(201), data=new_survey),
    ("GET", "/api/v1/surveys/{survey_id}"): Expect(api_program(200), kwargs=survey_id),
    ("POST", "/api/v1/surveys/{survey_id}/status"): Expect(
        api_program(200), kwargs=survey_id, data=lambda c: {"status": "closed"}
    ),
    ("POST", "/api/v1/surveys/{survey_id}/duplicate"): Expect(api_program(201), kwargs=survey_id),
    ("GET", "/api/v1/surveys/{survey_id}/invitations"): Expect(api_program(200), kwargs=survey_id),
    ("POST", "/api/v1/surveys/{survey_id}/invitations"): Expect(
        api_program(201),
        kwargs=survey_id,
        data=lambda c: {"contacts": [c.acme_contact.pk], "channel": "link"},
    ),
    ("GET", "/api/v1/surveys/{survey_id}/responses"): Expect(api_program(200), kwargs=survey_id),
    ("GET", "/api/v1/survey-responses/{response_id}"): Expect(
        api_program(200),
        kwargs=lambda c: {"response_id": make_follow_up(make_survey(), c.acme_contact).response_id},
    ),
    ("GET", "/api/v1/survey-follow-ups"): Expect(api_statuses(200)),
    ("GET", "/api/v1/survey-follow-ups/{follow_up_id}"): Expect(
        api_statuses(200, manager=404, other_manager=404),
        kwargs=lambda c: {"follow_up_id": members_follow_up(c)["pk"]},
        note="the member is its assignee",
    ),
    ("POST", "/api/v1/survey-follow-ups/{follow_up_id}/record"): Expect(
        api_statuses(200, manager=404, other_manager=404),
        kwargs=lambda c: {"follow_up_id": members_follow_up(c)["pk"]},
        data=lambda c: {
            "started_at": "2026-01-15T09:30:00+01:00",
            "duration_minutes": 20,
            "summary": "Called Carla",
            "reflection": "Their night shift cannot reach us",
            "do_differently": "Publish the night number",
            "outcome": "learned",
        },
        note="the member is its assignee",
    ),
    ("GET", "/api/v1/survey-webhooks"): Expect(api_program(200)),
    ("POST", "/api/v1/survey-webhooks"): Expect(
        api_program(201), data=lambda c: {"url": "https://example.com/hook"}
    ),
    ("DELETE", "/api/v1/survey-webhooks/{webhook_id}"): Expect(
        api_program(204), kwargs=lambda c: {"webhook_id": webhook(c)["pk"]}
    ),
}
