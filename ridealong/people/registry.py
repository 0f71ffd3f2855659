"""What higher apps add to the people pages, without people importing them.

People sits below engagements, yet the person page shows a person's engagements and customer
exposure, and the people list their last customer contact. Those apps register here in their
AppConfig.ready(); with nothing registered the pages render without those sections.
"""

from collections.abc import Callable
from dataclasses import dataclass

from ridealong.core.panels import PagePanels
from ridealong.core.registry import Registry
from ridealong.people.models import Person

# The person page: "figures" are the cards above the details, "main" the column beside them.
person_page = PagePanels("person page", slots=("figures", "main"))


@dataclass(frozen=True)
class PersonListColumn:
    """A column of the people list: its header, the template of one cell (a <td> that reads
    `person`), and what sets the cell's data on a page of people (in one query for all)."""

    header: str
    cell_template: str
    annotate: Callable[[list[Person]], None]


person_list_columns: Registry[PersonListColumn] = Registry("people list column")
