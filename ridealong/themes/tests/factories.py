"""Insights and themes for the analytics tests (the insights app's own factories may differ)."""

import factory
from django.utils import timezone

from ridealong.themes.models import Theme, ThemeMembership
from tests.factories import CustomerFactory


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "insights.Insight"

    text = factory.Sequence(lambda n: f"Changeover takes too long on line {n}")
    type = "pain"
    customer = factory.SubFactory(CustomerFactory)
    created_at = factory.LazyFunction(timezone.now)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"changeover time · format parts {n}")
    auto_name = factory.SelfAttribute("name")


def theme_with(insights, **fields) -> Theme:
    theme = ThemeFactory(**fields, size=len(insights))
    for insight in insights:
        ThemeMembership.objects.create(theme=theme, insight=insight)
    return theme
