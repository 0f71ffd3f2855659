from django.urls import path

from ridealong.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.home, name="home"),
    path("all/", views.insight_list, name="list"),
    path("new/", views.insight_create, name="create"),
    path("<int:pk>/edit/", views.insight_edit, name="edit"),
    path("<int:pk>/delete/", views.insight_delete, name="delete"),
    path("engagements/<int:pk>/", views.engagement_insights, name="engagement"),
    path("engagements/<int:pk>/note/", views.note_edit, name="note"),
    path("engagements/<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("engagements/<int:pk>/reflection/", views.reflection_edit, name="reflection"),
    path("engagements/<int:pk>/ask/", views.question_ask, name="ask"),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("questions/", views.question_list, name="questions"),
    path("questions/<int:pk>/", views.question_thread, name="question"),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<int:pk>/", views.guide_edit, name="guide_edit"),
    path("wall/links/", views.wall_links, name="wall_links"),
    path("wall/links/<int:pk>/revoke/", views.wall_link_revoke, name="wall_link_revoke"),
    path("wall/<str:token>/", views.wall, name="wall"),
    path("wall/<str:token>/feed.json", views.wall_feed, name="wall_feed"),
    path("wall/<str:token>/photos/<int:pk>/", views.wall_photo, name="wall_photo"),
    path("unhappy/", views.unhappy, name="unhappy"),
    path("unhappy/<int:pk>/task/", views.task_create, name="task_create"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/<int:pk>/done/", views.task_done, name="task_done"),
    path("tasks/<int:pk>/cancel/", views.task_cancel, name="task_cancel"),
    path("digest/opt-out/<str:token>/", views.digest_opt_out, name="digest_opt_out"),
]
