from django.urls import path

from ridealong.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.engagement_create, name="create"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
    path("<int:pk>/edit/", views.engagement_edit, name="edit"),
    path("<int:pk>/delete/", views.engagement_delete, name="delete"),
    path("pick/people/", views.pick_people, name="pick_people"),
    path("pick/customers/", views.pick_customers, name="pick_customers"),
    path("pick/contacts/", views.pick_contacts, name="pick_contacts"),
]
