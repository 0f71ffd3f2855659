"""What the survey services share: limits, settings, text cleaning, the acting user."""

from django.conf import settings

from ridealong.accounts.models import User

MAX_TEXT_ANSWER = 5000
MAX_CHOICES = 20


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _clean_text(field: str, value: str, limit: int, errors: dict[str, list[str]]) -> str:
    if "\x00" in value:
        errors.setdefault(field, []).append("Null characters are not allowed.")
    elif len(value.strip()) > limit:
        errors.setdefault(field, []).append(f"At most {limit} characters, please.")
    return value.strip()


def _user(by: User) -> User | None:
    return by if getattr(by, "is_authenticated", False) else None
