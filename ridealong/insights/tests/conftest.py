import pytest

from ridealong.engagements.models import Part
from tests.factories import ParticipationFactory, PersonFactory


@pytest.fixture
def hank(cast):
    """Hank hosted the Acme visit Max observed."""
    host = PersonFactory(first_name="Hank", last_name="Host", email="hank@example.com")
    ParticipationFactory(engagement=cast.acme_visit, person=host, part=Part.HOST)
    return host


@pytest.fixture
def hank_user(hank):
    from ridealong.accounts.models import Role
    from tests.factories import UserFactory

    return UserFactory(person=hank, role=Role.MEMBER)
