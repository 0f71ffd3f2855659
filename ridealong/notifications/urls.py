from django.urls import path

from ridealong.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("feed/new/", views.feed_create, name="feed_create"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("preferences/", views.preferences, name="preferences"),
    path("feed/<str:token>.ics", views.feed_ics, name="feed_ics"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views.outbox_retry, name="outbox_retry"),
]
