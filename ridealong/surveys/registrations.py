"""Surveys' part in the customer page, which sits below surveys and cannot import it.

Imported by SurveysConfig.ready(): program leads and admins see the survey answers of a
customer's contacts, below who has met the customer.
"""

from typing import Any

from django.http import HttpRequest

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_program
from ridealong.customers.models import Customer
from ridealong.customers.registry import customer_page
from ridealong.surveys.selectors import customer_survey_history


@customer_page.register(
    "surveys.history",
    slot="side",
    template_name="surveys/panels/customer_survey_history.html",
    after=["engagements.people_who_met"],
)
def customer_survey_answers(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    allowed = isinstance(request.user, User) and can_manage_program(request.user)
    return {
        "responses": customer_survey_history(customer) if allowed else [],
        "allowed": allowed,
    }
