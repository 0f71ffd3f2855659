"""Seats announce changes through `seats.signals.assignment_event`; whoever listens is above."""

import logging

from ridealong.seats.notify import notify_assignment
from ridealong.seats.signals import assignment_event


def test_a_failing_receiver_is_logged_and_does_not_undo_the_change(monkeypatch, caplog):
    heard: list[tuple[int, str]] = []

    def broken(sender, **kwargs):
        raise RuntimeError("mail server down")

    def record(sender, *, assignment_id, event, **kwargs):
        heard.append((assignment_id, event))

    monkeypatch.setattr(assignment_event, "receivers", [])
    monkeypatch.setattr(assignment_event, "sender_receivers_cache", {})
    assignment_event.connect(broken, weak=False)
    assignment_event.connect(record, weak=False)
    with caplog.at_level(logging.ERROR, logger="ridealong.seats.notify"):
        notify_assignment(7, "confirmed")
    assert heard == [(7, "confirmed")]
    assert "notifying assignment 7 of confirmed failed" in caplog.text
