"""Fixtures for the standards tests: the shipped standard, reinstalled after flushes."""

import pytest

from ridealong.standards.catalog import install_default_standard
from ridealong.standards.models import Standard


@pytest.fixture
def default_standard(db) -> Standard:
    install_default_standard(Standard)
    return Standard.objects.get(scope="everyone", min_minutes=120)
