"""The people plan alone (no database): every row is accounted for, and what it accepts
never contains a management cycle, whatever the file says."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ridealong.imports.mapping import PEOPLE, auto_map
from ridealong.imports.people_plan import ExistingPerson, NewPerson, plan_people
from ridealong.imports.plan import CREATED, KEEP
from ridealong.imports.tabular import Table

HEADER = ["Name", "Email", "Manager", "Department"]
LENGTHS = {"first_name": 100, "last_name": 100, "email": 254, "external_id": 100,
           "title": 200, "location": 200, "department": 200}  # fmt: skip
EXISTING = [
    ExistingPerson(1, "Mia", "Manager", "mia@example.com", "E1", "", None, 2, "leader", None, "",
                   True),
    ExistingPerson(2, "Olga", "Other", "olga@example.com", None, "", None, None, "leader", None,
                   "", True),
]  # fmt: skip

emails = st.sampled_from([f"p{i}@example.com" for i in range(8)] + ["mia@example.com", "bad"])
rows = st.lists(
    st.tuples(
        st.sampled_from(["Ann Able", "Bob Baker", "Cid Cole", "", "Able, Ann"]),
        emails,
        st.one_of(st.just(""), emails, st.sampled_from(["Ann Able", "E1", "nobody"])),
        st.sampled_from(["", "Engineering", "Engineering / Firmware", "Sales > EMEA"]),
    ),
    min_size=1,
    max_size=12,
)


def plan_for(data: list[tuple]) -> tuple:
    table = Table(HEADER, [(i + 2, list(r)) for i, r in enumerate(data)], "csv")
    mapping = auto_map(HEADER, PEOPLE)
    return table, plan_people(table, mapping, people=EXISTING, departments=[], max_lengths=LENGTHS)


@given(rows)
@settings(max_examples=300, deadline=None)
def test_every_row_is_planned_once_and_no_cycle_survives(data):
    table, plan = plan_for(data)
    planned_rows = [p.row for p in plan.people] + [r.row for r in plan.rejected]
    assert sorted(planned_rows) == [number for number, _ in table.rows]
    assert all(r.reasons for r in plan.rejected)

    # Follow every accepted person's manager chain: it must end, not loop.
    manager_of: dict[object, object] = {("p", p.id): ("p", p.manager_id) for p in EXISTING}
    for p in plan.people:
        node = ("p", p.person_id) if p.person_id else ("r", p.row)
        if p.manager is KEEP:
            continue
        if isinstance(p.manager, NewPerson):
            manager_of[node] = ("r", p.manager.row)
        else:
            manager_of[node] = ("p", p.manager) if p.manager else None
    created_rows = {p.row for p in plan.people if p.action == CREATED}
    for start in list(manager_of):
        seen, node = set(), start
        while node is not None and node[1] is not None:
            assert node not in seen, f"cycle through {node}"
            seen.add(node)
            if node[0] == "r":
                assert node[1] in created_rows  # a new manager is created by this import
            node = manager_of.get(node)


def test_a_three_person_cycle_names_everyone_in_order():
    _, plan = plan_for(
        [
            ("Ann Able", "p1@example.com", "p2@example.com", ""),
            ("Bob Baker", "p2@example.com", "p3@example.com", ""),
            ("Cid Cole", "p3@example.com", "p1@example.com", ""),
        ]
    )
    assert [r.reasons for r in plan.rejected] == [
        [
            "management cycle: Ann Able, who reports to Bob Baker, who reports to Cid Cole, "
            "who reports to Ann Able"
        ]
    ] * 3
