from django.urls import path

from ridealong.search import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("saved/", views.saved_search_create, name="saved_create"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_delete"),
]
