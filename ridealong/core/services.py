"""Writes about the organisation's own settings. Audited like every other write."""

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ridealong.core.models import Organisation
from ridealong.core.update import model_update


@transaction.atomic
def organisation_update(
    *,
    by: AbstractBaseUser | None,
    name: str,
    time_zone: str,
    week_start: int,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> Organisation:
    """Name, time zone, week start; a new logo replaces (and deletes) the old one."""
    organisation = Organisation.current()
    data: dict[str, Any] = {"name": name.strip(), "time_zone": time_zone, "week_start": week_start}
    old_logo = organisation.logo.name if organisation.logo else ""
    storage = organisation.logo.storage
    if logo is not None:
        # Stored first (as FieldFile.save does), so the change records the stored name.
        field = organisation.logo.field
        upload_name = field.generate_filename(organisation, logo.name or "")
        data["logo"] = storage.save(upload_name, logo, max_length=field.max_length)
    elif remove_logo and old_logo:
        data["logo"] = ""
    model_update(organisation, data=data, action="core.organisation.updated", by=by)
    new_logo = organisation.logo.name if organisation.logo else ""
    if old_logo and new_logo != old_logo:
        transaction.on_commit(lambda: storage.delete(old_logo))
    return organisation
