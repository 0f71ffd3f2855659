from django.conf import settings
from django.urls import path

from ridealong.core import views

app_name = "core"
urlpatterns = [
    path("settings/", views.settings_home, name="settings"),
    path("settings/organisation/", views.organisation, name="organisation"),
    path("settings/departments/", views.departments, name="departments"),
    path("settings/departments/<int:pk>/", views.department_edit, name="department_edit"),
    path(
        "settings/departments/<int:pk>/delete/",
        views.department_delete,
        name="department_delete",
    ),
    path("settings/kinds/", views.kinds, name="kinds"),
    path("settings/kinds/new/", views.kind_create, name="kind_create"),
    path("settings/kinds/<int:pk>/", views.kind_edit, name="kind_edit"),
    path("settings/kinds/<int:pk>/active/", views.kind_active, name="kind_active"),
    path("settings/kinds/<int:pk>/delete/", views.kind_delete, name="kind_delete"),
    path("settings/users/", views.users, name="users"),
    path("settings/users/new/", views.user_create, name="user_create"),
    path("settings/users/<int:pk>/", views.user_edit, name="user_edit"),
    path("settings/users/<int:pk>/invite/", views.user_invite, name="user_invite"),
    path("settings/audit/", views.audit, name="audit"),
    # Login-protected uploads; listed before config.urls' own media route, so it wins.
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.media, name="media"),
]
