"""Engagements' part in the people and customer apps, which sit below it and cannot import it.

Imported by EngagementsConfig.ready(); each decorator or `add` registers once, and a name
registered twice stops the start:
- the person page: last contact and exposure figures, and the person's engagements;
- the people list: the "Last customer contact" column;
- the customer page: "Log a contact" in its head, who has met the customer, and its timeline;
- contact details: having taken part in an engagement with a customer opens its contacts'
  e-mail and phone (customers' rule adds it to the account owner's).
"""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest

from ridealong.customers.models import Customer
from ridealong.customers.registry import contact_detail_grants, customer_page
from ridealong.engagements import selectors
from ridealong.people.models import Person
from ridealong.people.registry import PersonListColumn, person_list_columns, person_page

PERSON_ENGAGEMENTS_PER_PAGE = 20
CUSTOMER_TIMELINE_PER_PAGE = 50


@person_page.register(
    "engagements.exposure",
    slot="figures",
    template_name="engagements/panels/person_figures.html",
)
def person_figures(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {"exposure": selectors.person_exposure(person.pk)}


@person_page.register(
    "engagements.list", slot="main", template_name="engagements/panels/person_engagements.html"
)
def person_engagements(request: HttpRequest, person: Person) -> dict[str, Any]:
    engagements = Paginator(
        selectors.engagement_list(person_ids={person.pk}), PERSON_ENGAGEMENTS_PER_PAGE
    )
    return {"engagements": engagements.get_page(request.GET.get("page"))}


person_list_columns.add(
    "engagements.last_contact",
    PersonListColumn(
        header="Last customer contact",
        cell_template="engagements/panels/person_list_last_contact.html",
        annotate=selectors.with_last_contact,
    ),
)


@customer_page.register(
    "engagements.log_contact",
    slot="actions",
    template_name="engagements/panels/customer_actions.html",
)
def customer_actions(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    return {}


@customer_page.register(
    "engagements.people_who_met",
    slot="side",
    template_name="engagements/panels/customer_people_who_met.html",
)
def customer_people_who_met(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    return {"people_who_met": selectors.people_who_met(customer.pk)}


@customer_page.register(
    "engagements.timeline", slot="main", template_name="engagements/panels/customer_timeline.html"
)
def customer_timeline(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    timeline = Paginator(
        selectors.engagement_list(customer_id=customer.pk), CUSTOMER_TIMELINE_PER_PAGE
    )
    return {"timeline": timeline.get_page(request.GET.get("page"))}


contact_detail_grants.add("engagements.took_part", selectors.customer_ids_met_by)
