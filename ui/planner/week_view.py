"""The week planner: a column per day, gig cards by start time, people to drag onto them.

Beside the week: the people table (hours against the weekly limit; for participants
with a benefit profile, the month's earnings against their limit, and the month by
week as a chart from its context menu or the button under it) and the details
of the focused gig. A new centre's empty week shows the first steps instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.earnings import MonthEarnings, month_forecasts
from jobcenter_desktop.queries.first_steps import first_steps
from jobcenter_desktop.queries.gigs import GigRow, list_gigs
from jobcenter_desktop.services.planning.crew_checks import check_gigs
from jobcenter_desktop.services.planning.gigs import default_until, generate_gigs
from ui.forms import area_shortcut, compact_combo
from ui.planner.day_board import DayBoard, day_heading_label, monday_of
from ui.planner.earnings_chart import EarningsChartDialog
from ui.planner.first_steps import FirstStepsPanel
from ui.planner.gig_actions import GigActions
from ui.planner.gig_card import GigCard
from ui.planner.gig_details import GigDetails
from ui.planner.people import (
    INSTRUCTOR,
    PARTICIPANT,
    PERSON_ROLE,
    PeopleTable,
    Person,
    list_people,
    week_minutes,
)
from ui.week_buttons import WeekButtons, WeekPaging


def _grey_text(label: QLabel) -> QPalette:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#555555"))
    return palette


class WeekView(WeekPaging, GigActions):
    """Gigs of one week; drop a person on a card (or press Enter on it) to change its crew.

    A card's menu moves, cancels and prints the gig (:class:`GigActions`). Signals:
    ``status`` says what just happened; ``record_hours`` carries the id of a gig
    whose hours the instructor wants to record; ``start_record`` the register
    ("customers", "contracts", "participants") where a first step adds a new record.
    """

    start_record = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.monday = monday_of(date.today())
        self.gigs: list[GigRow] = []
        self.people: list[Person] = []
        self.booked: dict[tuple[str, int], int] = {}
        #: conflicts per gig id, shown on the cards
        self.conflicts: dict[int, list[Conflict]] = {}
        #: the cards by day column, top to bottom
        self.columns: list[list[GigCard]] = []
        self.cards: dict[int, GigCard] = {}
        self.day_labels: list[QLabel] = []
        #: the first steps shown instead of the days while nothing is planned yet
        self.first_steps: FirstStepsPanel | None = None
        self._side_sized = False
        #: the board of day columns shown, and what it shows (days and gigs in order)
        self._board: DayBoard | None = None
        self._shown_key: object = None

        # The key in the tooltip, as on the arrows: the toolbar must fit a 1280 px window.
        self.week_buttons = WeekButtons(
            self, self.previous_week, self.this_week, self.next_week, _("This week")
        )
        self.week_buttons.this.setToolTip(_("This week (Ctrl+T)"))
        self.week_buttons.previous.setToolTip(_("Previous week (Alt+Left or Page Up)"))
        self.week_buttons.next.setToolTip(_("Next week (Alt+Right or Page Down)"))
        self.customer_filter = compact_combo()
        self.instructor_filter = compact_combo()
        top = self.week_buttons.row()
        top.addWidget(self.week_buttons.title)
        top.addStretch(1)
        for caption, combo in (
            (_("Customer"), self.customer_filter),
            (_("Instructor"), self.instructor_filter),
        ):
            label = QLabel(caption)
            label.setMinimumWidth(label.sizeHint().width())
            label.setBuddy(combo)
            top.addWidget(label)
            top.addWidget(combo)
        for widget in self.gig_toolbar():
            top.addWidget(widget)
        # Made every few weeks (eight weeks at a time), so under More; Ctrl+G works anywhere.
        self.generate_action = QAction(f"{_('Create gigs')}\tCtrl+G", self)
        self.generate_action.setToolTip(
            _("Creates the missing gigs of the active contracts for the next eight weeks.")
        )
        self.more_menu.insertAction(self.more_menu.actions()[0], self.generate_action)
        self.more_menu.insertSeparator(self.more_menu.actions()[1])

        self.days_area = QScrollArea()
        self.days_area.setWidgetResizable(True)
        self.days_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.people_table = PeopleTable()
        self.details = GigDetails()
        # Room for a conflict's sentence or two; the people table has the rest.
        line = self.fontMetrics().lineSpacing()
        self.details.setMinimumHeight(line * 8)
        self.details.setMaximumHeight(line * 12)
        people_box = QWidget()
        side = QVBoxLayout(people_box)
        side.setContentsMargins(0, 0, 0, 0)
        people_hint = QLabel(_("People this week: drag a name onto a gig."))
        people_hint.setWordWrap(True)
        side.addWidget(people_hint)
        side.addWidget(self.people_table, 1)
        self.chart_button = QPushButton(_("Earnings by week…"))
        self.chart_button.setToolTip(
            _("The month's earnings by week against the benefit limits, as a chart.")
        )
        self.chart_button.clicked.connect(lambda: self.open_earnings_chart(None))
        self.chart_button.hide()
        side.addWidget(self.chart_button)
        side.addWidget(self.details)
        #: the month's earnings of the participants with a benefit profile, by id
        self.months: dict[int, MonthEarnings] = {}
        self.people_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.people_table.customContextMenuRequested.connect(self._people_menu)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.days_area)
        self.splitter.addWidget(people_box)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([1000, 260])

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

        self.generate_action.triggered.connect(self.create_gigs)
        self.customer_filter.currentIndexChanged.connect(self._filter_changed)
        self.instructor_filter.currentIndexChanged.connect(self._filter_changed)
        for keys, slot, description in (
            ("PgUp", self.previous_week, _("Previous week")),
            ("PgDown", self.next_week, _("Next week")),
            ("Ctrl+G", self.create_gigs, _("Create the gigs of the contracts' schedules")),
        ):
            area_shortcut(self, keys, slot, description)
        self._update_title()

    def minimumSizeHint(self) -> QSize:
        # The toolbar alone is wider than a small window; let the window shrink
        # (the day columns scroll) instead of forcing the window wide.
        return QSize(320, 240)

    # --- the store and the week --------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.store = store
        self.reload()

    def show_week(self, day: date) -> None:
        """Show the week of ``day`` (any day of it)."""
        self.monday = monday_of(day)
        self.reload()

    def _update_title(self) -> None:
        self.week_buttons.show(self.monday)
        self.week_buttons.title.setMinimumWidth(self.week_buttons.title.sizeHint().width())

    def reload(self) -> None:
        """Read the week (one gig query), the people and the crews' conflicts; show them.

        The conflicts of all the week's crews are checked together (``check_gigs``: a
        fixed number of queries, however many gigs), and afresh every time: a change on
        one gig can make or clear a conflict on another (an overlap, the weekly limit).
        Only the cards whose gig or conflicts changed get new content; the board is
        built anew only when the gigs shown, their days or their order changed.
        """
        self._update_title()
        if self.store is None:
            return
        self.gigs = list_gigs(self.store, self.monday, self.monday + timedelta(days=6))
        self.people = list_people(self.store)
        self.booked = week_minutes(self.gigs)
        self.conflicts = check_gigs(
            self.store,
            [
                gig.id
                for gig in self.gigs
                if gig.status is GigStatus.PLANNED and (gig.participants or gig.instructors)
            ],
        )
        self._fill_filters()
        year, month = self.forecast_month()
        participants = [p.id for p in self.people if p.kind == PARTICIPANT]
        self.months = {
            person_id: person.earnings()
            for person_id, person in month_forecasts(self.store, participants, year, month).items()
        }
        self.chart_button.setVisible(bool(self.months))
        self.people_table.fill(self.people, self.booked, self.months)
        # The side is as wide as the table needs, so that no figure is cut short; the
        # first time, wide enough for most names too (later, as the user left it).
        sizes = self.splitter.sizes()
        need = self.people_table.minimumWidth()
        if not self._side_sized and self.people:
            self._side_sized = True
            need = max(need, self.people_table.preferred_width)
        if sizes[1] < need:
            self.splitter.setSizes([max(sum(sizes) - need, 0), need])
        if not self.update_cards():
            self.build_cards()

    def forecast_month(self) -> tuple[int, int]:
        """The month the people list's earnings are of: the month of the week's Thursday."""
        thursday = self.monday + timedelta(days=3)
        return thursday.year, thursday.month

    def open_earnings_chart(self, participant_id: int | None) -> EarningsChartDialog | None:
        """The month by week against the limit: of ``participant_id``, or of everyone."""
        if self.store is None:
            return None
        year, month = self.forecast_month()
        dialog = EarningsChartDialog(
            self.store, list(self.months), year, month, participant_id, self
        )
        dialog.open()
        return dialog

    def _people_menu(self, at: QPoint) -> None:
        key = self.people_table.indexAt(at).data(PERSON_ROLE)
        if not self.months:
            return
        menu = QMenu(self)
        if key and key[0] == PARTICIPANT and key[1] in self.months:
            person_id = int(key[1])
            menu.addAction(
                _("Earnings of the month by week…"), lambda: self.open_earnings_chart(person_id)
            )
        menu.addAction(
            _("Earnings of all participants this month…"), lambda: self.open_earnings_chart(None)
        )
        menu.popup(self.people_table.viewport().mapToGlobal(at))

    def _arrangement(self) -> tuple[list[date], dict[date, list[GigRow]]]:
        """The days shown (Monday–Friday, a weekend day with gigs) and their gigs in order."""
        days = [self.monday + timedelta(days=n) for n in range(7)]
        weekend_gigs = {gig.day for gig in self.gigs if gig.day.weekday() >= 5}
        days = [day for day in days if day.weekday() < 5 or day in weekend_gigs]
        gigs_by_day: dict[date, list[GigRow]] = {day: [] for day in days}
        for gig in self.gigs:
            if gig.day in gigs_by_day and self._shown(gig):
                gigs_by_day[gig.day].append(gig)
        for gigs in gigs_by_day.values():
            gigs.sort(key=lambda g: (g.start_time, g.customer_name))
        return days, gigs_by_day

    def _board_key(self, days: list[date], gigs_by_day: dict[date, list[GigRow]]) -> object:
        return (
            date.today(),
            tuple((day, tuple(gig.id for gig in gigs_by_day[day])) for day in days),
        )

    def update_cards(self) -> bool:
        """Give new content to the cards whose gig or conflicts changed.

        False (nothing done) when the board must be built anew: other gigs, days or
        order, or no board yet.
        """
        if self.first_steps is not None or not self.gigs or self._board is None:
            return False
        days, gigs_by_day = self._arrangement()
        if self._board_key(days, gigs_by_day) != self._shown_key:
            return False
        for gigs in gigs_by_day.values():
            for gig in gigs:
                self.cards[gig.id].set_gig(gig, self.conflicts.get(gig.id, ()))
        self._board.updateGeometry()
        self._show_details(self.details.gig_id)
        return True

    def _fill_filters(self) -> None:
        customers = sorted({gig.customer_name for gig in self.gigs}, key=str.casefold)
        instructors = [p for p in self.people if p.kind == INSTRUCTOR]
        for combo, items, everyone in (
            (self.customer_filter, [(name, name) for name in customers], _("All customers")),
            (self.instructor_filter, [(p.id, p.name) for p in instructors], _("All instructors")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, None)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def _filter_changed(self) -> None:
        self.build_cards()

    def _shown(self, gig: GigRow) -> bool:
        customer = self.customer_filter.currentData()
        instructor = self.instructor_filter.currentData()
        if customer is not None and gig.customer_name != customer:
            return False
        return instructor is None or any(m.id == instructor for m in gig.instructors)

    def build_cards(self) -> None:
        """Lay the gigs out as cards: Monday–Friday, and a weekend day only if it has gigs."""
        focused = self.focused_card()
        focused_id = focused.gig.id if focused is not None else None
        self._board = None
        self._shown_key = None
        if not self.gigs and self._show_first_steps():
            return
        self.first_steps = None
        days, gigs_by_day = self._arrangement()
        today = date.today()
        board = DayBoard()
        # At the width it will have: the cards lay out their texts once, not at 640 px too.
        board.resize(self.days_area.viewport().size())
        row = QHBoxLayout(board)
        row.setContentsMargins(2, 2, 2, 2)
        row.setSpacing(6)
        self.columns = []
        self.cards = {}
        self.day_labels = []
        width = board.column_width(len(days))
        for day in days:
            column = QVBoxLayout()
            column.setSpacing(5)
            heading = day_heading_label(day, today)
            self.day_labels.append(heading)
            column.addWidget(heading)
            cards: list[GigCard] = []
            for gig in gigs_by_day[day]:
                card = GigCard(gig, self, self.conflicts.get(gig.id, ()), today)
                card.expect_width(width)
                column.addWidget(card)
                cards.append(card)
                self.cards[gig.id] = card
            if not cards:
                empty = QLabel(_("No gigs"))
                empty.setContentsMargins(3, 3, 3, 3)
                empty.setPalette(_grey_text(empty))
                column.addWidget(empty)
            column.addStretch(1)
            self.columns.append(cards)
            board.day_layouts.append(column)
            row.addLayout(column, 1)
        self._expect_scroll_bar(board, width)
        self.days_area.setWidget(board)
        self._board = board
        self._shown_key = self._board_key(days, gigs_by_day)
        if not self.gigs:
            self.status.emit(
                _("No gigs this week. Create them from the active contracts (Ctrl+G).")
            )
        if focused_id is not None and focused_id in self.cards:
            self.cards[focused_id].setFocus()
        self._show_details(self.details.gig_id)

    def _expect_scroll_bar(self, board: DayBoard, width: int) -> None:
        """Narrower columns if the longest day will not fit the height (a scroll bar comes).

        Measured on the day with the most cards: the cards then lay out their texts
        once, at the width they get, not first without the scroll bar and then with it.
        """
        viewport = self.days_area.viewport()
        if (
            self.days_area.verticalScrollBar().isVisible()
            or viewport.height() <= 0
            or not any(self.columns)
        ):
            return
        longest = max(self.columns, key=len)
        spacing = 5
        height = sum(card.heightForWidth(width) + spacing for card in longest)
        heading = self.day_labels[0].sizeHint().height() if self.day_labels else 0
        if height + heading + spacing + 4 <= viewport.height():
            return
        extent = self.days_area.style().pixelMetric(
            QStyle.PixelMetric.PM_ScrollBarExtent, None, self.days_area
        )
        board.resize(max(viewport.width() - extent, 1), viewport.height())
        narrower = board.column_width(len(self.columns))
        for cards in self.columns:
            for card in cards:
                card.expect_width(narrower)

    def _show_first_steps(self) -> bool:
        """A new centre's empty week: the first steps instead of empty days (True if shown)."""
        if self.store is None:
            return False
        steps = first_steps(self.store)
        if steps.has_gigs:
            return False
        self.columns, self.cards, self.day_labels = [], {}, []
        self.first_steps = FirstStepsPanel(steps, self.start_record.emit, self.create_gigs)
        self.days_area.setWidget(self.first_steps)
        self.details.clear()
        self.status.emit(_("Nothing is planned yet: follow the steps in the week."))
        return True

    # --- the details panel ----------------------------------------------------------------------

    def card_focused(self, gig_id: int) -> None:
        super().card_focused(gig_id)
        self._show_details(gig_id)

    def _show_details(self, gig_id: int | None) -> None:
        card = self.cards.get(gig_id) if gig_id is not None else None
        if card is None:
            self.details.clear()
        else:
            self.details.show_gig(card.gig, card.conflicts, date.today())

    def focus_start(self) -> None:
        """Focus the first gig of the week, so that the arrow keys work at once."""
        if self.first_steps is not None:
            self.first_steps.first_to_do().setFocus(Qt.FocusReason.OtherFocusReason)
            return
        first = next((cards[0] for cards in self.columns if cards), None)
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def focused_card(self) -> GigCard | None:
        for card in self.cards.values():
            if card.hasFocus():
                return card
        return None

    def focused_gig_id(self) -> int | None:
        card = self.focused_card()
        return None if card is None else card.gig.id

    def focus_gig(self, gig_id: int) -> None:
        card = self.cards.get(gig_id)
        if card is not None:
            card.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keyboard ----------------------------------------------------------------------------

    def move_focus(self, card: GigCard, columns: int, rows: int) -> None:
        """Arrow keys: Left/Right to the neighbouring day, Up/Down within the day."""
        found = [(x, cards) for x, cards in enumerate(self.columns) if card in cards]
        if not found:
            return
        x, cards = found[0]
        y = cards.index(card)
        if rows:
            target = cards[max(0, min(len(cards) - 1, y + rows))]
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        x += columns
        while 0 <= x < len(self.columns):
            if self.columns[x]:
                other = self.columns[x]
                other[min(y, len(other) - 1)].setFocus(Qt.FocusReason.OtherFocusReason)
                return
            x += columns

    # --- generating ---------------------------------------------------------------------------

    def create_gigs(self) -> None:
        if self.store is None:
            return
        try:
            summary = generate_gigs(self.store, until=default_until(date.today()))
        except UserError as error:
            QMessageBox.warning(self, _("Create gigs"), str(error))
            return
        self.reload()
        self.status.emit(
            _("{created} gigs created, {kept} already existed, {skipped} on closure days.").format(
                created=summary.created, kept=summary.kept, skipped=summary.skipped_closed
            )
        )
