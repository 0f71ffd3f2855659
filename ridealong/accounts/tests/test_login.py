"""Sign-in by e-mail, sign-out, and the rate limit per account and per client address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ridealong.accounts.models import LoginFailure
from ridealong.accounts.ratelimit import client_ip, ip_key
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"


def sign_in(client, email, password=PASSWORD, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def age_failures(seconds):
    """Move every stored failure `seconds` into the past (explicit time manipulation)."""
    for failure in LoginFailure.objects.all():
        failure.at -= datetime.timedelta(seconds=seconds)
        failure.save(update_fields=["at"])


def test_the_login_url_is_named():
    assert reverse("accounts:login") == LOGIN
    assert reverse("accounts:logout") == "/accounts/logout/"


def test_the_sign_in_page_renders_a_csrf_protected_form(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert b'type="email"' in response.content
    assert b"Forgot your password?" in response.content


def test_it_signs_in_by_email_in_any_letter_case(client, cast):
    response = sign_in(client, "  MAX@Example.COM ")
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(cast.member.pk)


def test_it_follows_next_after_sign_in(client, cast):
    response = client.post(
        LOGIN + "?next=/settings/",
        {"username": "max@example.com", "password": PASSWORD, "next": "/settings/"},
    )
    assert response["Location"] == "/settings/"


def test_it_does_not_redirect_to_another_site_after_sign_in(client, cast):
    response = client.post(
        LOGIN,
        {"username": "max@example.com", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_a_wrong_password_says_so_without_revealing_whether_the_account_exists(client, cast):
    wrong = sign_in(client, "max@example.com", "not the password")
    unknown = sign_in(client, "nobody@example.com", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    message = "That e-mail address and password do not match"
    assert message in wrong.content.decode()
    assert message in unknown.content.decode()
    assert "_auth_user_id" not in client.session


def test_an_inactive_login_cannot_sign_in(client, cast):
    cast.member.is_active = False
    cast.member.save()
    response = sign_in(client, "max@example.com")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_sign_out_is_post_only(client, cast):
    client.force_login(cast.member)
    assert client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_is_sent_on_from_the_sign_in_page(client, cast):
    client.force_login(cast.member)
    assert client.get(LOGIN)["Location"] == reverse("home")


# The rate limit --------------------------------------------------------------------------


@pytest.fixture
def limits(settings):
    settings.LOGIN_RATE_LIMIT_ATTEMPTS = 3
    settings.LOGIN_RATE_LIMIT_IP_ATTEMPTS = 5
    settings.LOGIN_RATE_LIMIT_WINDOW = 600
    return settings


def test_it_refuses_an_account_after_too_many_failures_without_checking_the_password(
    client, cast, limits
):
    for ip in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):  # different addresses: the account counts
        assert sign_in(client, "max@example.com", "wrong", ip=ip).status_code == 200
    response = sign_in(client, "max@example.com", ip="10.0.0.4")  # the right password
    assert response.status_code == 429
    assert "Too many failed sign-ins; try again in 10 minutes." in response.content.decode()
    assert int(response["Retry-After"]) == 600
    assert "_auth_user_id" not in client.session
    # A refused attempt is not counted: the block does not grow.
    assert LoginFailure.objects.filter(key_kind="account").count() == 3


def test_it_counts_an_account_in_any_letter_case(client, cast, limits):
    for email in ("max@example.com", "MAX@example.com", "Max@Example.com"):
        sign_in(client, email, "wrong", ip=f"10.0.1.{len(email)}")
    assert sign_in(client, "max@example.com").status_code == 429


def test_the_account_opens_again_after_the_window(client, cast, limits):
    for _ in range(3):
        sign_in(client, "max@example.com", "wrong")
    assert sign_in(client, "max@example.com").status_code == 429
    age_failures(590)
    response = sign_in(client, "max@example.com")
    assert response.status_code == 429
    assert "try again in 1 minute." in response.content.decode()
    age_failures(11)
    assert sign_in(client, "max@example.com").status_code == 302


def test_it_refuses_an_address_after_too_many_failures_across_accounts(client, cast, limits):
    for n in range(5):
        sign_in(client, f"guess{n}@example.com", "wrong", ip="192.0.2.9")
    assert sign_in(client, "max@example.com", ip="192.0.2.9").status_code == 429
    # Another address is not affected, and neither is the account.
    assert sign_in(client, "max@example.com", ip="192.0.2.10").status_code == 302


def test_the_address_opens_again_after_the_window(client, cast, limits):
    for n in range(5):
        sign_in(client, f"guess{n}@example.com", "wrong", ip="192.0.2.9")
    assert sign_in(client, "max@example.com", ip="192.0.2.9").status_code == 429
    age_failures(601)
    assert sign_in(client, "max@example.com", ip="192.0.2.9").status_code == 302


def test_a_successful_sign_in_clears_the_accounts_failures(client, cast, limits):
    sign_in(client, "max@example.com", "wrong")
    sign_in(client, "max@example.com", "wrong")
    assert sign_in(client, "max@example.com").status_code == 302
    assert not LoginFailure.objects.filter(key_kind="account").exists()
    client.logout()
    sign_in(client, "max@example.com", "wrong")
    sign_in(client, "max@example.com", "wrong")
    assert sign_in(client, "max@example.com").status_code == 302


def test_old_failures_are_pruned(client, cast, limits, time_machine):
    time_machine.move_to(timezone.now(), tick=False)  # no race with the clock on a slow machine
    sign_in(client, "max@example.com", "wrong")
    age_failures(601)
    sign_in(client, "fay@example.com", "wrong")
    assert LoginFailure.objects.count() == 2  # the new account and address rows only
    assert all(f.at == timezone.now() for f in LoginFailure.objects.all())


def test_it_does_not_keep_the_typed_email_in_clear(client, cast, limits):
    sign_in(client, "max@example.com", "wrong")
    keys = set(LoginFailure.objects.values_list("key", flat=True))
    assert "max@example.com" not in keys
    assert "10.0.0.1" in keys


def test_an_empty_password_is_not_counted(client, cast, limits):
    client.post(LOGIN, {"username": "max@example.com", "password": ""})
    assert not LoginFailure.objects.exists()


# The client address --------------------------------------------------------------------


def test_the_client_address_is_remote_addr_by_default(rf, settings):
    settings.TRUSTED_PROXY_IP_HEADER = ""
    request = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert client_ip(request) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_client_address_is_the_headers_last_hop(rf, settings):
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.1"
    )  # the client forged 1.2.3.4; the proxy appended the real address
    assert client_ip(request) == "203.0.113.1"


def test_a_garbled_proxy_header_falls_back_to_remote_addr(rf, settings):
    settings.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_ip(request) == "10.0.0.1"


def test_ipv6_clients_are_counted_per_64_network():
    assert ip_key("2001:db8:1:2:aaaa::1") == ip_key("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    assert ip_key("192.0.2.1") == "192.0.2.1"


def test_the_rate_limit_uses_the_trusted_header(client, cast, limits):
    limits.TRUSTED_PROXY_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for n in range(5):
        client.post(
            LOGIN,
            {"username": f"guess{n}@example.com", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    blocked = client.post(
        LOGIN,
        {"username": "max@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    other = client.post(
        LOGIN,
        {"username": "max@example.com", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.6",
    )
    assert (blocked.status_code, other.status_code) == (429, 302)
