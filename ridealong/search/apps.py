from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "ridealong.search"
    label = "search"
