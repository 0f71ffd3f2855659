"""Reactions to the signals of the apps below; connected in NotificationsConfig.ready()."""

from typing import Any

from ridealong.notifications.services import assignment_event


def on_assignment_event(sender: Any, *, assignment_id: int, event: str, **kwargs: Any) -> None:
    """A seat changed (seats.signals.assignment_event): e-mail the participant."""
    assignment_event(assignment_id=assignment_id, event=event)
