from django.urls import path

from ridealong.standards import views

app_name = "standards"
urlpatterns = [
    path("", views.standard_list, name="list"),
    path("new/", views.standard_create, name="create"),
    path("<int:pk>/edit/", views.standard_edit, name="edit"),
    path("<int:pk>/toggle/", views.standard_toggle, name="toggle"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
    path("new-hires/", views.new_hire_rule_edit, name="new_hire_rule"),
    path("me/", views.my_progress, name="me"),
    path("team/", views.team_progress, name="team"),
    path("people/", views.people_progress, name="people"),
    path("people/<int:pk>/", views.person_progress, name="person"),
    path("leaders/", views.leaders_progress, name="leaders"),
    path("availability/", views.my_availability, name="availability"),
    path("availability/import/", views.absence_import, name="absence_import"),
    path("availability/<int:pk>/", views.person_availability, name="person_availability"),
    path("availability/<int:pk>/away/", views.absence_create, name="absence_create"),
    path("away/<int:pk>/delete/", views.absence_delete, name="absence_delete"),
]
