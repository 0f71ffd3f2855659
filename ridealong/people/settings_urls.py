"""Settings › Departments, mounted under /settings/ by config.urls."""

from django.urls import path

from ridealong.people import settings_views

app_name = "departments"
urlpatterns = [
    path("departments/", settings_views.departments, name="list"),
    path("departments/<int:pk>/", settings_views.department_edit, name="edit"),
    path("departments/<int:pk>/delete/", settings_views.department_delete, name="delete"),
]
