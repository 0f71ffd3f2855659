from django.core.management.base import BaseCommand

from ridealong.surveys.services import follow_up_reminders_send


class Command(BaseCommand):
    help = "Remind assignees of overdue survey follow-ups, then escalate to the program leads."

    def handle(self, *args: object, **options: object) -> None:
        result = follow_up_reminders_send()
        self.stdout.write(
            f"Reminded {result['reminded']} assignee(s); "
            f"escalated {result['escalated']} follow-up(s)."
        )
