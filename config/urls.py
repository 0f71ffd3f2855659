from django.contrib import admin
from django.urls import include, path

from config.api import api
from ridealong.engagements import views as engagement_views

urlpatterns = [
    path("", engagement_views.home, name="home"),
    path("", include("ridealong.core.urls")),
    # Settings sections live with the app that owns their model; core has the home page.
    path("settings/", include("ridealong.people.settings_urls")),
    path("settings/", include("ridealong.engagements.settings_urls")),
    path("settings/", include("ridealong.accounts.settings_urls")),
    path("accounts/", include("ridealong.accounts.urls")),
    path("people/", include("ridealong.people.urls")),
    path("customers/", include("ridealong.customers.urls")),
    path("engagements/", include("ridealong.engagements.urls")),
    path("imports/", include("ridealong.imports.urls")),
    path("seats/", include("ridealong.seats.urls")),
    path("standards/", include("ridealong.standards.urls")),
    path("scheduling/", include("ridealong.scheduling.urls")),
    path("insights/", include("ridealong.insights.urls")),
    path("search/", include("ridealong.search.urls")),
    path("surveys/", include("ridealong.surveys.urls")),
    path("themes/", include("ridealong.themes.urls")),
    path("calendar/", include("ridealong.notifications.urls")),
    path("api/v1/", api.urls),
    path("account/tokens/", include("ridealong.accounts.token_urls")),
    path("django-admin/", admin.site.urls),
]
