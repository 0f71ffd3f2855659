"""The standard Ridealong ships with (editable): everyone, 2 hours every 6 weeks."""

from django.db import models

DEFAULT_STANDARD_NAME = "Everyone: 2 hours of customer exposure every 6 weeks"


def install_default_standard(standard_model: type[models.Model]) -> None:
    """Create the shipped standard when no standard exists yet.

    Takes the model so that the data migration (with its historical model) and tests (whose
    transactional cases flush tables) can both call it.
    """
    # _default_manager is `objects`, typed for any model class (here a historical one too).
    if standard_model._default_manager.exists():
        return
    standard_model._default_manager.create(
        name=DEFAULT_STANDARD_NAME,
        description="The well-known exposure-hours rule from UX practice.",
        scope="everyone",
        period_length=6,
        period_unit="weeks",
        min_minutes=120,
        min_contacts=None,
        min_live=0,
        is_active=True,
    )
