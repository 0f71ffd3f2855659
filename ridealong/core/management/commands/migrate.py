"""`ridealong migrate`: Django's migrate, after moving renamed apps' data to their new labels."""

from typing import Any

from django.core.management.commands.migrate import Command as MigrateCommand

from ridealong.core.upgrade import rename_former_apps


class Command(MigrateCommand):
    def handle(self, *args: Any, **options: Any) -> None:
        for old, new in rename_former_apps(options["database"]):
            if options["verbosity"] >= 1:
                self.stdout.write(f"Renamed app {old!r} to {new!r}: tables and history kept.")
        super().handle(*args, **options)
