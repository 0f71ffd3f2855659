"""The audit trail: one function services call after they change data."""

from typing import Any, cast

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from ridealong.core.models import AuditEvent

# Never store secrets in the trail, whatever a caller passes.
_SECRET_MARKERS = ("password", "token", "secret", "digest", "key")
REDACTED = "[redacted]"


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            str(k): REDACTED if any(m in str(k).lower() for m in _SECRET_MARKERS) else _clean(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    return str(value)


def log_action(
    action: str,
    *,
    actor: AbstractBaseUser | None = None,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    """Record `action` (e.g. "people.person.updated") done by `actor` to `target`."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        # The stubs type this AUTH_USER_MODEL key as accounts' User, which core does not name.
        actor=cast(Any, user),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes=_clean(changes or {}),
    )


def diff(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """The fields of `data` whose values differ from `instance`, as {field: [old, new]}."""
    changed: dict[str, list[Any]] = {}
    for field, new in data.items():
        old = getattr(instance, field, None)
        if isinstance(old, models.Model) or isinstance(new, models.Model):
            old_cmp = getattr(old, "pk", old)
            new_cmp = getattr(new, "pk", new)
        else:
            old_cmp, new_cmp = old, new
        if old_cmp != new_cmp:
            changed[field] = [_clean(old), _clean(new)]
    return changed
