from django.urls import path

from ridealong.core import views

app_name = "core"
urlpatterns = [
    path("settings/", views.settings_home, name="settings"),
]
