"""Shared vocabulary for the permission matrix: who may do what, per role."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "member", "manager", "other_manager", "program_lead", "admin")
LOGIN = 302  # pages send anonymous visitors to the sign-in page


def statuses(
    anonymous: int = LOGIN,
    member: int = 200,
    manager: int | None = None,
    other_manager: int | None = None,
    program_lead: int | None = None,
    admin: int | None = None,
) -> dict[str, int]:
    """Expected status per role; unnamed roles inherit from the one below them."""
    manager = member if manager is None else manager
    other_manager = member if other_manager is None else other_manager
    program_lead = manager if program_lead is None else program_lead
    admin = program_lead if admin is None else admin
    return {
        "anonymous": anonymous,
        "member": member,
        "manager": manager,
        "other_manager": other_manager,
        "program_lead": program_lead,
        "admin": admin,
    }


def everyone(ok: int = 200, anonymous: int = LOGIN) -> dict[str, int]:
    return statuses(anonymous=anonymous, member=ok)


def program(ok: int = 200, anonymous: int = LOGIN) -> dict[str, int]:
    """Program leads and admins only."""
    return statuses(anonymous=anonymous, member=403, program_lead=ok)


def admins(ok: int = 200, anonymous: int = LOGIN) -> dict[str, int]:
    return statuses(anonymous=anonymous, member=403, program_lead=403, admin=ok)


@dataclass(frozen=True)
class Expect:
    """One request and the status each role gets for it."""

    status: dict[str, int]
    method: str = "get"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda cast: {})
    data: Callable[[Any], Any] | None = None
    note: str = ""


def url_patterns() -> dict[str, str]:
    """Every named URL of the project as {name: route}."""
    found: dict[str, str] = {}

    def walk(patterns: list, prefix: str, namespace: str | None) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = p.namespace
                full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                walk(p.url_patterns, prefix + str(p.pattern), full_ns)
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                found[name or prefix + str(p.pattern)] = prefix + str(p.pattern)

    walk(get_resolver().url_patterns, "", None)
    return found


def api_statuses(ok: int, **denied: int) -> dict[str, int]:
    """`ok` for every signed-in role unless named otherwise; 401 without a token."""
    return {role: 401 if role == "anonymous" else denied.get(role, ok) for role in ROLES}


API_PROGRAM = {"member": 403, "manager": 403, "other_manager": 403}
API_ADMINS = {**API_PROGRAM, "program_lead": 403}


def api_program(ok: int) -> dict[str, int]:
    return {**api_statuses(ok, **API_PROGRAM), "program_lead": ok, "admin": ok}


def api_admins(ok: int) -> dict[str, int]:
    return {**api_statuses(ok, **API_ADMINS), "admin": ok}


def api_participant(ok: int) -> dict[str, int]:
    return api_statuses(ok, other_manager=403)


def app_expectations() -> tuple[dict[str, list[Expect]], dict[tuple[str, str], Expect]]:
    """Rows that apps keep beside their code: `<app>/tests/permissions.py` with
    PAGES = {url name: [Expect, …]} and API = {(METHOD, path): Expect}."""
    pages: dict[str, list[Expect]] = {}
    api: dict[tuple[str, str], Expect] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("ridealong."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.permissions")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.tests.permissions":
                raise
            continue
        pages.update(getattr(module, "PAGES", {}))
        api.update(getattr(module, "API", {}))
    return pages, api
