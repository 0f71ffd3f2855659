"""The kinds of contact Ridealong ships with: one per practice in PRODUCT.md."""

from django.db import models

from ridealong.engagements.models import Practice

# (slug, name, practice, live customer contact, description)
DEFAULT_KINDS: list[tuple[str, str, str, bool, str]] = [
    (
        "sales-ride-along",
        "Sales ride-along",
        Practice.RIDE_ALONG,
        True,
        "Sit in on a sales call or an account review.",
    ),
    (
        "setup-ride-along",
        "Installation/set-up ride-along",
        Practice.RIDE_ALONG,
        True,
        "Go along on an installation or a set-up at the customer.",
    ),
    (
        "support-listening",
        "Support listening",
        Practice.SUPPORT,
        True,
        "Listen in on the support line.",
    ),
    (
        "support-shift",
        "Support shift",
        Practice.SUPPORT,
        True,
        "Take a shift in the support centre.",
    ),
    (
        "site-visit",
        "Site visit",
        Practice.VISIT,
        True,
        "Visit the customer's site and watch them use the product.",
    ),
    (
        "call-for-opinion",
        "Call for opinion",
        Practice.CONVERSATION,
        True,
        "Call a customer and ask for their opinion.",
    ),
    (
        "lunch-coffee",
        "Lunch/coffee",
        Practice.CONVERSATION,
        True,
        "Lunch or coffee with a customer.",
    ),
    (
        "networking",
        "Networking/competitor's client",
        Practice.CONVERSATION,
        True,
        "A talk with a competitor's client at a networking or chamber event.",
    ),
    (
        "field-conversation",
        "Field conversation",
        Practice.CONVERSATION,
        True,
        "An informal conversation with a prospect, led by a short question guide.",
    ),
    (
        "survey-follow-up",
        "Survey follow-up",
        Practice.SURVEY,
        True,
        "Call or visit a customer who answered a survey unhappily, to learn.",
    ),
    (
        "secret-shopper",
        "Secret-shopper call",
        Practice.SECRET_SHOPPER,
        False,
        "Call our own support or sales as a customer and score the experience.",
    ),
    (
        "role-play",
        "Role-play",
        Practice.ROLE_PLAY,
        False,
        "Play a scenario built from real objections; the others score and debrief.",
    ),
    ("workshop", "Workshop", Practice.WORKSHOP, False, "An empathy-map or customer workshop."),
]


def install_default_kinds(contact_kind_model: type[models.Model]) -> None:
    """Create the shipped kinds that are missing (used by a migration, so it takes the model)."""
    for position, (slug, name, practice, is_live, description) in enumerate(DEFAULT_KINDS):
        # _default_manager is `objects`, typed for any model class (here a historical one too).
        contact_kind_model._default_manager.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "practice": str(practice),
                "is_live": is_live,
                "description": description,
                "position": (position + 1) * 10,
            },
        )
