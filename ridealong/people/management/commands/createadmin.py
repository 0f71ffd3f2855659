"""`ridealong createadmin`: the first admin (or promote an existing login to admin).

Interactive: prompts for e-mail, name and the password twice. Non-interactive:
`ridealong createadmin --no-input --email a@b.c --name "Ada Admin" --password …`, or the
password from RIDEALONG_ADMIN_PASSWORD (keeps it out of the shell history).
"""

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from ridealong.accounts.models import User
from ridealong.people.services import person_admin_ensure

PASSWORD_ENV = "RIDEALONG_ADMIN_PASSWORD"  # noqa: S105 (the variable's name, not a secret)


class Command(BaseCommand):
    help = "Create an admin (role admin, Django admin access), or promote an existing login."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", help="The admin's e-mail address (their sign-in).")
        parser.add_argument("--name", default="", help="Full name, e.g. 'Ada Admin'.")
        parser.add_argument(
            "--password", help=f"The password (or set {PASSWORD_ENV}; else you are asked)."
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Never prompt; fail when something is missing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        interactive: bool = options["interactive"]
        email = (options["email"] or "").strip().lower()
        name: str = options["name"] or ""
        password: str | None = options["password"] or os.environ.get(PASSWORD_ENV) or None

        if not email:
            if not interactive:
                raise CommandError("--email is required with --no-input.")
            email = self._ask_email()
        try:
            validate_email(email)
        except ValidationError as error:
            raise CommandError(f"“{email}” is not an e-mail address.") from error

        existing = User.objects.filter(email__iexact=email).first()
        if existing is None:
            if interactive and not name:
                name = input("Name (e.g. Ada Admin): ").strip()
            if not password:
                if not interactive:
                    raise CommandError(f"Give --password or set {PASSWORD_ENV} with --no-input.")
                password = self._ask_password(email, name)
        if password:
            self._validate(password, email, name, existing)

        try:
            user, created = person_admin_ensure(email=email, name=name, password=password)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error

        if created:
            linked = f", linked to {user.person}" if user.person else ""
            self.stdout.write(self.style.SUCCESS(f"Created the admin {user.email}{linked}."))
        else:
            note = " Its password was changed." if password else " Its password is unchanged."
            self.stdout.write(
                self.style.SUCCESS(f"{user.email} already had a login: it is now an admin.{note}")
            )

    def _ask_email(self) -> str:
        while True:
            email = input("E-mail: ").strip().lower()
            try:
                validate_email(email)
            except ValidationError:
                self.stderr.write("That is not an e-mail address.")
            else:
                return email

    def _ask_password(self, email: str, name: str) -> str:
        while True:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The passwords differ; try again.")
                continue
            try:
                self._validate(password, email, name, None)
            except CommandError as error:
                self.stderr.write(str(error))
                continue
            return password

    def _validate(self, password: str, email: str, name: str, user: User | None) -> None:
        try:
            validate_password(password, user or User(email=email, name=name))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
