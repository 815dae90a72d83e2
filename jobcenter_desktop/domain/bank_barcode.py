"""The Finnish bank barcode (pankkiviivakoodi): 54 digits with the payee's account, the
amount, the reference and the due date, printed as Code 128 subset C on the payment
slip and as text (the virtual barcode) for pasting into online banking.

Version 4 carries a Finnish reference, version 5 an RF reference:

====== ============================== ===================================
digits version 4                      version 5
====== ============================== ===================================
1      ``4``                          ``5``
2–17   IBAN without ``FI``            same
18–25  euros (6) and cents (2)        same
26–48  ``000`` + reference (20)       RF check digits (2) + RF body (21)
49–54  due date YYMMDD or ``000000``  same
====== ============================== ===================================

Only Finnish IBANs and euros. An amount the code cannot carry (none, negative, or
above 999 999,99 €) is written as zeros: the payer types it in. Rules and test
vectors: ``FINNISH-RULES.md``.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from stdnum import iban as stdnum_iban

from jobcenter_desktop.domain.money import round_cents
from jobcenter_desktop.domain.references import (
    is_national_reference,
    is_rf_reference,
    normalise_reference,
)

#: The largest amount the code carries; a larger one is written as zeros.
MAX_BARCODE_AMOUNT = Decimal("999999.99")
_FI_IBAN_RE = re.compile(r"FI[0-9]{16}")
_RF_BODY_DIGITS_RE = re.compile(r"[0-9]{1,21}")


def _account_digits(iban: str) -> str:
    """The 16 digits after ``FI`` of a valid Finnish IBAN; ``ValueError`` otherwise."""
    compact = normalise_reference(iban)
    if not _FI_IBAN_RE.fullmatch(compact) or not stdnum_iban.is_valid(compact):
        raise ValueError(f"the bank barcode needs a valid Finnish IBAN (FI…), not {iban!r}")
    return compact[2:]


def _amount_digits(amount: Decimal | None) -> str:
    """Euros (6) and cents (2); zeros when the code cannot carry the amount."""
    if amount is None:
        return "0" * 8
    if not amount.is_finite():
        raise ValueError(f"not an amount of money: {amount}")
    cents = round_cents(amount)
    if cents < 0 or cents > MAX_BARCODE_AMOUNT:
        return "0" * 8
    return f"{int(cents.scaleb(2)):08d}"


def _due_digits(due: date | None) -> str:
    return "000000" if due is None else due.strftime("%y%m%d")


def _reference_part(reference: str) -> tuple[str, str]:
    """The version digit and digits 26–48 for ``reference`` (Finnish or RF)."""
    compact = normalise_reference(reference)
    if compact.startswith("RF"):
        body = compact[4:]
        if not is_rf_reference(compact) or not _RF_BODY_DIGITS_RE.fullmatch(body):
            raise ValueError(
                f"the bank barcode needs an RF reference with a body of digits, not {reference!r}"
            )
        return "5", compact[2:4] + body.zfill(21)
    if not is_national_reference(compact):
        raise ValueError(f"not a Finnish reference number or RF reference: {reference!r}")
    return "4", "000" + compact.zfill(20)


def bank_barcode(iban: str, reference: str, amount: Decimal | None, due: date | None) -> str:
    """The 54 digits of the bank barcode: version 4 for a Finnish reference, version 5
    for an RF reference (spaces allowed in ``iban`` and ``reference``).

    Raises ``ValueError`` for an IBAN that is not a valid Finnish one, or a reference
    that is neither a valid Finnish reference nor an RF reference with a body of digits.
    """
    account = _account_digits(iban)
    version, reference_digits = _reference_part(reference)
    return version + account + _amount_digits(amount) + reference_digits + _due_digits(due)


def virtual_barcode(iban: str, reference: str, amount: Decimal | None, due: date | None) -> str:
    """The virtual barcode (virtuaaliviivakoodi): the bank barcode's 54 digits as the
    text a payer pastes into online banking."""
    return bank_barcode(iban, reference, amount, due)
