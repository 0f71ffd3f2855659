"""Kinds of contact: list with counts, add, edit, deactivate, delete only when unused."""

from ridealong.core.models import AuditEvent
from ridealong.engagements.models import ContactKind


def test_the_list_shows_practice_live_flag_and_engagement_count(admin_client_of_cast, cast):
    page = admin_client_of_cast.get("/settings/kinds/").content.decode()
    assert "Site visit" in page
    assert "Role-play" in page
    assert "Support listening and shifts" in page
    row = page[page.index("Site visit") :]
    assert '<td class="num">1</td>' in row[: row.index("</tr>")]


def test_it_adds_a_kind(admin_client_of_cast):
    response = admin_client_of_cast.post(
        "/settings/kinds/new/",
        {
            "name": "Trade fair booth",
            "practice": "conversation",
            "is_live": "on",
            "position": "50",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    kind = ContactKind.objects.get(name="Trade fair booth")
    assert (kind.slug, kind.is_live, kind.is_active) == ("trade-fair-booth", True, True)
    assert AuditEvent.objects.filter(action="engagements.kind.created").exists()


def test_a_duplicate_kind_name_is_shown_on_the_form(admin_client_of_cast):
    response = admin_client_of_cast.post(
        "/settings/kinds/new/", {"name": "Site visit", "practice": "visit", "position": "1"}
    )
    assert response.status_code == 200
    assert ContactKind.objects.filter(name="Site visit").count() == 1


def test_it_edits_a_kind(admin_client_of_cast):
    kind = ContactKind.objects.get(slug="workshop")
    admin_client_of_cast.post(
        f"/settings/kinds/{kind.pk}/",
        {"name": "Empathy workshop", "practice": "workshop", "position": "5", "is_active": "on"},
    )
    kind.refresh_from_db()
    assert kind.name == "Empathy workshop"


def test_a_kind_in_use_cannot_be_deleted_but_can_be_deactivated(admin_client_of_cast, cast):
    kind = cast.acme_visit.kind
    refused = admin_client_of_cast.post(f"/settings/kinds/{kind.pk}/delete/", follow=True)
    assert "mark the kind inactive instead" in refused.content.decode()
    assert ContactKind.objects.filter(pk=kind.pk).exists()

    admin_client_of_cast.post(f"/settings/kinds/{kind.pk}/active/", {"active": "0"})
    kind.refresh_from_db()
    assert not kind.is_active
    admin_client_of_cast.post(f"/settings/kinds/{kind.pk}/active/", {"active": "1"})
    kind.refresh_from_db()
    assert kind.is_active


def test_an_unused_kind_is_deleted(admin_client_of_cast):
    kind = ContactKind.objects.get(slug="role-play")
    admin_client_of_cast.post(f"/settings/kinds/{kind.pk}/delete/")
    assert not ContactKind.objects.filter(pk=kind.pk).exists()
    assert AuditEvent.objects.filter(action="engagements.kind.deleted").exists()


def test_the_kinds_page_runs_a_constant_number_of_queries(
    admin_client_of_cast, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        admin_client_of_cast.get("/settings/kinds/")
