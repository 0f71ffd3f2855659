import pytest

from ridealong.seats.notify import NOTIFICATIONS_MODULE


@pytest.fixture
def heard(monkeypatch):
    """Every notification the seats app hands over, as (assignment_id, event)."""
    events: list[tuple[int, str]] = []

    def record(assignment_id: int, event: str) -> None:
        events.append((assignment_id, event))

    import sys
    import types

    fake = types.ModuleType(NOTIFICATIONS_MODULE)
    fake.assignment_event = lambda *, assignment_id, event: record(assignment_id, event)
    monkeypatch.setitem(sys.modules, NOTIFICATIONS_MODULE, fake)
    return events
