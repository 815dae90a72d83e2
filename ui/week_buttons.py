"""The week areas' navigation: ◀, this week, ▶ and the week's title, with their keys."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from jobcenter_desktop.i18n import gettext as _
from ui.forms import area_shortcut
from ui.planner.day_board import week_label


class WeekButtons:
    """Made by a week area (planner, timesheets, attendance), which lays the widgets out.

    The buttons and the keys Alt+Left, Alt+Right and Ctrl+T call the area's
    ``previous``, ``next`` and ``this`` week; :meth:`show` puts the week in the title.
    """

    def __init__(
        self,
        area: QWidget,
        previous: Callable[[], object],
        this: Callable[[], object],
        next_: Callable[[], object],
        this_text: str = "",
    ) -> None:
        # Arrows keep a toolbar narrow enough for a small screen; the tooltip says the rest.
        self.previous = QPushButton("◀")
        self.this = QPushButton(this_text or _("This week (Ctrl+T)"))
        self.next = QPushButton("▶")
        self.previous.setToolTip(_("Previous week (Alt+Left)"))
        self.next.setToolTip(_("Next week (Alt+Right)"))
        self.previous.setAccessibleName(_("Previous week"))
        self.next.setAccessibleName(_("Next week"))
        for arrow in (self.previous, self.next):
            arrow.setMaximumWidth(44)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold; padding: 0 8px;")
        for button, slot, keys, description in (
            (self.previous, previous, "Alt+Left", _("Previous week")),
            (self.this, this, "Ctrl+T", _("This week")),
            (self.next, next_, "Alt+Right", _("Next week")),
        ):
            button.clicked.connect(slot)
            area_shortcut(area, keys, slot, description)

    def row(self) -> QHBoxLayout:
        """The three buttons side by side (the title is laid out by the area)."""
        row = QHBoxLayout()
        for button in (self.previous, self.this, self.next):
            row.addWidget(button)
        return row

    def show(self, monday: date) -> None:
        self.title.setText(week_label(monday))


class WeekPaging:
    """Previous, next and this week, for an area that shows one week (its ``monday``)
    and defines ``show_week(day)``."""

    monday: date

    def show_week(self, day: date) -> None:
        """Show the week of ``day``; the area defines it."""

    def previous_week(self) -> None:
        self.show_week(self.monday - timedelta(days=7))

    def next_week(self) -> None:
        self.show_week(self.monday + timedelta(days=7))

    def this_week(self) -> None:
        self.show_week(date.today())
