"""Search rebuilds what this app wrote, and forgets it with the engagement."""

from ridealong.engagements import services as engagement_services
from ridealong.insights import services
from ridealong.search.models import SearchDocument
from ridealong.search.services import search_reindex


def note(cast):
    return services.note_save(
        engagement=cast.acme_visit,
        author=cast.member.person,
        answers={},
        free_text="The night shift changes formats on line 3 in forty minutes",
        draft=False,
        by=cast.member,
    )


def test_a_reindex_rebuilds_notes_and_insights(cast):
    written = note(cast)
    SearchDocument.objects.filter(kind="note").delete()
    search_reindex()
    document = SearchDocument.objects.get(kind="note", object_id=written.pk)
    assert "forty minutes" in document.body
    assert document.engagement_id == cast.acme_visit.pk


def test_deleting_an_engagement_takes_its_notes_out_of_search(cast):
    note(cast)
    assert SearchDocument.objects.filter(engagement_id=cast.acme_visit.pk).exists()
    engagement_services.engagement_delete(engagement=cast.acme_visit, by=cast.admin)
    assert not SearchDocument.objects.filter(engagement_id=cast.acme_visit.pk).exists()
