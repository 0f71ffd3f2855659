from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ridealong.people"
    label = "people"
