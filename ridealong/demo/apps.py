from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo company and `ridealong seed`: the top layer, composing every app's part."""

    name = "ridealong.demo"
    label = "demo"

    def ready(self) -> None:
        from ridealong.core.registry import demo_parts

        # Last in INSTALLED_APPS, so every app has registered its part by now: a part ordered
        # against one nobody registered (a typo, a removed app) stops the start here.
        demo_parts.check()
