from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ridealong.surveys"
    label = "surveys"
