"""Print a document from anywhere in the window: make the PDF, then open the preview dialog.

ReportLab and pdfium are imported on the first print, so the window starts without them.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import PRINT_LANGUAGES, current_language
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import current_locale

#: Until this day of the month, the month timesheet most likely wanted is last month's.
LAST_MONTH_UNTIL_DAY = 10


def show_preview(
    parent: QWidget | None,
    title: str,
    file_name: str,
    write: Callable[[Path, str], object],
    language: str | None = None,
) -> None:
    """Write the PDF with ``write(target, language)`` into a temporary folder and preview it,
    with the choice of the sheet's language; clean up after.

    A document fixed in its language (an issued invoice, a statement) passes no
    ``language``: it is written with ``write(target, "")`` and offers no choice.
    """
    from ui.print_preview import PrintPreviewDialog, wait_cursor

    folder = Path(tempfile.mkdtemp(prefix="jobcenter-print-"))
    try:
        target = folder / file_name

        def rewrite(chosen: str) -> Path:
            write(target, chosen)
            return target

        try:
            with wait_cursor():
                write(target, language or "")
        except UserError as error:
            QMessageBox.information(parent, _("Nothing to print"), str(error))
            return
        dialog = PrintPreviewDialog(
            target,
            title,
            parent,
            languages=PRINT_LANGUAGES if language else (),
            language=language or "",
            rewrite=rewrite if language else None,
        )
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
    finally:
        # Anything unexpected goes on to the error reporter (ui/errors.py) from here.
        shutil.rmtree(folder, ignore_errors=True)


def preview_gig_sheet(parent: QWidget | None, store: Store, gig_id: int) -> None:
    """The gig sheet, first in its customer's language (the customer signs it)."""
    from jobcenter_desktop.services.printing import gig_sheet_language, print_gig_sheet

    def write(target: Path, language: str) -> None:
        print_gig_sheet(store, gig_id, target, language)

    try:
        language = gig_sheet_language(store, gig_id)
    except UserError as error:
        QMessageBox.information(parent, _("Nothing to print"), str(error))
        return
    name = _("gig-sheet-{number}.pdf").format(number=gig_id)
    show_preview(parent, _("Gig sheet"), name, write, language)


def preview_week(parent: QWidget | None, store: Store, year: int, week: int) -> None:
    """The week's crew timesheet, first in the program's language (an internal sheet)."""

    def write(target: Path, language: str) -> None:
        from jobcenter_desktop.services.printing import print_week_timesheet

        print_week_timesheet(store, year, week, target, language)

    title = _("Week timesheet, week {week}/{year}").format(week=week, year=year)
    name = _("week-timesheet-{year}-{week}.pdf").format(year=year, week=f"{week:02}")
    show_preview(parent, title, name, write, current_language())


def preview_month(
    parent: QWidget | None, store: Store, participant_number: str, year: int, month: int
) -> None:
    """A participant's month, first in the program's language (an internal sheet)."""

    def write(target: Path, language: str) -> None:
        from jobcenter_desktop.services.printing import print_month_timesheet

        print_month_timesheet(store, participant_number, year, month, target, language)

    title = _("Month timesheet {month}/{year}, participant {number}").format(
        month=month, year=year, number=participant_number
    )
    name = _("timesheet-{number}-{year}-{month}.pdf").format(
        number=participant_number, year=year, month=f"{month:02}"
    )
    show_preview(parent, title, name, write, current_language())


def default_month(today: date) -> tuple[int, int]:
    """(year, month) a month timesheet is most likely wanted for on ``today``."""
    if today.day > LAST_MONTH_UNTIL_DAY:
        return today.year, today.month
    if today.month == 1:
        return today.year - 1, 12
    return today.year, today.month - 1


class MonthDialog(QDialog):
    """Month and year of a month timesheet."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Month timesheet"))
        self.setMinimumWidth(300)  # the title shows whole
        year, month = default_month(today or date.today())
        self.month = QComboBox()
        names = current_locale().months["stand-alone"]["wide"]
        for number in range(1, 13):
            self.month.addItem(str(names[number]).capitalize(), number)
        self.month.setCurrentIndex(month - 1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(_("&Month"), self.month)
        layout.addRow(_("&Year"), self.year)
        layout.addRow(buttons)
        self.month.setFocus()

    def chosen(self) -> tuple[int, int]:
        """(year, month) as chosen."""
        return self.year.value(), int(self.month.currentData())


def ask_month(parent: QWidget) -> tuple[int, int] | None:
    """(year, month) of a month timesheet, or None if the user cancelled."""
    dialog = MonthDialog(parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
