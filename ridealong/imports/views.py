"""Import pages: upload → preview (with the mapping) → confirm → progress and result.

Program leads and admins only; every view goes through `get_import_for_user` or, for
the list, the same role check.
"""

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from ridealong.accounts.roles import AuthenticatedHttpRequest, can_manage_program, require
from ridealong.imports.forms import MappingForm, UploadForm
from ridealong.imports.mapping import field_labels
from ridealong.imports.models import ImportJob, ImportKind, ImportStatus
from ridealong.imports.selectors import get_import_for_user, import_job_list
from ridealong.imports.services import (
    ImportStateError,
    import_job_confirm,
    import_job_create,
    import_job_preview,
)
from ridealong.imports.tabular import ImportFileError, human_size

SAMPLES = {
    ImportKind.PEOPLE: "people-bamboohr.csv",
    ImportKind.CUSTOMERS: "customers-salesforce.csv",
}
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"


R = TypeVar("R", bound=HttpResponseBase)


def program_only(view: Callable[..., R]) -> Callable[..., R]:
    """The role before the method: others get 403 whatever they send, and learn no more."""

    @wraps(view)
    def wrapped(request: AuthenticatedHttpRequest, *args: object, **kwargs: object) -> R:
        require(can_manage_program(request.user))
        return view(request, *args, **kwargs)

    return wrapped


def _limits() -> dict[str, object]:
    return {
        "max_size": human_size(settings.IMPORT_MAX_BYTES),
        "background_rows": settings.IMPORT_BACKGROUND_ROWS,
    }


@login_required
@program_only
@require_http_methods(["GET", "POST"])
def import_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = import_job_create(
                kind=form.cleaned_data["kind"],
                content=upload.read(),
                name=upload.name,
                by=request.user,
            )
        except ImportFileError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("imports:detail", pk=job.pk)
    context = {"form": form, "jobs": import_job_list(), **_limits()}
    return render(request, "imports/list.html", context, status=400 if form.errors else 200)


@login_required
@program_only
@require_GET
def import_sample(request: AuthenticatedHttpRequest, kind: str) -> FileResponse:
    if kind not in SAMPLES:
        raise Http404
    path = SAMPLES_DIR / SAMPLES[ImportKind(kind)]
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)


def _detail(
    request: AuthenticatedHttpRequest, job: ImportJob, form: MappingForm | None = None
) -> HttpResponse:
    form = form or MappingForm(job=job)
    context = {
        "job": job,
        "form": form,
        "preview": job.preview,
        "labels": field_labels(job.kind),
        "applies_in_background": job.total_rows > settings.IMPORT_BACKGROUND_ROWS,
        **_limits(),
    }
    return render(request, "imports/detail.html", context, status=400 if form.errors else 200)


@login_required
@program_only
@require_GET
def import_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_user(request.user, pk)
    return _detail(request, job)


@login_required
@program_only
@require_GET
def import_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while the worker applies the import."""
    job = get_import_for_user(request.user, pk)
    if request.htmx and not job.is_running:
        return HttpResponseClientRefresh()  # finished: show the whole result page
    return render(request, "imports/detail.html#progress", {"job": job})


@login_required
@program_only
@require_POST
def import_remap(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_user(request.user, pk, write=True)
    form = MappingForm(request.POST, job=job)
    if not form.is_valid():
        return _detail(request, job, form)
    try:
        import_job_preview(
            job=job,
            mapping=form.cleaned_data["mapping"],
            date_order=form.cleaned_data.get("date_order"),
        )
    except ImportStateError as exc:
        messages.error(request, exc.message)
    except ImportFileError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "The preview now uses your mapping.")
    return redirect("imports:detail", pk=job.pk)


@login_required
@program_only
@require_POST
def import_confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    job = get_import_for_user(request.user, pk, write=True)
    try:
        job = import_job_confirm(job=job, by=request.user)
    except ImportStateError as exc:
        messages.error(request, exc.message)
    else:
        if job.status == ImportStatus.DONE:
            counts = job.result
            messages.success(
                request,
                f"Imported: {counts.get('created', 0)} created, {counts.get('updated', 0)} "
                f"updated, {counts.get('unchanged', 0)} unchanged, "
                f"{counts.get('rejected', 0)} rejected.",
            )
        elif job.status == ImportStatus.FAILED:
            messages.error(request, job.error_message)
    return redirect("imports:detail", pk=job.pk)
