from django.urls import path

from ridealong.engagements import views

app_name = "customers"
urlpatterns = [path("", views.home, name="list")]
