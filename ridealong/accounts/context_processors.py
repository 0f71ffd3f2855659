from django.http import HttpRequest

from ridealong.accounts.models import User
from ridealong.accounts.roles import can_manage_program, can_manage_settings


def roles(request: HttpRequest) -> dict[str, object]:
    """What the menu shows depends on the role: settings for admins, program pages for leads."""
    user = request.user
    if not isinstance(user, User):  # signed out: neither menu
        return {"can_manage_settings": False, "can_manage_program": False}
    return {
        "can_manage_settings": can_manage_settings(user),
        "can_manage_program": can_manage_program(user),
    }
