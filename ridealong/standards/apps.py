from django.apps import AppConfig


class StandardsConfig(AppConfig):
    name = "ridealong.standards"
    label = "standards"

    def ready(self) -> None:
        from ridealong.accounts.registry import ProfileLink, profile_links
        from ridealong.standards import demo  # noqa: F401 (registers its part of the demo company)

        profile_links.add(
            "standards.availability", ProfileLink("My availability", "standards:availability")
        )
