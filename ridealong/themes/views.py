"""The themes pages: the list (with trend, customers, segments and quotes), a theme's page
with its insights, edits by program leads and admins, and recomputation with progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRefresh

from ridealong.accounts.roles import AuthenticatedHttpRequest, require
from ridealong.themes import selectors, services
from ridealong.themes.forms import MergeForm, RecomputeForm, RenameForm, SplitForm
from ridealong.themes.models import Theme

THEMES_PER_PAGE = 20
MEMBERS_PER_PAGE = 50


@login_required
@require_GET
def themes(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(selectors.theme_list(), THEMES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "themes/themes.html",
        {
            "page": page,
            "summaries": selectors.theme_summaries(list(page.object_list)),
            "run": selectors.latest_run(),
            "can_edit": selectors.can_edit_themes(request.user),
            "unplaced": selectors.unplaced_insight_count(),
        },
    )


def _detail(request: AuthenticatedHttpRequest, theme: Theme, **forms: Form) -> HttpResponse:
    members = Paginator(selectors.theme_members(theme), MEMBERS_PER_PAGE)
    page = members.get_page(request.GET.get("page"))
    can_edit = selectors.can_edit_themes(request.user)
    choices = [(i.pk, i.text[:120]) for i in page.object_list]
    context = {
        "theme": theme,
        "summary": selectors.theme_summaries([theme])[0],
        "page": page,
        "can_edit": can_edit,
        "rename_form": forms.get("rename_form") or RenameForm(initial={"name": theme.name}),
        "merge_form": forms.get("merge_form") or MergeForm(theme=theme),
        "split_form": forms.get("split_form") or SplitForm(choices=choices),
    }
    status = 400 if forms else 200
    return render(request, "themes/theme_detail.html", context, status=status)


@login_required
@require_GET
def theme_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_theme_for_user(request.user, pk))


@login_required
@require_POST
def theme_rename(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, pk, write=True)
    form = RenameForm(request.POST)
    if form.is_valid():
        try:
            services.theme_rename(theme=theme, name=form.cleaned_data["name"], by=request.user)
        except services.ThemeEditError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, "Renamed. The name stays when the themes are recomputed.")
            return redirect("themes:detail", pk=theme.pk)
    return _detail(request, theme, rename_form=form)


@login_required
@require_POST
def theme_pin(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, pk, write=True)
    pinned = request.POST.get("pinned") == "1"
    services.theme_pin(theme=theme, pinned=pinned, by=request.user)
    messages.success(
        request,
        "Pinned: its insights stay together when the themes are recomputed."
        if pinned
        else "Unpinned.",
    )
    return redirect("themes:detail", pk=theme.pk)


@login_required
@require_POST
def theme_merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, pk, write=True)
    form = MergeForm(request.POST, theme=theme)
    if form.is_valid():
        try:
            into = services.theme_merge(
                source=theme, into=form.cleaned_data["into"], by=request.user
            )
        except services.ThemeEditError as error:
            form.add_error("into", str(error))
        else:
            messages.success(request, f"Merged “{theme.name}” into this theme.")
            return redirect("themes:detail", pk=into.pk)
    return _detail(request, theme, merge_form=form)


@login_required
@require_POST
def theme_split(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    theme = selectors.get_theme_for_user(request.user, pk, write=True)
    choices = [(i.pk, i.text[:120]) for i in selectors.theme_members(theme)]
    form = SplitForm(request.POST, choices=choices)
    if form.is_valid():
        try:
            new = services.theme_split(
                theme=theme,
                insight_ids=form.cleaned_data["insights"],
                name=form.cleaned_data["name"],
                by=request.user,
            )
        except services.ThemeEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Split off “{new.name}”.")
            return redirect("themes:detail", pk=new.pk)
    return _detail(request, theme, split_form=form)


@login_required
@require_POST
def recompute(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(selectors.can_edit_themes(request.user))
    form = RecomputeForm(request.POST)
    full = form.is_valid() and form.cleaned_data["full"]
    run = services.theme_run_request(by=request.user, full=full)
    if run.status == "failed":
        messages.error(request, run.error_message)
    return redirect("themes:themes")


@login_required
@require_GET
def run_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress of a recomputation, polled by htmx while it runs."""
    run = selectors.get_run(pk)
    if request.htmx and not run.active:
        return HttpResponseClientRefresh()
    return render(request, "themes/themes.html#run", {"run": run})
