import datetime

from ridealong.demo.loader import load_demo
from ridealong.insights.models import (
    HostQuestion,
    Insight,
    InsightType,
    LearningTask,
    Note,
    WallLink,
)


def test_the_demo_company_has_notes_insights_reflections_and_a_wall(db):
    summary = load_demo(today=datetime.date(2026, 11, 20))
    assert summary.extras["insights"] == 150
    assert summary.extras["notes"] > 100
    assert summary.extras["reflections"] > 100
    assert Note.objects.filter(answers__isnull=False).distinct().count() > 100
    types = set(Insight.objects.values_list("type", flat=True))
    assert types == set(InsightType.values)
    assert Insight.objects.values("text").distinct().count() > 60  # varied quotes
    assert HostQuestion.objects.filter(answered_at__isnull=False).count() >= 3
    assert HostQuestion.objects.filter(answered_at__isnull=True).exists()
    assert LearningTask.objects.count() == 3
    assert WallLink.objects.filter(revoked_at__isnull=True).exists()
    assert Insight.objects.filter(sentiment__isnull=False).count() == 150
