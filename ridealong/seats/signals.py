"""What the seats app tells the apps above it. They connect in their AppConfig.ready().

`assignment_event`: sent after commit, keyword args `assignment_id` (int) and `event` (str, an
AssignmentEvent value); sender is the Assignment class. Only published assignments are sent.
"""

from django.dispatch import Signal

assignment_event = Signal()
