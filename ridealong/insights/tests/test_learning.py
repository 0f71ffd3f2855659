import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ridealong.insights import selectors, services
from ridealong.insights.models import LearningTask, TaskStatus
from ridealong.insights.tests.factories import InsightFactory, LearningTaskFactory
from ridealong.people.models import RoleKind
from tests.factories import (
    DepartmentFactory,
    EngagementFactory,
    ParticipationFactory,
    PersonFactory,
)


def test_unhappy_customers_are_ranked_by_recent_negative_signals(cast):
    InsightFactory.create_batch(3, customer=cast.globex, type="pain")
    InsightFactory(customer=cast.acme, type="objection")
    InsightFactory(customer=cast.acme, type="praise")
    InsightFactory(customer=cast.acme, type="idea", sentiment="negative", sentiment_score=-0.6)
    InsightFactory(
        customer=cast.acme, type="pain", created_at=timezone.now() - datetime.timedelta(days=200)
    )
    ranked = list(selectors.unhappy_customers())
    assert [(c.name, c.signals) for c in ranked] == [("Globex Packaging", 3), ("Acme Foods", 2)]


def test_the_unhappy_page_runs_constant_queries(client, cast, django_assert_max_num_queries):
    client.force_login(cast.manager)
    InsightFactory(type="pain")
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("insights:unhappy"))
    for _ in range(10):
        InsightFactory(type="pain")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("insights:unhappy"))
    assert len(response.context["rows"]) == 11


def test_people_in_sales_support_or_customer_facing_roles_are_not_candidates(cast):
    sales = DepartmentFactory(name="Sales")
    field = DepartmentFactory(name="Field Service")
    emea = DepartmentFactory(name="EMEA", parent=sales)
    seller = PersonFactory(department=emea)
    technician = PersonFactory(department=field)
    facing = PersonFactory(department=cast.engineering, role_kind=RoleKind.CUSTOMER_FACING)
    candidates = set(selectors.learning_task_candidates())
    assert cast.member.person in candidates
    assert not {seller, technician, facing} & candidates
    with pytest.raises(ValidationError, match="sales or support"):
        services.learning_task_create(
            customer=cast.acme, assignee=seller, reason="x", due_on=timezone.localdate(), by=None
        )


def test_a_manager_assigns_a_learning_task_to_a_report_who_is_told(
    client, cast, django_capture_on_commit_callbacks
):
    InsightFactory(customer=cast.globex, type="pain", text="Three weeks for a sealing jaw")
    client.force_login(cast.manager)
    form = client.get(reverse("insights:task_create", kwargs={"pk": cast.globex.pk}))
    assert "Three weeks for a sealing jaw" in form.content.decode()  # the reason is prefilled
    assert list(form.context["form"].fields["assignee"].queryset) == [cast.member.person]
    due = timezone.localdate() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("insights:task_create", kwargs={"pk": cast.globex.pk}),
            {"assignee": cast.member.person.pk, "reason": "Pains about parts", "due_on": due},
        )
    assert response.status_code == 302
    task = LearningTask.objects.get()
    assert (task.assignee, task.customer, task.status) == (cast.member.person, cast.globex, "open")
    assert mail.outbox[-1].to == ["max@example.com"]


def test_the_assignee_logs_the_contact_and_closes_the_task(client, cast):
    task = LearningTaskFactory(customer=cast.globex, assignee=cast.member.person)
    visit = EngagementFactory(customer=cast.globex, started_at=timezone.now())
    ParticipationFactory(engagement=visit, person=cast.member.person)
    client.force_login(cast.member)
    page = client.get(reverse("insights:tasks"))
    html = page.content.decode()
    assert f"/engagements/new/?customer={cast.globex.pk}" in html
    assert visit.summary in html
    client.post(reverse("insights:task_done", kwargs={"pk": task.pk}), {"engagement": visit.pk})
    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.engagement == visit


def test_a_task_cannot_be_closed_with_a_contact_at_another_customer(cast):
    task = LearningTaskFactory(customer=cast.globex, assignee=cast.member.person)
    with pytest.raises(ValidationError, match="not with Globex"):
        services.learning_task_complete(task=task, engagement=cast.acme_visit, by=None)
