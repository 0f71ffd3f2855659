"""Template helpers for the survey pages."""

from typing import Any

from django import template

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
