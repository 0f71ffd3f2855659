"""The departments settings pages (admins only): the tree, add, rename or move, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ridealong.accounts.roles import AuthenticatedHttpRequest
from ridealong.core.forms import add_service_errors
from ridealong.core.settings_pages import settings_view
from ridealong.people import services
from ridealong.people.forms import DepartmentForm
from ridealong.people.selectors import department_tree, get_department_for_user


@settings_view
def departments(request: AuthenticatedHttpRequest) -> HttpResponse:
    tree = department_tree()
    form = DepartmentForm(request.POST or None, tree=tree)
    if request.method == "POST" and form.is_valid():
        try:
            department = services.department_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Department “{department}” added.")
            return redirect("departments:list")
    return render(request, "people/settings/departments.html", {"tree": tree, "form": form})


@settings_view
def department_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request.user, pk, write=True)
    tree = department_tree()
    initial = {"name": department.name, "parent": department.parent_id}
    form = DepartmentForm(request.POST or None, tree=tree, exclude=pk, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.department_update(department=department, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Department “{department}” saved.")
            return redirect("departments:list")
    return render(
        request, "people/settings/department_edit.html", {"department": department, "form": form}
    )


@settings_view
@require_POST
def department_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    department = get_department_for_user(request.user, pk, write=True)
    try:
        services.department_delete(department=department, by=request.user)
    except ValidationError as error:
        messages.error(request, f"“{department}” was not deleted: {' '.join(error.messages)}")
    else:
        messages.success(request, f"Department “{department}” deleted.")
    return redirect("departments:list")
