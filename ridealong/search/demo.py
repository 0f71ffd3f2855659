"""The demo company's search index: everything the demo wrote in bulk, indexed at the end."""

import datetime
import random

from ridealong.core.registry import demo_parts
from ridealong.search.services import search_reindex


@demo_parts.register("search", after=["seats", "insights"], before=["notifications"])
def extend_demo(*, rng: random.Random, today: datetime.date) -> dict[str, int]:
    # The demo writes engagements (and notes, insights …) with bulk_create, past the services
    # that index on write; search runs after those parts and indexes it all.
    return {"search documents": search_reindex()}
