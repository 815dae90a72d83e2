"""The centre itself: the seller on every invoice, set up by the first-run wizard."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import BankAccount, Centre, Invoice
from jobcenter_desktop.db.records import choose
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import VatStatus
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

MAX_LOGO_BYTES = 2 * 1024 * 1024
LOGO_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}

LABELS = {
    "legal_name": N_("Legal name"),
    "business_id": N_("Business ID"),
    "vat_status": N_("VAT status"),
    "street": N_("Street address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "payment_term_days": N_("Default payment term (days)"),
    "next_invoice_number": N_("Next invoice number"),
    "prepayment_register": N_("In the prepayment register"),
    "bank_accounts": N_("Bank accounts"),
    "iban": N_("IBAN"),
    "bic": N_("BIC"),
    "logo": N_("Logo"),
    "same_day_rule_blocks": N_("The same-day rule blocks a booking"),
    "benefit_limit_blocks": N_("A benefit limit blocks a booking"),
    "payroll_identity_code": N_("The payroll needs the personal identity code"),
    "pays_wages_itself": N_(
        "The centre pays the wages itself (the wages go into the bank payment file)"
    ),
    "reminder_fee": N_("Reminder fee"),
}


def label(key: str) -> str:
    return _(LABELS[key])


def _logo_mime(logo: bytes) -> str:
    if len(logo) > MAX_LOGO_BYTES:
        raise v.FieldError(_("is larger than 2 MB"))
    for magic, mime in LOGO_TYPES.items():
        if logo.startswith(magic):
            return mime
    raise v.FieldError(_("must be a PNG or JPEG picture"))


def _validate(checker: v.Checker, data: CentreInput) -> dict[str, Any]:
    values: dict[str, Any] = {
        "legal_name": checker.require("legal_name", label("legal_name"), data.legal_name),
        "vat_status": choose(
            checker, "vat_status", label("vat_status"), VatStatus, data.vat_status
        ),
        "street": data.street.strip(),
        "city": data.city.strip(),
        "prepayment_register": data.prepayment_register,
        "same_day_rule_blocks": data.same_day_rule_blocks,
        "benefit_limit_blocks": data.benefit_limit_blocks,
        "payroll_identity_code": data.payroll_identity_code,
        "pays_wages_itself": data.pays_wages_itself,
    }
    if checker.require("business_id", label("business_id"), data.business_id):
        values["business_id"] = checker.check(
            "business_id", label("business_id"), v.business_id, data.business_id
        )
    for key, validator in (
        ("postal_code", v.postal_code),
        ("phone", v.phone),
        ("email", v.email),
    ):
        values[key] = checker.check(key, label(key), validator, getattr(data, key)) or ""
    values["payment_term_days"] = checker.check(
        "payment_term_days",
        label("payment_term_days"),
        v.payment_term_days,
        data.payment_term_days or "14",
    )
    values["next_invoice_number"] = checker.check(
        "next_invoice_number",
        label("next_invoice_number"),
        v.positive_int,
        data.next_invoice_number or "1",
    )
    values["reminder_fee"] = checker.check(
        "reminder_fee", label("reminder_fee"), v.money_amount, data.reminder_fee or "0"
    )
    if data.logo:
        values["logo_mime"] = checker.check("logo", label("logo"), _logo_mime, data.logo)
    return values


def _accounts(checker: v.Checker, accounts: list[BankAccountInput]) -> list[BankAccount]:
    if not accounts:
        checker.add("bank_accounts", label("bank_accounts"), _("add at least one bank account"))
    result = []
    for index, account in enumerate(accounts, start=1):
        key = f"bank_accounts.{index}"
        iban = None
        if checker.require(key, f"{label('iban')} {index}", account.iban):
            iban = checker.check(key, f"{label('iban')} {index}", v.iban, account.iban)
        bic = checker.check(f"{key}.bic", f"{label('bic')} {index}", v.bic, account.bic)
        result.append(BankAccount(iban=iban or "", bic=bic or "", is_default=account.is_default))
    if result and sum(a.is_default for a in result) != 1:
        if sum(a.is_default for a in result) == 0:
            result[0].is_default = True
        else:
            checker.add("bank_accounts", label("bank_accounts"), _("mark exactly one as default"))
    return result


def _refuse_used_number(session: Session, checker: v.Checker, number: int | None) -> None:
    """The next invoice number must be above every issued one (the store refuses it too)."""
    if number is None:
        return
    issued = session.scalar(select(func.max(Invoice.number)))
    if issued is not None and number <= issued:
        checker.add(
            "next_invoice_number",
            label("next_invoice_number"),
            _("must be greater than {number}, the last invoice number issued").format(
                number=issued
            ),
        )


def get_centre_id(store: Store) -> int | None:
    with store.read() as session:
        return session.scalar(select(Centre.id).order_by(Centre.id).limit(1))


def save_centre(store: Store, data: CentreInput) -> int:
    """Create the centre on first run or update it; there is only ever one."""
    with store.write() as tx:
        checker = v.Checker()
        values = _validate(checker, data)
        accounts = _accounts(checker, data.bank_accounts)
        checker.raise_if_any()
        row = tx.session.scalar(select(Centre).order_by(Centre.id).limit(1))
        _refuse_used_number(tx.session, checker, values.get("next_invoice_number"))
        checker.raise_if_any()
        before = None if row is None else centre_snapshot(row)
        if row is None:
            row = Centre()
            tx.session.add(row)
        for key, value in values.items():
            setattr(row, key, value)
        row.logo = data.logo or None
        if not row.logo:
            row.logo_mime = ""
        # Keep an account's row (and id) when its IBAN stays, so references to it hold.
        existing = {account.iban: account for account in row.bank_accounts}
        kept = []
        for account in accounts:
            same = existing.pop(account.iban, None)
            if same is not None:
                same.bic = account.bic
                same.is_default = account.is_default
                account = same
            kept.append(account)
        row.bank_accounts = kept
        tx.session.flush()
        tx.record(
            "centre", row.id, "create" if before is None else "update", before, centre_snapshot(row)
        )
        return row.id


def centre_snapshot(row: Centre) -> dict[str, Any]:
    values = snapshot(row)
    values["bank_accounts"] = [snapshot(account) for account in row.bank_accounts]
    return values
