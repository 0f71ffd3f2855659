from django.urls import path

from ridealong.themes import views

app_name = "themes"
urlpatterns = [
    path("", views.themes, name="themes"),
    path("recompute/", views.recompute, name="recompute"),
    path("runs/<int:pk>/", views.run_progress, name="run"),
    path("<int:pk>/", views.theme_detail, name="detail"),
    path("<int:pk>/rename/", views.theme_rename, name="rename"),
    path("<int:pk>/pin/", views.theme_pin, name="pin"),
    path("<int:pk>/merge/", views.theme_merge, name="merge"),
    path("<int:pk>/split/", views.theme_split, name="split"),
]
