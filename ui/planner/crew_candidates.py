"""The crew dialog's list: every person who could be on the gig, ticked or not.

One row per person with what helps to choose them: their hours this week against
their limit (with this gig when ticked), for a participant with a benefit profile
their month's earnings against the limit (with this gig when ticked: special-category
data, shown to the instructor only here), the contract's qualifications they lack
on the gig's day, and what would be against them (``services.crew_checks``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from jobcenter_desktop.domain.conflicts import (
    Conflict,
    ConflictKind,
    MonthForecast,
    euros,
    forecast_line,
)
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_hours
from jobcenter_desktop.queries.people import PARTICIPANT, PersonKey
from jobcenter_desktop.services.planning.crew_checks import Candidate
from ui.table_model import Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex

#: a conflict in a few words, for the person's row (the whole sentence is in the tooltip)
CONFLICT_WORDS = {
    ConflictKind.OVERLAP: N_("on an overlapping gig"),
    ConflictKind.QUALIFICATION_MISSING: N_("lacks a qualification"),
    ConflictKind.QUALIFICATION_EXPIRED: N_("qualification expired"),
    ConflictKind.WEEKLY_LIMIT: N_("over the weekly limit"),
    ConflictKind.NOT_ACTIVE: N_("not active"),
    ConflictKind.INSTRUCTOR_DOUBLE_BOOKED: N_("leads an overlapping gig"),
    ConflictKind.SAME_DAY_RULE: N_("same-day rule"),
    ConflictKind.BENEFIT_LIMIT: N_("over a benefit's earnings limit"),
}
BLOCKS = "⊘"  # in the bundled font, unlike ⛔
WARNS = "⚠"
BLOCK_COLOUR = QColor("#a4000f")
WARN_COLOUR = QColor("#8a4b00")
HOLDS_COLOUR = QColor("#1e6b2e")

NAME, ROLE, HOURS, EARNINGS, QUALIFICATIONS, CONFLICTS = range(6)


@dataclass(frozen=True, slots=True)
class CandidateRow:
    kind: str  # PARTICIPANT or INSTRUCTOR
    id: int
    name: str
    check: Candidate | None  # None: the checks know nothing of them (e.g. removed)
    archived: bool = False

    @property
    def key(self) -> PersonKey:
        return (self.kind, self.id)

    @property
    def search(self) -> str:
        return fold(self.name)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.check.conflicts if self.check is not None else ()

    @property
    def forecast(self) -> MonthForecast | None:
        """The month's earnings with this gig (participants with a benefit profile only)."""
        return self.check.forecast if self.check is not None else None


def conflict_words(conflicts: Iterable[Conflict]) -> str:
    """``⊘ on an overlapping gig, ⚠ over the weekly limit``: each kind once."""
    seen: dict[ConflictKind, bool] = {}
    for conflict in conflicts:
        seen[conflict.kind] = seen.get(conflict.kind, False) or conflict.blocking
    return ", ".join(
        f"{BLOCKS if blocking else WARNS} {_(CONFLICT_WORDS[kind])}"
        for kind, blocking in seen.items()
    )


class CandidateModel(RowTableModel):
    """The candidates with a tick each; ``ticked_changed`` says the crew changed."""

    ticked_changed = Signal()

    def __init__(self, gig_minutes: int, required: tuple[str, ...], parent: Any = None) -> None:
        columns: list[Column[CandidateRow]] = [
            Column(N_("Name"), lambda row: row.name),
            Column(N_("Role"), _role),
            Column(N_("Hours this week"), self._hours, numeric=True),
            Column(N_("Earnings this month"), self._earnings, numeric=True),
            Column(N_("Qualifications"), self._qualifications),
            Column(N_("Conflicts"), lambda row: conflict_words(row.conflicts)),
        ]
        super().__init__(columns, parent)
        self.gig_minutes = gig_minutes
        self.required = required
        self.ticked: set[PersonKey] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    def row_id(self, row: CandidateRow) -> PersonKey:
        return row.key

    # --- ticking --------------------------------------------------------------------------

    def is_ticked(self, row: int) -> bool:
        return self.rows[row].key in self.ticked

    def set_ticked(self, row: int, ticked: bool) -> None:
        key = self.rows[row].key
        if (key in self.ticked) == ticked:
            return
        if ticked:
            self.ticked.add(key)
        else:
            self.ticked.discard(key)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        self.ticked_changed.emit()

    def toggle(self, row: int) -> None:
        self.set_ticked(row, not self.is_ticked(row))

    def chosen_rows(self) -> list[CandidateRow]:
        """The ticked people in list order."""
        return [row for row in self.rows if row.key in self.ticked]

    # --- cells ----------------------------------------------------------------------------

    def minutes(self, row: CandidateRow) -> int:
        """Their week's minutes: the other gigs, and this one if they are ticked."""
        other = row.check.other_minutes if row.check is not None else 0
        return other + (self.gig_minutes if row.key in self.ticked else 0)

    def over_limit(self, row: CandidateRow) -> bool:
        limit = row.check.weekly_limit_minutes if row.check is not None else None
        return limit is not None and self.minutes(row) > limit

    def _hours(self, row: CandidateRow) -> str:
        booked = format_hours(self.minutes(row))
        limit = row.check.weekly_limit_minutes if row.check is not None else None
        if limit is None:
            return _("{booked} h").format(booked=booked)
        text = _("{booked} h / {limit} h").format(booked=booked, limit=format_hours(limit))
        return f"{WARNS} {text}" if self.over_limit(row) else text

    def earnings_over(self, row: CandidateRow) -> bool:
        """Whether the person, ticked, would be over their benefit limit this month."""
        forecast = row.forecast
        return forecast is not None and row.key in self.ticked and forecast.over

    def _earnings(self, row: CandidateRow) -> str:
        """``50 € + 40 € = 90 € / 89,99 €`` when ticked, ``50 € / 89,99 €`` when not."""
        forecast = row.forecast
        if forecast is None:
            return ""
        if row.key in self.ticked:
            text = (
                f"{euros(forecast.so_far)} + {euros(forecast.this_gig)} = {euros(forecast.total)}"
            )
        else:
            text = euros(forecast.so_far)
        if forecast.limit is not None:
            text = f"{text} / {euros(forecast.limit)}"
        return f"{self._earnings_sign(row)} {text}" if self.earnings_over(row) else text

    def _earnings_sign(self, row: CandidateRow) -> str:
        blocking = any(c.blocking for c in row.conflicts if c.kind is ConflictKind.BENEFIT_LIMIT)
        return BLOCKS if blocking else WARNS

    def _qualifications(self, row: CandidateRow) -> str:
        if not self.required or row.kind != PARTICIPANT or row.check is None:
            return "–"
        if not row.check.lacking:
            return "✓ " + _("all valid")
        return "✕ " + ", ".join(row.check.lacking)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = 0) -> Any:
        if index.isValid() and index.column() == NAME and role == Qt.ItemDataRole.CheckStateRole:
            ticked = self.is_ticked(index.row())
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = 0) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        checked = Qt.CheckState(value) if isinstance(value, int) else value
        self.set_ticked(index.row(), checked == Qt.CheckState.Checked)
        return True

    def extra_data(self, row: CandidateRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and row.key in self.ticked:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = self._colour(row, column)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _colour(self, row: CandidateRow, column: int) -> QColor | None:
        if column == CONFLICTS and row.conflicts:
            return BLOCK_COLOUR if any(c.blocking for c in row.conflicts) else WARN_COLOUR
        if column == HOURS and self.over_limit(row):
            return WARN_COLOUR
        if column == EARNINGS and self.earnings_over(row):
            return BLOCK_COLOUR if self._earnings_sign(row) == BLOCKS else WARN_COLOUR
        known = row.check is not None and row.kind == PARTICIPANT and self.required
        if column == QUALIFICATIONS and known and row.check is not None:
            return WARN_COLOUR if row.check.lacking else HOLDS_COLOUR
        return None

    def _tooltip(self, row: CandidateRow, column: int) -> str | None:
        if column in (NAME, CONFLICTS) and row.conflicts:
            return "\n".join(
                f"{BLOCKS if c.blocking else WARNS} {c.message}" for c in row.conflicts
            )
        if column == EARNINGS and row.forecast is not None:
            return forecast_line(row.forecast)
        if column == QUALIFICATIONS and row.check is not None and row.check.lacking:
            return _("Lacks on the gig's day: {names}").format(names=", ".join(row.check.lacking))
        return None


def _role(row: CandidateRow) -> str:
    return _("participant") if row.kind == PARTICIPANT else _("instructor")
