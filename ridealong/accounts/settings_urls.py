"""Settings › Users and roles, mounted under /settings/ by config.urls."""

from django.urls import path

from ridealong.accounts import settings_views

app_name = "users"
urlpatterns = [
    path("users/", settings_views.users, name="list"),
    path("users/new/", settings_views.user_create, name="create"),
    path("users/<int:pk>/", settings_views.user_edit, name="edit"),
    path("users/<int:pk>/invite/", settings_views.user_invite, name="invite"),
]
