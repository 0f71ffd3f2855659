"""Registries: a feature that several apps add to, without the reader importing them.

An app registers its part in its `AppConfig.ready()` (by importing the module whose decorator
registers it); the app that uses the parts reads them in a deterministic order. Core owns the
registry so that low apps can register and the top app can read, while imports only go down.

    @demo_parts.register("insights", after=["seats", "standards"], before=["notifications"])
    def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]: ...

A name registered twice fails at once; a dependency on a name nobody registered, or a cycle,
fails on `check()` (the reading app calls it in its own `ready()`, after every app's).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")


class RegistryError(ImproperlyConfigured):
    """A registration that cannot work: a duplicate name, an unknown dependency, a cycle."""


@dataclass(frozen=True)
class Registration(Generic[T]):
    name: str
    item: T
    after: tuple[str, ...]
    before: tuple[str, ...]


class Registry(Generic[T]):
    """Named items, each optionally after others; read in dependency order, ties by name."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, Registration[T]] = {}

    def register(
        self, name: str, *, after: Iterable[str] = (), before: Iterable[str] = ()
    ) -> Callable[[T], T]:
        """Decorator: register the decorated object under `name`, after the items named in
        `after` and before those named in `before` (a higher app orders itself against a
        lower one with `before`, so the lower one never names it)."""

        def decorator(item: T) -> T:
            self.add(name, item, after=after, before=before)
            return item

        return decorator

    def add(
        self, name: str, item: T, *, after: Iterable[str] = (), before: Iterable[str] = ()
    ) -> None:
        if name in self._entries:
            raise RegistryError(f"The {self.what} {name!r} is registered twice.")
        after, before = tuple(after), tuple(before)
        if name in after or name in before:
            raise RegistryError(f"The {self.what} {name!r} cannot be ordered against itself.")
        self._entries[name] = Registration(name, item, after, before)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def names(self) -> list[str]:
        return [entry.name for entry in self._ordered()]

    def items(self) -> list[tuple[str, T]]:
        """Every registered item with its name, each after those it depends on."""
        return [(entry.name, entry.item) for entry in self._ordered()]

    def check(self) -> None:
        """Fail on a dependency nobody registered, or on a cycle."""
        self._ordered()

    def _ordered(self) -> list[Registration[T]]:
        needs: dict[str, set[str]] = {name: set() for name in sorted(self._entries)}
        for entry in self._entries.values():
            unknown = [n for n in entry.after + entry.before if n not in self._entries]
            if unknown:
                raise RegistryError(
                    f"The {self.what} {entry.name!r} is ordered against "
                    f"{', '.join(map(repr, unknown))}, which is not registered "
                    f"(registered: {', '.join(sorted(self._entries))})."
                )
            needs[entry.name].update(entry.after)
            for later in entry.before:
                needs[later].add(entry.name)
        # Kahn's algorithm; among those ready, the first by name, so the order never depends
        # on which app happened to register first.
        done: list[Registration[T]] = []
        placed: set[str] = set()
        waiting = {name: self._entries[name] for name in needs}
        while waiting:
            ready = [e for e in waiting.values() if placed.issuperset(needs[e.name])]
            if not ready:
                raise RegistryError(
                    f"The {self.what}s {', '.join(map(repr, waiting))} wait on each other."
                )
            done.append(ready[0])
            placed.add(ready[0].name)
            del waiting[ready[0].name]
        return done


class DemoPart(Protocol):
    """An app's part of the demo company: adds its data, returns {what: how many}."""

    def __call__(self, *, rng: random.Random, today: datetime.date) -> dict[str, int]: ...


# Each app's part of the demo company (seats, standards, insights …), run by the demo app once
# people, customers and engagements exist. The parts share one random generator, so their
# order is part of the demo data: each names the parts it comes after (a higher app also
# those it comes before).
demo_parts: Registry[DemoPart] = Registry("demo part")
