"""What the insights app tells the apps above it (search connects in its ready()).
Both are sent inside the service's transaction, so a receiver's writes commit with it."""

from django.dispatch import Signal

# A note, insight, reflection or host question (with its replies) was written, and scored.
# Keyword args: instance.
content_saved = Signal()
# A note, insight or reflection is about to be deleted. Keyword args: instance.
content_deleted = Signal()
