from django.core.management.base import BaseCommand

from ridealong.surveys.services import invitation_reminders_send
from ridealong.surveys.tasks import deliver_due


class Command(BaseCommand):
    help = "Remind contacts who have not answered a survey after its N days (once each)."

    def handle(self, *args: object, **options: object) -> None:
        count = invitation_reminders_send()
        retried = deliver_due()
        self.stdout.write(f"Reminded {count} contact(s); retried {retried} webhook delivery(ies).")
