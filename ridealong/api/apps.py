from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "ridealong.api"
    label = "api"
