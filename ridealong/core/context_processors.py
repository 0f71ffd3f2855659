from django.http import HttpRequest


def ridealong(request: HttpRequest) -> dict[str, object]:
    return {"organisation": getattr(request, "organisation", None)}
