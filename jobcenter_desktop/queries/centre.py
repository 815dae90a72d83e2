"""The centre's details for the settings form and the window title."""

from __future__ import annotations

from sqlalchemy import select

from jobcenter_desktop.db.models import Centre
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput


def load_centre(store: Store) -> CentreInput | None:
    with store.read() as session:
        row = session.scalar(select(Centre).order_by(Centre.id).limit(1))
        if row is None:
            return None
        return CentreInput(
            legal_name=row.legal_name,
            business_id=row.business_id,
            vat_status=row.vat_status.value,
            street=row.street,
            postal_code=row.postal_code,
            city=row.city,
            phone=row.phone,
            email=row.email,
            payment_term_days=str(row.payment_term_days),
            next_invoice_number=str(row.next_invoice_number),
            prepayment_register=row.prepayment_register,
            reminder_fee=f"{row.reminder_fee:.2f}".replace(".", ","),
            same_day_rule_blocks=row.same_day_rule_blocks,
            benefit_limit_blocks=row.benefit_limit_blocks,
            payroll_identity_code=row.payroll_identity_code,
            pays_wages_itself=row.pays_wages_itself,
            bank_accounts=[
                BankAccountInput(a.iban, a.bic, a.is_default) for a in row.bank_accounts
            ],
            logo=row.logo,
        )


def centre_name(store: Store) -> str | None:
    with store.read() as session:
        return session.scalar(select(Centre.legal_name).order_by(Centre.id).limit(1))
