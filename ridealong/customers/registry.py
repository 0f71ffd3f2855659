"""What higher apps add to the customer pages and rules, without customers importing them.

Customers sits below engagements, yet the customer page shows the customer's timeline and who
has met them, and having met a customer is a reason to see its contacts' details. Those apps
register here in their AppConfig.ready(); with nothing registered the page renders without
those sections and only the account owner's side (and those who see everything) see details.
"""

from collections.abc import Callable, Iterable

from ridealong.core.panels import PagePanels
from ridealong.core.registry import Registry

# The customer page: "actions" are buttons in its head, "side" sections below the contacts,
# "main" the column beside them.
customer_page = PagePanels("customer page", slots=("actions", "side", "main"))

# A reason to see a customer's contact details: given the people a user acts for (their own
# person and, for managers, their reports), the ids of the customers it opens.
ContactDetailGrant = Callable[[set[int]], Iterable[int]]

contact_detail_grants: Registry[ContactDetailGrant] = Registry("contact-detail grant")
