"""A single-use link takes one response even when submitted many times at once."""

import threading

import pytest
from django.db import connection, connections

from ridealong.surveys import services
from ridealong.surveys.models import Answer, FollowUp, Invitation, QuestionKind, Response
from ridealong.surveys.tests.factories import make_invitation, make_survey

THREADS = 8


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_store_one_response(cast):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: SQLite serialises every writer, so submissions cannot race "
            "(run with DATABASE_URL=postgres://…)"
        )
    survey = make_survey()
    invitation, _ = make_invitation(survey, cast.acme_contact)
    nps = survey.questions.get(kind=QuestionKind.NPS)
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def submit(score: int) -> None:
        try:
            fresh = Invitation.objects.select_related("survey").get(pk=invitation.pk)
            barrier.wait(timeout=10)
            services.response_submit(invitation=fresh, answers={nps.pk: score})
            outcomes.append("stored")
        except services.AlreadyAnswered:
            outcomes.append("refused")
        except Exception as error:  # pragma: no cover - shown in the assertion
            outcomes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit, args=(i % 11,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["stored"], outcomes
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 1
    assert FollowUp.objects.count() <= 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_response_for_an_invitation(cast):
    from django.db import IntegrityError, transaction

    survey = make_survey()
    invitation, _ = make_invitation(survey, cast.acme_contact)
    Response.objects.create(
        invitation=invitation, survey=survey, contact=cast.acme_contact, customer=cast.acme
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(
            invitation=invitation, survey=survey, contact=cast.acme_contact, customer=cast.acme
        )
