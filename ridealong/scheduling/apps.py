from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "ridealong.scheduling"
    label = "scheduling"
