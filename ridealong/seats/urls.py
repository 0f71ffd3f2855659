from django.urls import path

from ridealong.seats import views

app_name = "seats"
urlpatterns = [
    path("", views.board, name="board"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.opportunity_create, name="opportunity_create"),
    path("<int:pk>/", views.opportunity_detail, name="opportunity_detail"),
    path("<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("<int:pk>/cancel/", views.opportunity_cancel, name="opportunity_cancel"),
    path("dates/<int:pk>/signup/", views.signup, name="signup"),
    path("dates/<int:pk>/cancel/", views.occurrence_cancel, name="occurrence_cancel"),
    path("assignments/<int:pk>/cancel/", views.assignment_cancel, name="assignment_cancel"),
    path("assignments/<int:pk>/approve/", views.assignment_approve, name="assignment_approve"),
    path("assignments/<int:pk>/decline/", views.assignment_decline, name="assignment_decline"),
    path("assignments/<int:pk>/log/", views.assignment_log, name="assignment_log"),
    path("assignments/<int:pk>/swap/", views.swap_create, name="swap_create"),
    path("swaps/<int:pk>/accept/", views.swap_accept, name="swap_accept"),
    path("swaps/<int:pk>/decline/", views.swap_decline, name="swap_decline"),
]
