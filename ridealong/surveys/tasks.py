"""Background work for surveys: webhook deliveries, retried with backoff."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import default_task_backend, task

from ridealong.surveys.models import DeliveryStatus, WebhookDelivery


def max_attempts() -> int:
    return int(getattr(settings, "RIDEALONG_WEBHOOK_MAX_ATTEMPTS", 6))


def backoff(attempts: int) -> datetime.timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd … failed attempt (at most 6 hours)."""
    return datetime.timedelta(minutes=min(2 ** (attempts - 1), 360))


def attempt(delivery: WebhookDelivery) -> WebhookDelivery:
    """Try one delivery; schedule the next try or give up after the last."""
    from ridealong.surveys import webhooks

    now = timezone.now()
    delivery.attempts += 1
    try:
        result = webhooks.post(
            delivery.webhook.url, delivery.body.encode(), delivery.webhook.secret, delivery.event
        )
    except webhooks.Refused as refused:
        delivery.status = DeliveryStatus.REFUSED
        delivery.last_error = str(refused)[:300]
        delivery.next_attempt_at = None
        delivery.save()
        return delivery
    delivery.last_status_code = result.status
    delivery.last_error = result.error
    if result.ok:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
    elif delivery.attempts >= max_attempts():
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save()
    if delivery.status == DeliveryStatus.PENDING and default_task_backend.supports_defer:
        deliver_webhook.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk)
    return delivery


@task()
def deliver_webhook(delivery_id: int) -> dict:
    delivery = (
        WebhookDelivery.objects.select_related("webhook")
        .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
        .first()
    )
    if delivery is None:
        return {"skipped": True}
    if delivery.next_attempt_at and delivery.next_attempt_at > timezone.now() + datetime.timedelta(
        seconds=5
    ):
        return {"skipped": "not due"}
    attempt(delivery)
    return {"status": delivery.status, "attempts": delivery.attempts}


def deliver_due(*, now: datetime.datetime | None = None) -> int:
    """Retry pending deliveries that are due (for backends that cannot defer a task)."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.select_related("webhook").filter(
        status=DeliveryStatus.PENDING, next_attempt_at__lte=now
    )
    count = 0
    for delivery in due:
        attempt(delivery)
        count += 1
    return count
