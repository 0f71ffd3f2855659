import datetime

import pytest

from ridealong.themes.models import Theme


@pytest.mark.django_db
def test_the_demo_has_readable_themes_over_its_insights(monkeypatch):
    monkeypatch.setenv("RIDEALONG_THEME_MODEL", "tfidf")
    from ridealong.demo.loader import load_demo
    from ridealong.insights.models import Insight
    from ridealong.language import embeddings

    embeddings.encoder.cache_clear()
    load_demo(today=datetime.date(2026, 3, 16))
    themes = list(Theme.objects.all())
    assert 5 <= len(themes) <= 40
    assert sum(t.size for t in themes) == Insight.objects.count()
    for theme in themes:
        assert 0 < len(theme.name) < 80
        assert theme.name[0].isalpha()
    assert any(t.pinned for t in themes)
    assert not Insight.objects.filter(sentiment__isnull=True).exists()
    embeddings.encoder.cache_clear()
