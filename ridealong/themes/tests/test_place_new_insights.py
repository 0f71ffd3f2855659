from django.core.management import call_command

from ridealong.themes.models import ThemeRun


def test_it_does_nothing_when_every_insight_is_in_a_theme(db, capsys):
    call_command("place_new_insights")
    assert "Every insight is in a theme." in capsys.readouterr().out
    assert not ThemeRun.objects.exists()


def test_it_queues_one_incremental_run_for_new_insights(cast, capsys):
    from ridealong.insights.models import Insight

    Insight.objects.create(
        text="The changeover on line 3 takes forty minutes",
        type="pain",
        customer=cast.acme,
        engagement=cast.acme_visit,
        author=cast.member.person,
    )
    call_command("place_new_insights")
    out = capsys.readouterr().out
    assert "1 insights without a theme" in out
    run = ThemeRun.objects.get()
    assert run.full is False
