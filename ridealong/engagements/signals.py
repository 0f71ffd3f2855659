"""What the engagements app tells the apps above it (search connects in its ready()).
Both are sent inside the service's transaction, so a receiver's writes commit with it."""

from django.dispatch import Signal

# An engagement was created or changed. Keyword args: engagement.
engagement_saved = Signal()
# An engagement is about to be deleted (its row still exists). Keyword args: engagement_id.
engagement_deleted = Signal()
