"""Who may use the insights pages and API operations (walked by tests/test_permission_matrix.py).

Everyone signed in reads notes, insights, reflections and questions. Max (member) took part
in the Acme visit as an observer, so only he writes his note and reflection there and asks
its host; insights are changed by who added them, their managers, program leads and admins;
guides and wall links are for program leads and admins; the wall is public by its token."""

from django.core.files.base import ContentFile

from ridealong.customers.models import PhotoUse
from ridealong.engagements.models import Part
from ridealong.insights.digest import opt_out_token
from ridealong.insights.models import NotePhoto, QuestionGuide
from ridealong.insights.tests.factories import (
    HostQuestionFactory,
    InsightFactory,
    LearningTaskFactory,
    NoteFactory,
    WallLinkFactory,
    image_bytes,
)
from tests.factories import ParticipationFactory, PersonFactory
from tests.permissions import (
    Expect,
    api_participant,
    api_statuses,
    everyone,
    program,
    statuses,
)


def visit(cast):
    return {"pk": cast.acme_visit.pk}


def max_note(cast):
    return NoteFactory(engagement=cast.acme_visit, author=cast.member.person)


def max_insight(cast):
    return InsightFactory(
        customer=cast.acme,
        engagement=cast.acme_visit,
        author=cast.member.person,
        created_by=cast.member,
    )


def photo(cast):
    row = NotePhoto(note=max_note(cast))
    row.image.save("p.jpg", ContentFile(image_bytes()), save=True)
    return {"pk": row.pk}


def host(cast):
    hank = PersonFactory(first_name="Hank", email="hank@example.com")
    ParticipationFactory(engagement=cast.acme_visit, person=hank, part=Part.HOST)
    return hank


def question(cast):
    q = HostQuestionFactory(
        engagement=cast.acme_visit, asked_by=cast.member.person, host=host(cast)
    )
    return q


def ask_hank(cast):
    host(cast)
    return {"engagement": cast.acme_visit.pk, "text": "Why was there no demo?"}


def wall_token(cast):
    return {"token": WallLinkFactory(created_by=cast.admin).token}


def wall_photo(cast):
    acme = cast.acme
    acme.photo.save("acme.jpg", ContentFile(image_bytes()), save=False)
    acme.photo_consent_by, acme.photo_consent_use = "Carla Contact", PhotoUse.WALL
    acme.photo_consent_at = acme.created_at.date()
    acme.save()
    return {"token": WallLinkFactory().token, "pk": acme.pk}


def fay_task(cast):
    task = LearningTaskFactory(
        customer=cast.acme, assignee=cast.other_member.person, created_by=cast.program_lead
    )
    return {"pk": task.pk}


def guide(cast):
    return {"pk": QuestionGuide.objects.get(kind_id=cast.acme_visit.kind_id).pk}


# Only the participant (Max) writes on his engagement.
PARTICIPANT_ONLY = statuses(member=200, manager=403, other_manager=403, program_lead=403)
PARTICIPANT_ONLY_POST = statuses(member=302, manager=403, other_manager=403, program_lead=403)
# Who added an insight, their manager, program leads and admins.
INSIGHT_EDITORS = statuses(member=200, manager=200, other_manager=403, program_lead=200)
INSIGHT_EDITORS_POST = statuses(member=302, manager=302, other_manager=403, program_lead=302)
# The learning task's assignee (Fay), who assigned it (Pat) and admins.
TASK_OWNERS_POST = statuses(member=403, manager=403, other_manager=403, program_lead=302)
PUBLIC = statuses(anonymous=200, member=200)

PAGES = {
    "insights:home": [Expect(everyone())],
    "insights:list": [
        Expect(everyone()),
        Expect(everyone(), data=lambda c: {"type": "pain", "scope": "team", "q": "x\x00y"}),
    ],
    "insights:create": [
        Expect(everyone()),
        Expect(
            everyone(302),
            method="post",
            data=lambda c: {
                "text": "Spare parts take weeks",
                "type": "pain",
                "customer": c.acme.pk,
            },
        ),
    ],
    "insights:edit": [Expect(INSIGHT_EDITORS, kwargs=lambda c: {"pk": max_insight(c).pk})],
    "insights:delete": [
        Expect(INSIGHT_EDITORS_POST, method="post", kwargs=lambda c: {"pk": max_insight(c).pk})
    ],
    "insights:engagement": [Expect(everyone(), kwargs=visit)],
    "insights:note": [Expect(PARTICIPANT_ONLY, kwargs=visit)],
    "insights:photo_add": [Expect(PARTICIPANT_ONLY_POST, method="post", kwargs=visit)],
    "insights:reflection": [Expect(PARTICIPANT_ONLY, kwargs=visit)],
    "insights:ask": [Expect(PARTICIPANT_ONLY, kwargs=visit)],
    "insights:photo": [Expect(everyone(), kwargs=photo)],
    "insights:photo_delete": [Expect(PARTICIPANT_ONLY_POST, method="post", kwargs=photo)],
    "insights:questions": [Expect(everyone())],
    "insights:question": [Expect(everyone(), kwargs=lambda c: {"pk": question(c).pk})],
    "insights:guides": [Expect(program())],
    "insights:guide_edit": [Expect(program(), kwargs=guide)],
    "insights:wall_links": [Expect(program())],
    "insights:wall_link_revoke": [
        Expect(
            program(302),
            method="post",
            kwargs=lambda c: {"pk": WallLinkFactory().pk},
        )
    ],
    "insights:wall": [Expect(PUBLIC, kwargs=wall_token, note="the token is the permission")],
    "insights:wall_feed": [Expect(PUBLIC, kwargs=wall_token)],
    "insights:wall_photo": [Expect(PUBLIC, kwargs=wall_photo, note="consent covers the wall")],
    "insights:unhappy": [Expect(everyone())],
    "insights:task_create": [
        Expect(
            statuses(member=403, manager=200, other_manager=200), kwargs=lambda c: {"pk": c.acme.pk}
        )
    ],
    "insights:tasks": [Expect(everyone())],
    "insights:task_done": [Expect(TASK_OWNERS_POST, method="post", kwargs=fay_task)],
    "insights:task_cancel": [Expect(TASK_OWNERS_POST, method="post", kwargs=fay_task)],
    "insights:digest_opt_out": [
        Expect(PUBLIC, kwargs=lambda c: {"token": opt_out_token(c.member.person)})
    ],
}

PARTICIPANT_ONLY_API = api_statuses(
    200, manager=403, other_manager=403, program_lead=403, admin=403
)

API = {
    ("GET", "/api/v1/question-guides"): Expect(api_statuses(200)),
    ("GET", "/api/v1/notes"): Expect(api_statuses(200)),
    ("GET", "/api/v1/notes/{note_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"note_id": max_note(c).pk}
    ),
    ("PUT", "/api/v1/engagements/{engagement_id}/note"): Expect(
        PARTICIPANT_ONLY_API,
        kwargs=lambda c: {"engagement_id": c.acme_visit.pk},
        data=lambda c: {"free_text": "They print the manual and annotate it.", "draft": True},
    ),
    ("GET", "/api/v1/insights"): Expect(api_statuses(200)),
    ("POST", "/api/v1/insights"): Expect(
        api_statuses(201),
        data=lambda c: {"text": "Invoices are hard to read", "type": "pain", "customer": c.acme.pk},
    ),
    ("GET", "/api/v1/insights/{insight_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"insight_id": max_insight(c).pk}
    ),
    ("PATCH", "/api/v1/insights/{insight_id}"): Expect(
        api_participant(200),
        kwargs=lambda c: {"insight_id": max_insight(c).pk},
        data=lambda c: {"type": "objection"},
    ),
    ("DELETE", "/api/v1/insights/{insight_id}"): Expect(
        api_participant(204), kwargs=lambda c: {"insight_id": max_insight(c).pk}
    ),
    ("GET", "/api/v1/reflections"): Expect(api_statuses(200)),
    ("PUT", "/api/v1/engagements/{engagement_id}/reflection"): Expect(
        PARTICIPANT_ONLY_API,
        kwargs=lambda c: {"engagement_id": c.acme_visit.pk},
        data=lambda c: {"learned": "Night shift has no manual.", "do_differently": "Bring one."},
    ),
    ("GET", "/api/v1/host-questions"): Expect(api_statuses(200)),
    ("GET", "/api/v1/host-questions/{question_id}"): Expect(
        api_statuses(200), kwargs=lambda c: {"question_id": question(c).pk}
    ),
    ("POST", "/api/v1/host-questions"): Expect(
        api_statuses(201, manager=403, other_manager=403, program_lead=403, admin=403),
        data=lambda c: (
            {"engagement": c.acme_visit.pk, "text": "Why no demo?", "_": host(c).pk}
            and {"engagement": c.acme_visit.pk, "text": "Why no demo?"}
        ),
    ),
    ("POST", "/api/v1/host-questions/{question_id}/replies"): Expect(
        api_statuses(201, manager=403, other_manager=403, program_lead=403, admin=403),
        kwargs=lambda c: {"question_id": question(c).pk},
        data=lambda c: {"text": "Thanks, that explains it."},
        note="Max asked; the host is Hank",
    ),
    ("GET", "/api/v1/learning-tasks"): Expect(api_statuses(200)),
    ("POST", "/api/v1/learning-tasks"): Expect(
        api_statuses(201, member=403, other_manager=400),
        data=lambda c: {
            "customer": c.acme.pk,
            "assignee": c.member.person.pk,
            "reason": "Two objections about invoices",
            "due_on": "2099-01-31",
        },
        note="Max is Mia's report, not Olga's",
    ),
    ("POST", "/api/v1/learning-tasks/{task_id}/done"): Expect(
        api_statuses(200, manager=403, other_manager=403),
        kwargs=lambda c: {
            "task_id": LearningTaskFactory(
                customer=c.acme, assignee=c.member.person, created_by=c.program_lead
            ).pk,
        },
        data=lambda c: {"engagement": c.acme_visit.pk},
    ),
}
