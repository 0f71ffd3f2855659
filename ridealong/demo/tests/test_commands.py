"""`ridealong demo`: the command line it builds, and loading the company once."""

import io
import signal

import pytest
from django.core.management import call_command

from ridealong.demo.management.commands import demo as demo_command
from ridealong.people.models import Person


@pytest.fixture
def restore_signals():
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def _option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


def test_the_demo_server_is_quiet_with_two_workers():
    argv = demo_command.server_argv("127.0.0.1:8600")
    assert _option(argv, "--bind") == "127.0.0.1:8600"
    assert _option(argv, "--workers") == "2"
    assert _option(argv, "--log-level") == "warning"
    assert "--access-logfile" not in argv
    assert "--preload" in argv  # one import for both workers: a quicker start


def test_demo_port_replaces_the_port_of_bind():
    assert demo_command.resolve_bind("127.0.0.1:8000", None) == "127.0.0.1:8000"
    assert demo_command.resolve_bind("127.0.0.1:8000", 8600) == "127.0.0.1:8600"
    assert demo_command.url_for_bind("0.0.0.0:8600") == "http://127.0.0.1:8600/"
    assert demo_command.url_for_bind("127.0.0.1:8000") == "http://127.0.0.1:8000/"


def test_demo_loads_the_company_once_and_prints_the_sign_ins(db, restore_signals):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    people = Person.objects.count()
    assert 140 <= people <= 160
    assert "Loading the demo company" in out.getvalue()
    assert "ingrid.sorensen@falkenrath.example" in out.getvalue()
    assert "password: ridealong-demo" in out.getvalue()

    again = io.StringIO()
    call_command("demo", "--no-serve", stdout=again)
    assert Person.objects.count() == people
    assert "already holds" in again.getvalue()
    assert "Loading" not in again.getvalue()
    assert "Program lead" in again.getvalue()


def test_demo_says_how_to_sign_in_when_the_people_are_not_the_demo_company(cast, restore_signals):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "No demo sign-ins" in out.getvalue()
    assert not Person.objects.filter(email__endswith="@falkenrath.example").exists()
