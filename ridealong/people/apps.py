from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "ridealong.people"
    label = "people"

    def ready(self) -> None:
        from ridealong.accounts.login_people import login_people
        from ridealong.core.settings_pages import SettingsSection, settings_pages
        from ridealong.people.selectors import people_without_login

        settings_pages.register(
            SettingsSection(
                title="Departments",
                url_name="departments:list",
                description="The tree of departments and teams people belong to.",
                position=20,
            )
        )
        login_people.register(
            without_login=people_without_login, label=lambda p: f"{p.full_name} · {p.email}"
        )
