from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ridealong.accounts"
    label = "accounts"
