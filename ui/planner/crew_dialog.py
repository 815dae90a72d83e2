"""Choose a gig's crew with the keyboard: every available person with a checkbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import GigRow
from ui.planner.gig_card import time_range
from ui.planner.people import INSTRUCTOR, PARTICIPANT, PERSON_ROLE, Person, PersonKey, hours_text


class CrewDialog(QDialog):
    """The gig's crew as ticked rows; Space ticks, Enter saves, Esc cancels."""

    def __init__(
        self,
        gig: GigRow,
        people: list[Person],
        booked: dict[PersonKey, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Crew of the gig"))
        self.resize(420, 520)
        crew = {(PARTICIPANT, m.id) for m in gig.participants}
        crew |= {(INSTRUCTOR, m.id) for m in gig.instructors}
        heading = QLabel(f"<b>{gig.customer_name}</b><br>{gig.contract_title}<br>{time_range(gig)}")
        hint = QLabel(_("Tick the people on the gig (Space) and press Enter to save."))
        hint.setWordWrap(True)
        self.list = QListWidget()
        known: set[PersonKey] = set()
        for person in people:
            known.add(person.key)
            self._add(person.key, person.name, person.weekly_limit_minutes, booked, crew)
        # People already on the gig stay listed even if they are no longer active.
        for kind, members in ((PARTICIPANT, gig.participants), (INSTRUCTOR, gig.instructors)):
            for member in members:
                if (kind, member.id) not in known:
                    self._add((kind, member.id), member.name, None, booked, crew)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.list.setFocus()
        if self.list.count():
            self.list.setCurrentRow(0)

    def _add(
        self,
        key: PersonKey,
        name: str,
        limit: int | None,
        booked: dict[PersonKey, int],
        crew: set[PersonKey],
    ) -> None:
        role = _("participant") if key[0] == PARTICIPANT else _("instructor")
        hours = hours_text(booked.get(key, 0), limit)
        item = QListWidgetItem(f"{name} ({role})   {hours}")
        item.setData(PERSON_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in crew else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def _item(self, kind: str, person_id: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            key = item.data(PERSON_ROLE)
            if key and key[0] == kind and int(key[1]) == person_id:
                return item
        return None

    def set_checked(self, kind: str, person_id: int, checked: bool) -> bool:
        item = self._item(kind, person_id)
        if item is None:
            return False
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return True

    def chosen(self) -> tuple[list[int], list[int]]:
        """The ticked participants' and instructors' ids, in list order."""
        participants: list[int] = []
        instructors: list[int] = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() is not Qt.CheckState.Checked:
                continue
            kind, person_id = item.data(PERSON_ROLE)
            (participants if kind == PARTICIPANT else instructors).append(int(person_id))
        return participants, instructors
