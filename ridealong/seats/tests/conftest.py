import pytest

from ridealong.seats.signals import assignment_event


@pytest.fixture
def heard(monkeypatch):
    """Every event the seats app sends, as (assignment_id, event); the only receiver while the
    test runs, so no e-mail goes out."""
    events: list[tuple[int, str]] = []

    def record(sender, *, assignment_id: int, event: str, **kwargs) -> None:
        events.append((assignment_id, event))

    monkeypatch.setattr(assignment_event, "receivers", [])
    monkeypatch.setattr(assignment_event, "sender_receivers_cache", {})
    assignment_event.connect(record, weak=False)
    return events
