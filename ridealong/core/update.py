"""One way every update service changes a record: diff, set, validate, save, audit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models

from ridealong.core.audit import diff, log_action

M = TypeVar("M", bound=models.Model)


def model_update(
    instance: M,
    *,
    data: Mapping[str, Any],
    action: str,
    by: AbstractBaseUser | None,
    validate: Callable[[M], None] | None = None,
) -> dict[str, list[Any]]:
    """Set `data` on `instance`, run `validate` (rules beyond the model's own) and the model's
    full_clean, save, and log `action` with what changed. Returns the changes, {} when none.

    Callers hold the transaction (`@transaction.atomic` on the service)."""
    changes = diff(instance, dict(data))
    for field, value in data.items():
        setattr(instance, field, value)
    if validate is not None:
        validate(instance)
    instance.full_clean()
    instance.save()
    if changes:
        log_action(action, actor=by, target=instance, changes=changes)
    return changes
