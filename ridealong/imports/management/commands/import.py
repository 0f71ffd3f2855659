"""`ridealong import people FILE` / `ridealong import customers FILE`.

The same service as the web pages: the file is read, mapped automatically (correct it
with --map "Header=field"), previewed, and — unless --dry-run — applied in one transaction.
The import is recorded like one made on the web (it shows under Import, by "command line").
"""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ridealong.imports.mapping import (
    MappingError,
    auto_map,
    check_mapping,
    field_labels,
    fields_for,
    resolve_field,
)
from ridealong.imports.models import ImportKind, ImportStatus
from ridealong.imports.services import (
    import_job_confirm,
    import_job_create,
    import_plan,
    read_file,
)
from ridealong.imports.tabular import ImportFileError, check_size

SHOWN = 50  # rows listed per section; the counts cover all of them


class Command(BaseCommand):
    help = (
        "Import people (an HR export) or customers with contacts (a CRM export) from a CSV "
        "or XLSX file. Prints what it does; --dry-run only previews."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=ImportKind.values, help="people or customers")
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument(
            "--dry-run", action="store_true", help="preview only: show what would change"
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="HEADER=FIELD",
            help='correct the automatic mapping, e.g. --map "Supervisor=manager" or '
            '--map "Personal Email=" to ignore a column (repeatable)',
        )
        parser.add_argument(
            "--dates",
            choices=["auto", "dmy", "mdy"],
            default="auto",
            help="how to read dates like 03/04/2024: day/month (dmy), month/day (mdy), or "
            "auto (detected from the file; day/month when nothing settles it)",
        )
        parser.add_argument(
            "--as", dest="as_user", metavar="EMAIL", help="the user recorded as importing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        path = Path(options["file"])
        try:
            check_size(path.stat().st_size, settings.IMPORT_MAX_BYTES)
            content = path.read_bytes()
        except FileNotFoundError as exc:
            raise CommandError(f"{path}: no such file") from exc
        except IsADirectoryError as exc:
            raise CommandError(f"{path} is a directory, not a file") from exc
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc.message}") from exc
        try:
            table = read_file(content)
        except ImportFileError as exc:
            raise CommandError(f"{path.name}: {exc.message}") from exc

        mapping = auto_map(table.header, kind)
        try:
            for item in options["map"]:
                header, sep, field = item.partition("=")
                if not sep or header.strip() not in mapping:
                    headers = ", ".join(f'"{h}"' for h in table.header)
                    raise CommandError(
                        f'--map "{item}": the file has no column "{header.strip()}" '
                        f"(its columns: {headers})"
                    )
                mapping[header.strip()] = resolve_field(kind, field)
            check_mapping(mapping, kind)
        except MappingError as exc:
            self._print_mapping(mapping, kind)
            raise CommandError(str(exc)) from exc
        date_order = "" if options["dates"] == "auto" else options["dates"]

        self.stdout.write(f"{path.name}: {table.description}, {len(table.rows)} rows.")
        self._print_mapping(mapping, kind)
        progress = self._progress(len(table.rows))
        if options["dry_run"]:
            plan = import_plan(
                kind=kind, table=table, mapping=mapping, date_order=date_order, progress=progress
            )
            self._print_plan(plan.summary(limit=SHOWN), dry_run=True)
            return

        user = self._user(options["as_user"])
        job = import_job_create(
            kind=kind,
            content=content,
            name=path.name,
            by=user,
            mapping=mapping,
            date_order=date_order,
        )
        job = import_job_confirm(job=job, by=user, background=False, progress=progress)
        if job.status != ImportStatus.DONE:
            raise CommandError(f"{path.name}: {job.error_message}")
        self._print_plan({**job.preview, "counts": job.result}, dry_run=False)
        self.stdout.write(f"Recorded as import #{job.pk}.")

    def _user(self, email: str | None) -> Any:
        if not email:
            return None
        from ridealong.accounts.models import User

        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"--as {email}: there is no user with that e-mail")
        return user

    def _progress(self, total: int) -> Any:
        if total <= settings.IMPORT_BACKGROUND_ROWS:
            return None
        stderr = self.stderr

        def report(done: int) -> None:
            stderr.write(f"\rChecked {done} of {total} rows", ending="")
            if done >= total:
                stderr.write("; saving…")
            stderr.flush()

        return report

    def _print_mapping(self, mapping: dict[str, str], kind: str) -> None:
        labels = field_labels(kind)
        self.stdout.write("Columns:")
        for header, key in mapping.items():
            target = f"{labels[key]} ({key})" if key else "not imported"
            self.stdout.write(f'  "{header}" → {target}')
        unused = [f.key for f in fields_for(kind) if f.key not in mapping.values()]
        if unused:
            self.stdout.write(f"  (fields without a column: {', '.join(unused)})")

    def _print_plan(self, summary: dict[str, Any], *, dry_run: bool) -> None:
        counts = summary["counts"]
        for note in summary.get("messages", []):
            self.stdout.write(f"Note: {note}")
        verb = "Would create" if dry_run else "Created"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {counts['created']}, "
                f"{'would update' if dry_run else 'updated'} {counts['updated']}, "
                f"unchanged {counts['unchanged']}, rejected {counts['rejected']}."
            )
        )
        if "contacts_created" in counts or summary.get("contact_counts"):
            contacts = summary.get("contact_counts", {})
            added = counts.get("contacts_created", contacts.get("created", 0))
            changed = counts.get("contacts_updated", contacts.get("updated", 0))
            self.stdout.write(f"Contacts: {added} added, {changed} updated.")
        if summary.get("new_departments"):
            self.stdout.write("New departments: " + ", ".join(summary["new_departments"]))
        self._section("Rejected (skipped)", counts["rejected"], summary["rejected"], _rejected)
        self._section("Created" if not dry_run else "To create", counts["created"],
                      summary["created"], _created)  # fmt: skip
        self._section("Updated" if not dry_run else "To update", counts["updated"],
                      summary["updated"], _updated)  # fmt: skip
        self._section("Notes", summary.get("notice_count", 0), summary.get("notices", []), _note)

    def _section(self, title: str, total: int, rows: list, line: Any) -> None:
        if not rows:
            return
        more = f", first {min(len(rows), SHOWN)} shown" if total > min(len(rows), SHOWN) else ""
        self.stdout.write(f"{title} ({total}{more}):")
        for row in rows[:SHOWN]:
            self.stdout.write("  " + line(row))


def _rejected(r: dict) -> str:
    return f"row {r['row']}: {r['label']} — {'; '.join(r['reasons'])}"


def _created(r: dict) -> str:
    return f"row {r['row']}: {r['label']} — {r['detail']}"


def _updated(r: dict) -> str:
    changes = "; ".join(f"{field}: {old} → {new}" for field, old, new in r["changes"])
    return f"row {r['row']}: {r['label']} — {changes}"


def _note(n: dict) -> str:
    return f"row {n['row']}, {n['column']}: {n['message']}"
