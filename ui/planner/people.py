"""The people the planner offers: active participants and instructors, with their week's hours.

Beside the week they are a table with labelled columns (name, hours this week,
weekly limit): the figures are sized to their contents and never shortened, the
name gives way instead; a person at or over their limit is marked with a symbol
and a colour, and the tooltip says it in words. A participant with a benefit profile
has the month's earnings (approved and planned) against their limit in the last
column (shown only when someone has a profile; special-category data, for the
instructor's eyes in the planner only), over the limit marked the same way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jobcenter_desktop.domain.conflicts import euros, month_name
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_hours
from jobcenter_desktop.queries.earnings import MonthEarnings
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.queries.people import INSTRUCTOR, PARTICIPANT, Person, PersonKey, list_people

__all__ = [
    "INSTRUCTOR",
    "MIME_TYPE",
    "PARTICIPANT",
    "PERSON_ROLE",
    "LimitUse",
    "PeopleModel",
    "PeopleTable",
    "Person",
    "PersonKey",
    "hours_text",
    "limit_use",
    "list_people",
    "person_mime",
    "read_mime",
    "week_minutes",
]

MIME_TYPE = "application/x-jobcenter-person"
PERSON_ROLE = Qt.ItemDataRole.UserRole + 1


def week_minutes(gigs: Iterable[GigRow]) -> dict[PersonKey, int]:
    """Minutes booked per person on the gigs that are not cancelled."""
    booked: dict[PersonKey, int] = defaultdict(int)
    for gig in gigs:
        if gig.status.is_cancelled:
            continue
        for member in gig.participants:
            booked[(PARTICIPANT, member.id)] += gig.duration_minutes
        for member in gig.instructors:
            booked[(INSTRUCTOR, member.id)] += gig.duration_minutes
    return booked


def hours_text(booked: int, limit: int | None) -> str:
    if limit is None:
        return _("{booked} h").format(booked=format_hours(booked))
    return _("{booked} h / {limit} h").format(
        booked=format_hours(booked), limit=format_hours(limit)
    )


def person_mime(kind: str, person_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(MIME_TYPE, f"{kind}:{person_id}".encode())
    return mime


def read_mime(mime: QMimeData) -> PersonKey | None:
    if not mime.hasFormat(MIME_TYPE):
        return None
    kind, _sep, number = bytes(mime.data(MIME_TYPE).data()).decode().partition(":")
    if kind not in (PARTICIPANT, INSTRUCTOR) or not number.isdigit():
        return None
    return (kind, int(number))


class LimitUse(StrEnum):
    """How a person's booked hours of the week stand against their weekly limit."""

    UNDER = "under"
    AT = "at"
    OVER = "over"


def limit_use(booked: int, limit: int | None) -> LimitUse:
    """Under, at or over the weekly limit (no limit: always under)."""
    if limit is None or booked < limit:
        return LimitUse.UNDER
    return LimitUse.AT if booked == limit else LimitUse.OVER


#: a sign beside the hours, so that the colour is never the only signal
LIMIT_SIGNS = {LimitUse.UNDER: "", LimitUse.AT: "●", LimitUse.OVER: "⚠"}
LIMIT_COLOURS = {LimitUse.AT: "#fdf0d5", LimitUse.OVER: "#f9d6d5"}


_HOURS_TEXTS: dict[tuple[str, int], str] = {}


def _hours(minutes: int) -> str:
    """``11,5 h`` (remembered per language: a week's table repeats a few figures)."""
    key = (_("{hours} h"), minutes)
    text = _HOURS_TEXTS.get(key)
    if text is None:
        text = _HOURS_TEXTS[key] = key[0].format(hours=format_hours(minutes))
    return text


@dataclass(frozen=True, slots=True)
class PeopleRow:
    """A row of the table: a heading ("Participants") or a person with the week's minutes."""

    heading: str
    person: Person | None = None
    booked: int = 0
    #: the month's earnings against the benefit limit (participants with a profile)
    month: MonthEarnings | None = None

    @property
    def use(self) -> LimitUse:
        if self.person is None:
            return LimitUse.UNDER
        return limit_use(self.booked, self.person.weekly_limit_minutes)


Index = QModelIndex | QPersistentModelIndex
NAME, HOURS, LIMIT, MONTH = range(4)
HEADERS = (N_("Name"), N_("Hours"), N_("Weekly limit"), N_("Month €"))
HEADER_TIPS = (
    N_("Drag a name onto a gig to add the person to its crew."),
    N_("Hours booked this week on gigs that are not cancelled."),
    N_("The participant's weekly hour limit; – when there is none."),
    N_(
        "Earnings of the month, approved and planned, against the benefit limit "
        "(participants with a benefit profile only)."
    ),
)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class PeopleModel(QAbstractTableModel):
    """Participants, then instructors, each group under its heading; person rows drag."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PeopleRow] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_people(
        self,
        people: Sequence[Person],
        booked: dict[PersonKey, int],
        months: dict[int, MonthEarnings] | None = None,
    ) -> bool:
        """Show the people with their minutes; True if the rows were made anew.

        ``months``: the month's earnings of the participants with a benefit profile, by id.

        The same people as shown (a crew change): only the changed hours are redrawn.
        """
        rows: list[PeopleRow] = []
        for person in people:
            if not rows or rows[-1].person is None or rows[-1].person.kind != person.kind:
                title = _("Participants") if person.kind == PARTICIPANT else _("Instructors")
                rows.append(PeopleRow(title))
            month = (months or {}).get(person.id) if person.kind == PARTICIPANT else None
            rows.append(PeopleRow("", person, booked.get(person.key, 0), month))
        same = len(rows) == len(self.rows) and all(
            new.heading == old.heading and new.person == old.person
            for new, old in zip(rows, self.rows, strict=True)
        )
        if not same:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return True
        changed = [
            n for n, (new, old) in enumerate(zip(rows, self.rows, strict=True)) if new != old
        ]
        self.rows = rows
        for number in changed:
            self.dataChanged.emit(self.index(number, NAME), self.index(number, MONTH))
        return False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(HEADER_TIPS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section != NAME:
            return _RIGHT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid() or self.rows[index.row()].person is None:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def text(self, row: PeopleRow, column: int) -> str:
        person = row.person
        if person is None:
            return row.heading if column == NAME else ""
        if column == NAME:
            return person.name
        if column == HOURS:
            sign = LIMIT_SIGNS[row.use]
            return f"{sign} {_hours(row.booked)}" if sign else _hours(row.booked)
        if column == MONTH:
            return month_text(row.month)
        limit = person.weekly_limit_minutes
        return "–" if limit is None else _hours(limit)

    def tooltip(self, row: PeopleRow) -> str:
        person = row.person
        if person is None:
            return ""
        role = _("participant") if person.kind == PARTICIPANT else _("instructor")
        lines = [f"{person.name} ({role})", hours_text(row.booked, person.weekly_limit_minutes)]
        limit = person.weekly_limit_minutes
        if row.use is LimitUse.AT and limit is not None:
            lines.append(_("● At the weekly limit: a longer week needs an override."))
        elif row.use is LimitUse.OVER and limit is not None:
            lines.append(
                _("⚠ Over the weekly limit by {hours}.").format(hours=_hours(row.booked - limit))
            )
        if row.month is not None:
            lines.append(month_tooltip(row.month))
        return "\n".join(lines)

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row) or None
        if role == PERSON_ROLE:
            return None if row.person is None else row.person.key
        if role == Qt.ItemDataRole.FontRole and row.person is None:
            return self._bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column != NAME:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and column == MONTH:
            month = row.month
            return QBrush(QColor(LIMIT_COLOURS[LimitUse.OVER])) if month and month.over else None
        if role == Qt.ItemDataRole.BackgroundRole and row.use in LIMIT_COLOURS:
            return QBrush(QColor(LIMIT_COLOURS[row.use]))
        return None

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        for index in indexes:
            key = index.data(PERSON_ROLE)
            if key:
                return person_mime(key[0], int(key[1]))
        return QMimeData()

    def row_of(self, key: PersonKey) -> int | None:
        return next(
            (n for n, row in enumerate(self.rows) if row.person and row.person.key == key), None
        )


def month_text(month: MonthEarnings | None) -> str:
    """``682 / 1 006 €`` in whole euros (``⚠`` first when over the limit); "" without a
    profile. The earnings are rounded up and the limit down, so that the short figure
    never looks safer than the exact one in the tooltip; short, so that the column leaves
    the week its room."""
    if month is None:
        return ""
    text = euros(month.total.to_integral_value(ROUND_CEILING))
    if month.limit is not None:
        earned = text.removesuffix(euros(Decimal(0)).removeprefix("0"))
        text = f"{earned} / {euros(month.limit.to_integral_value(ROUND_FLOOR))}"
    return f"⚠ {text}" if month.over else text


def month_tooltip(month: MonthEarnings) -> str:
    """The month in words: approved, planned and what is left of the limit."""
    line = _("{month}: approved {approved} + planned {planned} = {total}").format(
        month=month_name(date(month.year, month.month, 1)),
        approved=euros(month.approved),
        planned=euros(month.planned),
        total=euros(month.total),
    )
    if month.limit is None:
        return line
    if month.over:
        return (
            line
            + "\n"
            + _("⚠ Over the limit {limit} by {over}.").format(
                limit=euros(month.limit), over=euros(month.over_by)
            )
        )
    return (
        line
        + "\n"
        + _("Limit {limit}: {remaining} left.").format(
            limit=euros(month.limit), remaining=euros(month.remaining or Decimal(0))
        )
    )


class PeopleTable(QTableView):
    """The side table of people with their hours; rows drag onto gig cards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people_model = PeopleModel(self)
        #: the width that shows the figures and most names whole (set by :meth:`fill`)
        self.preferred_width = 0
        self.setModel(self.people_model)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setShowGrid(False)
        self.setWordWrap(False)
        # A long name gives way at its end; the figures are sized to fit and never do.
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        # Sized to their contents by :meth:`fill` (not on every layout, as ResizeToContents).
        for column in (HOURS, LIMIT, MONTH):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.setColumnHidden(MONTH, True)

    def fill(
        self,
        people: list[Person],
        booked: dict[PersonKey, int],
        months: dict[int, MonthEarnings] | None = None,
    ) -> None:
        """Show the people; the same people as shown get their new figures in place.

        ``months``: the month's earnings of the participants with a benefit profile; the
        month column shows only when there are any.
        """
        self.setColumnHidden(MONTH, not months)
        if self.people_model.set_people(people, booked, months):
            self.clearSpans()
            for number, row in enumerate(self.people_model.rows):
                if row.person is None:
                    self.setSpan(number, 0, 1, len(HEADERS))
        self._fit_columns()

    def _column_need(self, column: int) -> int:
        """The width the column's widest text needs (asked of the delegate for that row only)."""
        model = self.people_model
        metrics = self.fontMetrics()
        widest, row_number = -1, -1
        for number, row in enumerate(model.rows):
            if row.person is None:
                continue
            width = metrics.horizontalAdvance(model.text(row, column))
            if width > widest:
                widest, row_number = width, number
        if row_number < 0:
            return 0
        return self.sizeHintForIndex(model.index(row_number, column)).width()

    def _fit_columns(self) -> None:
        # The figures sized to their contents: never "…1,5 h".
        header = self.horizontalHeader()
        widths = {}
        shown = (HOURS, LIMIT) if self.isColumnHidden(MONTH) else (HOURS, LIMIT, MONTH)
        for column in shown:
            widths[column] = max(self._column_need(column), header.sectionSizeHint(column))
            if header.sectionSize(column) != widths[column]:
                header.resizeSection(column, widths[column])
        # Never narrower than the figures and a few letters of a name: the splitter
        # cannot squeeze the figures into "…1,5 h".
        figures = sum(widths.values())
        chars = self.fontMetrics().averageCharWidth()
        across = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth() + 2
        self.setMinimumWidth(figures + chars * 8 + across)
        # What it would like: room for most whole names (the longest may still give way).
        # With the month's figures beside them, names give way sooner: the week keeps its room.
        names = max(self._column_need(NAME), chars * 8)
        most = 17 if self.isColumnHidden(MONTH) else 11
        self.preferred_width = figures + min(names, chars * most) + across

    def row_texts(self) -> list[tuple[str, str, str]]:
        """The rows as shown: name (or heading), hours this week, weekly limit."""
        model = self.people_model
        return [
            (model.text(row, NAME), model.text(row, HOURS), model.text(row, LIMIT))
            for row in model.rows
        ]

    def month_text_of(self, key: PersonKey) -> str:
        """The person's month column as shown ("" without a benefit profile)."""
        row = self.people_model.row_of(key)
        if row is None:
            return ""
        return self.people_model.text(self.people_model.rows[row], MONTH)

    def mime_for(self, key: PersonKey) -> QMimeData:
        """What dragging the person's row carries."""
        row = self.people_model.row_of(key)
        if row is None:
            return QMimeData()
        return self.people_model.mimeData([self.people_model.index(row, NAME)])
