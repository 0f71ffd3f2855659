"""Serving Ridealong through gunicorn, shared by `ridealong serve` and `ridealong demo`.

The command lines are built by plain functions so they can be tested without starting
anything; the steps before serving (pending migrations, static files) are cheap when there
is nothing to do, so a second start takes seconds.
"""

import os
import socket
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

WSGI_APP = "config.wsgi:application"
MAX_DEFAULT_WORKERS = 8


def default_workers(cpu_count: int | None = None) -> int:
    """WEB_CONCURRENCY if set, else gunicorn's rule of thumb (2 × cores + 1), at most 8."""
    if env := os.environ.get("WEB_CONCURRENCY", "").strip():
        return max(1, int(env))
    cores = cpu_count or os.cpu_count() or 1
    return min(2 * cores + 1, MAX_DEFAULT_WORKERS)


def default_bind() -> str:
    return os.environ.get("BIND", "").strip() or "0.0.0.0:8000"


def gunicorn_argv(
    *,
    bind: str,
    workers: int,
    timeout: int = 30,
    graceful_timeout: int = 30,
    access_log: bool = True,
    log_level: str = "info",
    preload: bool = False,
) -> list[str]:
    """The gunicorn command line, run with this very Python (so in the same virtualenv)."""
    argv = [
        sys.executable,
        "-m",
        "gunicorn",
        WSGI_APP,
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(graceful_timeout),
        "--log-level",
        log_level,
        "--error-logfile",
        "-",
        # Gunicorn's control socket lives in ~/.gunicorn by default: two servers on one
        # machine (a demo next to a test run) would fight over it, and nothing uses it.
        "--no-control-socket",
    ]
    if access_log:
        argv += ["--access-logfile", "-"]
    if preload:
        argv.append("--preload")  # import the app once, before forking the workers
    return argv


def worker_argv(*extra: str) -> list[str]:
    """`ridealong worker` with this very Python."""
    return [sys.executable, "-m", "ridealong", "worker", *extra]


def pending_migrations(database: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations not yet applied to the database, as "app.name"."""
    connection = connections[database]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]


def _newest_static_source() -> float:
    newest = 0.0
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            try:
                newest = max(newest, os.stat(storage.path(path)).st_mtime)
            except (NotImplementedError, OSError):
                continue
    return newest


def static_files_stale() -> bool:
    """True when collected static files are missing or older than their sources.

    Only the manifest storage (production, DEBUG off) needs collected files; with DEBUG on
    whitenoise serves straight from the sources.
    """
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if not manifest_name:
        return False
    manifest = Path(settings.STATIC_ROOT) / manifest_name
    if not manifest.exists():
        return True
    return _newest_static_source() > manifest.stat().st_mtime


def collectstatic() -> None:
    """Collect static files quietly; a broken reference is a clear error, not a traceback."""
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
    except ValueError as error:  # whitenoise's MissingFileError: a file refers to a missing one
        raise CommandError(f"Collecting static files failed.\n{error}") from error


def collectstatic_if_needed() -> bool:
    """Collect static files when they are stale; return whether it ran."""
    if not static_files_stale():
        return False
    collectstatic()
    return True


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


# Straight to our own server, whatever HTTP(S)_PROXY says.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def wait_until_answering(url: str, *, timeout: float = 30.0, is_alive=None) -> bool:
    """Poll `url` until it answers (any HTTP status), for at most `timeout` seconds.

    `is_alive`, if given, is called between attempts; waiting stops when it says no.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if is_alive is not None and not is_alive():
            return False
        try:
            with _DIRECT.open(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, just not with 2xx
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False
