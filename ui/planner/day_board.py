"""The days of the planner: headings, week titles and the board that holds the columns."""

from __future__ import annotations

from datetime import date, timedelta

from babel import dates as babel_dates
from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import current_locale, format_date, format_short_date


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    sunday = monday + timedelta(days=6)
    start = format_short_date(monday) if monday.year == sunday.year else format_date(monday)
    return _("Week {number} · {start}–{end}").format(
        number=monday.isocalendar().week, start=start, end=format_date(sunday)
    )


def day_heading(day: date) -> str:
    name = babel_dates.format_date(day, "cccc", locale=current_locale())
    return f"{name[:1].upper()}{name[1:]} {format_short_date(day)}"


def day_heading_label(day: date, today: date) -> QLabel:
    """A day's heading over its column: bold, today's on a blue ground."""
    heading = QLabel(day_heading(day))
    # A seven-day week at 1366 px: "Keskiviikko" over "25.11." rather than a
    # board wider than the window.
    heading.setWordWrap(True)
    heading.setContentsMargins(3, 3, 3, 3)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    if day == today:
        palette = heading.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#dbe8f7"))
        heading.setPalette(palette)
        heading.setAutoFillBackground(True)
    return heading


class DayBoard(QWidget):
    """The day columns side by side; tall enough for its tallest column at any width.

    A horizontal box layout does not ask its columns for their height at the width
    they get, so word-wrapped cards would be squeezed; the board works it out.
    """

    def __init__(self) -> None:
        super().__init__()
        self.day_layouts: list[QVBoxLayout] = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a card grew or shrank
            self.fit_height()
        return handled

    def column_width(self, count: int, row_margins: int = 4, spacing: int = 6) -> int:
        """A column's width when ``count`` columns share the board's width."""
        row = self.layout()
        if row is not None:
            margins = row.contentsMargins()
            row_margins, spacing = margins.left() + margins.right(), row.spacing()
        inner = self.width() - row_margins - spacing * (count - 1)
        return max(inner // max(count, 1), 1)

    def fit_height(self) -> None:
        """As tall as the tallest column at the present width."""
        row = self.layout()
        if not self.day_layouts or row is None:
            return
        margins = row.contentsMargins()
        width = self.column_width(len(self.day_layouts))
        needed = 0
        for column in self.day_layouts:
            height = 0
            for index in range(column.count()):
                item = column.itemAt(index)
                if item is None or item.widget() is None:
                    continue
                if item.hasHeightForWidth():
                    height += item.heightForWidth(width)
                else:
                    height += item.sizeHint().height()
                height += column.spacing()
            needed = max(needed, height)
        needed += margins.top() + margins.bottom()
        if self.minimumHeight() != needed:
            self.setMinimumHeight(needed)
