from django.http import HttpRequest

from ridealong.accounts.roles import can_manage_program, can_manage_settings


def ridealong(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "organisation": getattr(request, "organisation", None),
        "can_manage_settings": can_manage_settings(user),
        "can_manage_program": can_manage_program(user),
    }
