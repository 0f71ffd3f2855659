"""What higher apps add to the account page, without accounts importing them.

Accounts sits at the bottom of the domain apps, yet a person's account page links to their
calendar feed (notifications) and their availability (standards). Those apps register a link
here in their AppConfig.ready(); a name registered twice stops the start.
"""

from dataclasses import dataclass

from ridealong.core.registry import Registry


@dataclass(frozen=True)
class ProfileLink:
    """A button on the account page: its label and the URL name it opens."""

    label: str
    url_name: str


profile_links: Registry[ProfileLink] = Registry("profile link")
