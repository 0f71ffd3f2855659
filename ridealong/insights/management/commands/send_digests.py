from typing import Any

from django.core.management.base import BaseCommand

from ridealong.insights.digest import send_digests


class Command(BaseCommand):
    help = (
        "Send last week's digest to every team (department) that has not had it yet "
        "(once per team per week: safe to run daily)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_digests()
        self.stdout.write(f"Sent {result['emails']} digest e-mail(s) to {result['teams']} team(s).")
