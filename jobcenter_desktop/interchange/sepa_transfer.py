"""Paying the participants: a SEPA credit transfer file (ISO 20022 ``pain.001.001.03``).

:func:`credit_transfer_xml` turns a list of payments (allowances, or wages when the
centre pays them itself) into the file a Finnish bank takes for outgoing transfers:
one ``PmtInf`` with the centre's (the debtor's) name, IBAN and BIC and the requested
execution date, a ``CdtTrfTxInf`` per payee with name, IBAN, amount, a unique
``EndToEndId`` and a short unstructured message, and the group header's number of
transactions (``NbOfTxs``) and control sum (``CtrlSum``). The XML is built by the
``sepaxml`` library; the result is checked against the ``pain.001.001.03`` schema that
``sepaxml`` ships, with lxml (its own check rebuilds the schema on every call, which
takes about a second).

The inputs are plain values (the centre's account from Settings, the payees of a pay
run), so this module never reads the store. Wrong input is refused as a whole with
:class:`SepaTransferError` (a ``UserError``), one sentence per problem naming the payee,
before anything is made. Names and messages are folded to the SEPA character set
(``Päivi Åström`` → ``Paivi Astrom``), which every bank accepts.

Rules: ``FINNISH-RULES.md``, "Paying participants: SEPA credit transfer".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import sepaxml
from lxml import etree
from text_unidecode import unidecode

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain import validation
from jobcenter_desktop.domain.money import CENT
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_money

#: The pain.001 version Finnish banks accept.
SCHEMA = "pain.001.001.03"
#: The largest amount of one SEPA credit transfer.
MAX_AMOUNT = Decimal("999999999.99")
NAME_MAX = 70  # Max70Text: longer names are cut
REMITTANCE_MAX = 140  # Max140Text
CURRENCY = "EUR"

# The SEPA (EPC) basic Latin character set: what every bank takes in names and messages.
_OUTSIDE_SEPA_RE = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]+")
_SPACES_RE = re.compile(r"\s+")
# Identifiers (MsgId, EndToEndId): 1-35 characters of the set, no spaces; EPC also
# forbids a leading or trailing "/" and "//" inside.
_ID_END = r"[A-Za-z0-9\-?:().,'+]"
_IDENTIFIER_RE = re.compile(_ID_END + r"(?:(?!.*//)[A-Za-z0-9/\-?:().,'+]{0,33}" + _ID_END + ")?")

# BICs of Finnish banks by the first digits of the account number (the IBAN's
# characters 5 onwards), after Finanssiala's public list of bank codes; the longest
# prefix wins. Banks left out here need the BIC typed in the centre's settings.
_FINNISH_BICS = {
    "1": "NDEAFIHH",  # Nordea
    "2": "NDEAFIHH",  # Nordea
    "34": "DABAFIHX",  # Danske Bank
    "36": "SBANFIHH",  # S-Pankki
    "39": "SBANFIHH",  # S-Pankki
    "4": "ITELFIHH",  # Säästöpankit
    "405": "HELSFIHH",  # Aktia
    "47": "POPFFI22",  # POP Pankit, Bonum
    "497": "HELSFIHH",  # Aktia
    "5": "OKOYFIHH",  # OP
    "6": "AABAFI22",  # Ålandsbanken
    "715": "ITELFIHH",  # Säästöpankit
    "799": "HOLVFIHH",  # Holvi
    "8": "DABAFIHH",  # Danske Bank
}


@dataclass(frozen=True)
class Debtor:
    """The payer: the centre's name and bank account; ``bic`` may be empty for a Finnish
    IBAN whose bank is known from its first digits."""

    name: str
    iban: str
    bic: str = ""


@dataclass(frozen=True)
class Transfer:
    """One payment: the payee's name and IBAN, the amount in euros, the payment's own
    identifier (unique in the file, 1-35 characters) and a short message."""

    name: str
    iban: str
    amount: Decimal
    end_to_end_id: str
    remittance: str


class SepaTransferError(UserError):
    """The transfers cannot be put in a file; ``problems`` are the reasons, one sentence each."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def sepa_text(text: str) -> str:
    """``text`` in the SEPA character set: letters folded (``Åström`` → ``Astrom``), other
    characters outside the set made spaces, runs of spaces made one."""
    folded = _OUTSIDE_SEPA_RE.sub(" ", unidecode(text))
    return _SPACES_RE.sub(" ", folded).strip()


def finnish_bic(iban: str) -> str | None:
    """The BIC of a Finnish IBAN's bank from its first digits, or ``None`` when unknown."""
    compact = iban.replace(" ", "").upper()
    if not compact.startswith("FI") or len(compact) < 5:
        return None
    digits = compact[4:]
    for length in (3, 2, 1):
        found = _FINNISH_BICS.get(digits[:length])
        if found is not None:
            return found
    return None


def schema_path() -> Path:
    """The ``pain.001.001.03`` schema file that ``sepaxml`` ships."""
    return Path(sepaxml.__file__).resolve().parent / "schemas" / f"{SCHEMA}.xsd"


@functools.cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(schema_path())))


def credit_transfer_xml(
    debtor: Debtor, payments: Sequence[Transfer], execution_date: date, message_id: str
) -> bytes:
    """The ``pain.001.001.03`` file (UTF-8 bytes) paying ``payments`` from the debtor's
    account on ``execution_date``; ``message_id`` is the file's own identifier (1-35
    characters, unique per file for the bank, e.g. the pay run's number).

    Raises :class:`SepaTransferError` naming every problem in the input; nothing is made.
    """
    problems: list[str] = []
    debtor_name, debtor_iban, debtor_bic = _check_debtor(debtor, problems)
    if not _IDENTIFIER_RE.fullmatch(message_id):
        problems.append(
            _(
                "The payment file's identifier “{id}” cannot be used: give 1–35 letters "
                "or digits (also - ? : ( ) . , ' + and / inside)."
            ).format(id=message_id)
        )
    if not payments:
        problems.append(
            _("There are no payments to put in the file. Choose a period with payments.")
        )
    rows = [
        _check_transfer(number, payment, problems) for number, payment in enumerate(payments, 1)
    ]
    seen: set[str] = set()
    for payment in payments:
        if payment.end_to_end_id in seen:
            problems.append(
                _(
                    "The payment identifier “{id}” is used more than once (again for {name}). "
                    "Give each payment its own identifier."
                ).format(id=payment.end_to_end_id, name=payment.name)
            )
        seen.add(payment.end_to_end_id)
    if problems:
        raise SepaTransferError(problems)

    transfer = _Transfer(
        {
            "name": debtor_name,
            "IBAN": debtor_iban,
            "BIC": debtor_bic,
            "batch": True,  # one PmtInf for all payments of the same date
            "currency": CURRENCY,
        },
        message_id,
    )
    day = date(execution_date.year, execution_date.month, execution_date.day)
    for payment, (name, iban, cents, remittance) in zip(payments, rows, strict=True):
        transfer.add_payment(
            {
                "name": name,
                "IBAN": iban,
                "amount": cents,
                "execution_date": day,
                "description": remittance,
                "endtoend_id": payment.end_to_end_id,
            }
        )
    data: bytes = transfer.export(validate=False)
    _validate(data)
    return data


def _check_debtor(debtor: Debtor, problems: list[str]) -> tuple[str, str, str]:
    name = sepa_text(debtor.name)[:NAME_MAX]
    if not name:
        problems.append(
            _("The centre has no name for the payment file. Enter the centre's name in Settings.")
        )
    iban = ""
    try:
        iban = validation.iban(debtor.iban)
    except validation.FieldError as error:
        problems.append(
            _(
                "The centre's account number (IBAN) “{iban}” cannot be used: {problem}. "
                "Correct it in Settings."
            ).format(iban=debtor.iban, problem=error.message)
        )
    bic = ""
    if debtor.bic.strip():
        try:
            bic = validation.bic(debtor.bic.strip())
        except validation.FieldError as error:
            problems.append(
                _(
                    "The centre's BIC “{bic}” cannot be used: {problem}. Correct it in Settings."
                ).format(bic=debtor.bic, problem=error.message)
            )
    elif iban:
        bic = finnish_bic(iban) or ""
        if not bic:
            problems.append(
                _(
                    "The bank of the centre's account {iban} is not known from its number. "
                    "Enter the bank's BIC in Settings."
                ).format(iban=validation.format_iban(iban))
            )
    return name, iban, bic


def _check_transfer(
    number: int, payment: Transfer, problems: list[str]
) -> tuple[str, str, int, str]:
    """The payment's folded name, compact IBAN, cents and folded message; problems noted."""
    name = sepa_text(payment.name)[:NAME_MAX]
    label = payment.name.strip() or _("payment {number}").format(number=number)
    if not name:
        problems.append(
            _("Payment {number} has no payee name. Enter the participant's name.").format(
                number=number
            )
        )
    iban = ""
    if not payment.iban.strip():
        problems.append(
            _("{name} has no account number (IBAN). Enter it in the participant's details.").format(
                name=label
            )
        )
    else:
        try:
            iban = validation.iban(payment.iban)
        except validation.FieldError as error:
            problems.append(
                _(
                    "The account number (IBAN) “{iban}” of {name} cannot be used: {problem}. "
                    "Correct it in the participant's details."
                ).format(iban=payment.iban, name=label, problem=error.message)
            )
    cents = _cents(payment.amount, label, problems)
    if not _IDENTIFIER_RE.fullmatch(payment.end_to_end_id):
        problems.append(
            _(
                "The payment identifier “{id}” of {name} cannot be used: give 1–35 letters "
                "or digits (also - ? : ( ) . , ' + and / inside)."
            ).format(id=payment.end_to_end_id, name=label)
        )
    remittance = sepa_text(payment.remittance)
    if not remittance:
        problems.append(
            _(
                "The payment to {name} has no message. Give a short message, such as the "
                "month the payment is for."
            ).format(name=label)
        )
    elif len(remittance) > REMITTANCE_MAX:
        problems.append(
            _(
                "The message of the payment to {name} is longer than {count} characters. "
                "Shorten it."
            ).format(name=label, count=REMITTANCE_MAX)
        )
    return name, iban, cents, remittance


def _cents(amount: Decimal, label: str, problems: list[str]) -> int:
    """The amount in whole cents, exactly (never through a float); 0 with a problem noted."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"amount must be a Decimal, not {type(amount).__name__}")
    if not amount.is_finite() or amount <= 0:
        problems.append(
            _(
                "The amount to {name} is {amount}. Only an amount above zero can be paid: "
                "correct it or leave the payment out."
            ).format(name=label, amount=format_money(amount) if amount.is_finite() else amount)
        )
        return 0
    if amount.quantize(CENT) != amount:
        problems.append(
            _("The amount to {name} ({amount}) has fractions of a cent. Give whole cents.").format(
                name=label, amount=amount
            )
        )
        return 0
    if amount > MAX_AMOUNT:
        problems.append(
            _(
                "The amount to {name} ({amount}) is more than one transfer can carry. "
                "Split it into smaller payments."
            ).format(name=label, amount=format_money(amount))
        )
        return 0
    return int(amount.scaleb(2))


def _validate(data: bytes) -> None:
    """Refuse a file that does not follow the pain.001.001.03 schema (a fault of this module
    or of sepaxml, never of the user's input: that was checked before)."""
    try:
        _schema().assertValid(etree.fromstring(data))
    except etree.DocumentInvalid as error:
        raise SepaTransferError(
            [
                _(
                    "The payment file does not follow the bank's format ({reason}), so it "
                    "was not made. Report this to the program's support."
                ).format(reason=f"{SCHEMA}: {error}")
            ]
        ) from None


class _Transfer(sepaxml.SepaTransfer):  # type: ignore[misc]
    """sepaxml's credit transfer with the caller's message id in the group header (sepaxml
    makes a random one and writes it into the header as it starts)."""

    def __init__(self, config: dict[str, object], message_id: str) -> None:
        self._message_id = message_id
        super().__init__(config, schema=SCHEMA, clean=True)

    def _create_header(self) -> None:
        self.msg_id = self._message_id
        super()._create_header()
