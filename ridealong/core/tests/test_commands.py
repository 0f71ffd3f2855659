"""`ridealong serve` and `worker`: the command lines they build, and one real server."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from ridealong.core import serving
from ridealong.core.management.commands.worker import Command as WorkerCommand

REPO = Path(__file__).resolve().parents[3]


@task()
def add_up(a: int, b: int) -> int:
    """A task for the worker to run."""
    return a + b


@pytest.fixture
def restore_signals():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


# --- gunicorn command lines ------------------------------------------------------------------


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_serve_runs_gunicorn_from_this_virtualenv_with_access_log_on_stdout():
    argv = serving.gunicorn_argv(bind="0.0.0.0:8000", workers=5, timeout=45)
    assert argv[:4] == [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
    assert _option(argv, "--bind") == "0.0.0.0:8000"
    assert _option(argv, "--workers") == "5"
    assert _option(argv, "--timeout") == "45"
    assert _option(argv, "--access-logfile") == "-"
    assert "--no-control-socket" in argv


def test_the_worker_runs_with_the_same_python():
    assert serving.worker_argv() == [sys.executable, "-m", "ridealong", "worker"]


@pytest.mark.parametrize(
    ("env", "cores", "expected"),
    [({"WEB_CONCURRENCY": "3"}, 16, 3), ({}, 1, 3), ({}, 2, 5), ({}, 16, 8)],
)
def test_serve_workers_default_to_web_concurrency_or_twice_the_cores_plus_one(
    monkeypatch, env, cores, expected
):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert serving.default_workers(cores) == expected


def test_serve_binds_to_bind_from_the_environment(monkeypatch):
    monkeypatch.delenv("BIND", raising=False)
    assert serving.default_bind() == "0.0.0.0:8000"
    monkeypatch.setenv("BIND", "127.0.0.1:9000")
    assert serving.default_bind() == "127.0.0.1:9000"


def test_serve_warns_about_pending_migrations_then_replaces_itself_with_gunicorn(db, monkeypatch):
    executed: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda path, argv: executed.append(argv))
    monkeypatch.setattr(serving, "pending_migrations", lambda: ["people.0009_future"])
    stderr = io.StringIO()
    call_command("serve", "--bind", "127.0.0.1:8650", "--workers", "3", stderr=stderr)
    assert "1 migration(s) not applied" in stderr.getvalue()
    assert "ridealong migrate" in stderr.getvalue()
    [argv] = executed
    assert _option(argv, "--bind") == "127.0.0.1:8650"
    assert _option(argv, "--workers") == "3"


def test_serve_is_silent_about_migrations_when_there_are_none(db, monkeypatch):
    monkeypatch.setattr(os, "execv", lambda path, argv: None)
    stderr = io.StringIO()
    call_command("serve", stderr=stderr)
    assert stderr.getvalue() == ""


# --- worker ----------------------------------------------------------------------------------


def test_worker_processes_every_queue_each_second_without_autoreload(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parser = WorkerCommand().create_parser("ridealong", "worker")
    options = parser.parse_args([])
    assert (options.queue_name, options.interval, options.reload) == ("*", 1.0, False)
    options = parser.parse_args(["--queue-name", "imports", "--interval", "5", "--max-tasks", "2"])
    assert (options.queue_name, options.interval, options.max_tasks) == ("imports", 5.0, 2)


def test_worker_runs_enqueued_tasks_then_exits_in_batch_mode(db, settings, monkeypatch,
                                                             restore_signals):  # fmt: skip
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes stale connections between tasks; inside a test transaction, don't.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    result = add_up.enqueue(2, 3)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    db_result = DBTaskResult.objects.get(id=result.id)
    assert db_result.status == "SUCCESSFUL"
    assert db_result.return_value == 5


def test_worker_refuses_to_start_on_an_unmigrated_database(db, settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(serving, "pending_migrations", lambda: ["django_tasks_database.0001"])
    with pytest.raises(CommandError, match="ridealong migrate"):
        call_command("worker", "--batch")


# --- a real server ---------------------------------------------------------------------------


def _free_port() -> int:
    # The kernel's pick, not the first free one of a fixed range: two suites running at once
    # would both pick 8660, and one would talk to the other's server.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> tuple[int, bytes]:
    try:
        with _DIRECT.open(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_serve_answers_and_serves_static_files_then_stops_cleanly_on_sigterm(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG", "BIND", "WEB_CONCURRENCY"}
    }
    env.update(RIDEALONG_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings")
    ridealong = [sys.executable, "-m", "ridealong"]
    subprocess.run([*ridealong, "migrate", "-v0"], env=env, cwd=REPO, check=True, timeout=120)  # noqa: S603
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(  # noqa: S603
        [*ridealong, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120  # generous: a busy machine boots the worker slowly
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, _ = _get(f"{base}/accounts/login/")
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200, (tmp_path / "serve.log").read_text()
        status, body = _get(f"{base}/static/vendor/htmx/htmx.min.js")
        assert status == 200
        assert b"htmx" in body
    finally:
        server.send_signal(signal.SIGTERM)
        returncode = server.wait(timeout=30)
    output = (tmp_path / "serve.log").read_text()
    assert returncode == 0, output
    assert "Traceback" not in output
    assert "GET /accounts/login/" in output  # the access log
