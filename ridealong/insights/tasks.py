"""Background work for insights, run by `ridealong worker` (the commands do the same)."""

from django_tasks import task


@task()
def send_digests() -> dict:
    """Last week's digest to every team that has not had it (`ridealong send_digests`)."""
    from ridealong.insights.digest import send_digests as send

    return send()


@task()
def remind_reflections() -> int:
    """Reminders for reflections missing two days on (`ridealong remind_reflections`)."""
    from ridealong.insights.services import remind_reflections as remind

    return remind()
