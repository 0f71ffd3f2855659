"""Scheduler pages for program leads and admins: runs, a run's preview and diff, publishing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRefresh

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.core.choices import RunStatus
from ridealong.scheduling import selectors, services
from ridealong.scheduling.forms import RunForm

RUNS_PER_PAGE = 20
ROWS_PER_PAGE = 100


@login_required
@require_http_methods(["GET", "POST"])
def run_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_run_scheduler(request.user))
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        run = services.run_create(
            period=form.cleaned_data["period"],
            by=request.user,
            customer_cap=form.cleaned_data["customer_cap"],
            department_share=form.cleaned_data["department_share"],
        )
        return redirect("scheduling:run", pk=run.pk)
    page = Paginator(selectors.run_list(), RUNS_PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if form.errors else 200
    return render(request, "scheduling/runs.html", {"form": form, "page": page}, status=status)


@login_required
@require_GET
def run_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, pk)
    context: dict = {"run": run}
    if run.status in (RunStatus.READY, RunStatus.PUBLISHED):
        diff = selectors.run_diff(run)
        rows = (
            [("added", p.person, p.occurrence, p.reason) for p in diff.added]
            + [("removed", a.person, a.occurrence, "") for a in diff.removed]
            + [("unchanged", p.person, p.occurrence, p.reason) for p in diff.unchanged]
        )
        rows.sort(key=lambda row: (row[2].starts_at, row[2].pk, str(row[1])))
        context.update(
            diff=diff,
            page=Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
        )
    return render(request, "scheduling/run.html", context)


@login_required
@require_GET
def run_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress bar, polled by htmx while the worker solves the run."""
    run = selectors.get_run_for_user(request.user, pk)
    if request.htmx and not run.is_running:
        return HttpResponseClientRefresh()  # finished: show the whole proposal
    return render(request, "scheduling/run.html#progress", {"run": run})


@login_required
@require_POST
def run_publish(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, pk)
    try:
        run = services.run_publish(run=run, by=request.user)
    except services.RunStateError as refused:
        messages.error(request, refused.messages[0])
        return redirect("scheduling:run", pk=run.pk)
    outcome = run.outcome
    messages.success(
        request,
        f"Published: {outcome['added']} added, {outcome['removed']} withdrawn, "
        f"{outcome['unchanged']} unchanged. People are told by e-mail.",
    )
    if outcome["refused"]:
        messages.warning(
            request, f"{len(outcome['refused'])} could not be placed: see the list below."
        )
    return redirect("scheduling:run", pk=run.pk)
