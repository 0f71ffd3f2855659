"""Search at scale: our search endpoint against the raw engine query, on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/search.py                       # 1,000,000 notes on SQLite
    .venv/bin/python benchmarks/search.py --notes 200000
    .venv/bin/python benchmarks/search.py --database-url postgres://postgres@127.0.0.1:5432/postgres

Generates N notes with a realistic vocabulary (manufacturing and customer phrases, words drawn
with Zipfian frequencies, part numbers in the long tail, "customer" in about 85% of notes),
bulk-loads them into a separate database (a temporary SQLite file, or a PostgreSQL database
`rdl_bench_search` created and dropped again), measures the load and the index build, then runs
a fixed set of queries — rare and common words, phrases, prefixes, with and without filters —
three ways, each repeated:

- endpoint: GET /api/v1/search through Django's test client (token auth, validation, the
  same parser, engine and filters as the page, JSON out): what a user waits for;
- raw: the very statements one search sends (newest candidates, ranking when few enough,
  snippets), recorded once and replayed on a cursor: the engine's own cost;
- naive: what one writes first — rank every match, ORDER BY rank LIMIT 20 — for reference.

Prints p50/p95 per query and per group, the endpoint/raw ratio (target <= 2x) and the p95 of
queries for a word found in most notes (target <= 100 ms). Not part of `make test`.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "rdl_bench_search"

# ruff: noqa: S608 — SQL from fixed fragments; values are bound parameters.
# --- the notes ----------------------------------------------------------------------------------

FUNCTION_WORDS = [
    "the",
    "and",
    "to",
    "of",
    "a",
    "in",
    "that",
    "it",
    "was",
    "for",
    "on",
    "they",
    "we",
    "with",
    "is",
    "their",
    "at",
    "but",
    "this",
    "as",
    "not",
    "be",
    "have",
    "had",
    "there",
    "so",
    "when",
    "from",
    "what",
    "all",
    "were",
    "one",
    "about",
    "our",
    "an",
    "by",
    "which",
    "more",
    "if",
    "out",
    "up",
    "them",
    "would",
    "very",
    "just",
    "now",
    "than",
    "only",
    "also",
    "after",
    "some",
    "could",
    "been",
    "into",
]
DOMAIN_WORDS = [
    "machine",
    "line",
    "operator",
    "film",
    "packaging",
    "carton",
    "seal",
    "sealing",
    "jaw",
    "jaws",
    "conveyor",
    "pallet",
    "palletiser",
    "wrapper",
    "format",
    "changeover",
    "downtime",
    "maintenance",
    "spare",
    "parts",
    "service",
    "technician",
    "shift",
    "night",
    "plant",
    "site",
    "order",
    "delivery",
    "price",
    "pricing",
    "quote",
    "contract",
    "warranty",
    "training",
    "manual",
    "screen",
    "alarm",
    "sensor",
    "motor",
    "gearbox",
    "belt",
    "chain",
    "guard",
    "door",
    "safety",
    "hygiene",
    "cleaning",
    "washdown",
    "speed",
    "output",
    "capacity",
    "batch",
    "recipe",
    "label",
    "labeller",
    "printer",
    "barcode",
    "scanner",
    "tray",
    "lid",
    "cup",
    "bottle",
    "cap",
    "capper",
    "filler",
    "dosing",
    "weigher",
    "scale",
    "reject",
    "quality",
    "audit",
    "inspection",
    "camera",
    "vision",
    "software",
    "update",
    "firmware",
    "remote",
    "support",
    "hotline",
    "ticket",
    "call",
    "visit",
    "engineer",
    "installation",
    "commissioning",
    "acceptance",
    "test",
    "trial",
    "sample",
    "material",
    "foil",
    "paper",
    "cardboard",
    "plastic",
    "recyclable",
    "sustainability",
    "energy",
    "consumption",
    "compressed",
    "air",
    "vacuum",
    "pump",
    "valve",
    "cylinder",
    "pneumatic",
    "hydraulic",
    "lubrication",
    "wear",
    "tooling",
    "die",
    "knife",
    "blade",
    "heater",
    "temperature",
    "pressure",
    "humidity",
    "dust",
    "noise",
    "vibration",
    "leak",
    "jam",
    "stop",
    "restart",
    "reset",
    "error",
    "fault",
    "breakdown",
    "repair",
    "replacement",
    "stock",
    "warehouse",
    "logistics",
    "lead",
    "time",
    "week",
    "weeks",
    "month",
    "months",
    "budget",
    "invoice",
    "payment",
    "discount",
    "competitor",
    "tender",
    "purchasing",
    "buyer",
    "manager",
    "planner",
    "supervisor",
    "production",
    "director",
    "owner",
    "team",
    "staff",
    "worker",
    "apprentice",
    "shortage",
    "overtime",
    "weekend",
    "holiday",
    "peak",
    "season",
    "christmas",
    "summer",
    "volume",
    "growth",
    "expansion",
    "new",
    "second",
    "third",
    "hall",
    "building",
    "extension",
    "automation",
    "robot",
    "gripper",
    "cobot",
    "integration",
    "interface",
    "data",
    "dashboard",
    "report",
    "export",
    "oee",
    "efficiency",
    "uptime",
    "availability",
    "performance",
    "complaint",
    "praise",
    "happy",
    "unhappy",
    "frustrated",
    "slow",
    "fast",
    "easy",
    "hard",
    "difficult",
    "simple",
    "clear",
    "confusing",
    "expensive",
    "cheap",
    "reliable",
    "unreliable",
    "old",
    "modern",
]
PHRASES = [
    "spare parts take too long to arrive",
    "changeover time is too long",
    "the operator showed us how the machine runs",
    "downtime on the line costs them money",
    "they want remote support at night",
    "the sealing jaws need cleaning every shift",
    "film tension keeps drifting",
    "the hotline answered quickly",
    "training for new operators is missing",
    "the manual is hard to follow",
    "they compare our price with a competitor",
    "lead time for the second line",
    "the labeller rejects too many cartons",
    "washdown damages the sensors",
    "output dropped after the firmware update",
    "they plan an expansion next year",
]
OPENINGS = [
    "The customer said",
    "According to the customer,",
    "Our customer explained that",
    "The customer's maintenance lead told us",
    "At the customer site we saw that",
]
RARE_WORDS = {"thermoformer": 0.0005, "cavitation": 0.002, "ultrasonic": 0.01}
KINDS = ["note"] * 6 + ["insight"] * 2 + ["reflection", "answer", "engagement"]
INSIGHT_TYPES = ["pain", "gain", "objection", "idea", "praise", "question", "request"]
SEGMENTS = ["Food", "Pharma", "Cosmetics", "Logistics", "Beverages", "Household"]
RELATIONSHIPS = ["current", "prospect", "competitor_client"]
SENTIMENTS = [None, "negative", "neutral", "positive"]
TAGS = ["spare parts", "training", "pricing", "downtime", "hygiene", "remote support", "safety"]
AREAS = ["Sealing", "Conveying", "Labelling", "Software", "Service", ""]
CUSTOMERS = 2000
DEPARTMENTS = 40
START = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
SPAN_SECONDS = 2 * 365 * 24 * 3600


def vocabulary(rng: random.Random) -> list[str]:
    """Ranked words: function words, the domain's, then a long tail of part and model codes."""
    domain = DOMAIN_WORDS[:]
    rng.shuffle(domain)
    ranked: list[str] = []
    for i, word in enumerate(domain):
        ranked.append(word)
        if i < len(FUNCTION_WORDS):
            ranked.append(FUNCTION_WORDS[i])
    tail = [
        f"{rng.choice('ABCDFGHKLMPRSTVX')}{rng.choice('ABCDFGHKLMPRSTVX')}{n}" for n in range(20000)
    ]
    return ranked + tail


def notes(count: int, seed: int = 7) -> Iterator[tuple[str, str]]:
    """(title, body) pairs; the same seed gives the same notes."""
    import numpy as np

    rng = random.Random(seed)
    words = vocabulary(rng)
    ranks = np.arange(1, len(words) + 1)
    weights = 1.0 / ranks**1.07
    weights /= weights.sum()
    generator = np.random.default_rng(seed)
    chunk = 10_000
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        lengths = generator.integers(20, 60, size=size).tolist()
        picks = generator.choice(len(words), size=sum(lengths), p=weights).tolist()
        offset = 0
        for n in range(size):
            length = int(lengths[n])
            body_words = [words[i] for i in picks[offset : offset + length]]
            offset += length
            parts = []
            if rng.random() < 0.85:
                parts.append(rng.choice(OPENINGS))
            parts.append(rng.choice(PHRASES))
            parts.append(" ".join(body_words))
            if rng.random() < 0.5:
                parts.append(rng.choice(PHRASES))
            for word, chance in RARE_WORDS.items():
                if rng.random() < chance:
                    parts.append(f"the {word} again")
            title = " ".join(rng.sample(body_words, min(5, len(body_words)))).capitalize()
            yield title, ". ".join(parts) + "."


def rows(count: int, seed: int = 7) -> Iterator[tuple]:
    """SearchDocument columns for `count` notes, oldest first (ids grow with time)."""
    rng = random.Random(seed + 1)
    now = datetime.datetime.now(datetime.UTC)
    for n, (title, body) in enumerate(notes(count, seed)):
        kind = rng.choice(KINDS)
        tags = rng.sample(TAGS, rng.randint(0, 2)) if kind == "insight" else []
        departments = sorted({rng.randrange(1, DEPARTMENTS + 1) for _ in range(rng.randint(1, 3))})
        at = START + datetime.timedelta(seconds=SPAN_SECONDS * n // max(count, 1))
        yield (
            kind,
            n + 1,
            title[:300],
            body,
            at,
            rng.randrange(1, CUSTOMERS + 1),
            rng.randrange(1, count + 1),
            rng.choice(SEGMENTS),
            rng.choice(RELATIONSHIPS),
            rng.randrange(1, 12),
            rng.choice(INSIGHT_TYPES) if kind == "insight" else "",
            rng.choice(AREAS) if kind == "insight" else "",
            rng.choice(SENTIMENTS),
            json.dumps(tags),
            json.dumps(departments),
            f"|{'|'.join(sorted(tags))}|" if tags else "",
            f"|{'|'.join(str(d) for d in departments)}|",
            now,
        )


COLUMNS = (
    "kind, object_id, title, body, at, customer_id, engagement_id, segment, relationship, "
    "contact_kind_id, insight_type, product_area, sentiment, tags, department_ids, tag_keys, "
    "department_keys, indexed_at"
)

# --- the queries --------------------------------------------------------------------------------

RECENT = "2025-10-01T00:00:00+00:00"
QUERIES: list[tuple[str, str, dict[str, str]]] = [
    ("rare", "thermoformer", {}),
    ("rare", "cavitation", {}),
    ("rare", "ultrasonic pump", {}),
    ("medium", "gearbox", {}),
    ("medium", "washdown sensors", {}),
    ("frequent", "customer", {}),
    ("frequent", "machine", {}),
    ("frequent", "customer said", {}),
    ("phrase", '"spare parts"', {}),
    ("phrase", '"changeover time"', {}),
    ("prefix", "manu*", {}),
    ("prefix", "pack*", {}),
    ("filtered", "customer", {"customer": "17"}),
    ("filtered", "gearbox", {"since": RECENT}),
    ("filtered", '"spare parts"', {"kind": "insight"}),
    ("filtered", "customer", {"department": "3", "sentiment": "negative"}),
    ("filtered", "cavitation", {"segment": "Food"}),
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lower, upper = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (k - lower)


def timed(fn: Callable[[], object], repeat: int, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


# --- the run ------------------------------------------------------------------------------------


def prepare_database(args: argparse.Namespace, workdir: Path) -> tuple[str, Callable[[], None]]:
    """DATABASE_URL of a fresh database, and how to drop it afterwards."""
    if not args.database_url:
        path = workdir / "bench.sqlite3"
        return f"sqlite:///{path}", lambda: None
    import psycopg

    admin = args.database_url
    parts = urlsplit(admin)
    target = urlunsplit(parts._replace(path=f"/{BENCH_DB}"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")

    return target, drop


def load(count: int) -> dict[str, float]:
    """Bulk-load the notes, then build the full-text index; returns the timings."""
    from django.db import connection

    fulltext = importlib.import_module("ridealong.search.migrations.0002_fulltext")
    marks = ", ".join(["?"] * len(COLUMNS.split(",")))
    timings: dict[str, float] = {}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA synchronous=OFF")
            for trigger in ("insert", "update", "delete"):
                cursor.execute(f"DROP TRIGGER search_fts_after_{trigger}")
            # Straight to sqlite3 (Django's wrapper adapts every parameter: minutes at 1M).
            raw = connection.connection
            insert = f"INSERT INTO search_searchdocument ({COLUMNS}) VALUES ({marks})"
            batch: list[tuple] = []
            for n, row in enumerate(rows(count), 1):
                batch.append(sqlite_row(row))
                if len(batch) >= 20_000:
                    # One transaction per batch: Django's connection is in autocommit mode.
                    raw.execute("BEGIN")
                    raw.executemany(insert, batch)
                    raw.execute("COMMIT")
                    batch.clear()
                if n % 100_000 == 0:
                    print(f"  loading {n:,}/{count:,}", file=sys.stderr)
            raw.execute("BEGIN")
            raw.executemany(insert, batch)
            raw.execute("COMMIT")
            timings["load (rows)"] = time.perf_counter() - started
            started = time.perf_counter()
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
            timings["index build (FTS5 rebuild)"] = time.perf_counter() - started
            for statement in fulltext.SQLITE_FORWARD[1:4]:
                cursor.execute(statement)
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
            timings["index optimize (FTS5 merge)"] = (
                time.perf_counter() - started - timings["index build (FTS5 rebuild)"]
            )
            cursor.execute("ANALYZE")
        else:
            cursor.execute("DROP INDEX search_doc_vector_gin")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            with cursor.cursor.copy(f"COPY search_searchdocument ({COLUMNS}) FROM STDIN") as copy:
                for n, row in enumerate(rows(count), 1):
                    copy.write_row(row)
                    if n % 100_000 == 0:
                        print(f"  loading {n:,}/{count:,}", file=sys.stderr)
            timings["load (rows + generated tsvector)"] = time.perf_counter() - started
            started = time.perf_counter()
            cursor.execute(fulltext.POSTGRES_FORWARD[1])
            timings["index build (GIN)"] = time.perf_counter() - started
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    return timings


def sqlite_row(row: tuple) -> tuple:
    """Datetimes as Django stores them on SQLite: naive UTC text."""
    return tuple(
        value.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        if isinstance(value, datetime.datetime)
        else value
        for value in row
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notes", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20, help="runs per query and way")
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL server's admin URL; the benchmark creates and drops its own database",
    )
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="rdl-bench-search-"))
    url, drop = prepare_database(args, workdir)
    os.environ["DATABASE_URL"] = url
    os.environ["RIDEALONG_VAR_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    try:
        run(args)
    finally:
        drop()
        for path in sorted(workdir.glob("**/*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        workdir.rmdir()


def run(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from ridealong.accounts.models import ApiToken, User, hash_token
    from ridealong.customers.models import Customer
    from ridealong.search.engines import engine

    print(f"Search benchmark: {args.notes:,} notes on {connection.vendor}", flush=True)
    call_command("migrate", verbosity=0)
    Customer.objects.bulk_create(Customer(name=f"Customer {n}") for n in range(1, CUSTOMERS + 1))
    started = time.perf_counter()
    timings = load(args.notes)
    total = time.perf_counter() - started
    for name, seconds in timings.items():
        print(f"  {name:<36} {seconds:8.1f} s")
    print(f"  {'load and index, all told':<36} {total:8.1f} s", flush=True)
    if connection.vendor == "sqlite":
        size = Path(connection.settings_dict["NAME"]).stat().st_size
        print(f"  database file {size / 2**20:,.0f} MB")

    user = User.objects.create_user(email="bench@example.com", name="Bench")
    raw_token = ApiToken.generate()
    ApiToken.objects.create(
        user=user, name="bench", prefix=raw_token[:10], digest=hash_token(raw_token)
    )
    client = Client(headers={"authorization": f"Bearer {raw_token}"})
    search_engine = engine()

    by_group: dict[str, dict[str, list[float]]] = {}
    for group, text, filters in QUERIES:
        count, capped, times = measure(client, search_engine, text, filters, args.repeat)
        for way, values in times.items():
            by_group.setdefault(group, {}).setdefault(way, []).extend(values)
            by_group.setdefault("all", {}).setdefault(way, []).extend(values)
        e, r, n = times["endpoint"], times["raw"], times["naive"]
        print(
            f"  {group:<9} {describe(text, filters):<42} {count:>5}{'+' if capped else ' '}"
            f"  endpoint p50 {percentile(e, 50):6.1f} p95 {percentile(e, 95):6.1f}"
            f"  raw p50 {percentile(r, 50):6.1f} p95 {percentile(r, 95):6.1f}"
            + (f"  naive p95 {percentile(n, 95):7.1f}" if n else "")
            + " ms",
            flush=True,
        )

    print(
        "\nPer group (ms)            endpoint p50    p95 |   raw p50    p95 | ratio p95 | naive p95"
    )
    for group, ways in by_group.items():
        e, r, n = ways["endpoint"], ways["raw"], ways.get("naive") or []
        ratio = percentile(e, 95) / max(percentile(r, 95), 1e-9)
        naive = f" {percentile(n, 95):9.1f}" if n else "         -"
        print(
            f"  {group:<23} {percentile(e, 50):9.1f} {percentile(e, 95):6.1f} |"
            f" {percentile(r, 50):9.1f} {percentile(r, 95):6.1f} | {ratio:8.2f}x |{naive}"
        )
    frequent = by_group["frequent"]["endpoint"]
    overall = by_group["all"]
    ratio = percentile(overall["endpoint"], 95) / percentile(overall["raw"], 95)
    overhead = statistics.median(overall["endpoint"]) - statistics.median(overall["raw"])
    print(
        f"\nendpoint p95 / raw p95 over all queries: {ratio:.2f}x (target <= 2x)"
        f"\nfrequent-term endpoint p95: {percentile(frequent, 95):.1f} ms (target <= 100 ms)"
        f"\nmedian endpoint overhead over raw: {overhead:.1f} ms"
    )


def measure(
    client: Any, search_engine: Any, text: str, filters: dict[str, str], repeat: int
) -> tuple[int, bool, dict[str, list[float]]]:
    """One query three ways: the endpoint, the engine statements it sends, the naive query."""
    from django.db import connection

    from ridealong.search import selectors
    from ridealong.search.query import parse_query

    url = f"/api/v1/search?{urlencode({'q': text, **filters})}"
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    body = response.json()

    # Record the statements one search sends (candidates, ranking, snippets) to replay them.
    parsed = parse_query(text)
    statements: list[tuple[str, list[Any]]] = []

    def record(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        statements.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        selectors.search(user=None, text=text, filters=api_filters(filters))
    naive = search_engine.naive_sql(parsed, limit=selectors.PER_PAGE)

    def run_statements(todo: list[tuple[str, list[Any]]]) -> None:
        with connection.cursor() as cursor:
            for sql, params in todo:
                cursor.execute(sql, params)
                cursor.fetchall()

    times = {
        "endpoint": timed(lambda: client.get(url), repeat),
        "raw": timed(lambda: run_statements(statements), repeat),
        # Ranking every match is slow for common words; a few runs show it.
        "naive": timed(lambda: run_statements([naive]), max(3, repeat // 4), warmup=1)
        if not filters
        else [],
    }
    return body["count"], body["capped"], times


def describe(text: str, filters: dict[str, str]) -> str:
    return text + (" +" + ",".join(f"{k}={v}" for k, v in filters.items()) if filters else "")


def api_filters(filters: dict[str, str]) -> object:
    """The SearchFilters the API builds from these parameters (for the raw statements)."""
    from ridealong.search.selectors import SearchFilters

    return SearchFilters(
        kinds=(filters["kind"],) if "kind" in filters else (),
        customer_id=int(filters["customer"]) if "customer" in filters else None,
        segment=filters.get("segment", ""),
        department_ids=(int(filters["department"]),) if "department" in filters else (),
        since=datetime.datetime.fromisoformat(filters["since"]) if "since" in filters else None,
        sentiment=filters.get("sentiment", ""),
    )


if __name__ == "__main__":
    main()
