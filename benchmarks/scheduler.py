"""The scheduler on a synthetic company, against a bare min-cost flow and a greedy baseline.

    .venv/bin/python benchmarks/scheduler.py                      # 10,000 people + 20 seeds
    .venv/bin/python benchmarks/scheduler.py --seed-people 10000  # the 20 seeds at full size
    .venv/bin/python benchmarks/scheduler.py --people 100000 --seeds 0   # the large run

One seeded company: 10,000 people in 50 departments, 4,000 seats over a month (about a million
person–seat pairs after eligibility and availability), 500 customers, weekly maximums,
out-of-office weeks, held assignments, new technical hires, a visitor cap per customer and week,
a department share per seat, preferred kinds and published assignments to keep. Not part of
`make test`.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ridealong.scheduling import solver  # noqa: E402

KINDS = [
    ("ride-along", "sales call", "ride_along", True),
    ("installation", "installation", "ride_along", True),
    ("account-review", "account review", "ride_along", True),
    ("visit", "customer visit", "visit", True),
    ("support-listening", "support listening session", "support", True),
    ("support-shift", "support shift", "support", True),
]
START = datetime(2026, 12, 1, tzinfo=UTC)  # a Tuesday; weeks run from it
DAYS = 31


def company(
    seed: int, people: int = 10_000, seats: int = 4_000, customers: int = 500
) -> solver.Problem:
    """A month of a synthetic company; the same seed gives the same company."""
    rng = random.Random(seed)
    scale = max(1, people // 10_000)
    departments = 50 * scale  # departments of about 200 people, whatever the company's size
    person_rows = []
    for i in range(people):
        department = rng.randrange(departments)
        new_hire = rng.random() < 0.03
        behind = rng.random() < 0.65
        busy = []
        if rng.random() < 0.15:  # a week out of office
            day = rng.randrange(DAYS - 7)
            busy.append((START + timedelta(days=day), START + timedelta(days=day + 7)))
        booked = []
        if rng.random() < 0.2:  # a seat they signed up for themselves
            moment = START + timedelta(days=rng.randrange(DAYS), hours=rng.randrange(8, 16))
            booked.append((moment, moment + timedelta(hours=1)))
        person_rows.append(
            solver.Person(
                id=i + 1,
                department=department,
                new_hire=new_hire,
                deficit_minutes=rng.choice([30, 60, 90, 120, 150, 180, 240, 360]) if behind else 0,
                deficit_contacts=rng.choice([0, 0, 1, 2]) if behind else 0,
                standard_name="engineering standard",
                preferred_kinds=frozenset(rng.sample([k[0] for k in KINDS], rng.randrange(3))),
                weekly_max=rng.choice([1, 1, 2, 2, 3]),
                busy=tuple(busy),
                booked=tuple(booked),
                met_customers=frozenset(rng.randrange(customers) + 1 for _ in range(3)),
            )
        )
    by_department: dict[int, list[int]] = {}
    for person in person_rows:
        by_department.setdefault(person.department, []).append(person.id)
    seat_rows = []
    for o in range(seats):
        slug, name, practice, live = rng.choice(KINDS)
        day = rng.randrange(DAYS)
        start = START + timedelta(days=day, hours=rng.randrange(8, 17), minutes=rng.choice([0, 30]))
        length = rng.choice([60, 60, 90, 120, 180])
        host_department = rng.randrange(departments)
        roll = rng.random()
        # seats open to everyone stay as many as in a 10,000-person company, or the pairs
        # would grow with the square of the company
        if roll < 0.05 / scale:
            allowed, new_only = None, True  # new hires only, any department
        elif roll < 0.057 / scale:
            allowed, new_only = None, False  # everyone but the host's team
        elif roll < 0.87:
            allowed, new_only = frozenset({rng.randrange(departments)}), False
        else:
            allowed, new_only = frozenset(rng.sample(range(departments), 2)), False
        capacity = rng.choice([1, 1, 2, 2, 3, 4])
        published = ()
        if rng.random() < 0.1 and allowed:
            pool = by_department[next(iter(allowed))]
            published = (rng.choice(pool),)
        customer = None if practice == "support" else rng.randrange(customers) + 1
        seat_rows.append(
            solver.Seat(
                id=o + 1,
                start=start,
                end=start + timedelta(minutes=length),
                capacity=capacity,
                kind=slug,
                kind_name=name,
                practice=practice,
                live=live,
                customer_id=customer,
                customer_name=f"Customer {customer}" if customer else "",
                opportunity_id=o + 1,
                host_department=host_department,
                exclude_host_department=True,
                departments=allowed,
                new_hires_only=new_only,
                published=published,
                signed_up=rng.choice([0, 0, 0, 1]),
            )
        )
    return solver.Problem(
        seats=seat_rows,
        people=person_rows,
        period_start=START,
        period_end=START + timedelta(days=DAYS),
        rules=solver.Rules(customer_cap=3, department_share=0.5),
    )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run(people: int, seats: int, customers: int, seed: int, label: str) -> None:
    made = time.perf_counter()
    problem = company(seed, people, seats, customers)
    made = time.perf_counter() - made
    ours = solver.solve(problem)
    bare = solver.bare_min_cost_flow(problem)
    base = solver.greedy(problem)
    print(
        f"\n== {label}: {people:,} people, {seats:,} seats, {customers:,} customers (seed {seed})"
    )
    print(f"instance built in           {made:.1f} s; person–seat pairs {ours.stats['pairs']:,}")
    print(
        f"solve time                  {ours.seconds:.2f} s "
        f"(arrays {ours.stats['build_seconds']:.2f} s, first flow "
        f"{ours.stats['flow_seconds']:.2f} s, repair rounds {ours.stats['repair_rounds']})"
    )
    print(
        f"bare min-cost flow          {bare['seconds']:.2f} s (of which solve "
        f"{bare['solve_seconds']:.2f} s, {bare['arcs']:,} arcs)"
    )
    print(f"ratio ours / bare           {ours.seconds / bare['seconds']:.2f}x  (target <= 3x)")
    print(f"objective                   {ours.objective:,}")
    print(f"proven lower bound          {ours.bound:,}")
    print(f"gap                         {100 * ours.gap:.4f} %  (target <= 0.5 %)")
    worse = 100 * (base.objective - ours.objective) / max(1, abs(ours.objective))
    print(f"greedy (furthest behind)    {base.objective:,}  ({worse:+.2f} % worse than ours)")
    print(
        f"assignments                 {len(ours.assignments):,} (greedy {len(base.assignments):,})"
    )
    print(f"explanation                 {ours.explanation}")
    print(f"peak memory so far          {peak_mb():,.0f} MB  (target <= 2048 MB)")


def seeds(n: int, people: int, seats: int, customers: int) -> None:
    print(f"\n== ours vs greedy on {n} seeds ({people:,} people, {seats:,} seats)")
    better = 0
    for seed in range(1, n + 1):
        problem = company(seed, people, seats, customers)
        ours, base = solver.solve(problem), solver.greedy(problem)
        diff = 100 * (base.objective - ours.objective) / max(1, abs(ours.objective))
        better += ours.objective < base.objective
        print(
            f"seed {seed:2d}: ours {ours.objective:>12,} greedy {base.objective:>12,} "
            f"({diff:+.2f} %) gap {100 * ours.gap:.3f} % solve {ours.seconds:.2f} s"
        )
    print(f"ours strictly better on {better}/{n} seeds: {'yes' if better == n else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--seats", type=int, default=None, help="default: 0.4 per person")
    parser.add_argument("--customers", type=int, default=None, help="default: 1 per 20 people")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeds", type=int, default=20, help="seeds for ours vs greedy")
    parser.add_argument(
        "--seed-people", type=int, default=2_000, help="company size for the 20 seeds"
    )
    args = parser.parse_args()
    # 0.4 dates with seats per person for 10,000 people; 0.2 for larger companies
    seats = args.seats or (args.people * 2 // 5 if args.people <= 10_000 else args.people // 5)
    customers = args.customers or args.people // 20
    run(args.people, seats, customers, args.seed, "main instance")
    if args.seeds:
        seeds(args.seeds, args.seed_people, args.seed_people * 2 // 5, args.seed_people // 20)
    print(f"peak memory of the whole run {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
