"""What an import will do, row by row: the shared parts of the people and customer plans.

Plain data (no Django). A plan is computed from the file and a snapshot of what is already
in Ridealong; the preview shows it, and the apply step writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ridealong.imports import values
from ridealong.imports.tabular import Table

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
PREVIEW_LIMIT = 200  # rows listed per table on the preview; the counts cover all of them
Progress = Callable[[int], None]


class _Keep:
    """Marks a field the file says nothing about: the record keeps what it has."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


@dataclass
class Rejection:
    row: int
    label: str
    reasons: list[str]


@dataclass
class Notice:
    """Something the preview should point out that does not stop the row."""

    row: int
    column: str
    message: str


@dataclass
class Change:
    field: str  # label, for people to read
    old: str
    new: str


@dataclass
class PlanBase:
    kind: str
    total_rows: int
    rejected: list[Rejection] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)  # about the whole file

    def entries(self) -> list[Any]:  # the planned records, each with .action
        raise NotImplementedError

    def counts(self) -> dict[str, int]:
        counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0}
        for entry in self.entries():
            counts[entry.action] += 1
        counts["rejected"] = len(self.rejected)
        return counts

    def summary(self, limit: int = PREVIEW_LIMIT) -> dict[str, Any]:
        """The preview, as JSON-able data (kept on the import job)."""
        entries = self.entries()
        created = [e for e in entries if e.action == CREATED]
        updated = [e for e in entries if e.action == UPDATED]
        return {
            "kind": self.kind,
            "total_rows": self.total_rows,
            "counts": self.counts(),
            "messages": list(self.messages),
            "created": [
                {"row": e.row, "label": e.label, "detail": e.detail} for e in created[:limit]
            ],
            "updated": [
                {
                    "row": e.row,
                    "label": e.label,
                    "changes": [[c.field, c.old, c.new] for c in e.changes],
                }
                for e in updated[:limit]
            ],
            "rejected": [
                {"row": r.row, "label": r.label, "reasons": r.reasons}
                for r in sorted(self.rejected, key=lambda r: r.row)[:limit]
            ],
            "notices": [
                {"row": n.row, "column": n.column, "message": n.message}
                for n in self.notices[:limit]
            ],
            "notice_count": len(self.notices),
        }


class Rows:
    """The rows of a table with the mapping applied: `rows.get(cells, "email")`."""

    def __init__(self, table: Table, mapping: dict[str, str]) -> None:
        self.table = table
        self.column: dict[str, int] = {}
        for index, header in enumerate(table.header):
            key = mapping.get(header, "")
            if key:
                self.column[key] = index

    def mapped(self, key: str) -> bool:
        return key in self.column

    def get(self, cells: list, key: str) -> Any:
        index = self.column.get(key)
        return None if index is None else cells[index]

    def text(self, cells: list, key: str) -> str:
        return values.text(self.get(cells, key))

    def header(self, key: str) -> str:
        index = self.column.get(key)
        return "" if index is None else self.table.header[index]


def formula_notices(table: Table) -> list[Notice]:
    notices = []
    cells = dict(table.rows)
    for row, column in table.formula_cells:
        value = str(cells[row][column])
        shown = value if len(value) <= 40 else value[:39] + "…"
        notices.append(
            Notice(
                row,
                table.header[column],
                f"“{shown}” looks like a spreadsheet formula; it is imported as plain text "
                "and never calculated.",
            )
        )
    return notices


def check_lengths(
    found: dict[str, str], max_lengths: dict[str, int], labels: dict[str, str]
) -> list[str]:
    return [
        f"{labels.get(key, key)} is longer than {max_lengths[key]} characters"
        for key, value in found.items()
        if key in max_lengths and len(value) > max_lengths[key]
    ]


def display(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return values.text(value)
