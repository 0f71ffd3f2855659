"""Sign-in, password and API token forms, and those of the users settings pages."""

import logging
from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import models

from ridealong.accounts.login_people import login_people
from ridealong.accounts.models import ApiToken, Role, User
from ridealong.accounts.services import password_link_send
from ridealong.core.forms import model_choice_field

logger = logging.getLogger(__name__)


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with the work e-mail address, in any letter case."""

    username = forms.EmailField(
        label="E-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        # One message for an unknown e-mail, a wrong password and an inactive login.
        "invalid_login": "That e-mail address and password do not match. Check both and try again.",
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class PasswordResetRequestForm(PasswordResetForm):
    """Sends Ridealong's own reset e-mail; an unknown address silently gets nothing."""

    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def get_users(self, email: str) -> Iterator[User]:
        # Unlike Django's default, a login that never chose a password (invited, link
        # expired) may ask for a new link: every Ridealong login uses a password.
        yield from User.objects.filter(email__iexact=email.strip(), is_active=True)

    def save(self, *args: Any, **kwargs: Any) -> None:
        for user in self.get_users(self.cleaned_data["email"]):
            try:
                password_link_send(user=user)
            except Exception:
                # The page must look the same whether or not an account exists.
                logger.exception("Could not send the password reset e-mail to user %s", user.pk)


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text="What it is for, e.g. “CRM sync” or “my laptop”.",
    )


# Settings › Users and roles ------------------------------------------------------------


class _LoginPersonField(forms.ModelChoiceField):
    """A people.Person, labelled by people (accounts sits below people and names no model)."""

    def label_from_instance(self, obj: models.Model) -> str:
        return login_people.label(obj)


class UserCreateForm(forms.Form):
    person = _LoginPersonField(queryset=None, help_text="People who have no login yet.")
    email = forms.EmailField(
        label="Sign-in e-mail",
        required=False,
        help_text="Leave empty to use the person's work e-mail.",
    )
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "person").queryset = login_people.without_login()


class UserEditForm(forms.Form):
    role = forms.ChoiceField(choices=Role.choices)
    is_active = forms.BooleanField(
        label="Active", required=False, help_text="Inactive logins cannot sign in or use tokens."
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=200)
    role = forms.ChoiceField(choices=[("", "Every role"), *Role.choices], required=False)
    active = forms.ChoiceField(
        choices=[("", "Active or not"), ("yes", "Active"), ("no", "Inactive")], required=False
    )
