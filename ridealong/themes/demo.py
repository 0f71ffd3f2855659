"""Themes over the demo company's insights (a demo part, run after the insights part)."""

import datetime
import random

from ridealong.core.choices import RunStatus
from ridealong.core.registry import demo_parts
from ridealong.insights.services import sentiment_score_queryset
from ridealong.themes.models import Theme, ThemeRun


@demo_parts.register("themes", after=["insights"], before=["notifications"])
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    from ridealong.insights.models import Insight, Note

    # Here, not at the top: the services load scikit-learn (2 s), and this module is imported
    # in ready(), at every start.
    from ridealong.themes import services

    if not Insight.objects.exists():
        return {}
    # Notes and insights written before the scorer existed (or in bulk) get their sentiment.
    scored = sentiment_score_queryset(Insight.objects.all())
    scored += sentiment_score_queryset(Note.objects.all())
    run = ThemeRun.objects.create(full=True)
    run = services.theme_run_execute(run)  # now, not through the worker: the demo is ready
    if run.status != RunStatus.DONE:
        return {"sentiments scored": scored}
    # A program lead has tidied up: the largest theme pinned.
    largest = Theme.objects.order_by("-size", "pk").first()
    if largest is not None:
        services.theme_pin(theme=largest, pinned=True, by=None)
    return {"themes": Theme.objects.count(), "sentiments scored": scored}
