"""Notifications listen to the seats app from start-up (AppConfig.ready())."""

from ridealong.notifications.receivers import on_assignment_event
from ridealong.seats.models import Assignment
from ridealong.seats.signals import assignment_event


def test_seat_changes_reach_the_notifications_receiver():
    receivers = assignment_event._live_receivers(Assignment)
    # Django 5 returns (sync, async) receiver lists.
    sync = receivers[0] if isinstance(receivers, tuple) else receivers
    assert on_assignment_event in sync
