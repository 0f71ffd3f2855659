from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "ridealong.engagements"
    label = "engagements"

    def ready(self) -> None:
        from ridealong.core.settings_pages import SettingsSection, settings_pages

        settings_pages.register(
            SettingsSection(
                title="Kinds of contact",
                url_name="kinds:list",
                description="Ride-alongs, visits, support shifts… and your own kinds.",
                position=30,
            )
        )
