"""The invoicing area: November's drafts with their totals and preview, the run with its
confirmation, progress and cancel, the issued list with payment, credit note, reprint,
Finvoice, search and filters, manual lines, and the issued list's model on its own."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.invoices import AgeingBucket, DocumentKind, InvoiceStatus
from jobcenter_desktop.queries.extra_lines import pending_extra_lines
from jobcenter_desktop.queries.invoices import InvoiceRow, list_invoices, stored_files
from jobcenter_desktop.services.invoicing.issuing import RunCancelled, issue_run, preview
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import (
    NOVEMBER,
    People,
    approved_gig,
    company,
    invoicing_centre,
    priced_contract,
)
from ui.invoicing.credit_dialog import CreditDialog
from ui.invoicing.extra_line_dialog import ExtraLineDialog
from ui.invoicing.issued_model import AGEING, NUMBER, OPEN, PAID, STATUS, TOTAL, IssuedModel
from ui.invoicing.payment_dialog import PaymentDialog
from ui.invoicing.view import InvoicingView
from ui.table_model import ID_ROLE, SORT_ROLE

YES = QMessageBox.StandardButton.Yes


class November:
    """Two customers with approved November hours; a third gig is still unapproved."""

    def __init__(self, store: Store) -> None:
        invoicing_centre(store)
        people = People(store)
        self.korjaamo = company(store, name="Korjaamo Virtanen Oy")
        self.seurakunta = company(store, name="Seurakuntayhtymä", business_id="2077474-0")
        first = priced_contract(store, self.korjaamo)
        second = priced_contract(store, self.seurakunta, title="Seurakuntatalon siivous")
        approved_gig(store, first, date(2026, 11, 4), people)
        approved_gig(store, second, date(2026, 11, 5), people)
        approved_gig(store, second, date(2026, 11, 12), people, end="10")
        approved_gig(store, second, date(2026, 11, 19), people, approved=False)


@pytest.fixture
def november(store: Store) -> November:
    return November(store)


@pytest.fixture
def view(qtbot: QtBot, store: Store, november: November, messages: list[str]) -> InvoicingView:
    widget = InvoicingView()
    qtbot.addWidget(widget)
    widget.resize(1180, 640)
    widget.status.connect(messages.append)
    widget.show()
    widget.set_store(store)
    widget.drafts_panel.period.set_month(2026, 11)
    return widget


def cells(model: Any, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> Any:
        asked.append(text)
        return YES

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return asked


def issue_november(store: Store) -> None:
    issue_run(store, Period.month(NOVEMBER))


def choose_invoice(view: InvoicingView, number: int) -> None:
    panel = view.issued_panel
    row = panel.model.row_of_id(number)
    assert row is not None
    panel.table.selectRow(panel.proxy.mapFromSource(panel.model.index(row, 0)).row())
    assert view.issued.current() is not None and view.issued.current().number == number  # type: ignore[union-attr]


def test_the_drafts_show_their_totals_the_waiting_gigs_and_a_preview(view: InvoicingView) -> None:
    panel = view.drafts_panel
    proxy = panel.proxy
    assert proxy.rowCount() == 2
    # 6 worker-hours × 35 € + 3 instructor-hours × 45 €, 25,5 % VAT.
    assert cells(proxy, 0) == [
        "Korjaamo Virtanen Oy (1001)",
        "2",
        "345,00\xa0€",
        "87,98\xa0€",
        "432,98\xa0€",
    ]
    # Two gigs, 8–11 and 8–10: 10 worker-hours and 5 instructor-hours.
    assert cells(proxy, 1)[0] == "Seurakuntayhtymä (1002)"
    assert cells(proxy, 1)[2:] == ["575,00\xa0€", "146,63\xa0€", "721,63\xa0€"]
    assert "2 laskuluonnosta" in panel.summary.text() and "1\xa0154,61\xa0€" in panel.summary.text()
    assert panel.awaiting.text().startswith("1 keikalla")
    assert panel.preview.page_count() == 1
    assert "Korjaamo Virtanen Oy" in panel.preview.title.text()
    panel.table.selectRow(1)
    assert "Seurakuntayhtymä" in panel.preview.title.text()


def test_issue_all_asks_with_the_count_and_total_then_lists_them_open(
    qtbot: QtBot, view: InvoicingView, store: Store, messages: list[str], monkeypatch
) -> None:
    asked = answer_yes(monkeypatch)
    view.drafts_panel.issue_all_button.click()
    qtbot.waitUntil(lambda: "2 laskua luotu" in messages, timeout=20000)
    assert "2 laskua" in asked[0] and "1\xa0154,61\xa0€" in asked[0]
    assert view.drafts_panel.model.rowCount() == 0
    assert view.tabs.currentWidget() is view.issued_panel
    issued = view.issued_panel.proxy
    assert issued.rowCount() == 2
    assert [cells(issued, row)[STATUS] for row in range(2)] == ["Avoin", "Avoin"]
    assert [cells(issued, row)[NUMBER] for row in range(2)] == ["2", "1"]  # the newest on top
    assert {row.number for row in list_invoices(store)} == {1, 2}


def test_issuing_the_chosen_draft_issues_only_that_one(
    qtbot: QtBot, view: InvoicingView, store: Store, messages: list[str], monkeypatch
) -> None:
    asked = answer_yes(monkeypatch)
    view.drafts_panel.table.selectRow(1)
    view.drafts_panel.issue_selected_action.trigger()
    qtbot.waitUntil(lambda: "1 lasku luotu" in messages, timeout=20000)
    assert "Seurakuntayhtymä" in asked[0] and "721,63" in asked[0]
    assert [row.customer_name for row in list_invoices(store)] == ["Seurakuntayhtymä"]
    assert [cells(view.drafts_panel.proxy, 0)[0]] == ["Korjaamo Virtanen Oy (1001)"]


def test_saying_no_issues_nothing(view: InvoicingView, store: Store, monkeypatch) -> None:
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a: QMessageBox.StandardButton.No)
    )
    view.drafts_panel.issue_all_button.click()
    assert view.drafts.run.task is None
    assert list_invoices(store) == []


def test_cancel_in_the_middle_of_the_run_leaves_nothing_issued(
    qtbot: QtBot, view: InvoicingView, store: Store, messages: list[str], monkeypatch
) -> None:
    import ui.invoicing.run as run_module

    gate = threading.Event()
    real = run_module.issue_run

    def held(store: Store, period: Period, ids: Any, **callbacks: Any) -> Any:
        def step(done: int, total: int) -> None:
            callbacks["progress"](done, total)
            gate.wait(20)  # the first invoice is made; the user cancels now

        return real(store, period, ids, progress=step, cancelled=callbacks["cancelled"])

    monkeypatch.setattr(run_module, "issue_run", held)
    answer_yes(monkeypatch)
    view.drafts_panel.issue_all_button.click()
    task = view.drafts.run.task
    assert task is not None
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.bar.text() == "1 / 2", timeout=20000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: view.drafts.run.task is None, timeout=20000)
    assert messages[-1] == str(RunCancelled())
    assert list_invoices(store) == []
    assert view.drafts_panel.proxy.rowCount() == 2
    # No number was used either: the next run starts from 1.
    [first, _second] = issue_run(store, Period.month(NOVEMBER))
    assert first.number == 1


def test_a_payment_through_the_dialog_marks_the_invoice_paid(
    view: InvoicingView, store: Store, messages: list[str], monkeypatch
) -> None:
    issue_november(store)
    view.reload()
    choose_invoice(view, 1)
    typed: list[str] = []

    def pay(dialog: PaymentDialog, amounts: list[str]) -> int:
        typed.append(dialog.form.value("amount"))  # the open amount is proposed
        for amount in amounts:
            dialog.form.widgets["amount"].setText(amount)  # type: ignore[attr-defined]
            dialog.accept()
        return dialog.result()

    # A wrong amount keeps the dialog open with the problem at the field; then a part.
    monkeypatch.setattr(PaymentDialog, "exec", lambda d: pay(d, ["abc", "100,00"]))
    view.issued_panel.payment_action.trigger()
    row = list_invoices(store, search="1")[-1]
    assert typed == ["432,98"]
    assert row.number == 1 and row.paid == Decimal("100.00")
    assert row.status is InvoiceStatus.OPEN

    def accept_proposed(dialog: PaymentDialog) -> int:
        typed.append(dialog.form.value("amount"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PaymentDialog, "exec", accept_proposed)
    view.issued_panel.payment_action.trigger()
    assert typed[-1] == "332,98"  # the rest is proposed
    panel = view.issued_panel
    number_row = panel.model.row_of_id(1)
    assert number_row is not None
    assert cells(panel.model, number_row)[STATUS] == "Maksettu"
    assert cells(panel.model, number_row)[OPEN] == "0,00\xa0€"
    assert "maksettu" in messages[-1]


def test_a_wrong_payment_says_why_at_the_field(view: InvoicingView, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    issue_november(store)
    view.reload()
    choose_invoice(view, 1)
    row = view.issued.current()
    assert row is not None
    saved: list[tuple[str, date]] = []
    dialog = PaymentDialog(row, lambda amount, day: saved.append((amount, day)))
    qtbot.addWidget(dialog)
    dialog.form.widgets["paid_on"].setText("31.2.2026")  # type: ignore[attr-defined]
    dialog.accept()
    assert saved == [] and "Maksupäivä" in dialog.form.error_messages()[0]
    dialog.form.widgets["paid_on"].setText("1.12.2026")  # type: ignore[attr-defined]
    dialog.accept()
    assert saved == [("432,98", date(2026, 12, 1))]


def test_a_credit_note_for_chosen_lines_then_for_the_rest_with_the_hours_released(
    view: InvoicingView, store: Store, messages: list[str], monkeypatch
) -> None:
    issue_november(store)
    view.reload()
    choose_invoice(view, 1)

    def credit_lines(dialog: CreditDialog, positions: list[int] | None, release: bool) -> int:
        if positions is not None:
            dialog.set_chosen_lines(positions)
            assert not dialog.release.isEnabled()  # only a full credit releases the hours
        else:
            assert dialog.release.isEnabled()
            dialog.release.setChecked(release)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CreditDialog, "exec", lambda d: credit_lines(d, [2], False))
    view.issued_panel.credit_action.trigger()
    assert messages[-1] == "Hyvityslasku 3 luotu laskulle 1."
    note = next(row for row in list_invoices(store) if row.number == 3)
    assert note.kind is DocumentKind.CREDIT_NOTE and note.total == Decimal("-169.43")
    credit_row = view.issued_panel.model.row_of_id(3)
    assert credit_row is not None
    assert cells(view.issued_panel.model, credit_row)[STATUS] == "Hyvityslasku"
    assert view.issued.current() is not None and view.issued.current().number == 3  # type: ignore[union-attr]
    assert not view.issued_panel.credit_action.isEnabled()  # a credit note is not credited

    # The whole invoice is more than what is left: refused in the dialog, which stays open.
    refused: list[str] = []

    def whole(dialog: CreditDialog) -> int:
        dialog.accept()
        refused.append(dialog.message.text())
        return dialog.result()

    choose_invoice(view, 1)
    monkeypatch.setattr(CreditDialog, "exec", whole)
    view.issued_panel.credit_action.trigger()
    assert refused[0]  # the store's refusal, in words
    assert [row.number for row in list_invoices(store)] == [3, 2, 1]


def test_a_full_credit_note_makes_the_hours_invoiceable_again(
    view: InvoicingView, store: Store, monkeypatch
) -> None:
    issue_november(store)
    view.reload()
    choose_invoice(view, 1)

    def whole_with_hours(dialog: CreditDialog) -> int:
        dialog.release.setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CreditDialog, "exec", whole_with_hours)
    view.issued_panel.credit_action.trigger()
    original = view.issued_panel.model.row_of_id(1)
    assert original is not None
    assert cells(view.issued_panel.model, original)[STATUS] == "Hyvitetty"
    view.reload()
    assert [cells(view.drafts_panel.proxy, 0)[0]] == ["Korjaamo Virtanen Oy (1001)"]


def test_reprint_shows_the_stored_pdf_and_finvoice_is_saved_as_stored(
    view: InvoicingView, store: Store, tmp_path: Path, messages: list[str], monkeypatch
) -> None:
    from ui.print_preview import PrintPreviewDialog

    issue_november(store)
    view.reload()
    choose_invoice(view, 1)
    shown: list[bytes] = []
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda d: shown.append(d.data) or d.done(0))
    view.issued_panel.print_action.trigger()
    files = stored_files(store, 1)
    assert files is not None and files[1] is not None
    assert shown == [files[0]]
    target = tmp_path / "lasku-1"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    view.issued_panel.finvoice_action.trigger()
    assert (tmp_path / "lasku-1.xml").read_bytes() == files[1]
    assert messages[-1].endswith("lasku-1.xml")


def test_search_by_number_and_customer_and_the_filters(
    qtbot: QtBot, view: InvoicingView, store: Store
) -> None:
    from jobcenter_desktop.services.invoicing.payments import record_payment

    issue_november(store)
    record_payment(store, 2, "721,63", date.today())
    view.reload()
    panel = view.issued_panel
    qtbot.keyClicks(panel.search, "seurakunta")
    assert [r.number for r in panel.shown_rows()] == [2]
    panel.search.clear()
    qtbot.keyClicks(panel.search, "1")
    assert 1 in [r.number for r in panel.shown_rows()]
    panel.search.clear()
    for key, numbers in (("paid", [2]), ("open", [1]), ("overdue", []), ("all", [2, 1])):
        panel.set_filter(key)
        assert [r.number for r in panel.shown_rows()] == numbers, key
    panel.set_filter("overdue")
    assert not panel.empty.isHidden() and "hakua" in panel.empty.text()


def test_typing_in_the_search_reads_nothing_from_the_store(
    qtbot: QtBot, view: InvoicingView, store: Store, monkeypatch
) -> None:
    """Years of invoices: the search filters the rows in memory, a keystroke at a time."""
    import ui.invoicing.issued as issued

    issue_november(store)
    view.reload()
    panel = view.issued_panel

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a keystroke read the store")

    monkeypatch.setattr(issued, "list_invoices", refuse)
    qtbot.keyClicks(panel.search, "seurakunta")
    assert [r.number for r in panel.shown_rows()] == [2]
    assert panel.summary.text().startswith("1 ")
    assert panel.table.selectionModel().selectedRows()[0].row() == 0
    panel.search.clear()
    assert [r.number for r in panel.shown_rows()] == [2, 1]


def test_a_manual_line_is_added_to_the_draft_and_deleted(
    view: InvoicingView, store: Store, november: November, monkeypatch
) -> None:
    def fill(dialog: ExtraLineDialog) -> int:
        assert dialog.form.value("day") == "30.11.2026"  # the period's last day
        dialog.form.widgets["description"].setText("Jätesäkit")  # type: ignore[attr-defined]
        dialog.form.widgets["quantity"].setText("2")  # type: ignore[attr-defined]
        dialog.accept()  # no unit price yet: refused at the field
        assert "À-hinta" in dialog.form.error_messages()[0]
        dialog.form.widgets["unit_price"].setText("4,50")  # type: ignore[attr-defined]
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExtraLineDialog, "exec", fill)
    panel = view.drafts_panel
    panel.add_line_action.trigger()
    assert cells(panel.proxy, 0)[:3] == ["Korjaamo Virtanen Oy (1001)", "3", "354,00\xa0€"]
    assert [r.description for r in panel.lines_model.rows] == ["Jätesäkit"]
    assert "Korjaamo" in panel.lines_box.title()
    answer_yes(monkeypatch)
    panel.delete_line_action.trigger()
    assert pending_extra_lines(store, november.korjaamo) == []
    assert cells(panel.proxy, 0)[2] == "345,00\xa0€"


def test_a_customer_without_hours_gets_a_draft_from_a_manual_line(
    view: InvoicingView, store: Store, monkeypatch
) -> None:
    third = company(store, name="Uusi Asiakas Oy", business_id="0737546-2")
    view.reload()
    panel = view.drafts_panel
    panel.customer.setCurrentIndex(panel.customer.findData(third))
    assert panel.proxy.rowCount() == 0 and "Ei laskutettavaa" in panel.summary.text()
    assert panel.add_line_action.isEnabled()

    def fill(dialog: ExtraLineDialog) -> int:
        dialog.form.widgets["description"].setText("Suunnittelu")  # type: ignore[attr-defined]
        dialog.form.widgets["unit_price"].setText("50")  # type: ignore[attr-defined]
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExtraLineDialog, "exec", fill)
    panel.add_line_action.trigger()
    assert [cells(panel.proxy, 0)[0]] == ["Uusi Asiakas Oy (1003)"]
    assert len(preview(store, Period.month(NOVEMBER), [third])) == 1


def test_the_banks_file_marks_a_payment_and_reports_what_did_not_match(
    qtbot: QtBot, view: InvoicingView, store: Store, tmp_path: Path, monkeypatch
) -> None:
    from tests.unit.test_bank_payments import REF_1, batch_line, ktl, payment_line, sum_line
    from ui.invoicing.collection_dialogs import PaymentReportDialog

    issue_november(store)
    view.reload()
    paid = date.today() - timedelta(days=1)
    bank_file = tmp_path / "viitesiirto.txt"
    bank_file.write_bytes(
        ktl(
            batch_line(paid),
            payment_line(reference=REF_1, cents=43298, booked=paid, paid=paid),
            payment_line(
                reference="13", cents=5000, booked=paid, paid=paid, archive_id="2611101234AB0002"
            ),
            sum_line(2, 48298),
        )
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(bank_file), ""))
    reports: list[list[str]] = []

    def show(dialog: PaymentReportDialog) -> int:
        table = dialog.table
        reports.append([table.item(row, 0).text() for row in range(table.rowCount())])
        return 0

    monkeypatch.setattr(PaymentReportDialog, "exec", show)
    view.issued_panel.import_action.trigger()
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    assert reports[0] == ["Kohdistettu", "Ei kohdistunut"]
    row = view.issued_panel.model.row_of_id(1)
    assert row is not None and cells(view.issued_panel.model, row)[STATUS] == "Maksettu"


def test_reminders_for_overdue_invoices_are_saved_in_a_folder(
    view: InvoicingView, store: Store, tmp_path: Path, messages: list[str], monkeypatch
) -> None:
    from ui.invoicing.collection_dialogs import RemindersDialog

    issue_run(store, Period.month(NOVEMBER), issue_date=date.today() - timedelta(days=40))
    view.reload()
    listed: list[list[int]] = []

    def tick_first(dialog: RemindersDialog) -> int:
        listed.append(dialog.numbers())
        dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
        return 1

    monkeypatch.setattr(RemindersDialog, "exec", tick_first)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(tmp_path))
    view.issued_panel.reminders_action.trigger()
    assert listed == [[1, 2]]
    assert sorted(path.name for path in tmp_path.glob("*.pdf")) == ["maksumuistutus-1.pdf"]
    assert (tmp_path / "maksumuistutus-1.pdf").read_bytes().startswith(b"%PDF")
    assert messages[-1].startswith("1 maksumuistutusta tallennettu")
    row = view.issued_panel.model.row_of_id(1)
    assert row is not None and view.issued_panel.model.rows[row].last_reminder == date.today()


def test_no_reminder_due_is_said_in_words(view: InvoicingView, store: Store, monkeypatch) -> None:
    issue_november(store)
    view.reload()
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *_a: said.append(text))
    )
    view.issued_panel.reminders_action.trigger()
    assert said and "muistutusta" in said[0]


def test_a_households_statement_opens_in_the_preview(
    view: InvoicingView, store: Store, monkeypatch
) -> None:
    from jobcenter_desktop.services.invoicing.payments import record_payment
    from tests.invoicing_data import household
    from ui.invoicing.collection_dialogs import HouseholdDialog
    from ui.print_preview import PrintPreviewDialog

    home = household(store)
    contract = priced_contract(store, home, household_deduction="yes")
    approved_gig(store, contract, date(2026, 11, 20), People(store))
    [invoice] = issue_run(store, Period.month(NOVEMBER), [home])
    record_payment(store, invoice.number, str(invoice.total), date.today())
    chosen: list[str] = []

    def pick(dialog: HouseholdDialog) -> int:
        chosen.append(dialog.customer.currentText())
        dialog.year.setValue(date.today().year)
        return 1

    shown: list[bytes] = []
    monkeypatch.setattr(HouseholdDialog, "exec", pick)
    monkeypatch.setattr(PrintPreviewDialog, "exec", lambda d: shown.append(d.data) or d.done(0))
    view.issued_panel.household_action.trigger()
    assert chosen == ["Maija Koskinen (1003)"]
    assert len(shown) == 1 and shown[0].startswith(b"%PDF")


def test_the_area_is_reached_and_used_with_the_keyboard(qtbot, window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    November(window.store)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_4, ctrl)
    view = window.invoicing_view
    assert window.stack.currentWidget() is view
    assert window.nav.currentItem().text().startswith("Laskutus")
    view.drafts_panel.period.set_month(2026, 11)
    assert view.drafts_panel.table.hasFocus() and view.drafts_panel.proxy.rowCount() == 2
    answer_yes(monkeypatch)
    qtbot.keyClick(view.drafts_panel.table, Qt.Key.Key_I, ctrl | shift)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "2 laskua luotu", timeout=20000)
    # The new invoices, to print or save (once the progress dialog has given the focus back).
    qtbot.waitUntil(view.issued_panel.table.hasFocus)
    qtbot.keyClick(view.issued_panel.table, Qt.Key.Key_F, ctrl)
    assert view.issued_panel.search.hasFocus()
    qtbot.keyClick(view.issued_panel.search, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentWidget() is view.drafts_panel and view.drafts_panel.table.hasFocus()
    menu = view.issued_panel.context_menu()
    assert [a.text() for a in menu.actions() if a.text()][:2] == [
        "Tulosta tai tallenna PDF…",
        "Tallenna Finvoice…",
    ]
    assert all(not a.shortcut().isEmpty() for a in menu.actions() if a.text())


# --- the issued list's model, without a view -----------------------------------------------


def _row(**overrides: Any) -> InvoiceRow:
    row = InvoiceRow(
        id=1,
        number=1001,
        kind=DocumentKind.INVOICE,
        customer_id=5,
        customer_number="1001",
        customer_name="Korjaamo Virtanen Oy",
        household=False,
        issue_date=date(2026, 12, 1),
        due_date=date(2026, 12, 15),
        net=Decimal("345.00"),
        vat=Decimal("87.98"),
        total=Decimal("432.98"),
        paid=Decimal("0.00"),
        credited=Decimal("0.00"),
        status=InvoiceStatus.OPEN,
        ageing=AgeingBucket.NOT_DUE,
        reference="1010010",
        credited_number=None,
        last_reminder=None,
    )
    return replace(row, **overrides)


def test_the_issued_model_shows_sorts_and_identifies_rows(qapp: object) -> None:
    model = IssuedModel()
    overpaid = _row(number=1002, paid=Decimal("450.00"), status=InvoiceStatus.PAID, ageing=None)
    late = _row(
        number=999,
        status=InvoiceStatus.OVERDUE,
        ageing=AgeingBucket.DAYS_31_60,
        due_date=date.today() - timedelta(days=40),
        last_reminder=date(2026, 11, 20),
    )
    note = _row(
        number=1003,
        kind=DocumentKind.CREDIT_NOTE,
        total=Decimal("-432.98"),
        status=InvoiceStatus.CREDIT_NOTE,
        ageing=None,
        credited_number=1001,
    )
    model.set_rows([overpaid, late, note])
    assert model.rowCount() == 3 and model.columnCount() == 8
    assert model.headerData(NUMBER, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) == (
        "Numero"
    )
    assert cells(model, 0) == [
        "1002",
        "1.12.2026",
        "Korjaamo Virtanen Oy (1001)",
        "432,98\xa0€",
        "450,00\xa0€",
        "-17,02\xa0€",
        "Maksettu",
        "",
    ]
    assert cells(model, 1)[STATUS:] == ["Erääntynyt", "31–60 päivää myöhässä"]
    assert cells(model, 2)[OPEN] == "" and cells(model, 2)[STATUS] == "Hyvityslasku"
    # Raw values to sort by, the invoice number as the id.
    assert model.index(0, TOTAL).data(SORT_ROLE) == Decimal("432.98")
    assert model.index(0, PAID).data(SORT_ROLE) == Decimal("450.00")
    assert model.index(1, NUMBER).data(SORT_ROLE) == 999
    assert model.index(1, AGEING).data(SORT_ROLE) > model.index(0, AGEING).data(SORT_ROLE)
    assert [model.index(r, 0).data(ID_ROLE) for r in range(3)] == [1002, 999, 1003]
    assert model.row_of_id(1003) == 2
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, TOTAL).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert "Liikaa maksettu 17,02\xa0€" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Hyvittää laskun 1001" in model.index(2, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "20.11.2026" in model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, STATUS).data(Qt.ItemDataRole.BackgroundRole) is not None
