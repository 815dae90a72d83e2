"""Reading the bank's reference-payment files: viitesiirto (KTL) and camt.054."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.limits import MAX_BYTES_VARIABLE
from jobcenter_desktop.domain.references import national_reference, rf_reference
from jobcenter_desktop.interchange.bank_payments import (
    FORMAT_CAMT054,
    FORMAT_KTL,
    BankFile,
    BankPayment,
    read_bank_file,
)
from jobcenter_desktop.interchange.tabular import MAX_PROBLEMS, ImportFileError

DATA = Path(__file__).resolve().parents[1] / "data" / "bank"
ACCOUNT = "12345600000785"  # FI21 1234 5600 0007 85 in machine format
REF_1 = national_reference(100001)
REF_2 = national_reference(100002)

pytestmark = pytest.mark.usefixtures("english")


# --- viitesiirto (KTL) builders --------------------------------------------------


def yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def batch_line(created: date = date(2026, 11, 10)) -> str:
    """Record 0: creation date and time, bank, biller's service id, currency."""
    return ("0" + yymmdd(created) + "0830" + "12" + "123456789" + "1").ljust(90)


def payment_line(
    *,
    kind: str = "3",
    account: str = ACCOUNT,
    booked: date = date(2026, 11, 10),
    paid: date = date(2026, 11, 9),
    archive_id: str = "2611101234AB0001",
    reference: str = REF_1,
    payer: str = "VIRTANEN MAI",
    currency: str = "1",
    cents: int = 12400,
    correction: str = "0",
) -> str:
    """Record 3 (or 5), field by field in the positions of FINNISH-RULES.md."""
    line = (
        kind  # 1
        + account  # 2-15
        + yymmdd(booked)  # 16-21
        + yymmdd(paid)  # 22-27
        + archive_id.ljust(16)  # 28-43
        + reference.rjust(20, "0")  # 44-63
        + payer[:12].ljust(12)  # 64-75
        + currency  # 76
        + "A"  # 77 name source
        + f"{cents:010d}"  # 78-87
        + correction  # 88
        + "A"  # 89 delivery channel
        + "0"  # 90 feedback code
    )
    assert len(line) == 90, len(line)
    return line


def sum_line(count: int, total: int, corrections: int = 0, corrections_total: int = 0) -> str:
    """Record 9: number and sum of payments, number and sum of corrections."""
    return (
        "9" + f"{count:06d}" + f"{total:011d}" + f"{corrections:06d}" + f"{corrections_total:011d}"
    ).ljust(90)


def ktl(*lines: str, newline: str = "\r\n", encoding: str = "latin-1") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def read_ok(data: bytes) -> BankFile:
    """A file read without problems."""
    result = read_bank_file(data)
    assert result.problems == ()
    return result


# --- viitesiirto ----------------------------------------------------------------------


def test_a_viitesiirto_file_with_payments_and_a_correction() -> None:
    data = ktl(
        batch_line(),
        payment_line(payer="MÄKINEN AINO"),
        payment_line(archive_id="2611101234AB0002", reference=REF_2, cents=6200),
        payment_line(
            kind="5", archive_id="2611101234AB0003", reference=REF_2, cents=6200, correction="1"
        ),
        sum_line(2, 18600, 1, 6200),
    )
    result = read_ok(data)
    assert result.format == FORMAT_KTL == "ktl"
    assert result.payments == (
        BankPayment(
            archive_id="2611101234AB0001",
            reference=REF_1,
            amount=Decimal("124.00"),
            paid_on=date(2026, 11, 9),
            booked_on=date(2026, 11, 10),
            payer="MÄKINEN AINO",
            account=ACCOUNT,
            is_correction=False,
            line=2,
        ),
        BankPayment(
            archive_id="2611101234AB0002",
            reference=REF_2,
            amount=Decimal("62.00"),
            paid_on=date(2026, 11, 9),
            booked_on=date(2026, 11, 10),
            payer="VIRTANEN MAI",
            account=ACCOUNT,
            is_correction=False,
            line=3,
        ),
        BankPayment(
            archive_id="2611101234AB0003",
            reference=REF_2,
            amount=Decimal("62.00"),
            paid_on=date(2026, 11, 9),
            booked_on=date(2026, 11, 10),
            payer="VIRTANEN MAI",
            account=ACCOUNT,
            is_correction=True,
            line=4,
        ),
    )
    assert all(payment.amount > 0 for payment in result.payments)
    assert str(result.payments[0].amount) == "124.00"


@pytest.mark.parametrize(
    ("kind", "flag", "correction"),
    [("3", "0", False), ("3", "1", True), ("5", "0", True), ("5", "1", True), ("3", " ", False)],
)
def test_a_correction_is_record_5_or_flag_1(kind: str, flag: str, correction: bool) -> None:
    line = payment_line(kind=kind, correction=flag)
    totals = (0, 0, 1, 12400) if correction else (1, 12400, 0, 0)
    result = read_ok(ktl(batch_line(), line, sum_line(*totals)))
    assert [payment.is_correction for payment in result.payments] == [correction]


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_any_line_ending(newline: str) -> None:
    data = ktl(batch_line(), payment_line(), sum_line(1, 12400), newline=newline)
    assert [payment.line for payment in read_ok(data).payments] == [2]


def test_records_without_line_breaks_are_split_every_90_characters() -> None:
    data = (batch_line() + payment_line() + sum_line(1, 12400)).encode("latin-1")
    assert [payment.archive_id for payment in read_ok(data).payments] == ["2611101234AB0001"]


def test_short_batch_and_sum_lines_and_the_end_of_file_mark_are_fine() -> None:
    data = ktl(batch_line().rstrip(), payment_line(), sum_line(1, 12400).rstrip(), "\x1a")
    assert len(read_ok(data).payments) == 1


def test_trailing_spaces_after_a_payment_line_are_ignored() -> None:
    data = ktl(batch_line(), payment_line() + "   ", sum_line(1, 12400))
    assert len(read_ok(data).payments) == 1


def test_utf8_and_ascii_names_are_read_too() -> None:
    line = payment_line(payer="PÖLLÄNEN ÅSA")
    for encoding in ("utf-8", "latin-1"):
        result = read_ok(ktl(batch_line(), line, sum_line(1, 12400), encoding=encoding))
        assert result.payments[0].payer == "PÖLLÄNEN ÅSA"


def test_the_references_padding_zeros_are_dropped() -> None:
    result = read_ok(
        ktl(batch_line(), payment_line(reference="0" * 13 + "40905"), sum_line(1, 12400))
    )
    assert result.payments[0].reference == "40905"


def test_a_payment_without_a_reference_is_read_with_an_empty_one() -> None:
    result = read_ok(ktl(batch_line(), payment_line(reference="0"), sum_line(1, 12400)))
    assert result.payments[0].reference == ""


def test_two_batches_are_checked_each_against_its_own_sum() -> None:
    data = ktl(
        batch_line(),
        payment_line(),
        sum_line(1, 12400),
        batch_line(),
        payment_line(archive_id="X2", cents=100),
        payment_line(archive_id="X3", cents=200),
        sum_line(2, 300),
    )
    assert [payment.line for payment in read_ok(data).payments] == [2, 5, 6]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (payment_line()[:89], "Line 2: a payment line has 90 characters, this one has 89."),
        (payment_line() + "X", "Line 2: a payment line has 90 characters, this one has 91."),
        (payment_line(account="1234560000078X"), "Line 2: the account"),
        ("3" + ACCOUNT + "261310" + payment_line()[21:], "Line 2: the booking date"),
        (payment_line()[:21] + "2611AA" + payment_line()[27:], "Line 2: the payment date"),
        (payment_line(archive_id=""), "Line 2: the payment has no archive id"),
        (payment_line(reference="RF18100001X"), "Line 2: the reference"),
        (payment_line(currency="0"), "Line 2: the payment is not in euros"),
        (payment_line(cents=0), "Line 2: the amount"),
        (payment_line()[:77] + "00000012,4" + payment_line()[87:], "Line 2: the amount"),
        ("7" + payment_line()[1:], "Line 2: the line starts with “7”"),
    ],
)
def test_a_line_that_cannot_be_read_is_named_and_the_rest_is_read(line: str, problem: str) -> None:
    data = ktl(
        batch_line(),
        line,
        payment_line(archive_id="2611101234AB0002", reference=REF_2, cents=6200),
        sum_line(2, 18600),
    )
    result = read_bank_file(data)
    assert [payment.reference for payment in result.payments] == [REF_2]
    assert result.problems[0].startswith(problem), result.problems
    # the sum line then disagrees too: it counted the payment that could not be read
    assert result.problems[1].startswith("Line 4: the sum line says 2 payments of")
    assert len(result.problems) == 2


def test_a_field_problem_says_what_to_do() -> None:
    data = ktl(batch_line(), payment_line(currency="2"), sum_line(0, 0))
    assert read_bank_file(data).problems == (
        "Line 2: the payment is not in euros (position 76 is not 1). The payment was left"
        " out: check it in your online bank, or ask the bank for the file again.",
    )


def test_a_sum_that_disagrees_is_reported(english: None) -> None:
    data = ktl(
        batch_line(), payment_line(), payment_line(archive_id="B", cents=1), sum_line(2, 12400)
    )
    result = read_bank_file(data)
    assert len(result.payments) == 2
    assert result.problems == (
        "Line 4: the sum line says 2 payments of €124.00 in all, but 2 payments of €124.01"
        " were read. Check the payments against the bank's statement, or ask the bank for"
        " the file again.",
    )


def test_a_count_that_disagrees_is_reported() -> None:
    data = ktl(batch_line(), payment_line(), sum_line(3, 12400))
    (problem,) = read_bank_file(data).problems
    assert problem.startswith("Line 3: the sum line says 3 payments of €124.00 in all, but 1")


def test_corrections_that_disagree_with_the_sum_are_reported() -> None:
    data = ktl(batch_line(), payment_line(kind="5"), sum_line(0, 0, 2, 24800))
    (problem,) = read_bank_file(data).problems
    assert problem.startswith("Line 3: the sum line says 2 corrections of €248.00 in all, but 1")


def test_blank_corrections_fields_in_the_sum_line_mean_none() -> None:
    line = ("9" + "000001" + "00000012400").ljust(90)
    assert len(read_ok(ktl(batch_line(), payment_line(), line)).payments) == 1


def test_a_sum_line_that_cannot_be_read_is_reported() -> None:
    line = ("9" + "00000A" + "00000012400").ljust(90)
    (problem,) = read_bank_file(ktl(batch_line(), payment_line(), line)).problems
    assert problem.startswith("Line 3: the sum line cannot be read")


def test_a_file_without_its_sum_line_may_be_cut_short() -> None:
    result = read_bank_file(ktl(batch_line(), payment_line()))
    assert len(result.payments) == 1
    assert result.problems == (
        "Line 1: the batch that starts here has no sum line (9), so the file may be cut short."
        " Ask the bank for the file again.",
    )
    result = read_bank_file(ktl(batch_line(), payment_line(), batch_line(), sum_line(0, 0)))
    assert result.problems[0].startswith("Line 1: the batch that starts here has no sum line")


def test_the_same_archive_id_twice_counts_once() -> None:
    data = ktl(batch_line(), payment_line(), payment_line(), sum_line(2, 24800))
    result = read_bank_file(data)
    assert len(result.payments) == 1
    assert result.problems[0] == (
        "Line 3: the payment with archive id 2611101234AB0001 is already on line 2;"
        " it was counted once."
    )


def test_a_correction_may_carry_the_archive_id_of_the_payment_it_reverses() -> None:
    data = ktl(batch_line(), payment_line(), payment_line(kind="5"), sum_line(1, 12400, 1, 12400))
    result = read_ok(data)
    assert [payment.is_correction for payment in result.payments] == [False, True]


def test_the_problems_are_capped() -> None:
    lines = [payment_line(archive_id=str(n))[:80] for n in range(MAX_PROBLEMS + 7)]
    result = read_bank_file(ktl(batch_line(), *lines, sum_line(0, 0)))
    assert len(result.problems) == MAX_PROBLEMS + 1
    assert result.problems[-1] == "… and 7 more problems like these."


def test_problems_are_in_the_users_language(finnish: None) -> None:
    result = read_bank_file(ktl(batch_line(), payment_line()[:89], sum_line(0, 0)))
    assert result.problems[0].startswith("Rivi 2:")


# --- camt.054 --------------------------------------------------------------------


def camt(entries: str, version: str = "02", account: str = "FI2112345600000785") -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.{version}">
 <BkToCstmrDbtCdtNtfctn>
  <GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-11-10T08:30:00</CreDtTm></GrpHdr>
  <Ntfctn>
   <Id>N1</Id>
   <Acct><Id><IBAN>{account}</IBAN></Id></Acct>
   {entries}
  </Ntfctn>
 </BkToCstmrDbtCdtNtfctn>
</Document>""".encode()


def tx(
    archive_id: str | None = "A1",
    amount: str | None = "124.00",
    reference: str | None = REF_1,
    payer: str = "Mäkinen Aino",
    accepted: str | None = "2026-11-09T00:00:00",
    currency: str = "EUR",
    v08: bool = False,
) -> str:
    """A TxDtls element: version 02 layout, or version 08's (Amt directly, Dbtr/Pty)."""
    parts = []
    if archive_id is not None:
        parts.append(f"<Refs><AcctSvcrRef>{archive_id}</AcctSvcrRef></Refs>")
    if amount is not None:
        amt = f'<Amt Ccy="{currency}">{amount}</Amt>'
        parts.append(amt if v08 else f"<AmtDtls><TxAmt>{amt}</TxAmt></AmtDtls>")
    if v08:
        parts.append(f"<RltdPties><Dbtr><Pty><Nm>{payer}</Nm></Pty></Dbtr></RltdPties>")
    else:
        parts.append(f"<RltdPties><Dbtr><Nm>{payer}</Nm></Dbtr></RltdPties>")
    if reference is not None:
        parts.append(
            "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
            f"<Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf>"
        )
    if accepted is not None:
        parts.append(f"<RltdDts><AccptncDtTm>{accepted}</AccptncDtTm></RltdDts>")
    return "<TxDtls>" + "".join(parts) + "</TxDtls>"


def entry(
    *details: str,
    amount: str = "124.00",
    direction: str = "CRDT",
    reversal: bool = False,
    status: str = "<Sts>BOOK</Sts>",
    booked: str = "<BookgDt><Dt>2026-11-10</Dt></BookgDt>",
    valued: str = "<ValDt><Dt>2026-11-10</Dt></ValDt>",
    archive_id: str = "E1",
    currency: str = "EUR",
) -> str:
    return (
        f'<Ntry><Amt Ccy="{currency}">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd>'
        + ("<RvslInd>true</RvslInd>" if reversal else "")
        + f"{status}{booked}{valued}<AcctSvcrRef>{archive_id}</AcctSvcrRef>"
        + (f"<NtryDtls>{''.join(details)}</NtryDtls>" if details else "")
        + "</Ntry>"
    )


def test_a_camt054_file_with_credits_a_reversal_and_a_debit() -> None:
    data = camt(
        entry(
            tx("A1", "124.00", REF_1, "Mäkinen Aino"),
            tx("A2", "62.00", " " + rf_reference(REF_2) + " ", "Seurakunta", accepted=None),
            amount="186.00",
        )
        + entry(tx("A3", "5.00", "RF09 8685 1625 9619 897"), amount="5.00", direction="DBIT")
        + entry(tx("A4", "62.00", REF_2), amount="62.00", reversal=True)
    )
    result = read_ok(data)
    assert result.format == FORMAT_CAMT054 == "camt.054"
    assert result.payments == (
        BankPayment(
            archive_id="A1",
            reference=REF_1,
            amount=Decimal("124.00"),
            paid_on=date(2026, 11, 9),
            booked_on=date(2026, 11, 10),
            payer="Mäkinen Aino",
            account="FI2112345600000785",
            is_correction=False,
            line=1,
        ),
        BankPayment(
            archive_id="A2",
            reference="RF551000025",
            amount=Decimal("62.00"),
            paid_on=date(2026, 11, 10),  # no acceptance date: the value date
            booked_on=date(2026, 11, 10),
            payer="Seurakunta",
            account="FI2112345600000785",
            is_correction=False,
            line=1,
        ),
        BankPayment(
            archive_id="A4",
            reference=REF_2,
            amount=Decimal("62.00"),
            paid_on=date(2026, 11, 9),
            booked_on=date(2026, 11, 10),
            payer="Mäkinen Aino",
            account="FI2112345600000785",
            is_correction=True,
            line=3,
        ),
    )


def test_an_entry_without_transactions_is_one_payment_itself() -> None:
    result = read_ok(camt(entry(amount="40.50", archive_id="E9")))
    (payment,) = result.payments
    assert (payment.archive_id, payment.amount, payment.reference) == ("E9", Decimal("40.50"), "")
    assert payment.paid_on == payment.booked_on == date(2026, 11, 10)


def test_a_single_transaction_borrows_the_entrys_amount_and_archive_id() -> None:
    result = read_ok(camt(entry(tx(archive_id=None, amount=None), amount="7.5", archive_id="E7")))
    (payment,) = result.payments
    assert (payment.archive_id, payment.amount) == ("E7", Decimal("7.50"))


@pytest.mark.parametrize("version", ["04", "08", "10"])
def test_later_versions_are_read_too(version: str) -> None:
    booked = "<BookgDt><DtTm>2026-11-10T12:00:00+02:00</DtTm></BookgDt>"
    status = "<Sts><Cd>BOOK</Cd></Sts>"
    data = camt(entry(tx(v08=True), status=status, booked=booked), version=version)
    (payment,) = read_ok(data).payments
    assert (payment.payer, payment.amount, payment.booked_on) == (
        "Mäkinen Aino",
        Decimal("124.00"),
        date(2026, 11, 10),
    )


def test_a_debit_transaction_inside_a_credit_entry_is_ignored() -> None:
    debit = tx("A9").replace("<TxDtls>", "<TxDtls><CdtDbtInd>DBIT</CdtDbtInd>")
    result = read_ok(camt(entry(tx("A1"), debit)))
    assert [payment.archive_id for payment in result.payments] == ["A1"]


def test_utf16_xml_is_read() -> None:
    text = camt(entry(tx())).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    assert len(read_ok(text.encode("utf-16")).payments) == 1


def test_a_byte_order_mark_and_leading_blank_lines_are_fine() -> None:
    assert len(read_ok(b"\xef\xbb\xbf\r\n  " + camt(entry(tx()))).payments) == 1


@pytest.mark.parametrize(
    ("entries", "problem"),
    [
        (entry(tx(currency="SEK")), "Entry 1: the payment is in SEK, not in euros"),
        (entry(tx(), currency="USD", status=""), None),  # the transaction's own amount is EUR
        (entry(tx(amount="-5.00")), "Entry 1: the amount is not a positive amount"),
        (entry(tx(amount="0.00")), "Entry 1: the amount is not a positive amount"),
        (entry(tx(amount="1.234")), "Entry 1: the amount is not a positive amount"),
        (entry(tx("A1"), tx("A2", amount=None)), "Entry 1: a payment in it has no amount"),
        (entry(tx("A1"), tx(None)), "Entry 1: a payment in it has no archive id"),
        (entry(tx(), status="<Sts>PDNG</Sts>"), "Entry 1: the payment is not booked yet"),
        (entry(tx(), booked="", valued=""), "Entry 1: the entry has no booking date"),
    ],
)
def test_a_transaction_that_cannot_be_read_is_named(entries: str, problem: str | None) -> None:
    result = read_bank_file(camt(entries + entry(tx("OK", reference=REF_2), archive_id="E2")))
    assert result.payments[-1].archive_id == "OK"
    assert result.payments[-1].line == 2
    if problem is None:
        assert result.problems == ()
    else:
        assert len(result.problems) == 1
        assert result.problems[0].startswith(problem), result.problems


def test_the_other_transactions_of_an_entry_are_kept() -> None:
    result = read_bank_file(camt(entry(tx("A1"), tx("A2", amount=None), tx("A3"))))
    assert [payment.archive_id for payment in result.payments] == ["A1", "A3"]
    assert len(result.problems) == 1


def test_the_same_archive_id_in_two_entries_counts_once() -> None:
    result = read_bank_file(camt(entry(tx("A1")) + entry(tx("A1"))))
    assert len(result.payments) == 1
    assert result.problems == (
        "Entry 2: the payment with archive id A1 is already in entry 1; it was counted once.",
    )


def test_comments_inside_the_text_do_not_break_it() -> None:
    data = camt(entry(tx())).replace(b"<Nm>", b"<!-- a comment --><Nm>")
    assert read_ok(data).payments[0].payer == "Mäkinen Aino"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Document [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn>
<Ntfctn><Acct><Id><IBAN>&h;</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-10</Dt></BookgDt>
<AcctSvcrRef>&h;</AcctSvcrRef><NtryDtls><TxDtls><Refs><AcctSvcrRef>X</AcctSvcrRef></Refs>
<RltdPties><Dbtr><Nm>&h;</Nm></Dbtr></RltdPties></TxDtls></NtryDtls></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_xml_bomb_is_refused_without_expanding_it(encoding: str) -> None:
    # &h; would expand to 72 * 24**7 characters, about 330 GB: finishing at all shows
    # that it was never expanded.
    data = BILLION_LAUGHS.decode().replace('version="1.0"', f'version="1.0" encoding="{encoding}"')
    with pytest.raises(ImportFileError, match="document type declaration"):
        read_bank_file(data.encode(encoding))


def test_an_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    data = camt(entry(tx(payer="&x;"))).replace(
        b"<Document",
        f'<!DOCTYPE Document [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n<Document'.encode(),
        1,
    )
    with pytest.raises(ImportFileError) as raised:
        read_bank_file(data)
    assert "TOP SECRET" not in str(raised.value)


@pytest.mark.parametrize(
    "data",
    [
        b"<Document><BkToCstmrDbtCdtNtfctn>",  # cut short
        b"<?xml version='1.0'?><a><b></a>",
        camt(entry(tx())).replace(b"</Document>", b"</Documen>"),
    ],
)
def test_damaged_xml_is_refused(data: bytes) -> None:
    with pytest.raises(ImportFileError, match="damaged XML"):
        read_bank_file(data)


def test_other_xml_is_refused_with_what_to_ask_for() -> None:
    statement = camt(entry(tx())).replace(b"BkToCstmrDbtCdtNtfctn", b"BkToCstmrStmt")
    with pytest.raises(ImportFileError, match=r"not a camt\.054 notification"):
        read_bank_file(statement)


# --- refusals ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"number;amount\n1;124,00\n",  # a CSV file
        b"3;" + b"1" * 88 + b"\n",
        b"%PDF-1.7\n",
        b"\x00\x01\x02\x03" * 30,
        ("0" + "A" * 89).encode(),  # a 0 not followed by a date
        (payment_line() + "1234567").encode(),  # longer than 90 characters
        b"Viitesiirto\n",
    ],
)
def test_a_file_that_is_neither_format_is_refused(data: bytes) -> None:
    with pytest.raises(ImportFileError) as raised:
        read_bank_file(data)
    assert str(raised.value) == (
        "The file is not a bank's reference-payment file. Choose a viitesiirto file"
        " (lines of 90 characters) or an ISO 20022 camt.054 XML file from your bank."
    )
    assert isinstance(raised.value, UserError)


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n", b"\xef\xbb\xbf", b"\x1a"])
def test_an_empty_file_is_refused(data: bytes) -> None:
    with pytest.raises(ImportFileError, match="The file is empty"):
        read_bank_file(data)


def test_a_huge_file_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(1024 * 1024))
    data = ktl(batch_line(), *[payment_line(archive_id=str(n)) for n in range(12_000)])
    assert len(data) > 1024 * 1024
    with pytest.raises(ImportFileError, match="larger than 1 MB"):
        read_bank_file(data)
    monkeypatch.setenv(MAX_BYTES_VARIABLE, str(len(data)))
    assert len(read_bank_file(data).payments) == 12_000


def test_a_refusal_is_in_the_users_language(finnish: None) -> None:
    with pytest.raises(ImportFileError) as raised:
        read_bank_file(b"number;amount\n")
    assert "viitesiirto" in str(raised.value)
    assert "The file" not in str(raised.value)


# --- the sample files other tests use ------------------------------------------------


def test_the_sample_viitesiirto_file_pays_invoices_1_and_2() -> None:
    result = read_ok((DATA / "viitesiirto.txt").read_bytes())
    assert result.format == "ktl"
    assert [(p.reference, p.amount, p.archive_id, p.payer) for p in result.payments] == [
        (REF_1, Decimal("124.00"), "2611101234AB0001", "MÄKINEN AINO"),
        (REF_2, Decimal("62.00"), "2611101234AB0002", "ESIMERKIN SE"),
    ]
    assert {p.account for p in result.payments} == {ACCOUNT}


def test_the_sample_camt054_file_pays_invoices_1_and_2() -> None:
    result = read_ok((DATA / "camt054.xml").read_bytes())
    assert result.format == "camt.054"
    assert [(p.reference, p.amount, p.archive_id, p.payer) for p in result.payments] == [
        (REF_1, Decimal("124.00"), "20261110CAMT0001", "Mäkinen Aino"),
        (rf_reference(REF_2), Decimal("62.00"), "20261110CAMT0002", "Esimerkin seurakunta"),
    ]
    assert {p.account for p in result.payments} == {"FI2112345600000785"}
    assert [p.paid_on for p in result.payments] == [date(2026, 11, 9), date(2026, 11, 10)]
