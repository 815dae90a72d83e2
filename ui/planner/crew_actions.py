"""Changing a gig's crew from the planner: drops, chip menus and the crew dialog.

Every change goes through ``services.crew_checks.assign_checked`` (a crew template
through ``services.crew_templates.apply_template``, which calls it): a blocking
conflict is shown in words and saved only with a reason the instructor types;
warnings are saved and shown on the gig's card.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.services.planning.crew_checks import CrewConflictError, assign_checked
from ui.planner.crew_dialog import CrewDialog
from ui.planner.people import INSTRUCTOR, PARTICIPANT, Person


class CrewActions(QWidget):
    """The crew-changing half of the week view (which fills in the attributes below)."""

    status = Signal(str)
    store: Store | None
    gigs: list[GigRow]
    people: list[Person]
    booked: dict[tuple[str, int], int]
    conflicts: dict[int, list[Conflict]]

    def reload(self) -> None:
        """Rebuild the cards from the store; the week view does it."""

    def open_crew_dialog(self, gig_id: int) -> bool:
        """The keyboard way to change the crew: tick people in a list; True if saved."""
        gig = self._gig(gig_id)
        if gig is None or self.store is None:
            return False
        if gig.status.is_cancelled:
            self.status.emit(_("The gig is cancelled; its crew cannot be changed."))
            return False
        dialog = CrewDialog(gig, self.people, self.booked, self)
        if not dialog.exec():
            return False
        participants, instructors = dialog.chosen()
        return self.assign_crew(gig_id, participants, instructors)

    # --- crew changes -------------------------------------------------------------------------

    def _gig(self, gig_id: int) -> GigRow | None:
        return next((gig for gig in self.gigs if gig.id == gig_id), None)

    def drop_person(self, gig_id: int, kind: str, person_id: int) -> bool:
        """Add a person to the gig's crew (what a drop does); True if the crew was saved."""
        gig = self._gig(gig_id)
        if gig is None:
            return False
        if gig.status.is_cancelled:
            self.status.emit(_("The gig is cancelled; its crew cannot be changed."))
            return False
        participants = [m.id for m in gig.participants]
        instructors = [m.id for m in gig.instructors]
        chosen = participants if kind == PARTICIPANT else instructors
        if person_id in chosen:
            self.status.emit(_("The person is already on the gig."))
            return False
        chosen.append(person_id)
        return self.assign_crew(gig_id, participants, instructors)

    def remove_person(self, gig_id: int, kind: str, person_id: int) -> bool:
        gig = self._gig(gig_id)
        if gig is None:
            return False
        participants = [m.id for m in gig.participants if kind != PARTICIPANT or m.id != person_id]
        instructors = [m.id for m in gig.instructors if kind != INSTRUCTOR or m.id != person_id]
        return self.assign_crew(gig_id, participants, instructors)

    def assign_crew(self, gig_id: int, participants: list[int], instructors: list[int]) -> bool:
        """Save a crew after the checks; a blocking conflict needs a reason to go ahead."""
        store = self.store
        if store is None:
            return False
        return self.save_checked(
            lambda reason: assign_checked(store, gig_id, participants, instructors, reason)
        )

    def save_checked(self, save: Callable[[str], list[Conflict]]) -> bool:
        """Run a checked crew change: ``save(override_reason)`` returns the conflicts saved.

        A blocking conflict (:class:`CrewConflictError`) is shown; the change is saved
        again only with the reason the instructor types. True if saved.
        """
        try:
            found = save("")
        except CrewConflictError as error:
            reason = self._ask_override(error.conflicts)
            if not reason:
                self.status.emit(_("Nothing was changed."))
                return False
            try:
                found = save(reason)
            except (UserError, ValidationError) as again:
                QMessageBox.warning(self, _("Crew"), str(again))
                return False
        except (UserError, ValidationError) as error:
            QMessageBox.warning(self, _("Crew"), str(error))
            return False
        self.reload()
        if found:
            self.status.emit(_("Crew saved with warnings: see the gig card."))
        else:
            self.status.emit(_("Crew saved"))
        return True

    def _ask_override(self, conflicts: list[Conflict]) -> str:
        """Show the conflicts; the reason to override them, or "" to leave the crew as it was."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Crew conflicts"))
        box.setText(
            "\n\n".join(
                [
                    _("The crew cannot be saved as it is:"),
                    *(f"⚠ {conflict.message}" for conflict in conflicts),
                ]
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Override with a reason…"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return ""
        reason, ok = QInputDialog.getText(
            self, _("Override"), _("Why is the crew saved despite the conflicts?")
        )
        return reason.strip() if ok else ""
