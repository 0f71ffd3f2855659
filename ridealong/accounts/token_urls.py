"""The API tokens pages, at /account/tokens/ (beside the accounts pages' own prefix)."""

from django.urls import path

from ridealong.accounts import views

app_name = "tokens"
urlpatterns = [
    path("", views.tokens, name="list"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
