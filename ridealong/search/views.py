"""The search page: words and filters in, ranked results with highlighted snippets out;
saved searches beside it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.search import selectors, services
from ridealong.search.forms import SavedSearchForm, SearchForm
from ridealong.search.selectors import PER_PAGE, SearchResults


def _page_number(request: AuthenticatedHttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        return 1


def _render(
    request: AuthenticatedHttpRequest,
    form: SearchForm,
    save_form: SavedSearchForm,
    *,
    status: int = 200,
) -> HttpResponse:
    text = form.text()
    page = _page_number(request)
    results: SearchResults | None = None
    if text.strip():
        results = selectors.search(
            user=request.user,
            text=text,
            filters=form.filters(),
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
        )
    params = request.GET.copy()
    params.pop("page", None)
    template = "search/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(
        request,
        template,
        {
            "form": form,
            "save_form": save_form,
            "results": results,
            "page": page,
            "querystring": params.urlencode(),
            "saved_searches": selectors.saved_searches_for_user(request.user),
        },
        status=status,
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def search(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _render(request, SearchForm(request.GET), SavedSearchForm())


@login_required
@require_POST
def saved_search_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = SearchForm(request.POST)
    save_form = SavedSearchForm(request.POST)
    try:
        saved = services.saved_search_create(
            owner=request.user,
            name=request.POST.get("name", ""),
            query=form.text(),
            filters=form.saved_filters(),
        )
    except ValidationError as refused:
        add_service_errors(save_form, refused)
        # Show the same search again, with what was typed and why it was not saved.
        # The stubs type GET as immutable; _render reads the search from it, so swap it in.
        request.GET = request.POST.copy()  # type: ignore[assignment]
        return _render(request, SearchForm(request.POST), save_form, status=400)
    messages.success(request, f"Saved “{saved.name}”.")
    return redirect(f"{reverse('search:search')}?{saved.querystring}")


@login_required
@require_POST
def saved_search_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    saved = selectors.get_saved_search_for_user(request.user, pk)
    services.saved_search_delete(saved_search=saved, by=request.user)
    messages.success(request, f"Deleted the saved search “{saved.name}”.")
    return redirect("search:search")
