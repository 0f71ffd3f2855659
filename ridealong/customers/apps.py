from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "ridealong.customers"
    label = "customers"
