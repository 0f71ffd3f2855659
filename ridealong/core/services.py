"""Writes about the organisation's own settings. Audited like every other write."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ridealong.core.audit import diff, log_action
from ridealong.core.models import Organisation


@transaction.atomic
def organisation_update(
    *,
    by: Any,
    name: str,
    time_zone: str,
    week_start: int,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """Name, time zone, week start; a new logo replaces (and deletes) the old one."""
    organisation = Organisation.current()
    data: dict[str, Any] = {"name": name.strip(), "time_zone": time_zone, "week_start": week_start}
    changes = diff(organisation, data)
    for field, value in data.items():
        setattr(organisation, field, value)
    old_logo = organisation.logo.name if organisation.logo else ""
    if logo is not None:
        organisation.logo.save(logo.name, logo, save=False)
    elif remove_logo:
        organisation.logo = None
    new_logo = organisation.logo.name if organisation.logo else ""
    if new_logo != old_logo:
        changes["logo"] = [old_logo, new_logo]
    organisation.full_clean()
    organisation.save()
    if old_logo and new_logo != old_logo:
        storage = organisation.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    if changes:
        log_action("core.organisation.updated", actor=by, target=organisation, changes=changes)
    return organisation
