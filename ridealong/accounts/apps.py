from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "ridealong.accounts"
    label = "accounts"

    def ready(self) -> None:
        from ridealong.accounts.roles import can_manage_settings
        from ridealong.core.settings_pages import SettingsSection, settings_pages

        # Core guards the settings pages with the role rule, which is accounts'.
        settings_pages.register_access(can_manage_settings)
        settings_pages.register(
            SettingsSection(
                title="Users and roles",
                url_name="users:list",
                description="Who can sign in, with which role.",
                position=40,
            )
        )
