"""Background work for the scheduler: a run is solved by the worker (`ridealong worker`)."""

from django_tasks import task

from ridealong.core.choices import RunStatus
from ridealong.scheduling.models import SchedulerRun


@task()
def run_scheduler(run_id: int) -> dict:
    """Solve a queued run; the run records progress, the proposal and its explanation."""
    from ridealong.scheduling.services import run_execute

    run = SchedulerRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).first()
    if run is None:
        return {"skipped": True}  # already run, or gone
    run = run_execute(run=run)
    return {"status": run.status, "proposals": run.proposals.count()}
