"""`ridealong demo` (and `make demo`): Ridealong on this machine in one command.

Migrates the database (SQLite under var/ unless DATABASE_URL says otherwise), collects static
files when they are stale, loads the demo company when the database holds no people, then
serves through gunicorn with a background-task worker beside it, and prints where to sign in.
Every step is skipped when there is nothing to do, so a second start takes seconds.
Ctrl-C or SIGTERM stops the server and the worker, and waits for both.
"""

import signal
import subprocess
import sys
import time
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from ridealong.core import serving
from ridealong.demo.company import DEMO_PASSWORD, DemoLogin
from ridealong.demo.loader import demo_logins, load_demo
from ridealong.people.models import Person

DEFAULT_BIND = "127.0.0.1:8000"
WORKERS = 2
STOP_TIMEOUT = 20  # seconds to wait for the server and the worker to finish


def resolve_bind(bind: str, port: int | None) -> str:
    """`--port` replaces the port of `--bind`."""
    if port is None:
        return bind
    host = bind.rsplit(":", 1)[0] if ":" in bind else bind
    return f"{host}:{port}"


def url_for_bind(bind: str) -> str:
    host, _, port = bind.rpartition(":")
    if host in {"", "0.0.0.0", "::", "[::]"}:  # noqa: S104 (recognising it, not binding)
        host = "127.0.0.1"
    return f"http://{host}:{port}/"


def server_argv(bind: str) -> list[str]:
    """The demo's gunicorn: two workers, quiet (warnings only), no access log."""
    return serving.gunicorn_argv(
        bind=bind,
        workers=WORKERS,
        timeout=60,
        graceful_timeout=5,
        access_log=False,
        log_level="warning",
        preload=True,
    )


def sign_in_lines(logins: list[DemoLogin], password: str) -> list[str]:
    if not logins:
        create = "createadmin" if "createadmin" in get_commands() else "createsuperuser"
        return [f"No demo sign-ins in this database: create one with `ridealong {create}`."]
    width = max(len(login.role_label) for login in logins)
    who = [f"{login.name}, {login.title}" for login in logins]
    who_width = max(len(w) for w in who)
    lines = [f"Sign in as any of these (password: {password}):"]
    lines += [
        f"  {login.role_label:<{width}}  {w:<{who_width}}  {login.email}"
        for login, w in zip(logins, who, strict=True)
    ]
    return lines


class Command(BaseCommand):
    help = (
        "Run the Ridealong demo: migrate, load the demo company into an empty database, "
        "serve at http://127.0.0.1:8000 with a background worker. Ctrl-C stops it."
    )
    # The checks import every view and take a second or more; the demo should start in
    # seconds, and `make test` / `ridealong check` run them anyway.
    requires_system_checks = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--bind", default=DEFAULT_BIND, help=f"Address to serve on (default: {DEFAULT_BIND})."
        )
        parser.add_argument("--port", type=int, help="Port to serve on (replaces --bind's port).")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Prepare the database and print the sign-ins, then exit without serving.",
        )

    def handle(self, *args: Any, bind: str, port: int | None, no_serve: bool, **options: Any):
        bind = resolve_bind(bind, port)
        self._stop_signal: int | None = None
        self._serving = False
        previous = {
            sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            self.prepare()
            logins = demo_logins()
            if no_serve:
                self.stdout.write("\n".join(sign_in_lines(logins, DEMO_PASSWORD)))
                return
            self.serve(bind, logins)
        except KeyboardInterrupt:
            self.stderr.write("Interrupted before the demo started.")
            sys.exit(130)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    def _on_signal(self, signum: int, frame: object) -> None:
        if self._serving:
            self._stop_signal = signum  # the serve loop stops the children and waits
        else:
            raise KeyboardInterrupt

    def prepare(self) -> None:
        pending = serving.pending_migrations()
        if pending:
            self.stdout.write(f"Migrating the database ({len(pending)} migrations)…")
            call_command("migrate", interactive=False, verbosity=0)
        if serving.static_files_stale():
            self.stdout.write("Collecting static files…")
            serving.collectstatic()
        people = Person.objects.count()
        if people:
            self.stdout.write(f"The database already holds {people} people: using them.")
            return
        self.stdout.write("Loading the demo company…")
        started = time.monotonic()
        summary = load_demo()
        self.stdout.write(
            f"Loaded {summary.organisation}: {summary.people} people, "
            f"{summary.customers} customers, {summary.engagements} customer contacts "
            f"over six months ({time.monotonic() - started:.1f} s)."
        )
        if summary.extras:
            self.stdout.write(
                "Also: " + ", ".join(f"{count} {what}" for what, count in summary.extras.items())
            )

    def serve(self, bind: str, logins: list[DemoLogin]) -> None:
        host, _, port = bind.rpartition(":")
        if not serving.port_is_free(host or "0.0.0.0", int(port)):  # noqa: S104
            raise CommandError(
                f"Port {port} is already in use — is another Ridealong running? "
                f"Try `ridealong demo --port {int(port) + 1}` (or `make demo PORT=…`)."
            )
        url = url_for_bind(bind)
        self._serving = True
        # Their own sessions: Ctrl-C reaches only this process, which stops them in order.
        server = subprocess.Popen(server_argv(bind), start_new_session=True)  # noqa: S603
        children = {"web server": server}
        exit_code = 0
        try:
            ready = serving.wait_until_answering(
                url + "accounts/login/",
                timeout=60,
                is_alive=lambda: self._stop_signal is None and server.poll() is None,
            )
            if not ready and self._stop_signal is None and server.poll() is None:
                self.stderr.write("The web server is slow to answer; it should be up shortly.")
            if self._stop_signal is None and server.poll() is None:
                # The worker starts once the server answers, so the two don't compete to boot.
                worker = subprocess.Popen(serving.worker_argv(), start_new_session=True)  # noqa: S603
                children["worker"] = worker
                self.banner(url, bind, logins)
            while self._stop_signal is None:
                died = [name for name, child in children.items() if child.poll() is not None]
                if died:
                    self.stderr.write(f"The {died[0]} stopped; stopping the demo.")
                    exit_code = 1
                    break
                time.sleep(0.2)
        finally:
            self.stop(children)
        if exit_code:
            sys.exit(exit_code)
        self.stdout.write("Ridealong demo stopped.")

    def banner(self, url: str, bind: str, logins: list[DemoLogin]) -> None:
        lines = ["", f"Ridealong is running at {url}  (Ctrl-C to stop)", ""]
        lines += sign_in_lines(logins, DEMO_PASSWORD)
        host = bind.rpartition(":")[0]
        if host not in {"127.0.0.1", "localhost", "0.0.0.0"} and not (  # noqa: S104
            host in settings.ALLOWED_HOSTS or "*" in settings.ALLOWED_HOSTS
        ):
            lines += ["", f"Note: add {host} to ALLOWED_HOSTS to open it under that address."]
        self.stdout.write("\n".join(lines) + "\n")
        self.stdout.flush()

    def stop(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_TIMEOUT
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
