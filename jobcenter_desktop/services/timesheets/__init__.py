"""Use cases of recorded work: timesheet entries, attendance, the same-day rule."""
