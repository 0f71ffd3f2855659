"""Sending invitations and reminders by e-mail, and unsubscribing."""

import datetime
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import User
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation
from ridealong.customers.models import Contact
from ridealong.notifications.outbox import email_enqueue
from ridealong.surveys.models import (
    Invitation,
    InvitationChannel,
    Survey,
    SurveyOptOut,
    SurveyStatus,
    token_digest,
)
from ridealong.surveys.services.common import _user


def public_url(raw: str) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:public', args=[raw])}"


def unsubscribe_url(raw: str) -> str:
    return f"{settings.SITE_URL}{reverse('surveys:unsubscribe', args=[raw])}"


def send_email(*, key: str, to: str, subject: str, text: str) -> str:
    """Through the notifications outbox (retried, once per key). Returns which way it went."""
    email_enqueue(key=key, to=to, subject=subject, text=text)
    return "outbox"


def _invitation_email(survey: Survey, contact: Contact, raw: str, *, reminder: bool) -> str:
    organisation = Organisation.current()
    greeting = f"Dear {contact.name}," if contact.name else "Hello,"
    lead = (
        "A short reminder: we would still love to hear from you."
        if reminder
        else f"{organisation.name} would like to hear how we are doing."
    )
    return (
        f"{greeting}\n\n{lead}\n\n{survey.title}\n"
        f"{survey.intro + chr(10) if survey.intro else ''}\n"
        f"Your personal link (it works once, until "
        f"{timezone.localtime(_expiry(survey)).date():%d %b %Y}):\n{public_url(raw)}\n\n"
        f"Thank you,\n{organisation.name}\n\n"
        f"--\nNo more surveys from us? Unsubscribe: {unsubscribe_url(raw)}\n"
    )


def _expiry(survey: Survey) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=survey.link_valid_days)


@dataclass(frozen=True)
class SendResult:
    invitations: list[tuple[Invitation, str]]  # with the raw token, shown this once
    excluded: int  # do-not-contact, unsubscribed or without e-mail
    already_invited: int
    mail_via: str = ""


@transaction.atomic
def invitations_create(
    *, survey: Survey, by: User, contacts: Sequence[Contact], channel: str
) -> SendResult:
    """Invite contacts with personal single-use links, by e-mail or as a CSV of links.

    Contacts marked do-not-contact or unsubscribed are never invited; nor is anyone twice."""
    if channel not in InvitationChannel.values:
        raise ValidationError({"channel": [f"“{channel}” is not a way to send."]})
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError("Open the survey before sending it.")
    ids = {c.pk for c in contacts}
    fresh = list(
        Contact.objects.filter(pk__in=ids)
        .select_related("customer", "survey_opt_out")
        .order_by("pk")
    )
    opted_out = set(
        SurveyOptOut.objects.filter(contact_id__in=ids).values_list("contact_id", flat=True)
    )
    invited = set(
        Invitation.objects.filter(survey=survey, contact_id__in=ids).values_list(
            "contact_id", flat=True
        )
    )
    excluded = 0
    created: list[tuple[Invitation, str]] = []
    mail_via = ""
    for contact in fresh:
        if contact.do_not_contact or contact.pk in opted_out:
            excluded += 1
            continue
        if channel == InvitationChannel.EMAIL and not contact.email:
            excluded += 1
            continue
        if contact.pk in invited:
            continue
        raw = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            survey=survey,
            contact=contact,
            email=contact.email,
            channel=channel,
            token_digest=token_digest(raw),
            created_by=_user(by),
            expires_at=_expiry(survey),
            sent_at=timezone.now() if channel == InvitationChannel.EMAIL else None,
        )
        if channel == InvitationChannel.EMAIL:
            mail_via = send_email(
                key=f"survey-invitation-{invitation.pk}",
                to=contact.email,
                subject=survey.title,
                text=_invitation_email(survey, contact, raw, reminder=False),
            )
        created.append((invitation, raw))
    log_action(
        "surveys.invitations.created",
        actor=by,
        target=survey,
        changes={"channel": channel, "count": len(created), "excluded": excluded},
    )
    return SendResult(created, excluded, len(invited), mail_via)


def invitation_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind e-mailed contacts who have not answered after the survey's N days. Idempotent:
    each invitation is reminded at most once, with a fresh link (the first still works)."""
    now = now or timezone.now()
    due = (
        Invitation.objects.filter(
            channel=InvitationChannel.EMAIL,
            survey__status=SurveyStatus.OPEN,
            survey__reminder_after_days__gt=0,
            responded_at__isnull=True,
            reminded_at__isnull=True,
            sent_at__isnull=False,
            expires_at__gt=now,
            contact__do_not_contact=False,
            contact__survey_opt_out__isnull=True,
        )
        .exclude(contact__email="")
        .select_related("survey", "contact")
    )
    count = 0
    for invitation in due:
        assert invitation.sent_at is not None  # filtered on sent_at__isnull=False
        if (
            invitation.sent_at + datetime.timedelta(days=invitation.survey.reminder_after_days)
            > now
        ):
            continue
        with transaction.atomic():
            locked = (
                Invitation.objects.select_for_update()
                .filter(pk=invitation.pk, reminded_at__isnull=True, responded_at__isnull=True)
                .first()
            )
            if locked is None:
                continue
            raw = secrets.token_urlsafe(24)
            locked.reminder_digest = token_digest(raw)
            locked.reminded_at = now
            locked.save(update_fields=["reminder_digest", "reminded_at"])
            send_email(
                key=f"survey-reminder-{locked.pk}",
                to=invitation.contact.email,
                subject=f"Reminder: {invitation.survey.title}",
                text=_invitation_email(invitation.survey, invitation.contact, raw, reminder=True),
            )
            count += 1
    return count


@transaction.atomic
def contact_unsubscribe(*, invitation: Invitation) -> SurveyOptOut:
    """From a link in a survey e-mail: no more survey e-mails to this contact, ever.

    Only surveys: other colleagues may still call the contact (do-not-contact is the CRM's
    stronger flag and stays as it is)."""
    opt_out, created = SurveyOptOut.objects.get_or_create(
        contact=invitation.contact, defaults={"invitation": invitation}
    )
    if created:
        log_action("surveys.contact.unsubscribed", target=invitation.contact)
    return opt_out
