"""The centre's details as typed in Settings or the first-run wizard."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobcenter_desktop.domain.enums import VatStatus


@dataclass
class BankAccountInput:
    iban: str = ""
    bic: str = ""
    is_default: bool = False


@dataclass
class CentreInput:
    legal_name: str = ""
    business_id: str = ""
    vat_status: str = VatStatus.REGISTERED.value
    street: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    payment_term_days: str = "14"
    next_invoice_number: str = "1"
    prepayment_register: bool = False
    #: the fee of a payment reminder (a consumer is charged at most 5 €)
    reminder_fee: str = "5,00"
    #: whether the same-day rule stops a booking (True) or only warns (False)
    same_day_rule_blocks: bool = False
    #: whether a gig over a participant's benefit limit stops a booking (True) or only warns
    benefit_limit_blocks: bool = False
    #: whether the payroll export carries the participants' personal identity codes
    payroll_identity_code: bool = False
    #: whether the centre pays the wages itself (they go into the pay run's bank file)
    pays_wages_itself: bool = False
    bank_accounts: list[BankAccountInput] = field(default_factory=list)
    #: the logo picture; None means the centre has no logo (saving None removes it)
    logo: bytes | None = None
