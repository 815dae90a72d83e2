"""What a gig card says at a glance: where its hours are, its crew count, its conflicts.

Every mark is a sign and words, never a colour alone: the colour only helps. The
timesheet state is the timesheet area's (``GigRow.sheet_state``, the rule of
``queries.timesheets``) in the same words as its list.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind
from jobcenter_desktop.domain.gig_times import time_range_text
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.queries.timesheets import Approval, SheetState
from ui.planner.day_board import day_heading
from ui.planner.people import INSTRUCTOR, PARTICIPANT, PersonKey
from ui.timesheets.gig_list import state_text

WARNING = "warning"
BLOCKING = "blocking"
#: the sign of a conflict on a crew chip and in the details
CONFLICT_SIGNS = {WARNING: "⚠", BLOCKING: "⊘"}

CONFLICT_KINDS = {
    ConflictKind.OVERLAP: N_("booked on an overlapping gig"),
    ConflictKind.QUALIFICATION_MISSING: N_("a required qualification is missing"),
    ConflictKind.QUALIFICATION_EXPIRED: N_("a required qualification has expired"),
    ConflictKind.WEEKLY_LIMIT: N_("over the weekly hour limit"),
    ConflictKind.NOT_ACTIVE: N_("not active in the programme"),
    ConflictKind.INSTRUCTOR_DOUBLE_BOOKED: N_("leads an overlapping gig"),
    ConflictKind.SAME_DAY_RULE: N_("same-day rule"),
    ConflictKind.BENEFIT_LIMIT: N_("over a benefit's earnings limit"),
}

# The sign of each timesheet state; "Partly approved" has its own.
STATE_SIGNS = {
    SheetState.NOT_RECORDED: "○",
    SheetState.RECORDED: "✎",
    SheetState.DONE: "✓",
    SheetState.APPROVED: "✔",
    SheetState.INVOICED: "€",
    SheetState.CANCELLED: "✕",
}
PARTLY_SIGN = "◐"


def time_range(gig: GigRow) -> str:
    """``8.00–12.00``, or ``22.00–2.00 (next day)``: the end the gig sheet and checks use."""
    return time_range_text(gig.day, gig.start_time, gig.duration_minutes)


def shows_state(gig: GigRow, today: date) -> bool:
    """Whether the card shows its hours' state.

    A cancelled card says so in its own line, and a gig still ahead has nothing to
    record: "Not recorded yet" on every card of next week would hide the gigs of the
    past days whose hours are missing.
    """
    state = gig.sheet_state
    if state is SheetState.CANCELLED:
        return False
    return not (state is SheetState.NOT_RECORDED and gig.day > today)


def state_badge(gig: GigRow) -> str:
    """The hours' state as a sign and the timesheet area's words ("✎ Hours recorded")."""
    partly = gig.approval is Approval.PARTLY and gig.sheet_state is not SheetState.INVOICED
    sign = PARTLY_SIGN if partly else STATE_SIGNS[gig.sheet_state]
    return f"{sign} {state_text(gig.sheet_state, gig.approval)}"


@dataclass(frozen=True, slots=True)
class CrewCount:
    """The card's "3/3 people": its text, its tone (None, warning) and what it means."""

    text: str
    tone: str | None
    tooltip: str


def crew_count(gig: GigRow) -> CrewCount:
    crew, planned = len(gig.participants), gig.planned_crew_size
    text = _("{assigned}/{planned} people").format(assigned=crew, planned=planned)
    tip = _("Participants on the gig / planned crew size")
    if gig.status.is_cancelled:
        return CrewCount(text, None, tip)
    if crew > planned:
        words = _("Overstaffed: {extra} more than the planned {planned}.").format(
            extra=crew - planned, planned=planned
        )
        return CrewCount(f"▲ {text}", WARNING, f"{words}\n{tip}")
    if crew < planned:
        words = _("{missing} still missing.").format(missing=planned - crew)
        return CrewCount(f"▽ {text}", WARNING, f"{words}\n{tip}")
    return CrewCount(text, None, tip)


def tone_of(conflicts: Sequence[Conflict]) -> str | None:
    if not conflicts:
        return None
    return BLOCKING if any(c.blocking for c in conflicts) else WARNING


def conflict_key(conflict: Conflict) -> PersonKey:
    """The chip a conflict belongs to: an instructor's double booking, else a participant."""
    if conflict.kind is ConflictKind.INSTRUCTOR_DOUBLE_BOOKED:
        return (INSTRUCTOR, conflict.person_id)
    return (PARTICIPANT, conflict.person_id)


def conflicts_by_chip(
    gig: GigRow, conflicts: Sequence[Conflict]
) -> tuple[dict[PersonKey, list[Conflict]], list[Conflict]]:
    """The conflicts per crew member's chip, and those that belong to nobody on the crew."""
    crew = {(PARTICIPANT, m.id) for m in gig.participants}
    crew |= {(INSTRUCTOR, m.id) for m in gig.instructors}
    placed: dict[PersonKey, list[Conflict]] = defaultdict(list)
    loose: list[Conflict] = []
    for conflict in conflicts:
        key = conflict_key(conflict)
        if key in crew:
            placed[key].append(conflict)
        else:
            loose.append(conflict)
    return dict(placed), loose


def conflict_line(conflict: Conflict, gig: GigRow) -> str:
    """A conflict in a few words with its sign ("⚠ Aino Laine: over the weekly hour limit")."""
    kind, person_id = conflict_key(conflict)
    people = gig.instructors if kind == INSTRUCTOR else gig.participants
    name = next((m.name for m in people if m.id == person_id), "")
    words = CONFLICT_KINDS.get(conflict.kind)
    text = f"{name}: {_(words)}" if name and words is not None else conflict.message
    return f"{CONFLICT_SIGNS[BLOCKING if conflict.blocking else WARNING]} {text}"


def details_html(gig: GigRow, conflicts: Sequence[Conflict], today: date) -> str:
    """The details panel: the gig, where its hours are, its crew count and each conflict."""
    lines = [
        f"<b>{html.escape(day_heading(gig.day))} {html.escape(time_range(gig))}</b>",
        f"<b>{html.escape(gig.customer_name)}</b> · {html.escape(gig.contract_title)}",
    ]
    if gig.status.is_cancelled:
        lines.append(html.escape(f"{STATE_SIGNS[SheetState.CANCELLED]} {gig.status.label}"))
    elif shows_state(gig, today):
        lines.append(html.escape(_("Hours: {state}").format(state=state_badge(gig))))
    count = crew_count(gig)
    crew = count.text
    if count.tone is not None:  # what the sign means, on the same line
        crew = f"{crew} · {count.tooltip.splitlines()[0]}"
    lines.append(html.escape(crew))
    for conflict in conflicts:
        sign = CONFLICT_SIGNS[BLOCKING if conflict.blocking else WARNING]
        lines.append(html.escape(f"{sign} {conflict.message}"))
    if not conflicts and not gig.status.is_cancelled:
        lines.append(html.escape(_("No conflicts in the crew.")))
    return "<br>".join(lines)
