"""What the seat services share: limits, the refusal, the organisation's clock, the row lock."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils import timezone

from ridealong.core.models import Organisation
from ridealong.seats.models import Occurrence

HORIZON_WEEKS = 12
MAX_TEXT = 5_000


class SeatRefused(ValidationError):
    """A sign-up, cancellation or swap that cannot happen, with a message for the person."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message, code=code)


def _now() -> datetime.datetime:
    return timezone.now()


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(Organisation.current().time_zone)


def _local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(_zone()).date()


def _when(occurrence: Occurrence) -> str:
    return f"{occurrence.starts_at.astimezone(_zone()):%a %d %b %H:%M}"


def _lock(occurrence_id: int) -> Occurrence:
    """The occurrence, its row locked until the transaction ends (PostgreSQL)."""
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("opportunity__host", "opportunity__kind")
        .get(pk=occurrence_id)
    )
