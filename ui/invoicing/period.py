"""The invoicing period: a month and a year, last month by default."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QSpinBox, QWidget

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import current_locale
from jobcenter_desktop.services.invoicing.pricing import Period


def last_month(today: date) -> tuple[int, int]:
    """(year, month) before ``today``'s month: what is invoiced at the start of a month."""
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


class PeriodPicker(QWidget):
    """A month combo and a year box; ``changed`` when either changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.month = QComboBox()
        names = current_locale().months["stand-alone"]["wide"]
        for number in range(1, 13):
            self.month.addItem(str(names[number]).capitalize(), number)
        self.month.setAccessibleName(_("Month"))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName(_("Year"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.month)
        layout.addWidget(self.year)
        self.set_month(*last_month(today or date.today()))
        self.month.currentIndexChanged.connect(self.changed)
        self.year.valueChanged.connect(self.changed)
        self.setFocusProxy(self.month)

    def set_month(self, year: int, month: int) -> None:
        self.blockSignals(True)
        try:
            self.month.setCurrentIndex(month - 1)
            self.year.setValue(year)
        finally:
            self.blockSignals(False)
        self.changed.emit()

    def period(self) -> Period:
        return Period.month(f"{self.year.value():04}-{int(self.month.currentData()):02}")
