"""The demo company walks through the issue's "done when"."""

import datetime

import pytest

from ridealong.demo.loader import load_demo
from ridealong.surveys.models import FollowUp, Invitation, Response


@pytest.mark.django_db
def test_the_demo_has_a_survey_with_detractors_followed_up_by_an_engineer_and_an_accountant(client):
    summary = load_demo(today=datetime.date(2026, 11, 20))
    assert Invitation.objects.count() == 20
    assert Response.objects.count() == 12
    follow_ups = FollowUp.objects.select_related("assignee", "engagement__kind")
    assignees = {f.assignee.email for f in follow_ups if f.assignee}
    assert {"jonas.weber@falkenrath.example", "lena.hoffmann@falkenrath.example"} <= assignees
    assert follow_ups.count() >= 3
    done = [f for f in follow_ups if f.engagement_id]
    assert len(done) == 1
    assert done[0].engagement.kind.slug == "survey-follow-up"
    assert done[0].reflection
    assert done[0].insight_reflection is not None
    assert summary is not None
    # The program lead sees it on the results and the customer page.
    from ridealong.accounts.models import User

    client.force_login(User.objects.get(email="priya.raman@falkenrath.example"))
    survey_id = Response.objects.first().survey_id
    results = client.get(f"/surveys/{survey_id}/results/")
    assert results.status_code == 200
    assert "invoices" in results.content.decode()
    customer_page = client.get(f"/customers/{done[0].customer_id}/")
    assert "Survey answers" in customer_page.content.decode()
    assert "Learned something" in customer_page.content.decode()
    # The accountant opens her follow-up and sees the contact's details for it.
    client.force_login(User.objects.get(email="lena.hoffmann@falkenrath.example"))
    page = client.get(f"/surveys/follow-ups/{done[0].pk}/")
    assert page.status_code == 200
    if done[0].contact.email:
        assert done[0].contact.email in page.content.decode()
