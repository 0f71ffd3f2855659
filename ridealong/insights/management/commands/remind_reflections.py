from typing import Any

from django.core.management.base import BaseCommand

from ridealong.insights.services import remind_reflections


class Command(BaseCommand):
    help = (
        "E-mail participants whose reflection is missing two days after a contact "
        "(once per participant and contact: safe to run every hour)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind_reflections()
        self.stdout.write(f"Sent {sent} reflection reminder(s).")
