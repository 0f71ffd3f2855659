from django.urls import path

from ridealong.engagements import views

app_name = "api"
urlpatterns = [path("", views.home, name="tokens")]
