"""A bank's reference-payment file as values: the payments it reports and what could not be read.

``interchange/bank_payments.py`` reads the bytes (viitesiirto or camt.054) into these;
the payments service matches them to invoices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class BankPayment:
    """One incoming payment (or its correction) from the bank's file."""

    #: unique per payment (KTL positions 28–43, camt ``AcctSvcrRef``), stripped
    archive_id: str
    #: as in the file: a Finnish reference without its padding zeros, or the RF reference
    #: (spaces removed, capitals); empty when the payment came without one
    reference: str
    #: euros, positive; a correction or reversal has ``is_correction`` True
    amount: Decimal
    #: the payment date (KTL 22–27; camt ``AccptncDtTm``, else ``ValDt``, else ``BookgDt``)
    paid_on: date
    #: the booking date (KTL 16–21; camt ``BookgDt``, else ``ValDt``)
    booked_on: date
    payer: str
    #: the account paid to: KTL's 14-digit machine-format BBAN, camt's IBAN
    account: str
    is_correction: bool
    #: the 1-based line (KTL) or entry position (camt), for the report
    line: int


@dataclass(frozen=True)
class BankFile:
    """What a bank file held: its format, the payments read, and what could not be read."""

    format: str
    payments: tuple[BankPayment, ...]
    #: one sentence per line or entry that could not be read (line or entry first)
    problems: tuple[str, ...]
