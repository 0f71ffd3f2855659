"""Writes about logins: creating them, roles, deactivation, password links, the first admin,
and personal API tokens.

User management and role changes are audited; sign-ins are not (they are routine, and the
users list shows each login's last sign-in).
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ridealong.accounts.models import TOKEN_PREFIX, ApiToken, Role, User, hash_token
from ridealong.core.audit import log_action
from ridealong.core.models import Organisation


def _normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def _sync_staff_flags(user: User) -> None:
    """Admins (and only admins) may open the Django admin, with every permission."""
    user.is_staff = user.is_superuser = user.role == Role.ADMIN


def password_link(user: User) -> str:
    """An absolute link to choose a password, valid until it is used or PASSWORD_RESET_TIMEOUT.

    SITE_URL (not the request's Host header) makes the link, so a forged Host cannot send
    someone a link to another site, and mail sent without a request gets the same link.
    """
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL + path


def password_link_send(*, user: User, invitation: bool = False) -> None:
    """E-mail the user a link to choose a password: a reset, or the first one (invitation)."""
    organisation = Organisation.current()
    context = {
        "user": user,
        "organisation": organisation,
        "link": password_link(user),
        "site_url": settings.SITE_URL,
        "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    if invitation:
        subject = f"Your Ridealong sign-in at {organisation.name}"
        body = render_to_string("accounts/email/invitation.txt", context)
    else:
        subject = f"Reset your Ridealong password at {organisation.name}"
        body = render_to_string("accounts/email/password_reset.txt", context)
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def user_create(*, by: User, person: Any, email: str = "", role: str = Role.MEMBER) -> User:
    """A login for a person, with no password yet (they choose it from the invitation).

    `person` is a people.Person (typed loosely: accounts does not import the people app).
    """
    email = _normalise_email(email) or person.email
    if User.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} already has a login."})
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": f"There is already a login for {email}."})
    if role not in Role.values:
        raise ValidationError({"role": "Pick one of the roles."})
    user = User(email=email, person=person, role=role)
    _sync_staff_flags(user)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    log_action(
        "accounts.user.created",
        actor=by,
        target=user,
        changes={"email": email, "role": role, "person": str(person)},
    )
    return user


@transaction.atomic
def user_update(*, user: User, by: User, role: str, is_active: bool) -> User:
    """Change a login's role and whether it may sign in. Admins cannot lock themselves out."""
    if role not in Role.values:
        raise ValidationError({"role": "Pick one of the roles."})
    if by is not None and by.pk == user.pk:
        if user.role == Role.ADMIN and role != Role.ADMIN:
            raise ValidationError(
                {"role": "You cannot remove your own admin role; ask another admin to do it."}
            )
        if not is_active:
            raise ValidationError({"is_active": "You cannot deactivate your own login."})
    old_role, was_active = user.role, user.is_active
    user.role, user.is_active = role, is_active
    _sync_staff_flags(user)
    user.save(update_fields=["role", "is_active", "is_staff", "is_superuser"])
    if old_role != role:
        log_action(
            "accounts.user.role_changed", actor=by, target=user, changes={"role": [old_role, role]}
        )
    if was_active != is_active:
        action = "accounts.user.reactivated" if is_active else "accounts.user.deactivated"
        log_action(action, actor=by, target=user)
    return user


def user_invite(*, user: User, by: User) -> None:
    """Send (again) the link to choose a password; recorded without the link itself."""
    password_link_send(user=user, invitation=True)
    log_action("accounts.user.password_link_sent", actor=by, target=user)


@transaction.atomic
def admin_ensure(
    *, email: str, name: str = "", password: str | None = None, person: Any = None
) -> tuple[User, bool]:
    """Create an admin, or promote the existing login with that e-mail. Returns (user, created).

    A new login is linked to `person` (a people.Person, or None); people's
    `person_admin_ensure` finds or creates that person before calling this.
    """
    email = _normalise_email(email)
    if not email:
        raise ValidationError({"email": "An admin needs an e-mail address."})
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    log_changes: dict[str, Any]
    if user is None:
        user = User(email=email, name=name.strip(), person=person, role=Role.ADMIN)
        log_changes = {"email": email, "role": Role.ADMIN}
    else:
        log_changes = {"role": [user.role, Role.ADMIN]} if user.role != Role.ADMIN else {}
        user.role, user.is_active = Role.ADMIN, True
        if name.strip() and not user.name:
            user.name = name.strip()
    _sync_staff_flags(user)
    if password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    if created:
        log_action("accounts.user.created", target=user, changes=log_changes)
    elif log_changes:
        log_action("accounts.user.role_changed", target=user, changes=log_changes)
    return user, created


# API tokens ----------------------------------------------------------------------------
# Every write is audited; the token itself never is. The actions keep their "api.token."
# names: the audit trail's filter and history already use them.

# Enough of the token to recognise it in a list, far too little to guess the rest.
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6


@transaction.atomic
def token_create(*, user: User, name: str, by: User | None) -> tuple[ApiToken, str]:
    """A new token for `user`, with its raw value: shown once, never stored."""
    raw = ApiToken.generate()
    token = ApiToken(
        user=user, name=name.strip(), prefix=raw[:PREFIX_LENGTH], digest=hash_token(raw)
    )
    token.full_clean()
    token.save()
    log_action("api.token.created", actor=by, target=token, changes={"name": token.name})
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Revoke a token for good (the record stays, so its use remains traceable)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("api.token.revoked", actor=by, target=token, changes={"name": token.name})
    return token
