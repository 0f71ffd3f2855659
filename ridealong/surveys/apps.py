from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "ridealong.surveys"
    label = "surveys"

    def ready(self) -> None:
        from ridealong.surveys import (
            demo,  # noqa: F401 (registers its part of the demo company)
            registrations,  # noqa: F401 (its panel on the customer page)
        )
