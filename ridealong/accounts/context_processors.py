from django.http import HttpRequest

from ridealong.accounts.roles import can_manage_program, can_manage_settings


def roles(request: HttpRequest) -> dict[str, object]:
    """What the menu shows depends on the role: settings for admins, program pages for leads."""
    user = request.user
    return {
        "can_manage_settings": can_manage_settings(user),
        "can_manage_program": can_manage_program(user),
    }
