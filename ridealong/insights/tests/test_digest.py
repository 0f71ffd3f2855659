import datetime
import email
from email import policy

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from ridealong.insights import digest
from ridealong.insights.models import DigestOptOut, DigestSent, HostQuestion
from ridealong.insights.tests.factories import InsightFactory

# A Wednesday: the digest covers the week (Monday to Sunday) before.
NOW = datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC)
LAST_WEEK = datetime.datetime(2026, 3, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def week(cast, hank):
    InsightFactory(
        customer=cast.acme,
        author=cast.member.person,
        text="Your technician stayed until ten at night & saved our <morning> shift.",
        type="praise",
        created_at=LAST_WEEK,
    )
    InsightFactory(
        customer=cast.globex,
        author=cast.member.person,
        text="Spare parts take weeks",
        created_at=LAST_WEEK,
    )
    InsightFactory(customer=cast.globex, author=cast.other_member.person, text="Finance only")
    cast.acme_visit.started_at = LAST_WEEK
    cast.acme_visit.save()
    HostQuestion.objects.create(
        engagement=cast.acme_visit, asked_by=cast.member.person, host=hank, text="Why no demo?"
    )


def send(capture):
    with capture(execute=True):
        return digest.send_digests(NOW)


def test_the_digest_is_html_and_text_with_the_quotes(
    cast, week, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    to_max = [m for m in mail.outbox if m.to == ["max@example.com"]]
    assert len(to_max) == 1
    parsed = email.message_from_bytes(to_max[0].message().as_bytes(), policy=policy.default)
    assert parsed["Subject"].startswith("Engineering: what customers said")
    html = parsed.get_body(preferencelist=("html",)).get_content()
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    assert (
        "Your technician stayed until ten at night &amp; saved our &lt;morning&gt; shift." in html
    )
    assert 'class="digest-quote"' in html
    assert "Spare parts take weeks" in text
    assert "Finance only" not in text  # another team's quote
    assert "Max Member: Acme Foods" in text  # who met which customers
    assert "Why no demo?" in html  # unanswered questions to the host
    assert "/insights/digest/opt-out/" in html


def test_the_digest_offers_one_click_unsubscribe_in_its_headers(
    cast, week, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    to_max = next(m for m in mail.outbox if m.to == ["max@example.com"])
    parsed = email.message_from_bytes(to_max.message().as_bytes(), policy=policy.default)
    assert "/insights/digest/opt-out/" in parsed["List-Unsubscribe"]
    assert parsed["List-Unsubscribe"].strip().startswith("<http")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_digest_is_sent_once_per_team_per_week(cast, week, django_capture_on_commit_callbacks):
    first = send(django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    second = send(django_capture_on_commit_callbacks)
    assert first["emails"] >= 2  # Max and Mia in Engineering
    assert second == {"teams": 0, "emails": 0}
    assert len(mail.outbox) == sent
    assert DigestSent.objects.filter(department=cast.engineering).count() == 1


def test_the_opt_out_link_works_without_signing_in(
    client, cast, week, django_capture_on_commit_callbacks
):
    url = reverse(
        "insights:digest_opt_out", kwargs={"token": digest.opt_out_token(cast.member.person)}
    )
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert "gets no more digests" in response.content.decode()
    assert DigestOptOut.objects.filter(person=cast.member.person).exists()
    send(django_capture_on_commit_callbacks)
    assert not [m for m in mail.outbox if m.to == ["max@example.com"]]
    assert [m for m in mail.outbox if m.to == ["mia@example.com"]]


def test_a_tampered_opt_out_link_is_refused(client, cast):
    token = digest.opt_out_token(cast.member.person)[:-2] + "xx"
    response = client.post(reverse("insights:digest_opt_out", kwargs={"token": token}))
    assert response.status_code == 404
    assert not DigestOptOut.objects.exists()


def test_it_sends_nothing_to_a_team_with_a_quiet_week(cast, django_capture_on_commit_callbacks):
    assert send(django_capture_on_commit_callbacks) == {"teams": 0, "emails": 0}
    assert not DigestSent.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest",
        "https://[::1]/hook",
        "ftp://hooks.example.com/x",
    ],
)
def test_the_webhook_refuses_private_and_loopback_addresses(url):
    with pytest.raises(digest.WebhookRefused):
        digest.check_webhook_url(url)


def test_the_webhook_allows_private_addresses_when_told_to():
    digest.check_webhook_url("http://127.0.0.1:8000/hook", private_ok=True)


def test_the_digest_posts_to_the_webhook(
    cast, week, settings, monkeypatch, django_capture_on_commit_callbacks
):
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received: list[dict] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SLACK_WEBHOOK_URL = f"http://127.0.0.1:{server.server_port}/hook"
    settings.SLACK_WEBHOOK_ALLOW_PRIVATE = True
    send(django_capture_on_commit_callbacks)
    server.shutdown()
    server.server_close()
    engineering = [r["text"] for r in received if "Engineering" in r["text"]]
    assert len(engineering) == 1
    assert "Your technician stayed" in engineering[0]


def test_the_webhook_is_not_posted_to_a_loopback_address_by_default(
    cast, week, settings, django_capture_on_commit_callbacks
):
    settings.SLACK_WEBHOOK_URL = "http://127.0.0.1:9/hook"
    settings.SLACK_WEBHOOK_ALLOW_PRIVATE = False
    d = digest.build_digest(cast.engineering, NOW)
    assert digest.post_to_webhook(d) is False


def test_week_bounds_follow_the_organisation_time_zone(cast):
    from ridealong.core.models import Organisation

    org = Organisation.current()
    org.time_zone = "Europe/Berlin"
    org.save()
    first, since, until = digest.week_bounds(NOW)
    assert first == datetime.date(2026, 3, 2)
    assert since == datetime.datetime(2026, 3, 1, 23, 0, tzinfo=datetime.UTC)
    assert until - since == datetime.timedelta(days=7)
    assert timezone.is_aware(until)
