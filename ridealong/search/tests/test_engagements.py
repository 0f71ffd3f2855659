"""Engagements are searchable from the moment they are logged, and the index can be rebuilt."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from ridealong.core.choices import RunStatus
from ridealong.engagements import services as engagement_services
from ridealong.search.models import ReindexRun, SearchDocument
from ridealong.search.selectors import SearchFilters, search
from ridealong.search.tasks import reindex_search

pytestmark = pytest.mark.django_db


def found(text, filters=None):
    return [(h.kind, h.object_id) for h in search(user=None, text=text, filters=filters).hits]


def log(cast, summary, notes=""):
    return engagement_services.engagement_create(
        by=cast.member,
        kind=cast.acme_visit.kind,
        customer=cast.acme,
        participants=[(cast.member.person, "observer")],
        started_at=timezone.now() - datetime.timedelta(days=1),
        duration_minutes=60,
        summary=summary,
        notes=notes,
    )


def test_it_indexes_a_logged_engagement_with_its_filters(cast):
    engagement = log(cast, "Watched the palletiser", "The operators bypass the light curtain")
    assert found("curtain") == [("engagement", engagement.pk)]
    document = SearchDocument.objects.get(kind="engagement", object_id=engagement.pk)
    assert document.customer_id == cast.acme.pk
    assert document.contact_kind_id == cast.acme_visit.kind_id
    assert document.department_ids == [cast.member.person.department_id]
    department = SearchFilters(department_ids=(cast.member.person.department_id,))
    assert found("palletiser", department) == [("engagement", engagement.pk)]


def test_it_reindexes_on_change_and_forgets_on_delete(cast):
    engagement = log(cast, "Watched the palletiser")
    engagement_services.engagement_update(
        engagement=engagement,
        by=cast.member,
        kind=engagement.kind,
        customer=cast.acme,
        participants=[(cast.member.person, "observer")],
        started_at=engagement.started_at,
        duration_minutes=60,
        summary="Watched the wrapper",
    )
    assert found("palletiser") == []
    assert found("wrapper") == [("engagement", engagement.pk)]
    engagement_services.engagement_delete(engagement=engagement, by=cast.member)
    assert found("wrapper") == []


def test_the_command_rebuilds_the_index_from_the_engagements(cast):
    # The cast's visit was written by a factory, past the services: not indexed yet.
    assert found("night shift") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("search_reindex", stdout=out, stderr=err)
    assert "Indexed 1 documents" in out.getvalue()
    assert "1/1 documents (100%)" in err.getvalue()
    assert found("night shift") == [("engagement", cast.acme_visit.pk)]
    run = ReindexRun.objects.get()
    assert (run.status, run.done, run.total) == (RunStatus.DONE, 1, 1)


def test_reindexing_drops_what_is_gone_and_keeps_kinds_it_cannot_rebuild(cast, index):
    index("", "orphan engagement", kind="engagement", object_id=999_999)
    index("", "a note from an app without a source", kind="answer", object_id=5)
    call_command("search_reindex", stdout=io.StringIO(), stderr=io.StringIO())
    assert found("orphan") == []
    assert found("source") == [("answer", 5)]
    assert found("night shift") == [("engagement", cast.acme_visit.pk)]


def test_the_task_rebuilds_the_index_with_progress(cast):
    run = ReindexRun.objects.create()
    result = reindex_search.call(run.pk)
    assert result == {"documents": 1}
    run.refresh_from_db()
    assert run.status == RunStatus.DONE
    assert run.percent == 100
    assert found("night shift") == [("engagement", cast.acme_visit.pk)]
