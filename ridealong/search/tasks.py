"""Background work for search: rebuilding the index (`ridealong search_reindex --background`)."""

from django_tasks import task

from ridealong.core.choices import RunStatus
from ridealong.search.models import ReindexRun


@task()
def reindex_search(run_id: int) -> dict:
    """Rebuild the index; the run records progress and the outcome."""
    from ridealong.search.services import search_reindex

    run = ReindexRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).first()
    if run is None:
        return {"skipped": True}
    return {"documents": search_reindex(run=run)}
