"""The themes app adds the "new or growing themes" section to insights' weekly digest."""

import datetime

from ridealong.insights.digest import digest_sections
from ridealong.themes.digest import digest_themes
from ridealong.themes.tests.factories import InsightFactory, theme_with


def test_the_section_is_registered_at_start_up():
    assert digest_sections.items() == [("themes", digest_themes)]


def test_it_lists_the_themes_the_teams_insights_of_the_week_joined(cast):
    insight = InsightFactory(customer=cast.acme, author=cast.member.person)
    theme_with([insight], name="Changeover time")
    since = insight.created_at - datetime.timedelta(days=1)
    until = insight.created_at + datetime.timedelta(days=1)
    rows = digest_themes(department=cast.member.person.department, since=since, until=until)
    assert rows == [{"name": "Changeover time", "size": 1, "new": 1}]
