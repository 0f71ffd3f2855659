from django.urls import path

from ridealong.engagements import views

app_name = "imports"
urlpatterns = [path("", views.home, name="list")]
