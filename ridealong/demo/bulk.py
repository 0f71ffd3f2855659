"""Writing generated people, customers and engagements in bulk: one copy for the demo company
and for `ridealong seed`.

Both draw their rows first (from their own random generator, so the same seed gives the same
rows) and hand them here; these functions only write, in batches, with bulk inserts that skip
the services (and so the search index: `ridealong search_reindex` or the demo's search part
catch up afterwards).
"""

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import models, transaction

from ridealong.engagements.models import Engagement, Participation
from ridealong.people.models import Person

BATCH_SIZE = 5000

M = TypeVar("M", bound=models.Model)

# (what, how many done, of how many): `seed` prints it, the demo does not.
Progress = Callable[[str, int, int], None]


def _quiet(what: str, done: int, total: int) -> None:
    pass


def chunks(total: int, size: int) -> Iterator[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))


def rows_save(
    model: type[M],
    rows: Sequence[M],
    *,
    what: str,
    batch_size: int = BATCH_SIZE,
    progress: Progress = _quiet,
) -> None:
    """Insert `rows` (customers, contacts …), a transaction per batch; their pks are set."""
    for part in chunks(len(rows), batch_size):
        with transaction.atomic():
            # _default_manager is `objects` (the only manager), typed for any model class.
            model._default_manager.bulk_create(rows[part.start : part.stop])
    progress(what, len(rows), len(rows))


def people_save(
    people: list[Person],
    *,
    managers: Mapping[int, int],
    batch_size: int = BATCH_SIZE,
    progress: Progress = _quiet,
) -> None:
    """Insert `people`, then give each their manager: `managers` maps a person's position in
    `people` to their manager's position."""
    for part in chunks(len(people), batch_size):
        with transaction.atomic():
            Person.objects.bulk_create(people[part.start : part.stop])
        progress("people", part.stop, len(people))
    managed = []
    for position in sorted(managers):
        person = people[position]
        person.manager = people[managers[position]]
        managed.append(person)
    for part in chunks(len(managed), batch_size):
        with transaction.atomic():
            Person.objects.bulk_update(managed[part.start : part.stop], ["manager"])
    progress("managers", len(managed), len(managed))


@dataclass
class EngagementRow:
    """An engagement to write, with who took part (person pk, part) and the contacts met."""

    engagement: Engagement
    participants: Sequence[tuple[int, str]]
    contacts: list[int] = field(default_factory=list)


def engagements_save(rows: Sequence[EngagementRow], *, batch_size: int = BATCH_SIZE) -> int:
    """Insert the engagements, their participations (once per person) and the contacts met;
    a transaction per batch. Returns how many participations were written."""
    through = Engagement.contacts.through
    written = 0
    for part in chunks(len(rows), batch_size):
        batch = rows[part.start : part.stop]
        with transaction.atomic():
            Engagement.objects.bulk_create([row.engagement for row in batch])
            participations: list[Participation] = []
            links = []
            for row in batch:
                seen: set[int] = set()
                for person_id, role in row.participants:
                    if person_id in seen:
                        continue
                    seen.add(person_id)
                    participations.append(
                        Participation(engagement=row.engagement, person_id=person_id, part=role)
                    )
                links += [
                    through(engagement=row.engagement, contact_id=contact_id)
                    for contact_id in row.contacts
                ]
            Participation.objects.bulk_create(participations)
            through.objects.bulk_create(links)
        written += len(participations)
    return written
