"""Webhooks: HMAC-signed, retried with backoff, never to private addresses unless allowed."""

import datetime
import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from ridealong.surveys import services, tasks, webhooks
from ridealong.surveys.models import DeliveryStatus, QuestionKind, Webhook, WebhookDelivery
from ridealong.surveys.tests.factories import make_invitation, make_survey


class Receiver:
    """A tiny HTTP server on 127.0.0.1 that records what it is sent and answers `status`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict, bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook?x=1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def answer(client, survey, contact, score):
    _, raw = make_invitation(survey, contact)
    nps = survey.questions.get(kind=QuestionKind.NPS)
    client.post(f"/surveys/r/{raw}/", {f"q{nps.pk}": str(score)})


def test_it_posts_signed_bodies_on_responses_and_detractors(
    client, cast, settings, receiver, django_capture_on_commit_callbacks
):
    settings.RIDEALONG_WEBHOOK_ALLOW_PRIVATE = True
    _, secret = services.webhook_create(by=cast.program_lead, url=receiver.url)
    survey = make_survey()
    with django_capture_on_commit_callbacks(execute=True):
        answer(client, survey, cast.acme_contact, 9)
        answer(client, survey, cast.globex_contact, 2)
    events = [json.loads(body)["event"] for _, body in receiver.received]
    assert events == ["survey.response", "survey.response", "survey.detractor"]
    for headers, body in receiver.received:
        expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
        assert headers["X-Ridealong-Signature"] == expected
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }
    assert "gus@globex.example" not in receiver.received[-1][1].decode()


def test_it_refuses_loopback_without_the_setting(cast, settings, receiver):
    settings.RIDEALONG_WEBHOOK_ALLOW_PRIVATE = False
    hook = Webhook.objects.create(url=receiver.url, secret="s")
    delivery = WebhookDelivery.objects.create(webhook=hook, event="survey.response", body="{}")
    tasks.attempt(delivery)
    assert delivery.status == DeliveryStatus.REFUSED
    assert "private" in delivery.last_error
    assert receiver.received == []


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.1",
        "169.254.169.254",
        "::1",
        "fe80::1",
        "0.0.0.0",  # noqa: S104 (an address under test, not a binding)
        "240.0.0.1",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_not_public(address):
    assert not webhooks.is_public(address)


def test_public_addresses_are(settings):
    assert webhooks.is_public("93.184.216.34")
    assert webhooks.is_public("2606:2800:220:1:248:1893:25c8:1946")


def test_failures_are_retried_with_backoff_then_given_up(cast, settings, receiver, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # the wait is exact, however slow the machine
    settings.RIDEALONG_WEBHOOK_ALLOW_PRIVATE = True
    settings.RIDEALONG_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.status = 500
    hook = Webhook.objects.create(url=receiver.url, secret="s")
    delivery = WebhookDelivery.objects.create(
        webhook=hook, event="survey.response", body="{}", next_attempt_at=timezone.now()
    )
    tasks.attempt(delivery)
    assert delivery.status == DeliveryStatus.PENDING
    first_wait = delivery.next_attempt_at - timezone.now()
    assert first_wait == datetime.timedelta(minutes=1)
    assert tasks.deliver_due() == 0  # not due yet
    assert tasks.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - timezone.now() > datetime.timedelta(minutes=1)
    receiver.status = 204
    tasks.deliver_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert len(receiver.received) == 3


def test_the_last_failure_gives_up(cast, settings, receiver):
    settings.RIDEALONG_WEBHOOK_ALLOW_PRIVATE = True
    settings.RIDEALONG_WEBHOOK_MAX_ATTEMPTS = 1
    receiver.status = 500
    hook = Webhook.objects.create(url=receiver.url, secret="s")
    delivery = WebhookDelivery.objects.create(webhook=hook, event="survey.response", body="{}")
    tasks.attempt(delivery)
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.last_status_code == 500


def test_the_webhook_page_shows_the_secret_once(client, cast):
    client.force_login(cast.program_lead)
    response = client.post(
        "/surveys/webhooks/", {"url": "https://hooks.example.com/ridealong", "on_response": "on"}
    )
    secret = Webhook.objects.get().secret
    assert secret in response.content.decode()
    assert secret not in client.get("/surveys/webhooks/").content.decode()
