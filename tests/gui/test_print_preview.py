"""The print preview: pages on screen, printing through Qt, saving a copy, errors in words."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

import ui.print_preview
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.timesheet_pdf import (
    TimesheetLine,
    build_week_timesheet,
    render_week_timesheet,
)
from jobcenter_desktop.i18n import gettext as _
from tests.builders import make_participant
from ui.print_actions import MonthDialog, default_month, preview_month
from ui.print_preview import PrintPreviewDialog
from ui.register_view import RegisterView
from ui.registers.participant_form import ParticipantForm
from ui.registers.participants import ParticipantsSpec


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path.read_bytes())
    try:
        return len(document)
    finally:
        document.close()


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A week timesheet long enough for several pages."""
    monday = date(2026, 6, 8)
    lines = [
        TimesheetLine(
            monday + timedelta(days=n % 5),
            "Asunto Oy Männikkö",
            "Pihatyöt",
            f"Tekijä {n:03}",
            time(8, 0),
            time(12, 30),
            30,
        )
        for n in range(90)
    ]
    sheet = build_week_timesheet(lines, centre_name="Työkeskus Kipinä", year=2026, week=24)
    target = tmp_path_factory.mktemp("pdf") / "viikko.pdf"
    render_week_timesheet(sheet, target)
    assert page_count(target) >= 3
    return target


@pytest.fixture
def dialog(qtbot: Any, long_pdf: Path) -> Iterator[PrintPreviewDialog]:
    shown = PrintPreviewDialog(long_pdf, "Viikon tuntilista")
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    yield shown


class AcceptingPrintDialog:
    """Stands in for QPrintDialog: the user presses Print with the settings as they are."""

    def __init__(self, printer: QPrinter, _parent: Any) -> None:
        self.printer = printer

    def setOption(self, *_args: Any) -> None: ...

    def setMinMax(self, *_args: Any) -> None: ...

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def test_the_dialog_shows_every_page_and_where_the_reader_is(
    dialog: PrintPreviewDialog, long_pdf: Path
) -> None:
    pages = page_count(long_pdf)
    assert dialog.page_count() == pages
    assert dialog.page_label.text() == _("Page {page} / {pages}").format(page=1, pages=pages)
    bar = dialog.scroll_area.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert dialog.page_label.text() == _("Page {page} / {pages}").format(page=pages, pages=pages)


def test_zoom_makes_pages_wider_and_fit_returns_to_the_window_width(
    qtbot: Any, dialog: PrintPreviewDialog
) -> None:
    fitted = dialog.pages.page_width
    assert fitted <= dialog.scroll_area.viewport().width()
    qtbot.keyClick(dialog, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.page_width > fitted
    dialog.fit_button.click()
    assert dialog.pages.page_width == fitted


def test_save_as_pdf_writes_the_same_bytes(
    qtbot: Any, dialog: PrintPreviewDialog, long_pdf: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    chosen = tmp_path / "kopio"  # typed without the extension
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(chosen), ""))
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / "kopio.pdf"
    assert saved.read_bytes() == long_pdf.read_bytes()
    assert str(saved) in dialog.message.text()
    assert [p.name for p in tmp_path.iterdir()] == ["kopio.pdf"]  # no temporary file left


def test_saving_into_a_missing_folder_says_so_and_writes_nothing(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: Any
) -> None:
    chosen = tmp_path / "ei-ole" / "kopio.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(chosen), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    dialog.save_button.click()
    assert len(warnings) == 1 and str(chosen) in warnings[0]
    assert not any(tmp_path.rglob("*"))


def _print_to_pdf(qtbot: Any, dialog: PrintPreviewDialog, output: Path) -> pdfium.PdfDocument:
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(output))
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    return pdfium.PdfDocument(output.read_bytes())


def test_printing_to_a_pdf_printer_prints_every_page(
    qtbot: Any, dialog: PrintPreviewDialog, long_pdf: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(ui.print_preview, "QPrintDialog", AcceptingPrintDialog)
    document = _print_to_pdf(qtbot, dialog, tmp_path / "tulostettu.pdf")
    try:
        assert len(document) == page_count(long_pdf)
        width, height = document.get_page_size(0)
        assert width < height  # A4 upright, like the sheet
    finally:
        document.close()
    assert str(page_count(long_pdf)) in dialog.message.text()


def test_a_landscape_document_prints_in_landscape(
    qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    source = tmp_path / "vaaka.pdf"
    canvas = Canvas(str(source), pagesize=landscape(A4))
    canvas.drawString(72, 72, "Vaakasivu")
    canvas.save()
    monkeypatch.setattr(ui.print_preview, "QPrintDialog", AcceptingPrintDialog)
    shown = PrintPreviewDialog(source, "Vaaka")
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    document = _print_to_pdf(qtbot, shown, tmp_path / "tulostettu.pdf")
    try:
        width, height = document.get_page_size(0)
        assert width > height
    finally:
        document.close()
    shown.close()


def test_printing_a_page_range_prints_only_those_pages(
    dialog: PrintPreviewDialog, tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.setattr(ui.print_preview, "QPrintDialog", AcceptingPrintDialog)
    output = tmp_path / "sivut.pdf"
    dialog.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer.setOutputFileName(str(output))
    dialog.printer.setPrintRange(QPrinter.PrintRange.PageRange)
    dialog.printer.setFromTo(2, 3)
    dialog.print_button.click()
    assert page_count(output) == 2


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 3), (2026, 10)),
        (date(2027, 1, 10), (2026, 12)),
        (date(2026, 11, 11), (2026, 11)),
        (date(2026, 11, 30), (2026, 11)),
    ],
)
def test_month_timesheet_defaults_to_last_month_early_in_the_month(
    today: date, expected: tuple[int, int]
) -> None:
    assert default_month(today) == expected


def test_month_dialog_offers_the_default_month(qtbot: Any) -> None:
    picker = MonthDialog(today=date(2026, 1, 5))
    qtbot.addWidget(picker)
    assert picker.chosen() == (2025, 12)
    assert picker.month.currentText() == "Joulukuu"


def test_participant_action_previews_the_selected_participants_month(
    qtbot: Any, store: Store, monkeypatch: Any
) -> None:
    make_participant(store, first_name="Aino", last_name="Mäkinen")
    make_participant(store, first_name="Eero", last_name="Öberg")
    view = RegisterView(ParticipantsSpec())
    view.set_store(store)
    qtbot.addWidget(view)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    form = view.form
    assert isinstance(form, ParticipantForm)
    assert not form.print_month_button.isEnabled()  # a new participant has no hours yet

    monkeypatch.setattr(MonthDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    opened: list[tuple[str, int, str]] = []

    def fake_exec(dialog: PrintPreviewDialog) -> int:
        opened.append((dialog.windowTitle(), dialog.page_count(), dialog.file_name))
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    row = next(r for r in range(view.proxy.rowCount()) if view.proxy.index(r, 1).data() == "Öberg")
    view.table.selectRow(row)
    number = view.proxy.index(row, 0).data()
    assert form.print_month_button.isEnabled()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened))  # a button's shortcut clicks it after a moment

    year, month = default_month(date.today())
    assert len(opened) == 1
    title, pages, file_name = opened[0]
    assert title == _("Month timesheet {month}/{year}, participant {number}").format(
        month=month, year=year, number=number
    )
    assert pages == 1
    assert file_name.endswith(f"-{number}-{year}-{month:02}.pdf")


def test_an_archived_participants_month_can_still_be_printed(
    qtbot: Any, store: Store, monkeypatch: Any
) -> None:
    from jobcenter_desktop.db.models import Participant
    from jobcenter_desktop.db.records import set_archived

    participant = make_participant(store, first_name="Eero", last_name="Öberg")
    set_archived(store, Participant, participant, True)
    view = RegisterView(ParticipantsSpec())
    view.set_store(store)
    qtbot.addWidget(view)
    view.show()
    view.show_archived.setChecked(True)
    view.table.selectRow(0)
    form = view.form
    assert isinstance(form, ParticipantForm)
    assert not form.isEnabled()  # an archived record is read-only...
    assert form.print_month_button.isEnabled()  # ...but its month can be printed

    monkeypatch.setattr(MonthDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    opened: list[str] = []
    monkeypatch.setattr(
        PrintPreviewDialog, "exec", lambda dialog: opened.append(dialog.file_name) or 0
    )
    form.print_month_button.click()
    assert len(opened) == 1


def test_preview_files_are_removed_when_the_dialog_closes(
    qtbot: Any, store: Store, monkeypatch: Any
) -> None:
    make_participant(store, participant_number="7")
    paths: list[Path] = []

    def fake_exec(dialog: PrintPreviewDialog) -> int:
        [pdf] = Path(tempfile.gettempdir()).glob(f"jobcenter-print-*/{dialog.file_name}")
        paths.append(pdf)
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    preview_month(None, store, "7", 2026, 11)
    assert len(paths) == 1
    assert not paths[0].exists() and not paths[0].parent.exists()


def test_an_unknown_participant_is_a_calm_message_not_a_crash(
    store: Store, monkeypatch: Any
) -> None:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda _self: pytest.fail("no preview"))
    preview_month(None, store, "999", 2026, 11)
    assert messages == [_("No participant has the number {number}.").format(number="999")]


def test_the_preview_offers_the_sheets_language_and_prints_it_anew(
    qtbot: Any, store: Store, monkeypatch: Any
) -> None:
    make_participant(store, participant_number="7")
    shown: list[tuple[str, str]] = []

    def fake_exec(dialog: PrintPreviewDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append((dialog.current_language(), _page_text(dialog.data)))
        # Alt+L reaches the choice; svenska writes the sheet again in Swedish.
        dialog.language.setCurrentIndex(dialog.language.findData("sv"))
        shown.append((dialog.current_language(), _page_text(dialog.data)))
        assert dialog.page_count() == 1
        assert dialog.language.currentText() == "svenska"
        dialog.done(0)
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    preview_month(None, store, "7", 2026, 11)
    # An internal sheet opens in the program's language (Finnish here).
    assert shown[0][0] == "fi" and "Kuukauden työajat" in shown[0][1]
    assert shown[1][0] == "sv" and "Månadens arbetstider" in shown[1][1]


def _page_text(data: bytes) -> str:
    document = pdfium.PdfDocument(data)
    try:
        return str(document[0].get_textpage().get_text_range())
    finally:
        document.close()


def test_the_gig_sheet_opens_in_the_customers_language(
    qtbot: Any, store: Store, monkeypatch: Any
) -> None:
    from tests.integration.test_printing import _gig
    from ui.print_actions import preview_gig_sheet

    gig_id = _gig(store, language="sv")
    shown: list[tuple[str, str]] = []

    def fake_exec(dialog: PrintPreviewDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append((dialog.current_language(), _page_text(dialog.data)))
        dialog.done(0)
        return 0

    monkeypatch.setattr(PrintPreviewDialog, "exec", fake_exec)
    preview_gig_sheet(None, store, gig_id)
    [(language, text)] = shown
    assert language == "sv" and "Arbetslista" in text


def test_an_unknown_gig_is_a_calm_message(store: Store, monkeypatch: Any) -> None:
    from ui.print_actions import preview_gig_sheet

    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda _self: pytest.fail("no preview"))
    preview_gig_sheet(None, store, 999)
    assert len(messages) == 1
