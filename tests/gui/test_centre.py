"""The centre's first-run wizard and the settings view, driven through their widgets."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QImage, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
    QWizard,
)

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.paths import DataFolder
from jobcenter_desktop.queries.centre import load_centre
from jobcenter_desktop.services.registers.centre import save_centre
from ui.centre.centre_form import LOGO_HEIGHT, LOGO_WIDTH
from ui.centre.settings_view import SettingsView
from ui.centre.wizard import ADDRESS, INVOICING, ORGANISATION, SUMMARY, WELCOME, CentreWizard
from ui.forms import FieldForm

ROOT = Path(__file__).resolve().parents[2]
IBAN = "FI21 1234 5600 0007 85"
IBAN_COMPACT = "FI2112345600000785"


# --- helpers ---------------------------------------------------------------------------------


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """``qtbot.keyClicks`` for Finnish text too (QTest's keyClicks takes ASCII only)."""
    for character in text:
        if character.isascii():
            qtbot.keyClicks(widget, character)
            continue
        code = ord(character.upper())
        key = Qt.Key(code) if code <= 0xFF else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Replace the field's text the way a user does: select all, type over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def field(form: FieldForm, key: str) -> QWidget:
    return form.widgets[key]


def errors(form: FieldForm) -> str:
    return "\n".join(form.error_messages())


def click_wizard(qtbot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def sample_centre(**changes: object) -> CentreInput:
    values: dict[str, object] = {
        "legal_name": "Työpaja Kipinä ry",
        "business_id": "0737546-2",
        "street": "Teollisuuskatu 12 B",
        "postal_code": "00510",
        "city": "Helsinki",
        "phone": "040 123 4567",
        "email": "toimisto@kipina.fi",
        "bank_accounts": [BankAccountInput(IBAN_COMPACT, "NDEAFIHH", True)],
    }
    values.update(changes)
    return CentreInput(**values)  # type: ignore[arg-type]


def png_file(folder: Path, width: int = 400, height: int = 100) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f5f8b"))
    path = folder / "logo.png"
    assert image.save(str(path), "PNG")
    return path


# --- the wizard ------------------------------------------------------------------------------


@pytest.fixture
def wizard(qtbot, store: Store) -> CentreWizard:
    wizard = CentreWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def fill_organisation(qtbot, wizard: CentreWizard, business_id: str = "0737546-2") -> None:
    form = wizard.organisation.form
    type_text(qtbot, field(form, "legal_name"), "Työpaja Kipinä ry")
    qtbot.keyClicks(field(form, "business_id"), business_id)


def test_wizard_starts_with_a_welcome_naming_the_data_folder(wizard: CentreWizard, store: Store):
    assert wizard.currentId() == WELCOME
    texts = " ".join(label.text() for label in wizard.currentPage().findChildren(QLabel))
    assert "tällä tietokoneella" in texts
    assert str(store.path.parent) in texts


def test_wrong_business_id_keeps_the_wizard_on_the_organisation_page(qtbot, wizard, store):
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ORGANISATION
    fill_organisation(qtbot, wizard, business_id="0737546-3")

    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == ORGANISATION
    assert "tarkistusmerkki ei täsmää" in errors(wizard.organisation.form)
    assert load_centre(store) is None

    # Corrected, the page lets the user on and the message goes away.
    type_into(qtbot, field(wizard.organisation.form, "business_id"), "07375462")
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ADDRESS
    assert errors(wizard.organisation.form) == ""
    assert wizard.organisation.form.value("business_id") == "0737546-2"


def test_a_missing_name_is_named_on_its_page(qtbot, wizard):
    wizard.next()
    qtbot.keyClicks(field(wizard.organisation.form, "business_id"), "0737546-2")
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == ORGANISATION
    assert "pakollinen" in errors(wizard.organisation.form)


def test_invalid_iban_keeps_the_wizard_on_the_invoicing_page(qtbot, wizard):
    wizard.next()
    fill_organisation(qtbot, wizard)
    wizard.next()
    wizard.next()
    assert wizard.currentId() == INVOICING
    qtbot.keyClicks(field(wizard.invoicing.form, "iban"), "FI21 1234 5600 0007 86")
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)
    assert wizard.currentId() == INVOICING
    assert "tarkistusnumerot eivät täsmää" in errors(wizard.invoicing.form)


def test_wizard_saves_what_was_typed(qtbot, wizard, store):
    wizard.next()
    fill_organisation(qtbot, wizard)
    vat = field(wizard.organisation.form, "vat_status")
    assert isinstance(vat, QComboBox)
    qtbot.keyClick(vat, Qt.Key.Key_Down)  # "Not liable for VAT"
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == ADDRESS
    address = wizard.address.form
    qtbot.keyClicks(field(address, "street"), "Teollisuuskatu 12 B")
    qtbot.keyClicks(field(address, "postal_code"), "00510")
    qtbot.keyClicks(field(address, "city"), "Helsinki")
    qtbot.keyClicks(field(address, "phone"), "040 123 4567")
    qtbot.keyClicks(field(address, "email"), "toimisto@kipina.fi")
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == INVOICING
    invoicing = wizard.invoicing.form
    qtbot.keyClicks(field(invoicing, "iban"), "fi2112345600000785")
    qtbot.keyClicks(field(invoicing, "bic"), "ndeafihh")
    type_into(qtbot, field(invoicing, "payment_term_days"), "21")
    type_into(qtbot, field(invoicing, "next_invoice_number"), "1001")
    assert field(invoicing, "reminder_fee").text() == "5,00"  # the default
    type_into(qtbot, field(invoicing, "reminder_fee"), "3")
    prepayment = field(invoicing, "prepayment_register")
    assert isinstance(prepayment, QCheckBox)
    qtbot.mouseClick(prepayment, Qt.MouseButton.LeftButton)
    click_wizard(qtbot, wizard, QWizard.WizardButton.NextButton)

    assert wizard.currentId() == SUMMARY
    summary = wizard.summary.summary.text()
    assert "Työpaja Kipinä ry" in summary
    assert IBAN in summary  # shown the way people read it
    assert "Ei arvonlisäverovelvollinen" in summary
    assert "3,00 €" in summary  # the reminder fee, tidied
    assert load_centre(store) is None  # nothing is saved before Finish

    click_wizard(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert not wizard.isVisible()
    saved = load_centre(store)
    assert saved is not None
    assert saved.legal_name == "Työpaja Kipinä ry"
    assert saved.business_id == "0737546-2"
    assert saved.vat_status == "not_liable"
    assert (saved.street, saved.postal_code, saved.city) == (
        "Teollisuuskatu 12 B",
        "00510",
        "Helsinki",
    )
    assert (saved.phone, saved.email) == ("040 123 4567", "toimisto@kipina.fi")
    assert saved.payment_term_days == "21"
    assert saved.next_invoice_number == "1001"
    assert saved.reminder_fee == "3,00"
    assert saved.prepayment_register is True
    assert saved.bank_accounts == [BankAccountInput(IBAN_COMPACT, "NDEAFIHH", True)]


def test_cancelling_the_wizard_saves_nothing(qtbot, wizard, store):
    wizard.next()
    fill_organisation(qtbot, wizard)
    wizard.next()
    wizard.next()
    qtbot.keyClicks(field(wizard.invoicing.form, "iban"), IBAN)
    wizard.next()
    assert wizard.currentId() == SUMMARY

    click_wizard(qtbot, wizard, QWizard.WizardButton.CancelButton)

    assert wizard.result() == QWizard.DialogCode.Rejected
    assert load_centre(store) is None


def test_a_refusal_by_the_service_keeps_the_wizard_open(qtbot, wizard, store, monkeypatch):
    def refuse(_store: Store, _data: CentreInput) -> int:
        raise ValidationError({"bank_accounts.1.bic": "BIC 1: ei ole BIC-koodi"})

    monkeypatch.setattr("ui.centre.wizard.save_centre", refuse)
    wizard.next()
    fill_organisation(qtbot, wizard)
    wizard.next()
    wizard.next()
    qtbot.keyClicks(field(wizard.invoicing.form, "iban"), IBAN)
    wizard.next()

    click_wizard(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.isVisible()
    assert wizard.currentId() == SUMMARY
    assert wizard.summary.errors.isVisible()
    assert "BIC 1: ei ole BIC-koodi" in wizard.summary.errors.text()
    assert "BIC 1: ei ole BIC-koodi" in errors(wizard.invoicing.form)  # also at its field
    assert load_centre(store) is None


# --- the settings view -----------------------------------------------------------------------


@pytest.fixture
def view(qtbot, store: Store, tmp_path: Path) -> SettingsView:
    view = SettingsView()
    qtbot.addWidget(view)
    view.set_settings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    view.set_data_folder(DataFolder(tmp_path))
    view.set_store(store)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    return view


@pytest.fixture
def saved_centre(store: Store) -> CentreInput:
    data = sample_centre()
    save_centre(store, data)
    return data


@pytest.fixture
def centre_view(saved_centre: CentreInput, view: SettingsView, store: Store) -> SettingsView:
    """The view after the centre has been saved (as when the window opens on a set-up store)."""
    view.set_store(store)
    return view


def table_text(view: SettingsView, row: int, column: int) -> str:
    item = view.form.accounts.table.item(row, column)
    return "" if item is None else item.text()


def edit_cell(qtbot, view: SettingsView, row: int, column: int, text: str) -> QLineEdit:
    """Open the cell's editor as a double click would, and type over its text."""
    table = view.form.accounts.table
    table.setFocus()
    table.setCurrentCell(row, column)
    table.editItem(table.item(row, column))
    editor = table.indexWidget(table.model().index(row, column))
    assert isinstance(editor, QLineEdit)
    qtbot.waitUntil(editor.hasFocus)
    editor.selectAll()
    type_text(qtbot, editor, text)
    return editor


def test_settings_show_the_saved_centre(centre_view, saved_centre: CentreInput):
    assert field(centre_view.form, "legal_name").text() == "Työpaja Kipinä ry"
    assert table_text(centre_view, 0, 0) == IBAN  # grouped by four
    assert table_text(centre_view, 0, 1) == "NDEAFIHH"
    assert not centre_view.empty_note.isVisible()


def test_changed_phone_is_saved_with_ctrl_s(qtbot, centre_view, store, saved_centre):
    phone = field(centre_view.form, "phone")
    type_into(qtbot, phone, "09 876 5432")
    messages: list[str] = []
    centre_view.status.connect(messages.append)

    with qtbot.waitSignal(centre_view.centre_saved, timeout=2000):
        qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert messages[-1] == "Tallennettu"
    reloaded = load_centre(store)
    assert reloaded is not None
    assert reloaded.phone == "09 876 5432"
    assert reloaded.legal_name == saved_centre.legal_name
    assert reloaded.bank_accounts == saved_centre.bank_accounts


def test_escape_reverts_the_form(qtbot, centre_view, store, saved_centre):
    phone = field(centre_view.form, "phone")
    type_into(qtbot, phone, "09 876 5432")
    qtbot.keyClick(phone, Qt.Key.Key_Escape)
    assert phone.text() == saved_centre.phone
    assert not centre_view.dirty


def test_escape_in_a_table_cell_cancels_only_that_cell(qtbot, centre_view, saved_centre):
    phone = field(centre_view.form, "phone")
    type_into(qtbot, phone, "09 876 5432")
    editor = edit_cell(qtbot, centre_view, 0, 1, "OKOYFIHH")

    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    assert table_text(centre_view, 0, 1) == "NDEAFIHH"
    assert phone.text() == "09 876 5432"  # the rest of the form is kept


def test_invalid_iban_in_the_table_shows_an_error_and_saves_nothing(qtbot, view, store):
    save_centre(store, sample_centre())
    view.set_store(store)  # the store changed under the view
    messages: list[str] = []
    view.status.connect(messages.append)
    editor = edit_cell(qtbot, view, 0, 0, "FI21 1234 5600 0007 86")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table_text(view, 0, 0) == "FI21 1234 5600 0007 86")
    type_into(qtbot, field(view.form, "phone"), "09 876 5432")

    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    assert "tarkistusnumerot eivät täsmää" in errors(view.form)
    assert messages[-1] == "Ei tallennettu: tarkista merkityt kentät."
    reloaded = load_centre(store)
    assert reloaded is not None
    assert reloaded.bank_accounts[0].iban == IBAN_COMPACT
    assert reloaded.phone == "040 123 4567"


def test_ticking_another_default_account_clears_the_first(qtbot, centre_view, store, saved_centre):
    qtbot.mouseClick(centre_view.form.accounts.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, centre_view, 1, 0, "FI58 1017 1000 0001 22")
    table = centre_view.form.accounts.table
    table.setFocus()
    table.setCurrentCell(1, 2)
    qtbot.keyClick(table, Qt.Key.Key_Space)

    assert table.item(1, 2).checkState() == Qt.CheckState.Checked
    assert table.item(0, 2).checkState() == Qt.CheckState.Unchecked
    assert centre_view.save()
    reloaded = load_centre(store)
    assert reloaded is not None
    assert [(a.iban, a.is_default) for a in reloaded.bank_accounts] == [
        (IBAN_COMPACT, False),
        ("FI5810171000000122", True),
    ]


def test_saving_with_no_centre_yet_creates_it(qtbot, view, store):
    assert view.empty_note.isVisible()
    form = view.form
    type_text(qtbot, field(form, "legal_name"), "Työpaja Kipinä ry")
    qtbot.keyClicks(field(form, "business_id"), "0737546-2")
    qtbot.mouseClick(form.accounts.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, view, 0, 0, IBAN)  # no Enter: saving keeps what the open cell holds

    with qtbot.waitSignal(view.centre_saved, timeout=2000):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)

    saved = load_centre(store)
    assert saved is not None
    assert saved.legal_name == "Työpaja Kipinä ry"
    assert saved.bank_accounts == [BankAccountInput(IBAN_COMPACT, "", True)]
    assert not view.empty_note.isVisible()


def _centre_audit(store: Store) -> list[tuple[dict[str, object], dict[str, object]]]:
    from sqlalchemy import select

    from jobcenter_desktop.db.models import AuditEntry

    with store.read() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "centre").order_by(AuditEntry.id)
        ).all()
        return [(dict(r.before or {}), dict(r.after or {})) for r in rows]


def test_the_pay_settings_are_ticked_saved_and_audited(qtbot, centre_view, store):
    form = centre_view.form
    identity = field(form, "payroll_identity_code")
    wages = field(form, "pays_wages_itself")
    assert isinstance(identity, QCheckBox) and isinstance(wages, QCheckBox)
    assert identity.text() == "Palkanlaskenta tarvitsee henkilötunnuksen"
    assert wages.text() == "Keskus maksaa palkat itse (palkat pankin maksuaineistoon)"
    assert identity.isVisible() and wages.isVisible()
    assert not identity.isChecked() and not wages.isChecked()  # off until the centre says so
    audited = len(_centre_audit(store))

    qtbot.mouseClick(identity, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wages, Qt.MouseButton.LeftButton)
    assert centre_view.dirty
    with qtbot.waitSignal(centre_view.centre_saved, timeout=2000):
        qtbot.keyClick(identity, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = load_centre(store)
    assert saved is not None
    assert saved.payroll_identity_code and saved.pays_wages_itself
    assert not saved.benefit_limit_blocks and not saved.same_day_rule_blocks
    entries = _centre_audit(store)
    assert len(entries) == audited + 1
    before, after = entries[-1]
    assert (before["payroll_identity_code"], after["payroll_identity_code"]) == (False, True)
    assert (before["pays_wages_itself"], after["pays_wages_itself"]) == (False, True)

    # Opened again, the view shows what was saved; unticking one keeps the other.
    centre_view.set_store(store)
    identity, wages = field(form, "payroll_identity_code"), field(form, "pays_wages_itself")
    assert isinstance(identity, QCheckBox) and isinstance(wages, QCheckBox)
    assert identity.isChecked() and wages.isChecked()
    qtbot.mouseClick(wages, Qt.MouseButton.LeftButton)
    assert centre_view.save()
    saved = load_centre(store)
    assert saved is not None
    assert saved.payroll_identity_code and not saved.pays_wages_itself
    assert _centre_audit(store)[-1][1]["pays_wages_itself"] is False


def test_escape_unticks_an_unsaved_pay_setting(qtbot, centre_view, store):
    wages = field(centre_view.form, "pays_wages_itself")
    assert isinstance(wages, QCheckBox)
    qtbot.mouseClick(wages, Qt.MouseButton.LeftButton)
    assert wages.isChecked()
    qtbot.keyClick(wages, Qt.Key.Key_Escape)
    assert not wages.isChecked() and not centre_view.dirty
    saved = load_centre(store)
    assert saved is not None and not saved.pays_wages_itself


def test_chosen_png_logo_is_saved_and_can_be_removed(
    qtbot, centre_view, store, saved_centre, tmp_path, monkeypatch
):
    picture = png_file(tmp_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(picture), ""))
    )
    logo = centre_view.form.logo

    qtbot.mouseClick(logo.choose_button, Qt.MouseButton.LeftButton)

    preview = logo.preview.pixmap()
    assert not preview.isNull()
    assert preview.width() <= LOGO_WIDTH
    assert preview.height() <= LOGO_HEIGHT
    assert (preview.width(), preview.height()) == (200, 50)  # 400 × 100, scaled to fit
    qtbot.mouseClick(centre_view.save_button, Qt.MouseButton.LeftButton)
    reloaded = load_centre(store)
    assert reloaded is not None
    assert reloaded.logo == picture.read_bytes()

    qtbot.mouseClick(logo.remove_button, Qt.MouseButton.LeftButton)
    assert logo.preview.pixmap().isNull()
    qtbot.mouseClick(centre_view.save_button, Qt.MouseButton.LeftButton)
    reloaded = load_centre(store)
    assert reloaded is not None
    assert reloaded.logo is None


def test_a_file_that_is_not_a_picture_is_refused(qtbot, view, store, tmp_path, monkeypatch):
    save_centre(store, sample_centre())
    view.set_store(store)  # the store changed under the view
    text_file = tmp_path / "logo.png"
    text_file.write_text("not a picture")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(text_file), ""))
    )

    qtbot.mouseClick(view.form.logo.choose_button, Qt.MouseButton.LeftButton)

    assert "tiedosto ei ole PNG- tai JPEG-kuva" in errors(view.form)
    assert view.form.logo.value() is None


def test_language_choice_is_written_to_the_settings(qtbot, view, tmp_path, monkeypatch):
    settings = view.settings
    assert settings is not None
    assert view.language.currentData() == "fi"
    monkeypatch.setattr(view, "offer_restart", lambda language: False)  # "Later"

    qtbot.keyClick(view.language, Qt.Key.Key_Down)

    assert view.language.currentData() == "sv"
    assert settings.value("language") == "sv"
    reread = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    assert reread.value("language") == "sv"
    assert "seuraavan kerran" in view.language_note.text()


def test_data_folder_paths_are_shown(view: SettingsView, tmp_path: Path):
    folder = DataFolder(tmp_path)
    assert view.folder_label.text() == str(folder.root)
    assert view.database_label.text() == str(folder.database)
    assert view.backups_label.text() == str(folder.backups)


def _integrity_module(monkeypatch) -> types.ModuleType:
    name = "jobcenter_desktop.services.integrity"
    try:
        return importlib.import_module(name)
    except ImportError:  # written by another area; stand in for it until it exists
        module = types.ModuleType(name)
        module.check_store = lambda store: []  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, name, module)
        return module


def test_checking_a_sound_data_file(qtbot, centre_view, saved_centre, monkeypatch):
    _integrity_module(monkeypatch)
    qtbot.mouseClick(centre_view.check_button, Qt.MouseButton.LeftButton)
    assert centre_view.check_result.isVisible()
    assert "Datatiedostosta ei löytynyt ongelmia." in centre_view.check_result.text()


def test_checking_shows_the_problems_found(qtbot, view, monkeypatch):
    module = _integrity_module(monkeypatch)
    monkeypatch.setattr(module, "check_store", lambda store: ["Asiakas 3: Y-tunnus puuttuu"])
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    text = view.check_result.text()
    assert "Datatiedostosta löytyi ongelmia:" in text
    assert "Asiakas 3: Y-tunnus puuttuu" in text


# --- translations ----------------------------------------------------------------------------
