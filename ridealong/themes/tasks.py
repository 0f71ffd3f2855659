"""Background work for themes: recomputation runs in the worker (`ridealong worker`)."""

from django_tasks import task


@task()
def recompute_themes(run_id: int) -> dict:
    from ridealong.themes.models import ThemeRun
    from ridealong.themes.services import theme_run_execute

    run = ThemeRun.objects.filter(pk=run_id).first()
    if run is None:
        return {"skipped": True}
    run = theme_run_execute(run)
    return {"status": run.status, **run.result}
