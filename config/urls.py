from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from ridealong.api.api import api
from ridealong.engagements import views as engagement_views

urlpatterns = [
    path("", engagement_views.home, name="home"),
    path("", include("ridealong.core.urls")),
    path("accounts/", include("ridealong.accounts.urls")),
    path("people/", include("ridealong.people.urls")),
    path("customers/", include("ridealong.customers.urls")),
    path("engagements/", include("ridealong.engagements.urls")),
    path("imports/", include("ridealong.imports.urls")),
    path("api/v1/", api.urls),
    path("account/tokens/", include("ridealong.api.urls")),
    path("django-admin/", admin.site.urls),
]

# Uploaded photos and logos. Served by Django (behind login checks in a later step would be
# nicer); a deployment may serve MEDIA_ROOT from its web server instead.
urlpatterns += [
    path(
        f"{settings.MEDIA_URL.strip('/')}/<path:path>",
        serve,
        {"document_root": settings.MEDIA_ROOT},
    ),
]
