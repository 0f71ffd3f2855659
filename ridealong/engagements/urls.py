from django.urls import path

from ridealong.engagements import views

app_name = "engagements"
urlpatterns = [path("", views.home, name="list"), path("new/", views.home, name="create")]
