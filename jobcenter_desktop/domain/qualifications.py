"""The built-in qualifications and how a qualification's name is shown."""

from __future__ import annotations

from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

# The built-in entries by code, with the English name migration 0001 stores for them.
BUILT_IN_NAMES = {
    "safety_card": N_("Occupational safety card"),
    "hygiene_passport": N_("Hygiene passport"),
    "driving_licence": N_("Driving licence (B)"),
    "first_aid": N_("First aid (EA 1)"),
    "hot_work_card": N_("Hot work card"),
    "forklift": N_("Forklift licence"),
}


def display_name(code: str, name: str) -> str:
    """The name as the user sees it: a built-in entry's own name translated, others as stored."""
    if BUILT_IN_NAMES.get(code) == name:
        return _(name)
    return name


def is_built_in(code: str) -> bool:
    return code in BUILT_IN_NAMES
