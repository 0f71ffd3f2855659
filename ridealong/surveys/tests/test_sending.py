"""Sending: single-use links by e-mail or as a CSV; do-not-contact never; one reminder."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.utils import timezone

from ridealong.surveys import services
from ridealong.surveys.models import Invitation, SurveyOptOut, token_digest
from ridealong.surveys.tests.factories import make_survey
from tests import factories as f


@pytest.fixture
def audience(cast):
    quiet = f.ContactFactory(
        customer=cast.acme, name="Dora Dnc", email="dora@acme.example", do_not_contact=True
    )
    formula = f.ContactFactory(
        customer=cast.acme, name='=HYPERLINK("http://x")', email="eq@acme.example"
    )
    return quiet, formula


def test_it_emails_a_personal_link_and_an_unsubscribe_link_storing_only_a_digest(
    client, cast, django_capture_on_commit_callbacks
):
    survey = make_survey()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invitations_create(
            survey=survey, by=cast.program_lead, contacts=[cast.acme_contact], channel="email"
        )
    ((invitation, raw),) = result.invitations
    assert len(raw) >= 32
    assert invitation.token_digest == token_digest(raw)
    assert raw not in str(Invitation.objects.values().get())
    (message,) = mail.outbox
    assert message.to == ["carla@acme.example"]
    assert f"/surveys/r/{raw}/" in message.body
    assert f"/surveys/r/{raw}/unsubscribe/" in message.body
    assert client.get(f"/surveys/r/{raw}/").status_code == 200


def test_do_not_contact_and_unsubscribed_are_never_sent_anything(
    cast, audience, django_capture_on_commit_callbacks
):
    quiet, _ = audience
    SurveyOptOut.objects.create(contact=cast.globex_contact)
    survey = make_survey()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invitations_create(
            survey=survey,
            by=cast.program_lead,
            contacts=[quiet, cast.globex_contact, cast.acme_contact],
            channel="email",
        )
    assert [inv.contact for inv, _ in result.invitations] == [cast.acme_contact]
    assert result.excluded == 2
    assert [m.to for m in mail.outbox] == [["carla@acme.example"]]


def test_the_send_page_shows_who_is_left_out_and_exports_links_as_safe_csv(client, cast, audience):
    quiet, _formula = audience
    survey = make_survey()
    client.force_login(cast.program_lead)
    preview = client.post(
        f"/surveys/{survey.pk}/send/", {"customers": [cast.acme.pk], "channel": "link"}
    )
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "2 contacts will get it" in html
    assert "<strong>1</strong> left out" in html
    response = client.post(
        f"/surveys/{survey.pk}/send/",
        {"customers": [cast.acme.pk], "channel": "link", "confirm": "yes"},
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Customer", "Contact", "E-mail", "Survey link"]
    names = {row[1] for row in rows[1:]}
    assert names == {"Carla Contact", '\'=HYPERLINK("http://x")'}
    assert all("/surveys/r/" in row[3] for row in rows[1:])
    assert not Invitation.objects.filter(contact=quiet).exists()
    assert len(mail.outbox) == 0


def test_the_send_page_takes_a_csv_of_emails(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    survey = make_survey()
    client.force_login(cast.program_lead)
    upload = SimpleUploadedFile("list.csv", b"email\ngus@globex.example\nnobody@nowhere.example\n")
    response = client.post(
        f"/surveys/{survey.pk}/send/", {"emails_file": upload, "channel": "email"}
    )
    html = response.content.decode()
    assert "1 contact will get it" in html
    assert "nobody@nowhere.example" in html


def test_reminders_go_once_to_non_responders_after_n_days(cast, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    survey = make_survey()
    with django_capture_on_commit_callbacks(execute=True):
        result = services.invitations_create(
            survey=survey,
            by=cast.program_lead,
            contacts=[cast.acme_contact, cast.globex_contact],
            channel="email",
        )
    (carla, carla_raw), (gus, _) = result.invitations
    Invitation.objects.update(sent_at=timezone.now() - datetime.timedelta(days=8))
    Invitation.objects.filter(pk=gus.pk).update(responded_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_survey_reminders")
        call_command("send_survey_reminders")
    (message,) = mail.outbox
    assert message.to == ["carla@acme.example"]
    assert "reminder" in message.subject.lower()
    carla.refresh_from_db()
    assert carla.reminded_at
    assert carla.reminder_digest
    # Both the first link and the reminder's work.
    assert Invitation.objects.filter(token_digest=token_digest(carla_raw)).exists()


def test_a_survey_can_be_built_duplicated_and_closed(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        "/surveys/new/",
        {"title": "Pulse", "thank_you": "Thanks", "link_valid_days": 30, "reminder_after_days": 5},
    )
    survey_url = response["Location"]
    client.post(survey_url, {"kind": "nps", "text": "Recommend us?", "required": "on"})
    client.post(
        survey_url, {"kind": "single", "text": "Which plant?", "choices": "Bielefeld\nPoznań"}
    )
    bad = client.post(survey_url, {"kind": "multiple", "text": "Only one option", "choices": "One"})
    assert bad.status_code == 400
    assert "at least two options" in bad.content.decode()
    assert "Only one option" in bad.content.decode()
    from ridealong.surveys.models import Survey

    survey = Survey.objects.get(title="Pulse")
    assert [q.kind for q in survey.questions.all()] == ["nps", "single"]
    client.post(f"/surveys/{survey.pk}/status/", {"action": "open"})
    client.post(f"/surveys/{survey.pk}/status/", {"action": "duplicate"})
    copy = Survey.objects.get(title="Pulse (copy)")
    assert copy.status == "draft"
    assert copy.questions.count() == 2
    client.post(f"/surveys/{survey.pk}/status/", {"action": "close"})
    survey.refresh_from_db()
    assert survey.status == "closed"
    assert survey.closed_at


def test_the_survey_list_runs_constant_queries(client, cast, django_assert_max_num_queries):
    for i in range(12):
        make_survey(title=f"S{i}")
    client.force_login(cast.program_lead)
    with django_assert_max_num_queries(12):
        assert client.get("/surveys/").status_code == 200
