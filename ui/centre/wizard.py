"""The first-run wizard: the centre's name, address and bank account, saved at the end."""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import VatStatus
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_decimal
from jobcenter_desktop.services.registers.centre import label, save_centre
from ui.centre.centre_form import NotedForm, add_prepayment_register, reminder_fee_edit
from ui.forms import ERROR_STYLE, enum_combo, error_text
from ui.navigation import shortcut

WELCOME, ORGANISATION, ADDRESS, INVOICING, SUMMARY = range(5)


def _short(widget: QLineEdit, width: int) -> QLineEdit:
    widget.setMaximumWidth(width)
    return widget


class _FormPage(QWizardPage):
    """A page of fields, checked with the service's own validators before moving on."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = NotedForm()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch()

    def problems(self, checker: v.Checker) -> None:
        """Record the page's problems in ``checker``; tidy what is fine."""

    def validatePage(self) -> bool:
        checker = v.Checker()
        self.problems(checker)
        if checker.has_errors:
            self.form.show_errors(checker.errors)
            return False
        self.form.clear_errors()
        return True

    def _tidy(self, key: str, value: str | None) -> None:
        if value is not None:
            self.form.set_value(key, value)


class WelcomePage(QWizardPage):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.setTitle(_("Welcome"))
        folder = store.path.parent if store.path is not None else ""
        text = QLabel(
            _(
                "This program helps a work-activity centre plan the week's work, record "
                "the hours worked and invoice the customers.\n\n"
                "First tell the program about your centre: its name and business ID, "
                "address and bank account. They are printed on every invoice. "
                "It takes a couple of minutes.\n\n"
                "All the data stays on this computer, in the data folder:"
            )
        )
        text.setWordWrap(True)
        path = QLabel(str(folder))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(path)
        layout.addStretch()


class OrganisationPage(_FormPage):
    def __init__(self) -> None:
        super().__init__(
            _("The organisation"),
            _("The seller's name and business ID, as they are printed on invoices."),
        )
        self.form.add("legal_name", label("legal_name"), QLineEdit())
        business_id = _short(QLineEdit(), 160)
        business_id.setPlaceholderText(_("e.g. 1234567-8"))
        self.form.add("business_id", label("business_id"), business_id)
        self.form.add("vat_status", label("vat_status"), enum_combo(VatStatus))

    def problems(self, checker: v.Checker) -> None:
        checker.require("legal_name", label("legal_name"), self.form.value("legal_name"))
        typed = self.form.value("business_id")
        if checker.require("business_id", label("business_id"), typed):
            self._tidy(
                "business_id",
                checker.check("business_id", label("business_id"), v.business_id, typed),
            )


class AddressPage(_FormPage):
    def __init__(self) -> None:
        super().__init__(
            _("Address and contact"),
            _("Printed on invoices, so that customers know where to reach you."),
        )
        self.form.add("street", label("street"), QLineEdit())
        self.form.add("postal_code", label("postal_code"), _short(QLineEdit(), 90))
        self.form.add("city", label("city"), QLineEdit())
        self.form.add("phone", label("phone"), QLineEdit())
        self.form.add("email", label("email"), QLineEdit())

    def problems(self, checker: v.Checker) -> None:
        for key, validator in (
            ("postal_code", v.postal_code),
            ("phone", v.phone),
            ("email", v.email),
        ):
            self._tidy(key, checker.check(key, label(key), validator, self.form.value(key)))


class InvoicingPage(_FormPage):
    def __init__(self) -> None:
        super().__init__(
            _("Invoicing and bank account"),
            _("The account customers pay to, and what every new invoice starts with."),
        )
        iban = _short(QLineEdit(), 280)
        iban.setPlaceholderText(_("e.g. FI21 1234 5600 0007 85"))
        self.form.add("iban", label("iban"), iban)
        bic = _short(QLineEdit(), 160)
        bic.setPlaceholderText(_("e.g. NDEAFIHH"))
        self.form.add("bic", label("bic"), bic)
        self.form.add("payment_term_days", label("payment_term_days"), _short(QLineEdit(), 90))
        self.form.add("next_invoice_number", label("next_invoice_number"), _short(QLineEdit(), 90))
        self.form.add("reminder_fee", label("reminder_fee"), reminder_fee_edit())
        add_prepayment_register(self.form)

    def problems(self, checker: v.Checker) -> None:
        typed = self.form.value("iban")
        if checker.require("iban", label("iban"), typed):
            iban = checker.check("iban", label("iban"), v.iban, typed)
            self._tidy("iban", None if iban is None else v.format_iban(iban))
        self._tidy("bic", checker.check("bic", label("bic"), v.bic, self.form.value("bic")))
        for key, validator in (
            ("payment_term_days", v.payment_term_days),
            ("next_invoice_number", v.positive_int),
        ):
            checked = checker.check(key, label(key), validator, self.form.value(key))
            self._tidy(key, None if checked is None else str(checked))
        fee = checker.check(
            "reminder_fee", label("reminder_fee"), v.money_amount, self.form.value("reminder_fee")
        )
        self._tidy("reminder_fee", None if fee is None else format_decimal(fee))


class SummaryPage(QWizardPage):
    def __init__(self, wizard: CentreWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(_("Summary"))
        self.setSubTitle(_("Check the details. They are saved when you finish."))
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.errors = QLabel()
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setWordWrap(True)
        self.errors.hide()
        later = QLabel(
            _("You can change all of this later in Settings ({keys}).").format(
                keys=shortcut("settings")
            )
        )
        later.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.errors)
        layout.addStretch()
        layout.addWidget(later)

    def initializePage(self) -> None:
        data = self._wizard.collect()
        account = data.bank_accounts[0]
        address = " ".join(part for part in (data.postal_code, data.city) if part)
        rows = [
            (label("legal_name"), data.legal_name),
            (label("business_id"), data.business_id),
            (label("vat_status"), VatStatus(data.vat_status).label),
            (label("street"), data.street),
            (f"{label('postal_code')}, {label('city')}", address),
            (label("phone"), data.phone),
            (label("email"), data.email),
            (label("iban"), v.format_iban(account.iban)),
            (label("bic"), account.bic),
            (label("payment_term_days"), data.payment_term_days),
            (label("next_invoice_number"), data.next_invoice_number),
            (label("reminder_fee"), f"{data.reminder_fee} €" if data.reminder_fee.strip() else ""),
            (label("prepayment_register"), _("Yes") if data.prepayment_register else _("No")),
        ]
        cells = "".join(
            f"<tr><td style='padding-right:16px'>{html.escape(caption)}</td>"
            f"<td><b>{html.escape(value.strip()) or '–'}</b></td></tr>"
            for caption, value in rows
        )
        self.summary.setText(f"<table cellspacing='3'>{cells}</table>")
        self.errors.hide()

    def validatePage(self) -> bool:
        return self._wizard.save()

    def show_problems(self, messages: list[str]) -> None:
        heading = _("Not saved. Go back and correct these:")
        self.errors.setText("\n".join([heading, *(error_text(m) for m in messages)]))
        self.errors.show()


class CentreWizard(QWizard):
    """Asks for the centre's details on first start; ``exec()`` is truthy once they are saved."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.saved_id: int | None = None
        self.setWindowTitle(_("Set up the centre"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.organisation = OrganisationPage()
        self.address = AddressPage()
        self.invoicing = InvoicingPage()
        self.summary = SummaryPage(self)
        self.setPage(WELCOME, WelcomePage(store))
        self.setPage(ORGANISATION, self.organisation)
        self.setPage(ADDRESS, self.address)
        self.setPage(INVOICING, self.invoicing)
        self.setPage(SUMMARY, self.summary)
        defaults = CentreInput()
        for page in self.form_pages():
            page.form.load(defaults)
        self.resize(680, 500)

    def form_pages(self) -> list[_FormPage]:
        return [self.organisation, self.address, self.invoicing]

    def collect(self) -> CentreInput:
        """What has been typed on every page, as the service takes it."""
        data = CentreInput()
        for page in self.form_pages():
            data = page.form.collect(data)
        form = self.invoicing.form
        account = BankAccountInput(form.value("iban"), form.value("bic"), True)
        return dataclasses.replace(data, bank_accounts=[account])

    def save(self) -> bool:
        try:
            self.saved_id = save_centre(self.store, self.collect())
        except v.ValidationError as error:
            self._show_errors(error.errors)
            return False
        except UserError as error:
            self.summary.show_problems([str(error)])
            return False
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        """Each message at its field on its page, and all of them on the summary page."""
        placed: dict[int, dict[str, str]] = {}
        for key, message in errors.items():
            field = key.split(".")[0]
            if field == "bank_accounts":
                field = "bic" if key.endswith(".bic") else "iban"
            for index, page in enumerate(self.form_pages()):
                if field in page.form.widgets:
                    placed.setdefault(index, {})[field] = message
        for index, page in enumerate(self.form_pages()):
            page.form.show_errors(placed.get(index, {}))
        self.summary.show_problems(list(errors.values()))
