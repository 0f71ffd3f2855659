"""The demo company's calendar and e-mail (a demo part, run by the demo app).

Jonas (the demo member) already subscribed to his calendar feed; Lena turned the weekly
nudge off. Reminders for tomorrow's seats and this week's nudges are queued as they would be
by cron, so the outbox (and var/mail/, once the worker runs) shows what people receive.
"""

import datetime
import random
import zoneinfo

from ridealong.accounts.models import User
from ridealong.core.models import Organisation
from ridealong.core.registry import demo_parts
from ridealong.notifications.models import CalendarFeedToken, NotificationPreference

FEED_USER = "jonas.weber@falkenrath.example"
NO_NUDGE_USER = "lena.hoffmann@falkenrath.example"


# Reminders for the seats and nudges against the standards; the higher apps' parts put
# themselves before it, so the outbox is queued once the whole company exists.
@demo_parts.register("notifications", after=["seats", "standards"])
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    # Here, not at the top: the services load icalendar (0.1 s), and this module is imported
    # in ready(), at every start.
    from ridealong.notifications.services import nudges_send, reminders_send

    feeds = 0
    jonas = User.objects.filter(email=FEED_USER).first()
    if jonas is not None:
        # From the demo's own generator, so a reloaded demo has the same feed URL.
        token = "demo-" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz23456789") for _ in range(24))
        CalendarFeedToken.objects.create(user=jonas, token=token)
        feeds = 1
    lena = User.objects.filter(email=NO_NUDGE_USER).select_related("person").first()
    if lena is not None and lena.person_id:
        NotificationPreference.objects.update_or_create(
            person=lena.person, defaults={"weekly_nudge": False}
        )
    zone = zoneinfo.ZoneInfo(Organisation.current().time_zone)
    morning = datetime.datetime.combine(today, datetime.time(8, 0), tzinfo=zone)
    return {
        "calendar feeds": feeds,
        "reminders queued": reminders_send(now=morning),
        "nudges queued": nudges_send(now=morning),
    }
