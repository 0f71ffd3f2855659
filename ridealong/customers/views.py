"""The customer pages: the list, a customer's page with its timeline, and edits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.customers import selectors, services
from ridealong.customers.forms import (
    CONTACT_CONSTRAINTS,
    CUSTOMER_CONSTRAINTS,
    ContactForm,
    CustomerFilterForm,
    CustomerForm,
)
from ridealong.engagements.selectors import engagement_list

CUSTOMERS_PER_PAGE = 50
TIMELINE_PER_PAGE = 50


@login_required
def customer_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    choices = selectors.customer_filter_choices()
    filter_form = CustomerFilterForm(
        request.GET,
        segments=choices.segments,
        industries=choices.industries,
        countries=choices.countries,
    )
    customers = selectors.customer_search(**filter_form.filters())
    page = Paginator(customers, CUSTOMERS_PER_PAGE).get_page(request.GET.get("page"))
    template = "customers/customer_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    response = render(request, template, {"filter_form": filter_form, "page": page})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
def customer_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = selectors.get_customer_for_user(request.user, pk)
    timeline = Paginator(engagement_list(customer_id=customer.pk), TIMELINE_PER_PAGE)
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "overview": selectors.customer_overview(request.user, customer),
            "timeline": timeline.get_page(request.GET.get("page")),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def customer_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Any signed-in user may add a customer.

    Meeting customers is everyone's job: a developer who talks to a prospect at a trade fair
    should be able to record that prospect on the spot, without asking a program lead. The
    account owner starts as the person adding it (they can pick someone else); every creation
    is audited, and program leads can tidy up or delete later.
    """
    form = CustomerForm(
        request.POST or None, request.FILES or None, initial={"owner": request.user.person_id}
    )
    if request.method == "POST" and form.is_valid():
        try:
            customer = services.customer_create(by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error, CUSTOMER_CONSTRAINTS)
        else:
            messages.success(request, f"{customer} was added.")
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": None})


@login_required
@require_http_methods(["GET", "POST"])
def customer_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = selectors.get_customer_for_user(request.user, pk, write=True)
    form = CustomerForm(request.POST or None, request.FILES or None, instance=customer)
    if request.method == "POST" and form.is_valid():
        try:
            services.customer_update(customer=customer, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error, CUSTOMER_CONSTRAINTS)
        else:
            messages.success(request, f"{customer} was saved.")
            return redirect("customers:detail", pk=customer.pk)
    return render(request, "customers/customer_form.html", {"form": form, "customer": customer})


@login_required
@require_http_methods(["GET", "POST"])
def customer_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = selectors.get_customer_for_deletion(request.user, pk)
    if request.method == "POST":
        try:
            services.customer_delete(customer=customer, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{customer} was deleted.")
            return redirect("customers:list")
    return render(
        request,
        "customers/customer_delete.html",
        {"customer": customer, "engagement_count": customer.engagements.count()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    customer = selectors.get_customer_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(
                customer=customer, by=request.user, **form.service_data()
            )
        except ValidationError as error:
            add_service_errors(form, error, CONTACT_CONSTRAINTS)
        else:
            messages.success(request, f"{contact} was added to {customer}.")
            return redirect("customers:detail", pk=customer.pk)
    return render(
        request,
        "customers/contact_form.html",
        {"form": form, "customer": customer, "contact": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.get_contact_for_user(request.user, pk, write=True)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, by=request.user, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error, CONTACT_CONSTRAINTS)
        else:
            messages.success(request, f"{contact} was saved.")
            return redirect("customers:detail", pk=contact.customer_id)
    return render(
        request,
        "customers/contact_form.html",
        {"form": form, "customer": contact.customer, "contact": contact},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = selectors.get_contact_for_user(request.user, pk, write=True)
    if request.method == "POST":
        customer_id, name = contact.customer_id, str(contact)
        services.contact_delete(contact=contact, by=request.user)
        messages.success(request, f"{name} was removed.")
        return redirect("customers:detail", pk=customer_id)
    return render(
        request,
        "customers/contact_delete.html",
        {"contact": contact, "customer": contact.customer},
    )
