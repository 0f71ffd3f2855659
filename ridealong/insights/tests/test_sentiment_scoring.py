"""Notes and insights carry their sentiment, scored with ridealong.language."""

from ridealong.insights import services
from ridealong.insights.models import Insight
from ridealong.insights.tests.factories import InsightFactory


def test_it_scores_an_insight_and_stores_the_result(cast):
    insight = InsightFactory(customer=cast.acme, text="Still waiting for the spare part")
    value = services.sentiment_score_object(insight)
    insight.refresh_from_db()
    assert insight.sentiment == "negative" == value.label
    assert -1 <= insight.sentiment_score < 0


def test_scoring_a_queryset_only_scores_what_is_not_scored_yet(cast):
    InsightFactory(customer=cast.acme, text="Still waiting for the spare part")
    InsightFactory(customer=cast.acme, text="Great support", sentiment="positive")
    assert services.sentiment_score_queryset(Insight.objects.all()) == 1
