"""The person page: details, manager, reports, engagements, last contact, exposure."""

from django.urls import reverse


def detail(person_id: int) -> str:
    return reverse("people:detail", args=[person_id])


def test_it_shows_a_person_with_manager_and_reports(client, cast):
    client.force_login(cast.other_member)
    response = client.get(detail(cast.manager.person_id))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Mia Manager" in html
    assert "Head of engineering" in html
    assert "mia@example.com" in html
    assert [r.full_name for r in response.context["overview"].reports] == ["Max Member"]
    assert detail(cast.member.person_id) in html


def test_it_links_to_the_manager(client, cast):
    client.force_login(cast.member)
    html = client.get(detail(cast.member.person_id)).content.decode()
    assert detail(cast.manager.person_id) in html


def test_it_says_how_many_days_ago_the_last_customer_contact_was(client, cast):
    client.force_login(cast.other_member)
    html = client.get(detail(cast.member.person_id)).content.decode()
    assert "3 days ago" in html


def test_it_says_never_for_someone_who_never_met_a_customer(client, cast):
    client.force_login(cast.member)
    response = client.get(detail(cast.other_member.person_id))
    assert response.context["exposure"].days_since_contact is None
    assert "never" in response.content.decode()


def test_it_shows_edit_links_only_to_program_leads_and_admins(client, cast):
    edit = reverse("people:edit", args=[cast.member.person_id])
    for user, shown in [
        (cast.member, False),
        (cast.manager, False),
        (cast.program_lead, True),
        (cast.admin, True),
    ]:
        client.force_login(user)
        assert (edit in client.get(detail(cast.member.person_id)).content.decode()) is shown


def test_it_is_404_for_someone_who_does_not_exist(client, cast):
    client.force_login(cast.admin)
    assert client.get(detail(999999)).status_code == 404
