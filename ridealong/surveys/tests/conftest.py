import pytest

from ridealong.surveys.tests.factories import make_invitation, make_survey


@pytest.fixture
def survey(db):
    return make_survey()


@pytest.fixture
def invited(cast, survey):
    """Carla at Acme, invited to the survey: (invitation, raw token, url)."""
    invitation, raw = make_invitation(survey, cast.acme_contact)
    return invitation, raw, f"/surveys/r/{raw}/"
