import pytest

from ridealong.core.choices import RunStatus
from ridealong.language.tests.test_themes import GROUPS
from ridealong.themes import services
from ridealong.themes.models import Theme, ThemeMembership, ThemeRun
from ridealong.themes.tests.factories import InsightFactory, theme_with

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _light_model(monkeypatch):
    monkeypatch.setenv("RIDEALONG_THEME_MODEL", "tfidf")
    from ridealong.language import embeddings

    embeddings.encoder.cache_clear()
    yield
    embeddings.encoder.cache_clear()


def _insights(cast, groups=("changeover", "spare parts", "touch screen")):
    out = {}
    for group in groups:
        out[group] = [InsightFactory(customer=cast.acme, text=t) for t in GROUPS[group]]
    return out


def _members(theme):
    return set(theme.memberships.values_list("insight_id", flat=True))


def _recompute(cast, full=True):
    run = services.theme_run_request(by=cast.program_lead, full=full)
    assert run.status == RunStatus.DONE, run.error_message
    return run


def test_it_groups_insights_into_readable_themes_in_a_background_run(cast):
    insights = _insights(cast)
    run = _recompute(cast)
    assert run.progress == 100
    assert run.result["themes"] == 3
    themes = list(Theme.objects.all())
    assert sorted(t.size for t in themes) == [6, 6, 6]
    for group, members in insights.items():
        theme = members[0].theme_membership.theme
        assert _members(theme) == {i.pk for i in members}
        assert group.split()[0] in theme.name
        assert theme.representatives


def test_it_places_new_insights_into_the_nearest_theme_incrementally(cast):
    _insights(cast)
    _recompute(cast)
    ids_before = set(Theme.objects.values_list("pk", flat=True))
    new = InsightFactory(customer=cast.globex, text="spare parts delivery took a month")
    run = _recompute(cast, full=False)
    assert run.result["placed"] == 1
    assert set(Theme.objects.values_list("pk", flat=True)) == ids_before
    assert "spare" in new.theme_membership.theme.name


def test_a_renamed_theme_keeps_its_name_when_most_of_it_persists(cast):
    insights = _insights(cast)
    _recompute(cast)
    theme = insights["changeover"][0].theme_membership.theme
    services.theme_rename(theme=theme, name="Changeovers are slow", by=cast.program_lead)
    InsightFactory(customer=cast.acme, text="the changeover of format parts took all shift")
    _recompute(cast)
    theme.refresh_from_db()
    assert theme.name == "Changeovers are slow"
    assert theme.renamed
    assert {i.pk for i in insights["changeover"]} <= _members(theme)


def test_a_pinned_theme_keeps_its_members(cast):
    insights = _insights(cast)
    odd = InsightFactory(customer=cast.acme, text="the touch screen menu is slow")
    theme = theme_with([*insights["changeover"], odd])
    services.theme_pin(theme=theme, pinned=True, by=cast.program_lead)
    _recompute(cast)
    theme.refresh_from_db()
    assert theme.pinned
    assert _members(theme) == {i.pk for i in insights["changeover"]} | {odd.pk}


def test_merges_and_splits_survive_recomputation(cast):
    insights = _insights(cast)
    _recompute(cast)
    spare = insights["spare parts"][0].theme_membership.theme
    screen = insights["touch screen"][0].theme_membership.theme
    services.theme_merge(source=screen, into=spare, by=cast.program_lead)
    assert not Theme.objects.filter(pk=screen.pk).exists()
    changeover = insights["changeover"][0].theme_membership.theme
    split_ids = [i.pk for i in insights["changeover"][:2]]
    new = services.theme_split(
        theme=changeover, insight_ids=split_ids, name="Tools", by=cast.program_lead
    )
    _recompute(cast)
    spare.refresh_from_db()
    assert {i.pk for i in insights["spare parts"] + insights["touch screen"]} == _members(spare)
    assert spare.merged_names
    new.refresh_from_db()
    assert _members(new) == set(split_ids)
    assert new.name == "Tools"
    assert ThemeMembership.objects.count() == 18


def test_edits_refuse_what_makes_no_sense(cast):
    insights = _insights(cast, groups=("changeover",))
    theme = theme_with(insights["changeover"])
    with pytest.raises(services.ThemeEditError):
        services.theme_rename(theme=theme, name="   ", by=cast.program_lead)
    with pytest.raises(services.ThemeEditError):
        services.theme_merge(source=theme, into=theme, by=cast.program_lead)
    with pytest.raises(services.ThemeEditError):
        services.theme_split(
            theme=theme,
            insight_ids=[i.pk for i in insights["changeover"]],
            name="All",
            by=cast.program_lead,
        )
    with pytest.raises(services.ThemeEditError):
        services.theme_split(theme=theme, insight_ids=[], name="None", by=cast.program_lead)


def test_a_failed_run_is_recorded_not_raised(cast, monkeypatch):
    _insights(cast, groups=("changeover",))

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.themes, "find_themes", broken)
    run = services.theme_run_request(by=cast.program_lead, full=True)
    assert run.status == RunStatus.FAILED
    assert "could not be computed" in run.error_message
    assert ThemeRun.objects.count() == 1
