"""Where the areas sit in the navigation, for texts that point the user to one."""

from __future__ import annotations

#: the areas in navigation order; area N is reached with Ctrl+N, the tenth with Ctrl+0
AREAS = (
    "week",
    "timesheets",
    "attendance",
    "invoicing",
    "pay",
    "participants",
    "customers",
    "contracts",
    "instructors",
    "settings",
)


def shortcut(area: str) -> str:
    return f"Ctrl+{(AREAS.index(area) + 1) % 10}"
