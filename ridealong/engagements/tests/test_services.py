"""The rules the engagement services keep, whichever page or API calls them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ridealong.engagements import services
from ridealong.engagements.models import Engagement
from tests import factories as f


def arguments(cast, **change):
    return {
        "by": cast.member,
        "kind": f.kind(),
        "customer": cast.acme,
        "participants": [(cast.member.person, "lead")],
        "started_at": timezone.now() - datetime.timedelta(hours=1),
        "duration_minutes": 60,
        "summary": "Visit",
    } | change


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"summary": "a\x00b"}, "summary"),
        ({"summary": "x" * 301}, "summary"),
        ({"place": "p" * 201}, "place"),
        ({"place": "\x00"}, "place"),
        ({"notes": "n\x00"}, "notes"),
        ({"notes": "n" * 20_001}, "notes"),
    ],
)
def test_it_refuses_text_the_database_would_choke_on(cast, change, field):
    with pytest.raises(ValidationError) as raised:
        services.engagement_create(**arguments(cast, **change))
    assert field in raised.value.message_dict
    assert Engagement.objects.count() == 1


def test_a_summary_padded_with_spaces_to_over_300_is_fine(cast):
    engagement = services.engagement_create(**arguments(cast, summary=" " * 50 + "x" * 300))
    assert engagement.summary == "x" * 300
