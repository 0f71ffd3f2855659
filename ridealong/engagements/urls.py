from django.urls import path

from ridealong.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.home, name="list"),
    path("new/", views.home, name="create"),
    path("<int:pk>/", views.engagement_detail, name="detail"),
]
