"""Changing a gig's crew from the planner: drops, chip menus and the crew dialog.

Every change goes through ``services.crew_checks.assign_checked`` (a crew template
through ``services.crew_templates.apply_template``, which calls it): a blocking
conflict is shown in words and saved only with a reason the instructor types;
warnings are saved and shown on the gig's card.

The crew dialog shows the conflicts live and takes the reason itself. A crew
changed by a drop, a chip's menu or the dialog can be undone (Ctrl+Z, one change
after another) until the planner is left; an undo never overwrites a crew that has
changed since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.crew_facts import saved_crew
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.services.planning.crew_checks import CrewConflictError, assign_checked
from ui.forms import area_shortcut
from ui.planner.crew_dialog import CrewDialog
from ui.planner.people import INSTRUCTOR, PARTICIPANT, Person

UNDO_KEYS = "Ctrl+Z"

Crew = tuple[frozenset[int], frozenset[int]]


@dataclass(frozen=True, slots=True)
class CrewChange:
    """A crew saved from the planner: what to put back, and what must still be there."""

    gig_id: int
    before: tuple[tuple[int, ...], tuple[int, ...]]
    after: Crew


class CrewActions(QWidget):
    """The crew-changing half of the week view (which fills in the attributes below)."""

    status = Signal(str)
    store: Store | None
    gigs: list[GigRow]
    people: list[Person]
    booked: dict[tuple[str, int], int]
    conflicts: dict[int, list[Conflict]]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: the crew changes Ctrl+Z undoes, the latest last; emptied when the area is left
        self.crew_undo: list[CrewChange] = []
        area_shortcut(self, UNDO_KEYS, self.undo_crew_change, _("Undo the last crew change"))

    def reload(self) -> None:
        """Show the store's gigs again, redrawing the changed cards; the week view does it."""

    def hideEvent(self, event: QHideEvent) -> None:
        # Another area was chosen (a minimised window is a spontaneous hide and keeps them).
        if not event.spontaneous():
            self.crew_undo.clear()
        super().hideEvent(event)

    def open_crew_dialog(self, gig_id: int) -> bool:
        """The keyboard way to change the crew: tick people in a list; True if saved."""
        gig = self._gig(gig_id)
        store = self.store
        if gig is None or store is None:
            return False
        if gig.status.is_cancelled:
            self.status.emit(_("The gig is cancelled; its crew cannot be changed."))
            return False
        dialog = CrewDialog(gig, self.people, store, self)
        if not dialog.exec():
            return False
        if not dialog.changed():
            self.status.emit(_("The crew is as it was; nothing was saved."))
            return False
        participants, instructors = dialog.chosen()
        typed = dialog.override_reason()
        # The dialog showed the conflicts and took the reason; ask again only if the
        # store changed meanwhile and something new blocks.
        return self._save_crew(
            gig,
            participants,
            instructors,
            lambda reason: assign_checked(
                store, gig_id, participants, instructors, reason or typed
            ),
        )

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
        gig = self._gig(gig_id)
        if store is None or gig is None:
            return False
        return self._save_crew(
            gig,
            participants,
            instructors,
            lambda reason: assign_checked(store, gig_id, participants, instructors, reason),
        )

    def _save_crew(
        self,
        gig: GigRow,
        participants: list[int],
        instructors: list[int],
        save: Callable[[str], list[Conflict]],
    ) -> bool:
        """Save through ``save`` and remember the crew it replaced, for Ctrl+Z."""
        before = (
            tuple(m.id for m in gig.participants),
            tuple(m.id for m in gig.instructors),
        )
        if not self.save_checked(save):
            return False
        after = (frozenset(participants), frozenset(instructors))
        self.crew_undo.append(CrewChange(gig.id, before, after))
        return True

    def undo_crew_change(self) -> bool:
        """Ctrl+Z: put back the crew the latest change replaced; True if it was put back."""
        store = self.store
        if store is None or not self.crew_undo:
            self.status.emit(_("There is no crew change to undo."))
            return False
        change = self.crew_undo.pop()
        if saved_crew(store, change.gig_id) != change.after:
            self.crew_undo.clear()
            self.status.emit(
                _("The crew has been changed since, so it was left as it is: nothing was undone.")
            )
            return False
        participants, instructors = (list(ids) for ids in change.before)
        undone = self.save_checked(
            lambda reason: assign_checked(store, change.gig_id, participants, instructors, reason)
        )
        if not undone:
            self.crew_undo.append(change)  # refused or cancelled: Ctrl+Z may try again
            return False
        self.status.emit(_("Crew change undone (Ctrl+Z undoes the one before)."))
        return True

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
        over = [c for c in found if c.kind is ConflictKind.BENEFIT_LIMIT]
        if over:
            # The forecast in words, where the drop happened: what the month comes to.
            self.status.emit(
                _("Crew saved with a warning: {message}").format(message=over[0].message)
            )
        elif found:
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
