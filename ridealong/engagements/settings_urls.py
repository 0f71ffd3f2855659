"""Settings › Kinds of contact, mounted under /settings/ by config.urls."""

from django.urls import path

from ridealong.engagements import settings_views

app_name = "kinds"
urlpatterns = [
    path("kinds/", settings_views.kinds, name="list"),
    path("kinds/new/", settings_views.kind_create, name="create"),
    path("kinds/<int:pk>/", settings_views.kind_edit, name="edit"),
    path("kinds/<int:pk>/active/", settings_views.kind_active, name="active"),
    path("kinds/<int:pk>/delete/", settings_views.kind_delete, name="delete"),
]
