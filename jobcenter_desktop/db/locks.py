"""The store's locks on approved hours: the triggers' names and messages.

The triggers themselves are made by the migrations (0004, then 0007 for the whole
approved record); this module names the ones the program's schema must have, so
that ``check`` can report a missing one, and the stable messages they raise, which
the services recognise and turn into translated sentences. A migration that adds,
renames or drops a lock trigger updates :data:`LOCK_TRIGGERS` too.
"""

from __future__ import annotations

#: An approved timesheet entry would change or be deleted (only reopening may clear it).
ENTRY_LOCKED = "timesheet entry is approved"
#: A gig with approved hours would be moved, cancelled, re-staffed or deleted.
GIG_LOCKED = "gig has approved hours"

#: The lock triggers of the program's schema, by database dialect.
LOCK_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "timesheet_entry_locked_update",
        "timesheet_entry_locked_delete",
        "gig_locked_update",
        "gig_locked_delete",
        "gig_participant_locked_insert",
        "gig_participant_locked_update",
        "gig_participant_locked_delete",
        "gig_instructor_locked_insert",
        "gig_instructor_locked_update",
        "gig_instructor_locked_delete",
    ),
    "postgresql": (
        "timesheet_entry_locked",
        "gig_locked",
        "gig_participant_locked",
        "gig_instructor_locked",
    ),
}
