"""The empty week of a new centre: what to do next, a button for each step.

Until the first gig exists the week shows the steps in order: add customers,
contracts and participants (each button opens its register with a new record),
then create the gigs of the active contracts.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.first_steps import FirstSteps


class FirstStepsPanel(QWidget):
    """Four steps; ``open_register(area)`` and ``create_gigs()`` are what the buttons do."""

    def __init__(
        self,
        steps: FirstSteps,
        open_register: Callable[[str], None],
        create_gigs: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.steps = steps
        title = QLabel(_("Nothing is planned yet. Four steps to the first week:"))
        title.setStyleSheet("font-size: 15px; font-weight: bold;")
        title.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(10)
        rows = [
            (
                "customers",
                _("Add the customers who order the work."),
                _("Add a customer"),
                steps.customers,
            ),
            (
                "contracts",
                _(
                    "Add a contract for each customer: the work, its weekdays and times. "
                    "Set it active to plan gigs from it."
                ),
                _("Add a contract"),
                steps.active_contracts,
            ),
            (
                "participants",
                _("Add the participants who do the work, with their weekly hour limits."),
                _("Add a participant"),
                steps.participants,
            ),
        ]
        #: the step buttons by what they do: "customers", …, "gigs"
        self.buttons: dict[str, QPushButton] = {}
        #: the "done" or "to do" words of each step
        self.marks: dict[str, QLabel] = {}
        for number, (area, text, caption, count) in enumerate(rows, start=1):
            button = QPushButton(caption)
            button.clicked.connect(lambda _checked=False, area=area: open_register(area))
            done = _("✓ {count} saved").format(count=count) if count else _("○ To do")
            self._add_row(grid, number, area, text, done, button)
        gigs = QPushButton(f"{_('Create gigs')} (Ctrl+G)")
        gigs.clicked.connect(create_gigs)
        gigs_text = _("Create the gigs of the active contracts for the next eight weeks.")
        if not steps.active_contracts:
            gigs.setEnabled(False)
            first = _("First add a contract and set it active.")
            gigs_text = f"{gigs_text} {first}"
        self._add_row(grid, 4, "gigs", gigs_text, _("○ To do"), gigs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(16)
        layout.addWidget(title)
        layout.addLayout(grid)
        hint = QLabel(_("The people and gigs you add appear here, a column for each day."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _add_row(
        self, grid: QGridLayout, number: int, key: str, text: str, mark: str, button: QPushButton
    ) -> None:
        step = QLabel(f"<b>{number}.</b>")
        words = QLabel(text)
        words.setWordWrap(True)
        words.setBuddy(button)
        done = QLabel(mark)
        done.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.buttons[key] = button
        self.marks[key] = done
        row = number - 1
        grid.addWidget(step, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(words, row, 1)
        grid.addWidget(done, row, 2)
        grid.addWidget(button, row, 3)
        grid.setColumnStretch(1, 1)

    def first_to_do(self) -> QPushButton:
        """The button of the first step not done yet (where the keyboard starts)."""
        counts = (
            ("customers", self.steps.customers),
            ("contracts", self.steps.active_contracts),
            ("participants", self.steps.participants),
        )
        for key, count in counts:
            if not count:
                return self.buttons[key]
        return self.buttons["gigs"]
