"""Background work for imports: large files are applied by the worker (`ridealong worker`)."""

from django_tasks import task

from ridealong.imports.models import ImportJob, ImportStatus


@task()
def run_import(job_id: int) -> dict:
    """Apply a confirmed import; the job records progress and the outcome."""
    from ridealong.imports.services import import_job_apply

    job = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).first()
    if job is None:
        return {"skipped": True}  # already applied, or withdrawn
    import_job_apply(job=job)
    return {"status": job.status, **job.result}
