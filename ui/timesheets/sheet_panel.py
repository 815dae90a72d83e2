"""The right half of the timesheets area: one gig's header, grid, totals, feedback and buttons.

Layout and what is shown only; the view wires the buttons to the services.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from html import escape

from babel import dates as babel_dates
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import (
    DISPLAY_ZONE,
    current_locale,
    format_date,
    format_duration,
    format_money,
    format_time,
)
from jobcenter_desktop.queries.timesheets import GigTimesheet, SheetState
from ui.forms import ERROR_STYLE, error_text
from ui.timesheets.gig_list import billable_text, state_text
from ui.timesheets.grid import TimesheetGrid
from ui.timesheets.grid_model import START, GridRow, TimesheetGridModel

HINT_STYLE = "color: #444444;"
WARNING_STYLE = "color: #7a4b00; font-weight: bold;"


def long_date(sheet: GigTimesheet) -> str:
    name = babel_dates.format_date(sheet.day, "cccc", locale=current_locale())
    return f"{name} {format_date(sheet.day)}"


def local_day(stamp: datetime) -> date:
    """The day in Helsinki of a stored UTC instant (SQLite gives it back without a zone)."""
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(DISPLAY_ZONE).date()


class SheetPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet: GigTimesheet | None = None
        #: the net the gig is or will be billed, as saved (None: no charge)
        self.amount: Decimal | None = None
        self.grid_dirty = False
        self.feedback_dirty = False
        self._loading = False

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16px;")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.lock_line = QLabel()
        self.lock_line.setStyleSheet("font-weight: bold; color: #1b5e20;")
        self.lock_line.setWordWrap(True)
        self.model = TimesheetGridModel(self)
        self.grid = TimesheetGrid()
        self.grid.setModel(self.model)
        self.grid.size_columns()
        self.hint = QLabel(
            _(
                "Type over a cell to change it: Tab moves right, Enter down, "
                "Ctrl+D copies the row above. Times as 830, 8.30 or 8:30."
            )
        )
        self.hint.setStyleSheet(HINT_STYLE)
        self.hint.setWordWrap(True)
        self.messages = QLabel()
        self.messages.setStyleSheet(ERROR_STYLE)
        self.messages.setWordWrap(True)
        self.messages.hide()
        self.totals = QLabel()
        self.totals.setStyleSheet("font-size: 14px;")
        self.totals.setWordWrap(True)

        self.score = QComboBox()
        self.score.addItem("–", None)
        for value in range(1, 6):
            self.score.addItem(str(value), value)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText(_("What the customer said about the work"))
        feedback = QHBoxLayout()
        score_label = QLabel(_("Customer feedback (1–5)"))
        score_label.setBuddy(self.score)
        comment_label = QLabel(_("Comment"))
        comment_label.setBuddy(self.comment)
        feedback.addWidget(score_label)
        feedback.addWidget(self.score)
        feedback.addWidget(comment_label)
        feedback.addWidget(self.comment, 1)
        # Approved hours are locked, but the customer's word may come later: saved on its own.
        self.feedback_button = QPushButton(_("Save feedback"))
        self.feedback_button.setToolTip(
            _("The hours are approved and stay as they are; this saves only the feedback.")
        )
        feedback.addWidget(self.feedback_button)

        self.save_button = QPushButton(_("Save (Ctrl+S)"))
        self.add_button = QPushButton(_("Add person… (Ctrl+N)"))
        self.remove_button = QPushButton(_("Remove row (Ctrl+Del)"))
        self.done_button = QPushButton(_("Mark done (Ctrl+Enter)"))
        self.approve_button = QPushButton(_("Approve gig (Ctrl+Shift+Enter)"))
        self.approve_week_button = QPushButton(_("Approve week… (Ctrl+Shift+W)"))
        self.reopen_button = QPushButton(_("Reopen… (Ctrl+R)"))
        self.approve_week_button.setToolTip(
            _("Approves the hours of this week's gigs that are marked done, after asking.")
        )
        self.reopen_button.setToolTip(_("Opens approved hours for correction; asks the reason."))
        # Two independent rows (the editing, then the gig's state), so that the panel stays
        # narrow enough beside the list on a 1366-pixel screen.
        buttons = QVBoxLayout()
        for group in (
            (self.save_button, self.add_button, self.remove_button, self.reopen_button),
            (self.done_button, self.approve_button, self.approve_week_button),
        ):
            row = QHBoxLayout()
            for button in group:
                row.addWidget(button)
            row.addStretch(1)
            buttons.addLayout(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.lock_line)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.messages)
        layout.addWidget(self.totals)
        layout.addLayout(feedback)
        layout.addLayout(buttons)

        self.model.changed.connect(self._grid_changed)
        self.model.rejected.connect(self._rejected)
        self.score.currentIndexChanged.connect(self._feedback_changed)
        self.comment.textEdited.connect(self._feedback_changed)
        self.show_sheet(None)

    # --- showing ------------------------------------------------------------------------------

    def show_sheet(
        self, sheet: GigTimesheet | None, empty_text: str = "", amount: Decimal | None = None
    ) -> None:
        """Show a gig's timesheet (``None``: nothing chosen, with ``empty_text`` to say why)
        and ``amount``, what it is or will be billed (net)."""
        self._loading = True
        self.amount = amount if sheet is not None else None
        # After a save or a reload the cursor stays where it was; another gig starts at the top.
        previous = self.grid.currentIndex()
        same_gig = (
            sheet is not None and self.sheet is not None and sheet.gig_id == self.sheet.gig_id
        )
        cell = (
            (previous.row(), previous.column()) if same_gig and previous.isValid() else (0, START)
        )
        self.sheet = sheet
        self.grid_dirty = self.feedback_dirty = False
        try:
            if sheet is None:
                self.title.setText(empty_text or _("Choose a gig from the list."))
                self.details.clear()
                self.lock_line.hide()
                self.model.load([], True, 1)
                self.score.setCurrentIndex(0)
                self.comment.clear()
            else:
                self._show_header(sheet)
                self.model.load(
                    [GridRow.of(row) for row in sheet.rows], self.locked, sheet.rounding_minutes
                )
                self.score.setCurrentIndex(max(self.score.findData(sheet.feedback_score), 0))
                self.comment.setText(sheet.feedback_comment)
                if self.model.rows:
                    self.grid.go_to(min(cell[0], len(self.model.rows) - 1), cell[1])
            self.show_messages([])
            self.update_totals()
            self._update_buttons()
        finally:
            self._loading = False

    @property
    def locked(self) -> bool:
        """Whether the grid is read-only: approved hours or a cancelled gig."""
        sheet = self.sheet
        if sheet is None:
            return True
        return sheet.state in (
            SheetState.APPROVED,
            SheetState.INVOICED,
            SheetState.CANCELLED,
        ) or any(row.approved_at is not None for row in sheet.rows)

    def _show_header(self, sheet: GigTimesheet) -> None:
        self.title.setText(f"<b>{escape(sheet.customer_name)}</b> — {escape(sheet.contract_title)}")
        parts = [
            long_date(sheet),
            _("planned {start}–{end}").format(
                start=format_time(sheet.planned_start), end=format_time(sheet.planned_end)
            ),
        ]
        if sheet.site_name:
            parts.insert(0, sheet.site_name)
        parts.append(state_text(sheet.state, sheet.approval))
        self.details.setText(" · ".join(parts))
        if sheet.state is SheetState.CANCELLED:
            self.lock_line.setText(_("Gig cancelled: {reason}").format(reason=sheet.cancel_reason))
            self.lock_line.show()
        elif sheet.invoice_number is not None:
            self.lock_line.setText(
                _(
                    "Invoiced on invoice {number}. A correction is a credit note that makes "
                    "the hours invoiceable again (Invoicing)."
                ).format(number=sheet.invoice_number)
            )
            self.lock_line.show()
        elif sheet.approved_at is not None:
            when = format_date(local_day(sheet.approved_at))
            self.lock_line.setText(
                _("Approved {date} ({user}). Reopen (Ctrl+R) to correct the hours.").format(
                    date=when, user=sheet.approved_by
                )
            )
            self.lock_line.show()
        else:
            self.lock_line.hide()

    def _update_buttons(self) -> None:
        sheet = self.sheet
        editable = sheet is not None and not self.locked
        # Approved hours cannot be saved; the feedback can, with its own button.
        self.save_button.setEnabled(editable)
        self.feedback_button.setVisible(sheet is not None and self.locked)
        self.feedback_button.setEnabled(self.feedback_dirty)
        for button in (self.add_button, self.remove_button):
            button.setEnabled(editable)
        self.done_button.setEnabled(
            editable and sheet is not None and sheet.state is not SheetState.DONE
        )
        self.approve_button.setEnabled(editable)
        self.reopen_button.setEnabled(
            sheet is not None and sheet.approved_at is not None and sheet.invoice_number is None
        )
        self.score.setEnabled(sheet is not None)
        self.comment.setEnabled(sheet is not None)
        self.hint.setVisible(editable)

    def show_messages(self, messages: list[str]) -> None:
        """Sentences under the grid: what is wrong and what to do (hidden when none)."""
        self.messages.setStyleSheet(ERROR_STYLE)
        if messages:
            self.messages.setText("\n".join(error_text(m) for m in messages))
            self.messages.show()
        else:
            self.messages.clear()
            self.messages.hide()

    def show_warnings(self, warnings: list[tuple[int, str]]) -> None:
        """The same-day rule's warnings about saved hours, under the grid and on the rows
        (``(participant id, sentence)``); the hours were saved."""
        self.model.show_warnings(dict(warnings))
        if not warnings:
            return
        lines = [_("Saved, but check the same-day rule:"), *(m for _id, m in warnings)]
        self.messages.setText("\n".join(error_text(m) for m in lines))
        self.messages.setStyleSheet(WARNING_STYLE)
        self.messages.show()

    def update_totals(self) -> None:
        lines = [self._hours_text()]
        if self.amount is not None:
            if self.grid_dirty:
                money = _("Billable as saved: {amount} + VAT").format(
                    amount=f"<b>{format_money(self.amount)}</b>"
                )
            else:
                money = billable_text(self.amount, rich=True)
            lines.append(money)
        self.totals.setText("<br>".join(line for line in lines if line))

    def _hours_text(self) -> str:
        if self.sheet is None or not self.model.rows:
            return (
                _("No one on the sheet yet. Add the people who worked (Ctrl+N).")
                if self.sheet is not None and not self.locked
                else ""
            )
        worked, billable = self.model.totals()
        return _(
            "Worked in total <b>{worked}</b> · billable <b>{billable}</b> "
            "(each person's time rounded to {step} min)"
        ).format(
            worked=format_duration(worked),
            billable=format_duration(billable),
            step=self.model.rounding_minutes,
        )

    # --- editing ------------------------------------------------------------------------------

    def _grid_changed(self) -> None:
        if not self._loading:
            self.grid_dirty = True
        self.update_totals()
        self.show_messages(self.model.problems())

    def _rejected(self, message: str) -> None:
        self.show_messages([message, *self.model.problems()])

    def _feedback_changed(self) -> None:
        if not self._loading:
            self.feedback_dirty = True
            self.feedback_button.setEnabled(True)

    def focus_grid(self) -> None:
        self.grid.setFocus()
        current = self.grid.currentIndex()
        if not current.isValid() and self.model.rows:
            self.grid.go_to(0, START)
