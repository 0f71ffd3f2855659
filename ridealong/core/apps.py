from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ridealong.core"
    label = "core"

    def ready(self) -> None:
        from ridealong.core.settings_pages import SettingsSection, settings_pages

        settings_pages.register(
            SettingsSection(
                title="Organisation",
                url_name="core:organisation",
                description="Name, time zone, first day of the week, logo.",
                position=10,
            )
        )
        settings_pages.register(
            SettingsSection(
                title="Audit trail",
                url_name="core:audit",
                description="Who changed what, and when.",
                position=90,
            )
        )
