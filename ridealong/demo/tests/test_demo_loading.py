"""Loading the demo company from empty: the same company every time.

Kept apart from test_demo.py, whose module-wide demo company would be in the way. How long a
load takes is measured by benchmarks/demo.py, not asserted here: a wall-clock bound fails on a
busy machine without anything being wrong."""

from django.db import transaction

from ridealong.demo.loader import load_demo
from ridealong.demo.tests.test_demo import TODAY, _snapshot


def test_it_is_the_same_company_every_time(db):
    before = transaction.savepoint()
    load_demo(today=TODAY)
    first = _snapshot()
    transaction.savepoint_rollback(before)
    load_demo(today=TODAY)
    assert _snapshot() == first
