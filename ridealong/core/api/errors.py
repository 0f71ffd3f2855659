"""How the API answers when something is wrong: always a 4xx with a sentence, never a 500.

400 bad input (validation of the request, the services' ValidationError, unknown ids,
    malformed JSON, NUL characters, over-long strings)
401 no valid token · 403 not allowed · 404 not there (or not yours to see)
409 conflicts with what is stored (duplicates, deleting what history depends on)
"""

from collections.abc import Iterable
from typing import Any, TypeVar, overload

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import IntegrityError, models
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestValidationError

M = TypeVar("M", bound=models.Model)

UNIQUE_CODES = {"unique", "unique_together"}
NON_FIELD = "__all__"


class Conflict(HttpError):
    def __init__(self, message: str) -> None:
        super().__init__(409, message)


def _summary(errors: dict[str, list[str]]) -> str:
    parts = [
        " ".join(messages) if field == NON_FIELD else f"{field}: {' '.join(messages)}"
        for field, messages in errors.items()
    ]
    return " ".join(parts) or "The request is not valid."


def _field_name(loc: Iterable[Any]) -> str:
    # ninja prefixes the location with where it came from and the parameter's name
    # ("body", "payload", "name"); clients want the field they sent ("name").
    loc = list(loc)
    if loc and loc[0] in {"body", "query", "path"}:
        loc = loc[1:]
        if loc and loc[0] in {"payload", "filters"}:
            loc = loc[1:]
    return ".".join(str(part) for part in loc) or NON_FIELD


# pydantic's wording where it is not clear to someone calling the API.
CLEARER = {
    "extra_forbidden": "is not a field that can be set here.",
    "string_unicode": "is not valid text (it holds an unpaired surrogate).",
}


def _message(error: dict[str, Any]) -> str:
    if error.get("type") in CLEARER:
        return CLEARER[error["type"]]
    message = str(error.get("msg", "is not valid."))
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def request_validation_errors(exc: RequestValidationError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field_name(error.get("loc", ())), []).append(_message(error))
    return errors


def django_validation_errors(exc: ValidationError) -> dict[str, list[str]]:
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {NON_FIELD: list(exc.messages)}


def _is_duplicate(exc: ValidationError) -> bool:
    if hasattr(exc, "error_dict"):
        found = [e for errors in exc.error_dict.values() for e in errors]
    else:
        found = exc.error_list
    return bool(found) and all(e.code in UNIQUE_CODES for e in found)


@overload
def get_or_invalid(model: type[M], pk: int, field: str) -> M: ...
@overload
def get_or_invalid(model: type[M], pk: int | None, field: str) -> M | None: ...
def get_or_invalid(model: type[M], pk: int | None, field: str) -> M | None:
    """The object with this id, or a 400 naming the field (for ids sent in a body)."""
    if pk is None:
        return None
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None:
        raise ValidationError({field: [f"There is no {model._meta.verbose_name} with id {pk}."]})
    return obj


def all_or_invalid(model: type[M], pks: list[int], field: str) -> dict[int, M]:
    """Objects by id, in one query, or a 400 naming the field and the missing ids."""
    found = model._default_manager.in_bulk(set(pks))
    missing = sorted(set(pks) - set(found))
    if missing:
        ids = ", ".join(str(pk) for pk in missing)
        raise ValidationError({field: [f"There is no {model._meta.verbose_name} with id {ids}."]})
    return found


def register(api: NinjaAPI) -> None:
    """Install the handlers on the API (each answers with {"detail": …, "errors": …})."""

    def answer(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(RequestValidationError)
    def invalid_request(request: HttpRequest, exc: RequestValidationError) -> HttpResponse:
        if all(error.get("loc", ("",))[0] == "path" for error in exc.errors):
            # /people/abc or an id beyond any database's range names nothing that exists.
            return answer(request, 404, "Not found.")
        errors = request_validation_errors(exc)
        return answer(request, 400, _summary(errors), errors=errors)

    @api.exception_handler(ValidationError)
    def invalid_data(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = django_validation_errors(exc)
        return answer(request, 409 if _is_duplicate(exc) else 400, _summary(errors), errors=errors)

    @api.exception_handler(IntegrityError)
    def integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        return answer(
            request,
            409,
            "This conflicts with a record already stored (a duplicate?); nothing was saved.",
        )

    @api.exception_handler(ProtectedError)
    @api.exception_handler(RestrictedError)
    def protected(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 409, "Other records depend on this one; it was not deleted.")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return answer(request, 403, str(exc) or "You are not allowed to do this.")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, "Not found.")

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = answer(
            request,
            401,
            "Send a valid API token: Authorization: Bearer rdl_… "
            "(create one on the API tokens page of your account).",
        )
        response["WWW-Authenticate"] = 'Bearer realm="ridealong"'
        return response

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return answer(request, 413, f"The request body is larger than {limit} bytes.")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        detail = str(exc)
        if detail.startswith("Cannot parse request body"):
            detail = "The request body is not valid JSON."
        return answer(request, exc.status_code, detail)
