"""Choose a gig's crew with the keyboard: a search field over everyone who could go.

The people on the gig come first. Each row shows the person's hours this week
against their limit, whether they hold the qualifications the contract needs on
the gig's day, and what is against them; for a participant with a benefit profile,
their month's earnings against the limit with this gig (the forecast line, also
listed below for the ticked crew); the crew's conflicts are listed live as
people are ticked (``services.crew_checks.check_candidates``: nothing is written
until Save). When something blocks, the reason to save anyway is typed here.

Keys: the search field has the focus; Down moves into the list (Up from its top
row back); Space ticks; typing searches; Enter saves; Esc cancels.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from babel import dates as babel_dates
from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind, forecast_line
from jobcenter_desktop.domain.gig_times import time_range_text
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import current_locale, format_date
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.queries.people import INSTRUCTOR, PARTICIPANT, Person, PersonKey
from jobcenter_desktop.services.planning.crew_checks import CandidateCheck, check_candidates
from ui.planner.crew_candidates import (
    BLOCK_COLOUR,
    BLOCKS,
    EARNINGS,
    HOLDS_COLOUR,
    HOURS,
    NAME,
    QUALIFICATIONS,
    ROLE,
    WARN_COLOUR,
    WARNS,
    CandidateModel,
    CandidateRow,
)
from ui.table_model import SearchProxy


def _candidates(gig: GigRow, people: Sequence[Person], check: CandidateCheck) -> list[CandidateRow]:
    """The gig's crew first (as saved), then everyone else in the planner's order."""
    crew = [(PARTICIPANT, m.id, m.name) for m in gig.participants]
    crew += [(INSTRUCTOR, m.id, m.name) for m in gig.instructors]
    on_gig = {(kind, person_id) for kind, person_id, _name in crew}
    others = [(p.kind, p.id, p.name) for p in people if p.key not in on_gig]
    rows: list[CandidateRow] = []
    for kind, person_id, name in crew + others:
        found = check.participants if kind == PARTICIPANT else check.instructors
        rows.append(CandidateRow(kind, person_id, name, found.get(person_id)))
    return rows


def _heading(gig: GigRow) -> str:
    weekday = babel_dates.format_date(gig.day, "cccc", locale=current_locale())
    times = time_range_text(gig.day, gig.start_time, gig.duration_minutes)
    return (
        f"<b>{gig.customer_name}</b> · {gig.contract_title}<br>"
        f"{weekday[:1].upper()}{weekday[1:]} {format_date(gig.day)} {times}"
    )


def _colour(blocking: bool | None) -> str:
    if blocking is None:
        return HOLDS_COLOUR.name()
    return (BLOCK_COLOUR if blocking else WARN_COLOUR).name()


class _SizeMemo(QStyledItemDelegate):
    """The default delegate, remembering each cell's size until the candidates change.

    The columns size to their contents, and Qt measures every row of them on each
    layout pass (three as the dialog opens): a cell is measured once here instead. The
    list's own font is fixed while the dialog is open; a ticked row's (bold) comes with
    its data, so any change in the model forgets the sizes.
    """

    def __init__(self, proxy: SearchProxy, parent: QObject) -> None:
        super().__init__(parent)
        self._proxy = proxy
        self._sizes: dict[tuple[int, int], QSize] = {}
        source = proxy.sourceModel()
        for signal in (
            source.dataChanged,
            source.modelReset,
            source.layoutChanged,
            source.rowsInserted,
            source.rowsRemoved,
            source.rowsMoved,
        ):
            signal.connect(self._forget)

    def _forget(self, *_changed: object) -> None:
        self._sizes.clear()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        source = self._proxy.mapToSource(index)
        key = (source.row(), source.column())
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = super().sizeHint(option, index)
        return QSize(size)


class CrewDialog(QDialog):
    """The gig's crew as ticked rows; ``chosen()`` and ``override_reason()`` after Save."""

    def __init__(
        self,
        gig: GigRow,
        people: Sequence[Person],
        store: Store,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gig = gig
        self.setWindowTitle(_("Crew of the gig"))
        self.resize(1000, 620)
        keys = [(p.kind, p.id) for p in people]
        keys += [(PARTICIPANT, m.id) for m in gig.participants]
        keys += [(INSTRUCTOR, m.id) for m in gig.instructors]
        self.check = check_candidates(
            store,
            gig.id,
            [person_id for kind, person_id in keys if kind == PARTICIPANT],
            [person_id for kind, person_id in keys if kind == INSTRUCTOR],
        )
        self.model = CandidateModel(self.check.gig_minutes, self.check.required, self)
        self.model.set_rows(_candidates(gig, people, self.check))
        self.model.ticked = self._saved_crew()
        self.proxy = SearchProxy(self)
        self.proxy.setSourceModel(self.model)

        heading = QLabel(_heading(gig))
        heading.setTextFormat(Qt.TextFormat.RichText)
        if self.check.required:
            needs = _("Required by the contract, valid on {date}: {names}").format(
                date=format_date(gig.day), names=", ".join(self.check.required)
            )
        else:
            needs = _("The contract requires no qualifications.")
        self.requirements = QLabel(needs)
        self.requirements.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Type a name; Down moves to the list"))
        self.search.setClearButtonEnabled(True)
        search_label = QLabel(_("&Search"))
        search_label.setBuddy(self.search)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(_SizeMemo(self.proxy, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in (NAME, ROLE, HOURS, EARNINGS, QUALIFICATIONS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(QUALIFICATIONS, not self.check.required)
        # The forecast is special-category data: only people with a benefit profile have it.
        has_forecast = any(c.forecast is not None for c in self.check.participants.values())
        self.table.setColumnHidden(EARNINGS, not has_forecast)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        #: the ticked participants' forecast lines (earnings with this gig against the limit)
        self.forecast_text = QLabel()
        self.forecast_text.setWordWrap(True)
        self.forecast_text.setTextFormat(Qt.TextFormat.RichText)
        self.forecast_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.forecast_lines: list[str] = []
        self.forecast_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A big crew's forecast lines scroll; the list keeps its room.
        forecast_area = QScrollArea()
        forecast_area.setWidget(self.forecast_text)
        forecast_area.setWidgetResizable(True)
        forecast_area.setFrameShape(QFrame.Shape.NoFrame)
        forecast_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        forecast_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        forecast_area.setMaximumHeight(5 * self.fontMetrics().lineSpacing() + 4)
        self.forecast_area = forecast_area
        self.conflict_text = QLabel()
        self.conflict_text.setWordWrap(True)
        self.conflict_text.setTextFormat(Qt.TextFormat.RichText)
        self.conflict_lines: list[str] = []
        self.conflict_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflict_text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # A big crew's conflicts scroll here; the list keeps its room.
        conflict_area = QScrollArea()
        conflict_area.setWidget(self.conflict_text)
        conflict_area.setWidgetResizable(True)
        conflict_area.setFrameShape(QFrame.Shape.NoFrame)
        conflict_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        conflict_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        conflict_area.setMaximumHeight(7 * self.fontMetrics().lineSpacing())
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. agreed with the customer on the phone"))
        self.reason_label = QLabel(_("&Why save despite what blocks:"))
        self.reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)
        keys_hint = QLabel(
            _("Down: to the list · Space: tick · Enter: save · Esc: close without saving")
        )
        keys_hint.setStyleSheet("color: #555555;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setDefault(True)
        for button in self.buttons.buttons():
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.requirements)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(forecast_area)
        layout.addWidget(conflict_area)
        layout.addLayout(reason_row)
        layout.addWidget(keys_hint)
        layout.addWidget(self.buttons)

        self.search.textChanged.connect(self._search_changed)
        self.model.ticked_changed.connect(self._crew_changed)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self._crew_changed()
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, NAME))
        self.search.setFocus()

    def _saved_crew(self) -> set[PersonKey]:
        saved: set[PersonKey] = {(PARTICIPANT, m.id) for m in self.gig.participants}
        return saved | {(INSTRUCTOR, m.id) for m in self.gig.instructors}

    # --- keys -----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search and key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
            self._into_list()
            return True
        if watched is self.table:
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                self._toggle_current()
                return True
            if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.search.setFocus()
                return True
            text = event.text()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
            if text and text.isprintable() and not modifiers:
                # Typing in the list searches, as in the registers.
                self.search.setFocus()
                self.search.insert(text)
                return True
        return False

    def _into_list(self) -> None:
        if not self.proxy.rowCount():
            return
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, NAME))
        self.table.selectRow(self.table.currentIndex().row())
        self.table.setFocus(Qt.FocusReason.TabFocusReason)

    def _toggle_current(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            self.model.toggle(self.proxy.mapToSource(current).row())

    def _search_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, NAME))

    # --- the crew as it is ticked ---------------------------------------------------------

    def current_conflicts(self) -> list[Conflict]:
        """The ticked crew's conflicts, as ``check_gig`` would give them if saved now."""
        participants, instructors = self.chosen()
        return self.check.conflicts(participants, instructors)

    def blocked(self) -> bool:
        return any(conflict.blocking for conflict in self.current_conflicts())

    def _crew_changed(self) -> None:
        chosen = self.model.chosen_rows()
        participants = sum(1 for row in chosen if row.kind == PARTICIPANT)
        names = ", ".join(row.name for row in chosen) or _("nobody yet")
        self.summary.setText(
            _("On the gig: {names} ({count}/{planned} participants)").format(
                count=participants, planned=self.gig.planned_crew_size, names=names
            )
        )
        found = self.current_conflicts()
        self._show_forecast(found)
        lines: list[tuple[str, bool | None]]
        if found:
            lines = [(f"{BLOCKS if c.blocking else WARNS} {c.message}", c.blocking) for c in found]
        else:
            lines = [(_("✓ No conflicts in this crew."), None)]
        self.conflict_lines = [text for text, _blocking in lines]
        # Each line in its own colour (and sign): what blocks, what only warns, all clear.
        self.conflict_text.setText(
            "<br>".join(
                f'<span style="color: {_colour(blocking)}">{escape(text)}</span>'
                for text, blocking in lines
            )
        )
        blocked = any(c.blocking for c in found)
        self.reason_label.setVisible(blocked)
        self.reason.setVisible(blocked)

    def _show_forecast(self, found: list[Conflict]) -> None:
        """Each ticked participant's month with this gig; the one over the limit marked."""
        over = {c.person_id: c.blocking for c in found if c.kind is ConflictKind.BENEFIT_LIMIT}
        shown: list[tuple[str, bool | None]] = []
        for row in self.model.chosen_rows():
            forecast = row.forecast
            if row.kind != PARTICIPANT or forecast is None:
                continue
            line = forecast_line(forecast)
            if row.id in over:
                blocking = over[row.id]
                shown.append((f"{BLOCKS if blocking else WARNS} {line}", blocking))
            else:
                shown.append((line, None))
        # Who would cross a limit first: a long crew's lines scroll, these must show.
        shown.sort(key=lambda line: line[1] is None)
        self.forecast_lines = [text for text, _blocking in shown]
        self.forecast_area.setVisible(bool(shown))
        heading = escape(_("Earnings this month with this gig:"))
        self.forecast_text.setText(
            f"<b>{heading}</b><br>"
            + "<br>".join(
                f'<span style="color: {_colour(blocking) if blocking is not None else "#000000"}">'
                f"{escape(text)}</span>"
                for text, blocking in shown
            )
        )

    # --- the answer -----------------------------------------------------------------------

    def accept(self) -> None:
        if self.blocked() and not self.override_reason():
            self.reason_label.setStyleSheet("color: #a4000f; font-weight: bold;")
            self.reason.setFocus()
            return
        super().accept()

    def override_reason(self) -> str:
        """What the instructor typed to save despite blocking conflicts ("" if nothing)."""
        return self.reason.text().strip() if self.blocked() else ""

    def row_of(self, kind: str, person_id: int) -> int | None:
        return self.model.row_of_id((kind, person_id))

    def set_checked(self, kind: str, person_id: int, checked: bool) -> bool:
        row = self.row_of(kind, person_id)
        if row is None:
            return False
        self.model.set_ticked(row, checked)
        return True

    def chosen(self) -> tuple[list[int], list[int]]:
        """The ticked participants' and instructors' ids, in list order."""
        rows = self.model.chosen_rows()
        return (
            [row.id for row in rows if row.kind == PARTICIPANT],
            [row.id for row in rows if row.kind == INSTRUCTOR],
        )

    def changed(self) -> bool:
        """Whether the ticked crew differs from the one saved on the gig."""
        return self._saved_crew() != self.model.ticked

    def index_of(self, kind: str, person_id: int) -> QModelIndex:
        """The person's row in the list as shown (invalid when the search hides it)."""
        row = self.row_of(kind, person_id)
        if row is None:
            return QModelIndex()
        return self.proxy.mapFromSource(self.model.index(row, NAME))
