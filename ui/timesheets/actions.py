"""What the timesheet's buttons do: save, add and remove people, mark done, approve, reopen.

Every change goes through ``services.timesheets``; a refusal (a ``ValidationError``,
a ``UserError`` such as ``ApprovedLockedError``) is shown in words under the grid
and changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_time
from jobcenter_desktop.queries.timesheets import GigTimesheet, WeekGigRow, week_approval
from jobcenter_desktop.services.timesheets.entries import (
    approve,
    mark_done,
    reopen,
    save_sheet,
)
from jobcenter_desktop.services.timesheets.same_day import SameDayRuleError
from ui.forms import confirm_discard
from ui.planner.day_board import week_label
from ui.planner.people import INSTRUCTOR, PARTICIPANT, list_people
from ui.timesheets.add_person import AddPersonDialog
from ui.timesheets.grid_model import START, GridRow
from ui.timesheets.sheet_panel import SheetPanel


def unrecorded_text(count: int) -> str:
    """What approving a week leaves behind: the gigs whose hours nobody has recorded yet."""
    if not count:
        return ""
    return _(
        "Gigs this week with no hours recorded yet: {count}. Record them before invoicing."
    ).format(count=count)


class TimesheetActions(QWidget):
    """The action half of the timesheets view (which fills in the attributes below)."""

    status = Signal(str)
    store: Store | None
    panel: SheetPanel
    gigs: list[WeekGigRow]
    monday: date

    def reload(self) -> None:
        """Read the week and the chosen gig again; the view does it."""

    @property
    def sheet(self) -> GigTimesheet | None:
        return self.panel.sheet

    def _fail(self, error: Exception) -> None:
        if isinstance(error, ValidationError):
            self.panel.model.show_errors(error.errors)
            self.panel.show_messages(list(error.errors.values()))
        else:
            self.panel.show_messages([str(error)])
        self.status.emit(_("Nothing was changed."))

    # --- saving -------------------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.panel.grid_dirty or self.panel.feedback_dirty

    def _needs_recording(self) -> bool:
        """Unsaved edits, or rows prefilled from the plan that are not in the store yet."""
        sheet = self.sheet
        if sheet is None or self.panel.locked:
            return False
        return self.panel.grid_dirty or (sheet.entry_count == 0 and bool(self.panel.model.rows))

    def save(self) -> bool:
        """Save the grid and the feedback; True when everything was saved.

        On locked hours (approved, invoiced, a cancelled gig) only the feedback is saved.
        """
        sheet = self.sheet
        if self.store is None or sheet is None:
            return False
        if self.panel.locked and not self.panel.feedback_dirty:
            self.status.emit(_("Nothing to save: the hours are locked (see above the grid)."))
            return True
        only_feedback = self.panel.locked
        self.panel.grid.commit_open_editor()
        entries = self.panel.model.entries() if self._needs_recording() else None
        feedback = None
        if self.panel.feedback_dirty:
            feedback = (self.panel.score.currentData(), self.panel.comment.text())
        try:
            # One transaction: the hours and the feedback are saved together, or neither.
            warnings = save_sheet(self.store, sheet.gig_id, entries, feedback)
        except SameDayRuleError as error:
            # The centre's setting blocks: the rows stay as typed, the people marked.
            self._fail(error)
            self.panel.model.show_warnings({c.person_id: c.message for c in error.conflicts})
            return False
        except (ValidationError, UserError) as error:
            self._fail(error)
            return False
        self.panel.feedback_dirty = False
        self.reload()
        self.panel.show_warnings([(c.person_id, c.message) for c in warnings])
        if only_feedback:
            self.status.emit(_("Feedback saved; the approved hours stay as they are."))
        else:
            self.status.emit(
                _("Saved, with a same-day rule warning: see under the grid.")
                if warnings
                else _("Saved")
            )
        return True

    def confirm_discard(self) -> bool:
        """Ask before unsaved changes are thrown away; True when it is fine to go on."""
        return confirm_discard(self, self.dirty, self.save)

    # --- rows ---------------------------------------------------------------------------------

    def add_person(self) -> None:
        sheet = self.sheet
        if self.store is None or sheet is None or self.panel.locked:
            return
        on_sheet = {row.key for row in self.panel.model.rows}
        people = [p for p in list_people(self.store) if p.key not in on_sheet]
        dialog = AddPersonDialog(people, self)
        if not dialog.exec():
            return
        key, reason = dialog.chosen()
        person = next((p for p in people if p.key == key), None)
        if person is None:
            return
        planned = {(r.participant_id, r.instructor_id) for r in sheet.rows if r.planned}
        participant_id = person.id if person.kind == PARTICIPANT else None
        instructor_id = person.id if person.kind == INSTRUCTOR else None
        is_planned = (participant_id, instructor_id) in planned
        row = GridRow(
            participant_id,
            instructor_id,
            person.name,
            person.kind == INSTRUCTOR,
            is_planned,
            format_time(sheet.planned_start),
            format_time(sheet.planned_end),
            "0",
            "",
            "" if is_planned else reason,
        )
        number = self.panel.model.add_row(row)
        self.panel.grid.setFocus()
        self.panel.grid.go_to(number, START)
        self.status.emit(_("{name} added; save with Ctrl+S.").format(name=person.name))

    def remove_row(self) -> None:
        if self.panel.locked:
            return
        current = self.panel.grid.currentIndex()
        if not current.isValid():
            self.status.emit(_("Choose the row to remove first."))
            return
        name = self.panel.model.rows[current.row()].name
        self.panel.model.remove_row(current.row())
        self.status.emit(_("{name} removed; save with Ctrl+S.").format(name=name))

    # --- the gig's state ----------------------------------------------------------------------

    def mark_done(self) -> None:
        """Save what is typed (or prefilled) and mark the gig done."""
        sheet = self.sheet
        if self.store is None or sheet is None or self.panel.locked:
            return
        if (self.dirty or self._needs_recording()) and not self.save():
            return
        try:
            mark_done(self.store, sheet.gig_id)
        except (ValidationError, UserError) as error:
            self._fail(error)
            return
        self.reload()
        self.status.emit(_("The gig is marked done; approve it when the hours are checked."))

    def approve_gig(self) -> None:
        sheet = self.sheet
        if self.store is None or sheet is None or self.panel.locked:
            return
        if self.dirty and not self.save():
            return
        try:
            count = approve(self.store, gig_id=sheet.gig_id)
        except (ValidationError, UserError) as error:
            self._fail(error)
            return
        self.reload()
        self.status.emit(_("{count} entries approved and locked.").format(count=count))

    def approve_week(self) -> None:
        """Approve the done gigs of the shown week, after a confirmation that says what it does."""
        if self.store is None or not self.confirm_discard():
            return
        plan = week_approval(self.gigs)
        unrecorded = unrecorded_text(plan.unrecorded_count)
        if not plan.gig_ids:
            self.status.emit(
                " ".join(
                    [_("No hours to approve this week: mark the gigs done first."), unrecorded]
                ).strip()
            )
            return
        monday = self.monday
        sunday = monday + timedelta(days=6)
        lines = [
            _(
                "Approve {count} timesheet entries on {gigs} gigs marked done in {week}, "
                "up to Sunday {sunday}?"
            ).format(
                count=plan.entry_count,
                gigs=len(plan.gig_ids),
                week=week_label(monday),
                sunday=format_date(sunday),
            ),
            _("Approved hours are locked; correcting them later needs reopening with a reason."),
        ]
        if plan.not_done_count:
            lines.append(
                _("{count} gigs with hours are not marked done; they are left as they are.").format(
                    count=plan.not_done_count
                )
            )
        if unrecorded:
            lines.append(unrecorded)
        answer = QMessageBox.question(self, _("Approve week"), "\n\n".join(lines))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            approved = approve(self.store, gig_ids=plan.gig_ids)
        except (ValidationError, UserError) as error:
            self.reload()
            self._fail(error)
            return
        self.reload()
        self.status.emit(
            " ".join(
                [_("{count} entries approved and locked.").format(count=approved), unrecorded]
            ).strip()
        )

    def reopen(self) -> None:
        sheet = self.sheet
        if self.store is None or sheet is None or sheet.approved_at is None:
            return
        reason, ok = QInputDialog.getText(
            self,
            _("Reopen the hours"),
            _("Why are the approved hours opened for correction? The reason is kept."),
        )
        if not ok:
            return
        try:
            count = reopen(self.store, sheet.gig_id, reason)
        except (ValidationError, UserError) as error:
            self._fail(error)
            return
        self.reload()
        self.status.emit(_("{count} entries reopened for correction.").format(count=count))
