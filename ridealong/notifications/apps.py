from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ridealong.notifications"
    label = "notifications"
