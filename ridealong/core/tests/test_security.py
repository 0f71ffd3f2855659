"""Security headers, the Content Security Policy, CSRF, and `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from conftest import ROLES

REPO = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/me/", "/settings/", "/settings/users/", "/nowhere/"]
)
def test_every_page_sends_the_security_headers(client, cast, role, path):
    user = cast.user(role)
    if user:
        client.force_login(user)
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_forms_are_refused_without_a_csrf_token(cast):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "max@example.com"}).status_code == 403
    strict.force_login(cast.admin)
    response = strict.post("/settings/departments/", {"name": "Sneaky"})
    assert response.status_code == 403


def test_the_session_cookie_is_http_only_and_same_site(client, cast):
    from tests.factories import PASSWORD

    client.post("/accounts/login/", {"username": "max@example.com", "password": PASSWORD})
    cookie = client.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "HTTPS": "true",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "ridealong.example.com",
        "RIDEALONG_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    # A production environment: nothing a developer or a test harness may have exported.
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "RIDEALONG_TEST_DB_NAME"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "ridealong", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
