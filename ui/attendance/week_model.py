"""The attendance week as a table: a row per participant, a column per day, a day in words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import ALLOWANCE_TAX_FREE_CAP
from jobcenter_desktop.domain.enums import AttendanceStatus, ParticipantStatus
from jobcenter_desktop.domain.search import fold
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_decimal, format_money, format_time
from jobcenter_desktop.queries.attendance import AttendanceRow, list_attendance
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.queries.participants import list_participants
from ui.planner.day_board import day_heading

Index = QModelIndex | QPersistentModelIndex

PARTICIPANT_ROLE = Qt.ItemDataRole.UserRole + 1
DAY_ROLE = Qt.ItemDataRole.UserRole + 2

_OVER_CAP_BACKGROUND = QColor("#fff1c2")
_HINT_COLOUR = QColor("#5f5f5f")


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class GigHint:
    """A gig the participant is on that day: its start and "8.00–11.00 Customer"."""

    start: str
    text: str


def over_cap_text() -> str:
    return _("The allowance is over the tax-free cap of {cap} a day.").format(
        cap=format_money(ALLOWANCE_TAX_FREE_CAP)
    )


def day_text(row: AttendanceRow) -> str:
    """The day in words: "Läsnä 9,00 €", "Poissa", "Palkkatyössä"; ⚠ when over the cap."""
    text = row.status.label
    if row.status is AttendanceStatus.PRESENT and row.allowance is not None:
        text = f"{text} {format_money(row.allowance)}"
    if row.start_time is not None and row.end_time is not None:
        text = f"{text} · {format_time(row.start_time)}–{format_time(row.end_time)}"
    if row.over_cap:
        text = "⚠ " + _("{day} (over the cap)").format(day=text)
    return text


class AttendanceWeekModel(QAbstractTableModel):
    """Column 0 is the name; the others are days. Typing in a day emits :attr:`typed`."""

    #: participant id, day, what was typed in the cell
    typed = Signal(int, object, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.people: list[Person] = []
        self.days: list[date] = []
        self.recorded: dict[tuple[int, date], AttendanceRow] = {}
        self.gigs: dict[tuple[int, date], list[GigHint]] = {}
        self.today = date.today()
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_week(
        self,
        people: Sequence[Person],
        days: Sequence[date],
        recorded: Sequence[AttendanceRow],
        gigs: dict[tuple[int, date], list[GigHint]],
    ) -> None:
        self.beginResetModel()
        self.people = list(people)
        self.days = list(days)
        self.recorded = {(row.participant_id, row.day): row for row in recorded}
        self.gigs = gigs
        self.today = date.today()
        self.endResetModel()

    def load_week(self, store: Store, monday: date) -> list[AttendanceRow]:
        """Read the week: the active people (and anyone with a day recorded), Monday–Friday
        (and a weekend day when something is recorded or a gig is staffed on it, as in
        the planner), the gigs as hints."""
        sunday = monday + timedelta(days=6)
        recorded = list_attendance(store, monday, sunday)
        with_days = {row.participant_id for row in recorded}
        people = [
            Person(p.id, f"{p.first_name} {p.last_name}")
            for p in list_participants(store)
            if p.status is ParticipantStatus.ACTIVE or p.id in with_days
        ]
        hints = _gig_hints(store, monday, sunday)
        used = {row.day for row in recorded} | {day for _person, day in hints}
        week = [monday + timedelta(days=n) for n in range(7)]
        days = [day for day in week if day.weekday() < 5 or day in used]
        self.set_week(people, days, recorded, hints)
        return recorded

    def day_of(self, column: int) -> date | None:
        return self.days[column - 1] if 0 < column <= len(self.days) else None

    def column_of(self, day: date) -> int | None:
        return self.days.index(day) + 1 if day in self.days else None

    def row_of(self, participant_id: int) -> int | None:
        for number, person in enumerate(self.people):
            if person.id == participant_id:
                return number
        return None

    def day_row(self, index: Index) -> AttendanceRow | None:
        day = self.day_of(index.column())
        if day is None or not index.isValid():
            return None
        return self.recorded.get((self.people[index.row()].id, day))

    # --- Qt -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        day = self.day_of(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _("Participant") if day is None else day_heading(day)
        if role == Qt.ItemDataRole.FontRole and day == self.today:
            bold = QFont()
            bold.setBold(True)
            return bold
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() > 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        person = self.people[index.row()]
        day = self.day_of(index.column())
        if role == PARTICIPANT_ROLE:
            return person.id
        if role == DAY_ROLE:
            return day
        if day is None:
            return person.name if role == Qt.ItemDataRole.DisplayRole else None
        row = self.recorded.get((person.id, day))
        gigs = self.gigs.get((person.id, day), [])
        if role == Qt.ItemDataRole.DisplayRole:
            if row is not None:
                return day_text(row)
            return _("gig {time}").format(time=gigs[0].start) if gigs else ""
        if role == Qt.ItemDataRole.EditRole:
            if row is not None and row.allowance is not None:
                return format_decimal(row.allowance)
            return ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(person, day, row, gigs)
        if role == Qt.ItemDataRole.BackgroundRole and row is not None and row.over_cap:
            return QBrush(_OVER_CAP_BACKGROUND)
        if row is None and gigs:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(_HINT_COLOUR)
            if role == Qt.ItemDataRole.FontRole:
                return self._italic
        return None

    def _tooltip(
        self, person: Person, day: date, row: AttendanceRow | None, gigs: list[GigHint]
    ) -> str:
        lines = [f"{person.name}, {day_heading(day)}"]
        lines.append(_("Not recorded") if row is None else day_text(row))
        if row is not None and row.over_cap:
            lines.append(over_cap_text())
        lines.extend(_("Gig: {gig}").format(gig=gig.text) for gig in gigs)
        return "\n".join(lines)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        day = self.day_of(index.column())
        if role != Qt.ItemDataRole.EditRole or day is None or not index.isValid():
            return False
        self.typed.emit(self.people[index.row()].id, day, str(value))
        # The view saves and reloads the week; the cell changes only if the save succeeds.
        return True


def _gig_hints(store: Store, monday: date, sunday: date) -> dict[tuple[int, date], list[GigHint]]:
    hints: dict[tuple[int, date], list[GigHint]] = {}
    for gig in list_gigs(store, monday, sunday):
        if gig.status.is_cancelled:
            continue
        start = format_time(gig.start_time)
        text = f"{start} {gig.customer_name}"
        for member in gig.participants:
            hints.setdefault((member.id, gig.day), []).append(GigHint(start, text))
    return hints


class NameFilter(QSortFilterProxyModel):
    """Keeps the rows whose name contains the typed text (case and spaces do not matter)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._wanted = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._wanted = fold(text)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, AttendanceWeekModel) or not self._wanted:
            return True
        return self._wanted in fold(model.people[source_row].name)
