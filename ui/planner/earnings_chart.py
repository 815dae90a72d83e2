"""A month's earnings by week against the benefit limit, for one participant or for all.

Opened from the planner's people list (its context menu, or the button under it):
a simple bar chart painted with QPainter, with the figures also as text beside it.
For one participant each bar is the month's earnings up to the end of that week
(approved and planned), against their lowest monthly limit (a line); for all
participants with a benefit profile each bar is one person's month against their own
limit. Special-category data: shown only here, to the instructor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import euros, month_name
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_short_date
from jobcenter_desktop.queries.earnings import PersonMonth, month_forecasts

ZERO = Decimal("0.00")
BAR_COLOUR = QColor("#1f5f8b")
OVER_COLOUR = QColor("#a4000f")
LIMIT_COLOUR = QColor("#8a4b00")
ALL = -1


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label under it, its height in euros, and the limit it stands against."""

    label: str
    amount: Decimal
    limit: Decimal | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.amount > self.limit


def week_bars(person: PersonMonth) -> list[Bar]:
    """The month up to the end of each of its weeks, against the person's lowest limit."""
    limit = person.earnings().limit
    bars: list[Bar] = []
    running = ZERO
    first = date(person.year, person.month, 1)
    for monday, amount in person.weeks():
        running += amount
        start = max(monday, first)
        sunday = monday + timedelta(days=6)
        end = sunday if sunday.month == person.month else _month_end(first)
        label = _("week {week}: {start}–{end}").format(
            week=monday.isocalendar().week,
            start=format_short_date(start),
            end=format_short_date(end),
        )
        bars.append(Bar(label, running, limit))
    return bars


def _month_end(first: date) -> date:
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def people_bars(people: Sequence[PersonMonth]) -> list[Bar]:
    """Each person's month (approved and planned) against their own lowest limit."""
    bars = []
    for person in people:
        month = person.earnings()
        bars.append(Bar(person.name, month.total, month.limit))
    return bars


def bar_text(bar: Bar) -> str:
    """A bar as a line of text: ``week 49: 1.12.–7.12.: 90 € / limit 1 006 €``."""
    if bar.limit is None:
        return _("{label}: {amount}").format(label=bar.label, amount=euros(bar.amount))
    text = _("{label}: {amount} / limit {limit}").format(
        label=bar.label, amount=euros(bar.amount), limit=euros(bar.limit)
    )
    return f"⚠ {text}" if bar.over else text


class BarChart(QWidget):
    """Bars from the left, each with its limit as a short line across it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.setMinimumSize(QSize(360, 220))

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if not self.bars:
            painter.end()
            return
        metrics = self.fontMetrics()
        top = metrics.height() + 4
        bottom = self.height() - metrics.height() - 8
        left, right = 8, self.width() - 8
        highest = max(
            [bar.amount for bar in self.bars] + [bar.limit for bar in self.bars if bar.limit],
            default=ZERO,
        )
        scale = (bottom - top) / float(highest) if highest > 0 else 0.0
        slot = (right - left) / len(self.bars)
        painter.setPen(QPen(QColor("#555555")))
        painter.drawLine(left, bottom, right, bottom)
        for number, bar in enumerate(self.bars):
            x = left + number * slot
            height = float(bar.amount) * scale
            rect = QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height)
            painter.fillRect(rect, OVER_COLOUR if bar.over else BAR_COLOUR)
            painter.setPen(QPen(QColor("#000000")))
            amount = euros(bar.amount)
            painter.drawText(
                QRectF(x, bottom - height - metrics.height() - 2, slot, metrics.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                amount,
            )
            if bar.limit is not None:
                y = bottom - float(bar.limit) * scale
                painter.setPen(QPen(LIMIT_COLOUR, 2, Qt.PenStyle.DashLine))
                painter.drawLine(int(x + 2), int(y), int(x + slot - 2), int(y))
            painter.setPen(QPen(QColor("#000000")))
            short = bar.label.split(":")[0]
            painter.drawText(
                QRectF(x, bottom + 2, slot, metrics.height() + 4),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                metrics.elidedText(short, Qt.TextElideMode.ElideRight, int(slot)),
            )
        painter.end()


class EarningsChartDialog(QDialog):
    """The month of one participant with a benefit profile, or of all of them."""

    def __init__(
        self,
        store: Store,
        participant_ids: Sequence[int],
        year: int,
        month: int,
        chosen: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.people = month_forecasts(store, participant_ids, year, month)
        first = date(year, month, 1)
        self.setWindowTitle(
            _("Earnings against the limit: {month} {year}").format(
                month=month_name(first), year=year
            )
        )
        self.resize(720, 460)
        self.choice = QComboBox()
        self.choice.addItem(_("All participants with a benefit profile"), ALL)
        ordered = sorted(self.people.values(), key=lambda person: person.name)
        for person in ordered:
            self.choice.addItem(person.name, person.participant_id)
        choice_label = QLabel(_("&Whose month:"))
        choice_label.setBuddy(self.choice)
        row = QHBoxLayout()
        row.addWidget(choice_label)
        row.addWidget(self.choice, 1)
        self.chart = BarChart()
        self.figures = QLabel()
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.figures.setWordWrap(True)
        self.note = QLabel(
            _("Bars: earnings so far, approved and planned; dashed line: the limit.")
        )
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        body = QHBoxLayout()
        body.addWidget(self.chart, 3)
        body.addWidget(self.figures, 2)
        layout.addLayout(body, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.choice.currentIndexChanged.connect(self._show)
        if chosen is not None and chosen in self.people:
            self.choice.setCurrentIndex(self.choice.findData(chosen))
        self._show()

    def bars(self) -> list[Bar]:
        chosen = self.choice.currentData()
        if chosen == ALL or chosen not in self.people:
            return people_bars(sorted(self.people.values(), key=lambda p: p.name))
        return week_bars(self.people[chosen])

    def _show(self) -> None:
        bars = self.bars()
        self.chart.set_bars(bars)
        if not self.people:
            self.figures.setText(
                _("Nobody has a benefit profile. Add one in the participant's Money tab.")
            )
            return
        self.figures.setText("\n".join(bar_text(bar) for bar in bars))

    def figure_lines(self) -> list[str]:
        """The figures as text, one line a bar."""
        return self.figures.text().splitlines()
