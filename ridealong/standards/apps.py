from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "ridealong.standards"
    label = "standards"
