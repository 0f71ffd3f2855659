from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ridealong.notifications"
    label = "notifications"

    def ready(self) -> None:
        from ridealong.accounts.registry import ProfileLink, profile_links
        from ridealong.notifications import demo  # noqa: F401 (registers its part of the demo company)
        from ridealong.notifications.receivers import on_assignment_event
        from ridealong.seats.signals import assignment_event

        assignment_event.connect(on_assignment_event, dispatch_uid="notifications.assignment_event")
        profile_links.add(
            "notifications.calendar", ProfileLink("Calendar and e-mail", "notifications:feed")
        )
