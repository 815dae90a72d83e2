"""Where the areas sit in the navigation, for texts that point the user to one."""

from __future__ import annotations

#: the areas in navigation order; area N is reached with Ctrl+N
AREAS = (
    "week",
    "timesheets",
    "attendance",
    "invoicing",
    "participants",
    "customers",
    "contracts",
    "instructors",
    "settings",
)


def shortcut(area: str) -> str:
    return f"Ctrl+{AREAS.index(area) + 1}"
