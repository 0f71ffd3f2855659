from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "ridealong.themes"
    label = "themes"
    # Called "analytics" before 0.2; its tables and history move on `ridealong migrate`.
    former_labels = ("analytics",)

    def ready(self) -> None:
        from ridealong.insights.digest import digest_sections
        from ridealong.themes import demo  # noqa: F401 (registers its part of the demo company)
        from ridealong.themes.digest import digest_themes

        digest_sections.add("themes", digest_themes)
