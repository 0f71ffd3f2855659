from django.conf import settings
from django.urls import path

from ridealong.core import views

app_name = "core"
urlpatterns = [
    path("settings/", views.settings_home, name="settings"),
    path("settings/organisation/", views.organisation, name="organisation"),
    path("settings/audit/", views.audit, name="audit"),
    # Login-protected uploads; listed before config.urls' own media route, so it wins.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"),
]
