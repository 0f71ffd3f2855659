"""The last seat cannot be taken twice, even by 20 people at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from ridealong.seats import services
from ridealong.seats.models import Assignment, AssignmentStatus
from ridealong.seats.services import SeatRefused
from ridealong.seats.tests.factories import PersonFactory, occurrence

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="real concurrent row locks need PostgreSQL; SQLite serialises every writer",
)


def _race(slot, people, *, waitlist: bool) -> list[str]:
    """Each person signs up from their own thread and database connection, all at once."""
    outcomes: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(people))

    def attempt(person) -> None:
        try:
            start.wait()
            assignment = services.signup(occurrence=slot, person=person, by=None, waitlist=waitlist)
            result = assignment.status
        except SeatRefused as refused:
            result = f"refused: {refused.code}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_gives_the_last_seat_to_exactly_one_of_twenty_concurrent_sign_ups():
    slot = occurrence(seats=1)
    people = [PersonFactory() for _ in range(20)]
    outcomes = _race(slot, people, waitlist=False)
    assert sorted(outcomes) == ["confirmed"] + ["refused: full"] * 19
    assert Assignment.objects.filter(occurrence=slot, status="confirmed").count() == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_queues_the_other_nineteen_in_order_on_the_waitlist():
    slot = occurrence(seats=1)
    people = [PersonFactory() for _ in range(20)]
    outcomes = _race(slot, people, waitlist=True)
    assert sorted(outcomes) == ["confirmed"] + ["waitlisted"] * 19
    positions = sorted(
        Assignment.objects.filter(occurrence=slot, status=AssignmentStatus.WAITLISTED).values_list(
            "waitlist_position", flat=True
        )
    )
    assert positions == list(range(1, 20))


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_it_gives_one_seat_to_the_same_person_signing_up_twenty_times_at_once():
    slot = occurrence(seats=5)
    person = PersonFactory()
    outcomes = _race(slot, [person] * 20, waitlist=False)
    assert sorted(outcomes) == ["confirmed"] + ["refused: twice"] * 19
    assert Assignment.objects.filter(occurrence=slot, person=person).count() == 1


@pytest.mark.django_db
def test_the_database_refuses_a_second_holder_of_the_same_seat():
    """The backstop without the lock: a raw insert of seat 1 twice is an IntegrityError."""
    from django.db import IntegrityError

    slot = occurrence(seats=1)
    Assignment.objects.create(
        occurrence=slot, person=PersonFactory(), status="confirmed", seat_number=1
    )
    with pytest.raises(IntegrityError):
        Assignment.objects.create(
            occurrence=slot, person=PersonFactory(), status="pending", seat_number=1
        )
