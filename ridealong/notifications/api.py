"""The notifications part of the REST API (mounted by config.api).

Your calendar feed URL (read, create or replace, revoke), your e-mail preferences, the
e-mails Ridealong sent you; admins see everyone's and retry failed ones.
"""

import datetime

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status
from pydantic import Field

from ridealong.accounts.models import User
from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_settings, require
from ridealong.core.api.schemas import Filters, Id, Input, page, responses
from ridealong.notifications import selectors, services
from ridealong.notifications.models import EmailStatus, OutgoingEmail
from ridealong.notifications.outbox import email_retry
from ridealong.people.models import Person

router = Router(tags=["Calendar and e-mail"])


class FeedOut(Schema):
    active: bool
    url: str | None = Field(description="Subscribe to this in a calendar app. Keep it secret.")
    created_at: datetime.datetime | None = None
    last_used_at: datetime.datetime | None = None


def _feed(user: User) -> dict:
    token = selectors.feed_token_for_user(user)
    if token is None:
        return {"active": False, "url": None}
    return {
        "active": True,
        "url": services.feed_url(token),
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
    }


@router.get("/calendar/feed", response=responses(200, FeedOut), summary="Your calendar feed")
def read_calendar_feed(request: AuthenticatedHttpRequest) -> dict:
    """Your personal calendar feed URL (iCalendar), if you made one."""
    return _feed(request.user)


@router.post(
    "/calendar/feed", response=responses(201, FeedOut), summary="Create or replace your feed"
)
def create_calendar_feed(request: AuthenticatedHttpRequest) -> Status:
    """A new secret feed URL; a previous one stops working."""
    services.feed_token_create(user=request.user)
    return Status(201, _feed(request.user))


@router.delete("/calendar/feed", response=responses(204, None), summary="Revoke your feed")
def revoke_calendar_feed(request: AuthenticatedHttpRequest) -> Status:
    services.feed_token_revoke(user=request.user)
    return Status(204, None)


class PreferenceOut(Schema):
    reminders: bool = Field(description="An e-mail the day before each seat.")
    weekly_nudge: bool = Field(description="A weekly e-mail with open seats when behind.")


class PreferencePatch(Input):
    reminders: bool | None = None
    weekly_nudge: bool | None = None


def _person(request: AuthenticatedHttpRequest) -> Person:
    if request.user.person is None:
        raise PermissionDenied("Your login is not linked to a person.")
    return request.user.person


@router.get(
    "/calendar/preferences", response=responses(200, PreferenceOut), summary="Your e-mail choices"
)
def read_preferences(request: AuthenticatedHttpRequest) -> dict:
    preference = selectors.preference_for_person(_person(request).pk)
    if preference is None:
        return {"reminders": True, "weekly_nudge": True}
    return {"reminders": preference.reminders, "weekly_nudge": preference.weekly_nudge}


@router.patch(
    "/calendar/preferences",
    response=responses(200, PreferenceOut),
    summary="Change your e-mail choices",
)
def update_preferences(request: AuthenticatedHttpRequest, payload: PreferencePatch) -> dict:
    """Invites and cancellations always come; reminders and the weekly nudge are optional."""
    person = _person(request)
    current = read_preferences(request)
    wanted = {**current, **payload.dict(exclude_unset=True, exclude_none=True)}
    preference = services.preference_update(person=person, by=request.user, **wanted)
    return {"reminders": preference.reminders, "weekly_nudge": preference.weekly_nudge}


class EmailOut(Schema):
    id: int
    key: str = Field(description="The event it tells about; one e-mail per key.")
    to: str
    subject: str
    status: EmailStatus
    invite: str = Field(description="REQUEST, CANCEL or empty (no calendar invite).")
    attempts: int
    next_attempt_at: datetime.datetime
    last_error: str
    created_at: datetime.datetime
    sent_at: datetime.datetime | None

    @staticmethod
    def resolve_invite(obj: OutgoingEmail) -> str:
        return obj.ics_method if obj.ics else ""


class EmailFilters(Filters):
    status: EmailStatus | None = None
    all: bool = Field(False, description="Everyone's e-mails (admins only).")


class EmailPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[EmailOut]


@router.get(
    "/notifications/emails", response=responses(200, EmailPage), summary="E-mails sent to you"
)
def list_emails(request: AuthenticatedHttpRequest, filters: Query[EmailFilters]) -> dict:
    """E-mails Ridealong sent (or is sending) to you, newest first. Admins: `all=true` for
    everyone's, `status=failed` for the ones that need a look."""
    if filters.all:
        require(can_manage_settings(request.user))
    emails = selectors.outgoing_email_list(
        request.user, everyone=filters.all, status=filters.status
    )
    return page(emails, filters)


@router.post(
    "/notifications/emails/{email_id}/retry",
    response=responses(200, EmailOut),
    summary="Retry a failed e-mail",
)
def retry_email(request: AuthenticatedHttpRequest, email_id: Id) -> OutgoingEmail:
    """Admins: queue a failed e-mail for another round of attempts."""
    require(can_manage_settings(request.user))
    email = selectors.get_outgoing_email_for_admin(request.user, email_id)
    return email_retry(email=email, by=request.user)
