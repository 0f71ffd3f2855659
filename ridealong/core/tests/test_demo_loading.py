"""Loading the demo company from empty: the same company every time, and quickly.

Kept apart from test_demo.py, whose module-wide demo company would be in the way."""

import time

from django.db import transaction

from ridealong.core.demo import load_demo
from ridealong.core.tests.test_demo import TODAY, _snapshot


def test_it_is_the_same_company_every_time(db):
    before = transaction.savepoint()
    load_demo(today=TODAY)
    first = _snapshot()
    transaction.savepoint_rollback(before)
    load_demo(today=TODAY)
    assert _snapshot() == first


def test_it_loads_in_well_under_half_a_minute(db):
    """A first `make demo` must not keep a newcomer waiting. The whole company, with every
    app's part (seats, insights, themes, the search index, surveys), loads in about 1 s on
    SQLite and 5-11 s on PostgreSQL on a busy 2-core CI machine."""
    started = time.monotonic()
    load_demo()
    assert time.monotonic() - started < 30
