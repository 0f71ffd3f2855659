from django.urls import path

from ridealong.scheduling import views

app_name = "scheduling"
urlpatterns = [
    path("", views.run_list, name="runs"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/progress/", views.run_progress, name="progress"),
    path("runs/<int:pk>/publish/", views.run_publish, name="publish"),
]
