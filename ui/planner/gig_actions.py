"""What the planner does to a gig besides changing its crew, and the toolbar's gig actions.

A gig card's menu (right click, the Menu key or Shift+F10) and keys: Crew… (Enter),
Apply crew template ▸, Move… (Ctrl+M), Cancel the gig… (Delete), Record hours (Ctrl+H) and
Print gig sheet… (Ctrl+P). The toolbar: New gig… (Ctrl+N), and under More (with
the week view's Create gigs, Ctrl+G): Print week timesheet… (Ctrl+Shift+P) and Crew
templates… (Ctrl+Shift+K).

Printing and the crew-template register live in their own modules, imported when
first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date, timedelta
from types import ModuleType

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QPushButton, QToolButton, QWidget

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.queries.contract_choices import active_contracts, contract_choice
from jobcenter_desktop.queries.gigs import GigRow
from jobcenter_desktop.services.planning.crew_templates import apply_template, list_crew_templates
from ui.forms import area_shortcut
from ui.planner.crew_actions import CrewActions
from ui.planner.gig_dialogs import CancelGigDialog, MoveGigDialog, NewGigDialog

#: the card's actions and their keys (shown in the menu, handled by the focused card)
GIG_KEYS = {
    "crew": "Return",
    "move": "Ctrl+M",
    "cancel": "Del",
    "hours": "Ctrl+H",
    "print": "Ctrl+P",
}
GIG_CAPTIONS = {
    "crew": N_("Crew…"),
    "move": N_("Move…"),
    "cancel": N_("Cancel the gig…"),
    "hours": N_("Record hours"),
    "print": N_("Print gig sheet…"),
}
NEW_GIG_KEYS = "Ctrl+N"
PRINT_WEEK_KEYS = "Ctrl+Shift+P"
TEMPLATES_KEYS = "Ctrl+Shift+K"


def refusal(name: str, gig: GigRow) -> str:
    """Why the action cannot be done to the gig now, or "" if it can."""
    if gig.status.is_cancelled:
        return _("The gig is cancelled.")
    if name == "move" and gig.status is not GigStatus.PLANNED:
        return _("Only a planned gig can be moved.")
    if name == "cancel" and gig.status is GigStatus.DONE:
        return _("A done gig cannot be cancelled.")
    return ""


def _bound(keys: QKeySequence) -> str | None:
    """The card action bound to ``keys`` (the card handles the keypad's Enter itself)."""
    for name, bound in GIG_KEYS.items():
        if QKeySequence(bound).matches(keys) is QKeySequence.SequenceMatch.ExactMatch:
            return name
    return None


def key_text(keys: str) -> str:
    if keys == "Return":
        return "Enter"  # what the key says on a keyboard
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class GigActions(CrewActions):
    """The gig half of the week view's actions (the week view fills in the attributes)."""

    #: the instructor wants to record the hours of this gig (its id): the timesheets area
    record_hours = Signal(int)
    monday: date

    def show_week(self, day: date) -> None:
        """Show the week of ``day``; the week view does it."""

    def focused_gig_id(self) -> int | None:
        """The gig whose card has the focus; the week view knows."""
        return None

    def focus_gig(self, gig_id: int) -> None:
        """Put the focus on the gig's card; the week view does it."""

    # --- the toolbar --------------------------------------------------------------------------

    def gig_toolbar(self) -> list[QWidget]:
        """The toolbar's gig buttons: New gig…, and More for the less used actions."""
        # The shortcuts are in the tooltips: the toolbar must fit a 1280 px wide window.
        self.new_gig_button = QPushButton(_("New gig…"))
        self.new_gig_button.setToolTip(_("Adds a one-off gig to an active contract (Ctrl+N)."))
        self.new_gig_button.clicked.connect(self.new_gig)
        self.more_button = QToolButton()
        self.more_button.setText(f"{_('More')} ▾")
        # The arrow is in the text: the style's own small one would overlap it.
        self.more_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.more_button.setToolTip(_("Create gigs, print the week's timesheet, crew templates"))
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.more_menu = QMenu(self.more_button)
        self.more_menu.setToolTipsVisible(True)
        self.print_week_action = self.more_menu.addAction(
            f"{_('Print week timesheet…')}\t{key_text(PRINT_WEEK_KEYS)}"
        )
        self.print_week_action.triggered.connect(self.print_week)
        self.templates_action = self.more_menu.addAction(
            f"{_('Crew templates…')}\t{key_text(TEMPLATES_KEYS)}"
        )
        self.templates_action.triggered.connect(self.open_crew_templates)
        self.more_button.setMenu(self.more_menu)
        for keys, slot, description in (
            (NEW_GIG_KEYS, self.new_gig, _("Add a one-off gig")),
            (PRINT_WEEK_KEYS, self.print_week, _("Print the week's crew timesheet")),
            (TEMPLATES_KEYS, self.open_crew_templates, _("Edit the crew templates")),
        ):
            area_shortcut(self, keys, slot, description)
        return [self.new_gig_button, self.more_button]

    def selected_day(self) -> date:
        """The focused gig's day; else today if it is in the week shown; else its Monday."""
        gig = self._gig(self.focused_gig_id() or self.last_gig_id)
        sunday = self.monday + timedelta(days=6)
        if gig is not None and self.monday <= gig.day <= sunday:
            return gig.day
        today = date.today()
        return today if self.monday <= today <= sunday else self.monday

    # --- the card's menu and keys -------------------------------------------------------------

    last_gig_id = 0

    def card_focused(self, gig_id: int) -> None:
        self.last_gig_id = gig_id

    def gig_menu(self, gig_id: int) -> QMenu:
        """The gig's menu; each action's ``data()`` names it ("move", or the template's id)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        gig = self._gig(gig_id)
        if gig is None:
            return menu
        for name in ("crew", "templates", "move", "cancel", "hours", "print"):
            if name == "templates":
                menu.addMenu(self._templates_menu(menu, gig))
                continue
            action = menu.addAction(f"{_(GIG_CAPTIONS[name])}\t{key_text(GIG_KEYS[name])}")
            action.setData(name)
            why = refusal(name, gig)
            action.setEnabled(not why)
            action.setToolTip(why)
            action.triggered.connect(lambda _checked=False, n=name: self.run_gig_action(n, gig_id))
            if name in ("cancel", "hours"):
                menu.addSeparator()
        return menu

    def _templates_menu(self, parent: QMenu, gig: GigRow) -> QMenu:
        menu = QMenu(_("Apply crew template"), parent)
        menu.setToolTipsVisible(True)
        why = refusal("crew", gig)
        templates = list_crew_templates(self.store) if self.store is not None and not why else []
        for template in templates:
            action = menu.addAction(template.name)
            action.setData(template.id)
            action.triggered.connect(
                lambda _checked=False, t=template.id: self.apply_crew_template(gig.id, t)
            )
        if not templates:
            empty = menu.addAction(why or _("No crew templates yet: see More → Crew templates…"))
            empty.setEnabled(False)
        menu.setEnabled(not why)
        return menu

    def show_gig_menu(self, gig_id: int, position: QPoint) -> QMenu:
        """Pop the gig's menu up at ``position`` (global); it deletes itself when closed."""
        menu = self.gig_menu(gig_id)
        # Not exec(): an action rebuilds the cards, and the card that asked must not be
        # inside a call of its own when it is deleted.
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(position)
        return menu

    def gig_key(self, gig_id: int, keys: QKeySequence) -> bool:
        """Run the card action bound to ``keys``; False if none is."""
        name = _bound(keys)
        if name is None:
            return False
        self.run_gig_action(name, gig_id)
        return True

    def run_gig_action(self, name: str, gig_id: int) -> bool:
        actions: dict[str, Callable[[int], bool]] = {
            "crew": self.open_crew_dialog,
            "move": self.move_gig,
            "cancel": self.cancel_gig,
            "hours": self.record_gig_hours,
            "print": self.print_gig_sheet,
        }
        return actions[name](gig_id)

    def _allowed(self, name: str, gig_id: int) -> GigRow | None:
        """The gig if the action can be done to it now; else say why and None."""
        gig = self._gig(gig_id)
        if gig is None or self.store is None:
            return None
        why = refusal(name, gig)
        if why:
            self.status.emit(why)
            return None
        return gig

    # --- the actions ---------------------------------------------------------------------------

    def move_gig(self, gig_id: int) -> bool:
        gig = self._allowed("move", gig_id)
        if gig is None or self.store is None:
            return False
        dialog = MoveGigDialog(self.store, gig, self)
        moved = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not moved:
            return False
        self.reload()
        self.focus_gig(gig_id)
        self.status.emit(_("Gig moved to {date}.").format(date=format_date(dialog.moved_to)))
        return True

    def cancel_gig(self, gig_id: int) -> bool:
        gig = self._allowed("cancel", gig_id)
        if gig is None or self.store is None:
            return False
        contract = contract_choice(self.store, gig.contract_id)
        bills = contract is not None and contract.bills_cancellations
        dialog = CancelGigDialog(self.store, gig, bills, self)
        cancelled = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not cancelled:
            return False
        self.reload()
        self.focus_gig(gig_id)
        self.status.emit(_("Gig cancelled."))
        return True

    def apply_crew_template(self, gig_id: int, template_id: int) -> bool:
        store = self.store
        if self._allowed("crew", gig_id) is None or store is None:
            return False
        return self.save_checked(lambda reason: apply_template(store, template_id, gig_id, reason))

    def record_gig_hours(self, gig_id: int) -> bool:
        if self._allowed("hours", gig_id) is None:
            return False
        self.record_hours.emit(gig_id)
        return True

    def print_gig_sheet(self, gig_id: int) -> bool:
        if self._allowed("print", gig_id) is None or self.store is None:
            return False
        printing = self._module("ui.print_actions")
        if printing is None:
            return False
        return self._run(lambda: printing.preview_gig_sheet(self, self.store, gig_id))

    def new_gig(self) -> bool:
        if self.store is None:
            return False
        dialog = NewGigDialog(self.store, active_contracts(self.store), self.selected_day(), self)
        added = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if not added or dialog.gig_id is None:
            return False
        self.show_week(dialog.day)
        self.focus_gig(dialog.gig_id)
        self.status.emit(_("One-off gig added on {date}.").format(date=format_date(dialog.day)))
        return True

    def print_week(self) -> bool:
        if self.store is None:
            return False
        printing = self._module("ui.print_actions")
        if printing is None:
            return False
        iso = self.monday.isocalendar()
        return self._run(lambda: printing.preview_week(self, self.store, iso.year, iso.week))

    def open_crew_templates(self) -> bool:
        if self.store is None:
            return False
        register = self._module("ui.crew_templates.dialog")
        if register is None:
            return False
        self._run(lambda: register.CrewTemplatesDialog(self.store, self).exec())
        self.reload()  # templates, names or people may have changed
        return True

    def _module(self, name: str) -> ModuleType | None:
        try:
            return importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is None or not (name + ".").startswith(error.name + "."):
                raise
            self.status.emit(_("This part of the program is not installed."))
            return None

    def _run(self, action: Callable[[], object]) -> bool:
        try:
            action()
        except UserError as error:
            QMessageBox.warning(self, _("Week"), str(error))
            return False
        return True
