"""The bank's files of incoming reference payments: viitesiirto ("KTL") and camt.054.

:func:`read_bank_file` tells the format from the content and reads the payments, each
with the archive id the bank gives it (the same file imported twice must add nothing,
so the archive id is what a payment is known by), the reference it was paid with, the
amount in euros (always positive; a correction or reversal is marked, not negative),
the dates, the payer and the account it was paid to. A line or entry that cannot be
read is left out and named in ``problems``, one sentence each, the line (or entry)
first; a file that is neither format is refused with :class:`ImportFileError`.

**Viitesiirto (KTL)**: fixed-width lines of 90 characters, ISO 8859-1 or ASCII (UTF-8
is read too), amounts in cents, dates YYMMDD. A batch line ``0``, a payment line ``3``
per payment (``5``, or correction flag ``1`` at position 88, for a correction) and a sum
line ``9`` with the number and sum of payments and of corrections, which are checked
against the lines read. The reference (positions 44–63) loses its padding zeros.

**camt.054** (``BkToCstmrDbtCdtNtfctn``, any ``camt.054.001.*`` version): credit
entries only (``CdtDbtInd`` ``CRDT``); each ``NtryDtls/TxDtls`` is a payment, an entry
without any is one payment itself. ``RvslInd`` true marks a reversal. Files come from
outside: entities are never expanded and a file with a document type declaration
(which a bank's file never has) is refused, so an "XML bomb" stays a small file.

Positions and paths: ``FINNISH-RULES.md``, "Payments from the bank".
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from jobcenter_desktop.domain.bank_file import BankFile, BankPayment
from jobcenter_desktop.domain.limits import import_max_bytes
from jobcenter_desktop.domain.money import from_cents
from jobcenter_desktop.domain.references import normalise_reference
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_money
from jobcenter_desktop.interchange.tabular import MAX_PROBLEMS, ImportFileError

FORMAT_KTL = "ktl"
FORMAT_CAMT054 = "camt.054"
KTL_LINE_LENGTH = 90

_UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_DIGITS_RE = re.compile(r"[0-9]+")
_CAMT_AMOUNT_RE = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,2})?")
_ISO_DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def read_bank_file(data: bytes) -> BankFile:
    """The payments of a viitesiirto (KTL) or camt.054 file, told apart by content.

    Raises :class:`ImportFileError` (a ``UserError``) for a file over the import size
    limit, an empty one, or one that is neither format.
    """
    limit = import_max_bytes()
    if len(data) > limit:
        raise ImportFileError(
            _(
                "The file is larger than {limit} MB, far larger than a bank's payment file."
                " Check that you chose the reference-payment file from the bank."
            ).format(limit=_megabytes(limit))
        )
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.strip(b"\x1a"):
        raise ImportFileError(
            _("The file is empty. Choose the reference-payment file you got from the bank.")
        )
    if data.startswith(_UTF16_MARKS):
        return _read_camt(data)
    if start.startswith(b"<"):
        return _read_camt(start)
    return _read_ktl(data)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return str(int(value)) if value >= 1 else f"{value:.2f}".rstrip("0").rstrip(".")


def _not_a_bank_file() -> ImportFileError:
    return ImportFileError(
        _(
            "The file is not a bank's reference-payment file. Choose a viitesiirto file"
            " (lines of 90 characters) or an ISO 20022 camt.054 XML file from your bank."
        )
    )


def _capped(problems: Sequence[str]) -> tuple[str, ...]:
    if len(problems) <= MAX_PROBLEMS:
        return tuple(problems)
    rest = len(problems) - MAX_PROBLEMS
    return (
        *problems[:MAX_PROBLEMS],
        _("… and {count} more problems like these.").format(count=rest),
    )


def _reference(text: str) -> str:
    """A reference as the report shows it and matching compares it: a Finnish one
    without padding zeros, an RF one compact in capitals."""
    compact = normalise_reference(text)
    return compact.lstrip("0") if compact.isdigit() else compact


# --- viitesiirto (KTL) ---------------------------------------------------------


def _ktl_text(data: bytes) -> str:
    if b"\x00" in data:
        raise _not_a_bank_file()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text.rstrip("\x1a\r\n")  # an old DOS end-of-file mark, line breaks around it


def _ktl_lines(text: str) -> list[str]:
    """The lines of the file; one long line of whole 90-character records is split."""
    lines = _LINE_BREAK_RE.split(text)
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) == 1 and len(lines[0]) > KTL_LINE_LENGTH and len(lines[0]) % KTL_LINE_LENGTH == 0:
        record = lines[0]
        lines = [record[i : i + KTL_LINE_LENGTH] for i in range(0, len(record), KTL_LINE_LENGTH)]
    return lines


def _looks_like_ktl(line: str) -> bool:
    """Whether the first line is a viitesiirto record: 0, 3, 5 or 9 followed by digits
    (a date, an account or a count), at most 90 characters besides trailing spaces."""
    return (
        line[:1] in ("0", "3", "5", "9")
        and len(line.rstrip(" ")) <= KTL_LINE_LENGTH
        and bool(_DIGITS_RE.fullmatch(line[1:7]))
    )


def _yymmdd(text: str) -> date | None:
    if not _DIGITS_RE.fullmatch(text) or len(text) != 6:
        return None
    try:
        return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:6]))
    except ValueError:
        return None


@dataclass
class _Batch:
    """Payments read since the last batch or sum line, to check against the sum line."""

    first_line: int
    count: int = 0
    total: int = 0
    corrections: int = 0
    corrections_total: int = 0

    def add(self, payment: BankPayment) -> None:
        cents = int(payment.amount.scaleb(2))
        if payment.is_correction:
            self.corrections += 1
            self.corrections_total += cents
        else:
            self.count += 1
            self.total += cents


def _read_ktl(data: bytes) -> BankFile:
    lines = _ktl_lines(_ktl_text(data))
    first = next((line for line in lines if line.strip()), "")
    if not _looks_like_ktl(first):
        raise _not_a_bank_file()
    payments: list[BankPayment] = []
    problems: list[str] = []
    seen: dict[tuple[str, bool], int] = {}
    batch: _Batch | None = None
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        line = raw
        if len(line) > KTL_LINE_LENGTH and not line[KTL_LINE_LENGTH:].strip():
            line = line[:KTL_LINE_LENGTH]
        kind = line[0]
        if kind == "0":
            if batch is not None:
                problems.append(_no_sum_line(batch.first_line))
            batch = _Batch(number)
        elif kind in ("3", "5"):
            if batch is None:
                batch = _Batch(number)
            payment, problem = _ktl_payment(line, number)
            if problem is not None:
                problems.append(problem)
            elif payment is not None:
                key = (payment.archive_id, payment.is_correction)
                if key in seen:
                    problems.append(_duplicate(number, payment.archive_id, seen[key]))
                    continue
                seen[key] = number
                payments.append(payment)
                batch.add(payment)
        elif kind == "9":
            problems.extend(_ktl_sum_problems(line, number, batch or _Batch(number)))
            batch = None
        else:
            problems.append(
                _(
                    "Line {line}: the line starts with “{mark}”, which no line of a"
                    " viitesiirto file does (0, 3, 5 or 9); the line was left out."
                ).format(line=number, mark=kind)
            )
    if batch is not None:
        problems.append(_no_sum_line(batch.first_line))
    return BankFile(FORMAT_KTL, tuple(payments), _capped(problems))


def _no_sum_line(line: int) -> str:
    return _(
        "Line {line}: the batch that starts here has no sum line (9), so the file may be"
        " cut short. Ask the bank for the file again."
    ).format(line=line)


def _duplicate(line: int, archive_id: str, earlier: int) -> str:
    return _(
        "Line {line}: the payment with archive id {archive_id} is already on line {earlier};"
        " it was counted once."
    ).format(line=line, archive_id=archive_id, earlier=earlier)


def _ktl_payment(line: str, number: int) -> tuple[BankPayment | None, str | None]:
    """The payment on a ``3`` or ``5`` line, or the sentence saying why it cannot be read."""

    def problem(text: str) -> tuple[None, str]:
        left_out = _(
            "The payment was left out: check it in your online bank, or ask the bank"
            " for the file again."
        )
        return None, text.format(line=number) + " " + left_out

    if len(line) != KTL_LINE_LENGTH:
        return None, _(
            "Line {line}: a payment line has 90 characters, this one has {length}."
            " The file may be damaged; ask the bank for it again."
        ).format(line=number, length=len(line))
    account = line[1:15]
    if not _DIGITS_RE.fullmatch(account):
        return problem(_("Line {line}: the account (positions 2–15) is not 14 digits."))
    booked_on = _yymmdd(line[15:21])
    paid_on = _yymmdd(line[21:27])
    if booked_on is None:
        return problem(_("Line {line}: the booking date (positions 16–21) is not a date."))
    if paid_on is None:
        return problem(_("Line {line}: the payment date (positions 22–27) is not a date."))
    archive_id = line[27:43].strip()
    if not archive_id:
        return problem(_("Line {line}: the payment has no archive id (positions 28–43)."))
    reference = line[43:63].strip()
    if reference and not _DIGITS_RE.fullmatch(reference):
        return problem(_("Line {line}: the reference (positions 44–63) is not digits."))
    if line[75] != "1":
        return problem(_("Line {line}: the payment is not in euros (position 76 is not 1)."))
    cents = line[77:87]
    if not _DIGITS_RE.fullmatch(cents) or int(cents) == 0:
        return problem(_("Line {line}: the amount (positions 78–87) is not a number of cents."))
    payment = BankPayment(
        archive_id=archive_id,
        reference=_reference(reference),
        amount=from_cents(int(cents)),
        paid_on=paid_on,
        booked_on=booked_on,
        payer=line[63:75].strip(),
        account=account,
        is_correction=line[0] == "5" or line[87] == "1",
        line=number,
    )
    return payment, None


def _ktl_sum_problems(line: str, number: int, batch: _Batch) -> list[str]:
    fields = line.ljust(KTL_LINE_LENGTH)
    # Some banks leave the corrections' fields blank when there are none.
    corrections = (fields[18:24].strip() or "0", fields[24:35].strip() or "0")
    if len(line) > KTL_LINE_LENGTH or not all(
        _DIGITS_RE.fullmatch(text) for text in (fields[1:7], fields[7:18], *corrections)
    ):
        return [
            _(
                "Line {line}: the sum line cannot be read, so the payments could not be"
                " checked against it. The file may be damaged; ask the bank for it again."
            ).format(line=number)
        ]
    problems = []
    expected = (int(fields[1:7]), int(fields[7:18]))
    if expected != (batch.count, batch.total):
        problems.append(_sum_mismatch(number, expected, (batch.count, batch.total)))
    expected = (int(corrections[0]), int(corrections[1]))
    found = (batch.corrections, batch.corrections_total)
    if expected != found:
        problems.append(_corrections_mismatch(number, expected, found))
    return problems


def _sum_mismatch(line: int, expected: tuple[int, int], found: tuple[int, int]) -> str:
    return _(
        "Line {line}: the sum line says {count} payments of {total} in all, but {found_count}"
        " payments of {found_total} were read. Check the payments against the bank's"
        " statement, or ask the bank for the file again."
    ).format(
        line=line,
        count=expected[0],
        total=format_money(from_cents(expected[1])),
        found_count=found[0],
        found_total=format_money(from_cents(found[1])),
    )


def _corrections_mismatch(line: int, expected: tuple[int, int], found: tuple[int, int]) -> str:
    return _(
        "Line {line}: the sum line says {count} corrections of {total} in all, but"
        " {found_count} corrections of {found_total} were read. Check the corrections"
        " against the bank's statement, or ask the bank for the file again."
    ).format(
        line=line,
        count=expected[0],
        total=format_money(from_cents(expected[1])),
        found_count=found[0],
        found_total=format_money(from_cents(found[1])),
    )


# --- camt.054 --------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, name: str) -> Iterator[etree._Element]:
    """The child elements named ``name`` in any namespace (comments and entities skipped)."""
    for child in element:
        if isinstance(child.tag, str) and _local(child) == name:
            yield child


def _all(element: etree._Element, path: str) -> Iterator[etree._Element]:
    """Every element at ``path`` (names separated by ``/``) below ``element``."""
    first, _slash, rest = path.partition("/")
    for child in _children(element, first):
        if rest:
            yield from _all(child, rest)
        else:
            yield child


def _find(element: etree._Element, path: str) -> etree._Element | None:
    return next(_all(element, path), None)


def _text(element: etree._Element, path: str) -> str:
    """The text at ``path``, stripped; entity references are never expanded."""
    found = _find(element, path)
    return (found.text or "").strip() if found is not None else ""


def _camt_date(element: etree._Element, path: str) -> date | None:
    """The date of ``path/Dt`` or ``path/DtTm`` (or of ``path`` itself when it is a
    date-time, as ``AccptncDtTm`` is)."""
    for text in (
        _text(element, path + "/Dt"),
        _text(element, path + "/DtTm"),
        _text(element, path),
    ):
        match = _ISO_DATE_RE.match(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return None
    return None


_DOCTYPE_MARKS = tuple(
    "<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def _doctype_refused() -> ImportFileError:
    return ImportFileError(
        _(
            "The XML file has a document type declaration, which a bank's camt.054 file"
            " never has, so it was not read. Ask the bank for the camt.054 file again."
        )
    )


def _parse_xml(data: bytes) -> etree._Element:
    # A bank's file never declares a document type; one that does is refused before
    # the parser sees its entities (the parser never expands them either).
    if any(mark in data for mark in _DOCTYPE_MARKS):
        raise _doctype_refused()
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise ImportFileError(
            _(
                "The file is damaged XML and cannot be read. Ask the bank for the"
                " camt.054 file again."
            )
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise _doctype_refused()
    return root


def _read_camt(data: bytes) -> BankFile:
    root = _parse_xml(data)
    notification = next(
        (
            el
            for el in root.iter()
            if isinstance(el.tag, str) and _local(el) == "BkToCstmrDbtCdtNtfctn"
        ),
        None,
    )
    if notification is None:
        raise ImportFileError(
            _(
                "The XML file is not a camt.054 notification of payments"
                " (BkToCstmrDbtCdtNtfctn). Ask your bank for the reference payments"
                " as camt.054, or as a viitesiirto file."
            )
        )
    payments: list[BankPayment] = []
    problems: list[str] = []
    seen: dict[tuple[str, bool], int] = {}
    position = 0
    for ntfctn in _children(notification, "Ntfctn"):
        account = _text(ntfctn, "Acct/Id/IBAN") or _text(ntfctn, "Acct/Id/Othr/Id")
        for entry in _children(ntfctn, "Ntry"):
            position += 1
            found, entry_problems = _camt_entry(entry, position, account)
            problems.extend(entry_problems)
            for payment in found:
                key = (payment.archive_id, payment.is_correction)
                if key in seen:
                    problems.append(_duplicate_entry(position, payment.archive_id, seen[key]))
                    continue
                seen[key] = position
                payments.append(payment)
    return BankFile(FORMAT_CAMT054, tuple(payments), _capped(problems))


def _duplicate_entry(entry: int, archive_id: str, earlier: int) -> str:
    return _(
        "Entry {entry}: the payment with archive id {archive_id} is already in entry"
        " {earlier}; it was counted once."
    ).format(entry=entry, archive_id=archive_id, earlier=earlier)


def _camt_amount(element: etree._Element | None) -> Decimal | str | None:
    """The euros of an ``Amt`` element; None when absent; the currency code when it
    is not euros; "" when it is not a positive amount."""
    if element is None:
        return None
    currency = (element.get("Ccy") or "").strip().upper()
    if currency != "EUR":
        return currency or "?"
    text = (element.text or "").strip()
    if not _CAMT_AMOUNT_RE.fullmatch(text) or Decimal(text) <= 0:
        return ""
    return Decimal(text).quantize(Decimal("0.01"))


def _camt_entry(
    entry: etree._Element, position: int, account: str
) -> tuple[list[BankPayment], list[str]]:
    """The payments of one entry, and a sentence for each payment in it that cannot be read."""
    if _text(entry, "CdtDbtInd") != "CRDT":
        return [], []  # money going out: not a payment to an invoice
    status = _text(entry, "Sts/Cd") or _text(entry, "Sts")
    if status and status != "BOOK":
        return [], [
            _(
                "Entry {entry}: the payment is not booked yet (status {status}); it was left"
                " out. It comes again in a later file once booked."
            ).format(entry=position, status=status)
        ]
    booked_on = _camt_date(entry, "BookgDt") or _camt_date(entry, "ValDt")
    if booked_on is None:
        return [], [
            _("Entry {entry}: the entry has no booking date; it was left out.").format(
                entry=position
            )
        ]
    facts = _EntryFacts(
        entry=entry,
        position=position,
        account=normalise_reference(account),
        booked_on=booked_on,
        value_on=_camt_date(entry, "ValDt") or booked_on,
        reversal=_text(entry, "RvslInd").lower() in ("true", "1"),
    )
    details: list[etree._Element | None] = list(_all(entry, "NtryDtls/TxDtls"))
    payments: list[BankPayment] = []
    problems: list[str] = []
    for transaction in details or [None]:
        if transaction is not None and _text(transaction, "CdtDbtInd") == "DBIT":
            continue
        payment = _camt_payment(facts, transaction, only=len(details) <= 1)
        if isinstance(payment, str):
            problems.append(payment)
        else:
            payments.append(payment)
    return payments, problems


@dataclass(frozen=True)
class _EntryFacts:
    """What an entry tells about every payment in it."""

    entry: etree._Element
    position: int
    account: str
    booked_on: date
    value_on: date
    reversal: bool


def _camt_payment(
    facts: _EntryFacts, transaction: etree._Element | None, *, only: bool
) -> BankPayment | str:
    """The payment of ``transaction`` (a ``TxDtls``; None: the entry itself), or the
    sentence saying why it cannot be read. The entry's amount and archive id stand in
    for the transaction's when it is the entry's only one."""
    entry, position = facts.entry, facts.position
    amount_element = None
    if transaction is not None:
        amount_element = _find(transaction, "AmtDtls/TxAmt/Amt")
        if amount_element is None:
            amount_element = _find(transaction, "Amt")
    if amount_element is None and only:
        amount_element = _find(entry, "Amt")
    amount = _camt_amount(amount_element)
    if amount is None:
        return _("Entry {entry}: a payment in it has no amount; it was left out.").format(
            entry=position
        )
    if isinstance(amount, str):
        if amount:
            return _(
                "Entry {entry}: the payment is in {currency}, not in euros; it was left out."
            ).format(entry=position, currency=amount)
        return _(
            "Entry {entry}: the amount is not a positive amount of money; the payment was left out."
        ).format(entry=position)
    archive_id = "" if transaction is None else _text(transaction, "Refs/AcctSvcrRef")
    if not archive_id and only:
        archive_id = _text(entry, "AcctSvcrRef")
    if not archive_id:
        return _(
            "Entry {entry}: a payment in it has no archive id (AcctSvcrRef),"
            " so it could be imported twice; it was left out."
        ).format(entry=position)
    source = entry if transaction is None else transaction
    reference = next(
        (
            (ref.text or "").strip()
            for ref in _all(source, "RmtInf/Strd/CdtrRefInf/Ref")
            if (ref.text or "").strip()
        ),
        "",
    )
    payer = _text(source, "RltdPties/Dbtr/Nm") or _text(source, "RltdPties/Dbtr/Pty/Nm")
    return BankPayment(
        archive_id=archive_id,
        reference=_reference(reference),
        amount=amount,
        paid_on=_camt_date(source, "RltdDts/AccptncDtTm") or facts.value_on,
        booked_on=facts.booked_on,
        payer=payer,
        account=facts.account,
        is_correction=facts.reversal,
        line=position,
    )
