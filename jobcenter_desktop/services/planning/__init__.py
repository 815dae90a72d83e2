"""Use cases of planning: gigs from schedules, crews and their checks."""
