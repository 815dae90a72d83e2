"""The payment QR code (EPC QR, "GiroCode") of an invoice: the text it carries and the
code itself.

The text is lines separated by LF: ``BCD``, ``001``, ``1`` (UTF-8), ``SCT``, the BIC,
the payee's name (at most 70 characters), the IBAN, ``EUR`` and the amount with a dot
(``EUR125.50``), an empty purpose line, the RF reference, an empty line for the
unstructured message and, in Finnish practice, the due date as
``ReqdExctnDt/YYYY-MM-DD``. Without a due date the text ends at the RF reference:
the EPC guideline lets no separator follow the last filled line. Rules:
``FINNISH-RULES.md``.

Build the code with :func:`epc_qr_code`, not ``segno.make(payload)``: segno writes text
that fits ISO 8859-1 (a name with ä or ö) in that encoding, while the ``1`` on the third
line promises UTF-8, so a bank app would show the name garbled.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import segno
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban

from jobcenter_desktop.domain.money import round_cents
from jobcenter_desktop.domain.references import is_rf_reference, normalise_reference

MIN_EPC_AMOUNT = Decimal("0.01")
MAX_EPC_AMOUNT = Decimal("999999999.99")
MAX_NAME_CHARS = 70
#: The largest QR code version a payer's app must read (331 bytes of text at level M).
MAX_EPC_VERSION = 13


def epc_payload(
    *, bic: str, name: str, iban: str, amount: Decimal, rf_reference: str, due: date | None
) -> str:
    """The text of the payment QR code (see the module's description).

    Raises ``ValueError`` for an invalid BIC, IBAN or RF reference, an empty name, or an
    amount outside 0,01–999 999 999,99 € (after rounding to the cent).
    """
    bic_text = stdnum_bic.compact(bic)
    if not stdnum_bic.is_valid(bic_text):
        raise ValueError(f"not a BIC: {bic!r}")
    payee = " ".join(name.split())[:MAX_NAME_CHARS]
    if not payee:
        raise ValueError("the payment QR code needs the payee's name")
    iban_text = stdnum_iban.compact(iban)
    if not stdnum_iban.is_valid(iban_text):
        raise ValueError(f"not an IBAN: {iban!r}")
    if not amount.is_finite():
        raise ValueError(f"not an amount of money: {amount}")
    cents = round_cents(amount)
    if not MIN_EPC_AMOUNT <= cents <= MAX_EPC_AMOUNT:
        raise ValueError(f"the payment QR code carries 0.01-999999999.99 euros, not {amount}")
    if not is_rf_reference(rf_reference):
        raise ValueError(f"not an RF reference: {rf_reference!r}")
    lines = [
        "BCD",
        "001",
        "1",
        "SCT",
        bic_text,
        payee,
        iban_text,
        f"EUR{cents:.2f}",
        "",
        normalise_reference(rf_reference),
    ]
    if due is not None:
        lines += ["", f"ReqdExctnDt/{due.isoformat()}"]
    return "\n".join(lines)


def epc_qr_code(payload: str) -> segno.QRCode:
    """The ``segno`` QR code of ``payload``: UTF-8 bytes, error correction level M
    (never raised to a higher level, never a Micro QR code).

    Raises ``ValueError`` when the text needs a code larger than version 13, the
    largest a payer's app must read.
    """
    code = segno.make_qr(payload.encode("utf-8"), error="m", boost_error=False)
    if not isinstance(code.version, int) or code.version > MAX_EPC_VERSION:
        raise ValueError(f"the payment QR text is too long: {len(payload.encode())} bytes")
    return code
