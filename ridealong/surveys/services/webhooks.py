"""Webhooks: creating and deleting them, firing survey events."""

import secrets
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.surveys.models import Webhook, WebhookDelivery, WebhookEvent
from ridealong.surveys.services.common import _user


@transaction.atomic
def webhook_create(
    *, by: User, url: str, on_response: bool = True, on_detractor: bool = True
) -> tuple[Webhook, str]:
    """A webhook and its signing secret (shown once)."""
    from ridealong.surveys.webhooks import validate_url

    validate_url(url)
    secret = secrets.token_urlsafe(32)
    webhook = Webhook.objects.create(
        url=url,
        secret=secret,
        on_response=on_response,
        on_detractor=on_detractor,
        created_by=_user(by),
    )
    log_action("surveys.webhook.created", actor=by, target=webhook, changes={"url": url})
    return webhook, secret


@transaction.atomic
def webhook_delete(*, webhook: Webhook, by: User) -> None:
    log_action("surveys.webhook.deleted", actor=by, target=webhook)
    webhook.delete()


def webhooks_fire(event: str, payload: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue a delivery per active webhook that wants the event; sent after commit."""
    import json

    wanted = Q(on_response=True) if event == WebhookEvent.RESPONSE else Q(on_detractor=True)
    body = json.dumps({"event": event, **payload}, sort_keys=True)
    deliveries = [
        WebhookDelivery.objects.create(
            webhook=w, event=event, body=body, next_attempt_at=timezone.now()
        )
        for w in Webhook.objects.filter(wanted, is_active=True)
    ]
    if deliveries:
        from ridealong.surveys.tasks import deliver_webhook

        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])
    return deliveries
