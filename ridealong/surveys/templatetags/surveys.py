"""Template helpers for the survey pages, and the survey history on the customer page."""

from typing import Any

from django import template

from ridealong.accounts.roles import can_manage_program

register = template.Library()


@register.simple_tag
def field_name(question: Any) -> str:
    return f"q{question.pk}"


@register.simple_tag
def kept_value(kept: dict, name: str) -> Any:
    return (kept or {}).get(name, "")


@register.simple_tag
def question_errors(errors: dict, name: str) -> list:
    return list((errors or {}).get(name, []))


@register.inclusion_tag("surveys/_customer_history_list.html", takes_context=True)
def customer_survey_history(context: dict, customer: Any) -> dict:
    """Survey answers of a customer's contacts, for program leads and admins."""
    from ridealong.surveys.selectors import customer_survey_history as history

    user = context.get("user")
    allowed = bool(user is not None and can_manage_program(user))
    return {"responses": history(customer) if allowed else [], "allowed": allowed}
