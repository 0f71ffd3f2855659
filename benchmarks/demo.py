"""Loading the demo company: how long a first `make demo` keeps a newcomer waiting.

    .venv/bin/python benchmarks/demo.py                 # a temporary SQLite file
    .venv/bin/python benchmarks/demo.py --repeat 5
    .venv/bin/python benchmarks/demo.py --database-url postgres://postgres@127.0.0.1:5432/rdl_bench

Migrates the database, then loads the demo company several times, each inside a transaction
that is rolled back: once as `ridealong demo` does (the company, then every app's registered
part), and once with no parts — the company alone (people, customers, six months of
engagements, written in bulk), the baseline measured in the same run. Prints the median of each,
the time of every part, and the ratio whole / company alone. The whole load used to be asserted
to stay under 30 s in the test suite (about 1 s of it on SQLite, 5-11 s on PostgreSQL on a busy
2-core CI machine); the target is printed, not enforced. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 30.0
TODAY = datetime.date(2025, 3, 14)


def timed_parts(times: dict[str, list[float]]) -> Any:
    """The registered demo parts in their order, each wrapped to record how long it takes."""
    from ridealong.core.registry import Registry, demo_parts

    timed: Registry = Registry("demo part")
    previous: list[str] = []
    for name, part in demo_parts.items():

        def wrapper(*, _name: str = name, _part: Callable = part, **kwargs: Any) -> Any:
            started = time.perf_counter()
            result = _part(**kwargs)
            times.setdefault(_name, []).append(time.perf_counter() - started)
            return result

        timed.add(name, wrapper, after=previous)  # the same order, whatever the names
        previous = [name]
    return timed


def load_once(parts: Any) -> float:
    """Seconds for one load of the demo company with `parts`, rolled back afterwards."""
    from django.db import transaction

    from ridealong.demo import loader

    registered = loader.demo_parts
    loader.demo_parts = parts
    try:
        with transaction.atomic():
            started = time.perf_counter()
            loader.load_demo(today=TODAY)
            seconds = time.perf_counter() - started
            transaction.set_rollback(True)
    finally:
        loader.demo_parts = registered
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="loads of each kind (3)")
    parser.add_argument("--database-url", help="an empty database (default: temporary SQLite)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as workdir:
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{workdir}/demo.sqlite3"
        os.environ["RIDEALONG_VAR_DIR"] = workdir
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from ridealong.core.registry import Registry

        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        print(f"migrate: {time.perf_counter() - started:.1f} s")

        part_times: dict[str, list[float]] = {}
        parts = timed_parts(part_times)
        alone = Registry("demo part")
        load_once(parts)  # warm-up: first imports, caches
        part_times.clear()
        whole, company = [], []
        for _ in range(args.repeat):
            company.append(load_once(alone))
            whole.append(load_once(parts))

    median_whole, median_company = statistics.median(whole), statistics.median(company)
    print(f"\n== loading the demo company, median of {args.repeat} (after one warm-up)")
    print(f"company alone (baseline)   {median_company:6.2f} s")
    for name, seconds in part_times.items():
        print(f"  + part {name:18s} {statistics.median(seconds):6.2f} s")
    print(f"whole, every part          {median_whole:6.2f} s")
    print(f"ratio whole / company alone {median_whole / median_company:.2f}x")
    verdict = "yes" if median_whole < TARGET_SECONDS else "NO"
    print(f"under {TARGET_SECONDS:.0f} s for a first `make demo`: {verdict}")


if __name__ == "__main__":
    main()
