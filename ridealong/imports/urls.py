from django.urls import path

from ridealong.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="list"),
    path("samples/<slug:kind>.csv", views.import_sample, name="sample"),
    path("<int:pk>/", views.import_detail, name="detail"),
    path("<int:pk>/progress/", views.import_progress, name="progress"),
    path("<int:pk>/mapping/", views.import_remap, name="remap"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
]
