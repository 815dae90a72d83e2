"""The invoicing commands of the command line: the centre, invoice runs, credit notes,
payments, reminders, the household statement and the bookkeeper's export.

Amounts in JSON are strings with a dot and two decimals (``"310.61"``); dates ISO.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _

if TYPE_CHECKING:
    from jobcenter_desktop.services.invoicing.pricing import Period

INVOICING_COMMANDS = frozenset(
    {
        "centre",
        "invoice-run",
        "invoices",
        "invoice",
        "credit",
        "pay",
        "reminders",
        "household-statement",
    }
)
#: Those that write to the store (a daily backup is taken first).
INVOICING_WRITES = frozenset({"centre", "invoice-run", "credit", "pay", "reminders"})
STATUSES = ("open", "overdue", "paid", "credited", "credit_note")


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date: {text} (use YYYY-MM-DD)").format(text=text)
        ) from None


def _period(text: str) -> str:
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text.strip()):
        raise argparse.ArgumentTypeError(
            _("not a month: {text} (use e.g. 2026-06)").format(text=text)
        )
    return text.strip()


def _yes_no(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in ("yes", "y", "true", "1", "kyllä", "k", "on"):
        return True
    if folded in ("no", "n", "false", "0", "ei", "e", "off"):
        return False
    raise argparse.ArgumentTypeError(_("answer yes or no, not {text}").format(text=text))


def _line_numbers(values: Sequence[str]) -> list[int]:
    numbers = []
    for value in values:
        for part in value.replace(",", " ").split():
            if not part.isdigit() or int(part) < 1:
                raise UserError(
                    _("Give the lines to credit as numbers, e.g. --lines 1 3 or --lines 1,3.")
                )
            numbers.append(int(part))
    return numbers


def add_invoicing_commands(commands: Any) -> None:
    centre = commands.add_parser("centre", help=_("the centre's details (the seller)"))
    centre_commands = centre.add_subparsers(dest="centre_command", metavar="ACTION", required=True)
    setter = centre_commands.add_parser(
        "set", help=_("set the centre's details without the wizard")
    )
    setter.add_argument("--name")
    setter.add_argument("--business-id")
    setter.add_argument("--iban")
    setter.add_argument("--bic")
    setter.add_argument("--vat-status", choices=("registered", "not_liable"))
    setter.add_argument("--prepayment-register", type=_yes_no, metavar="yes|no")
    setter.add_argument(
        "--payroll-identity-code",
        type=_yes_no,
        metavar="yes|no",
        help=_("the payroll export carries the personal identity codes"),
    )
    setter.add_argument(
        "--pays-wages-itself",
        type=_yes_no,
        metavar="yes|no",
        help=_("the centre pays the wages: they go into the pay run's bank payment file"),
    )
    setter.add_argument(
        "--benefit-limit-blocks",
        type=_yes_no,
        metavar="yes|no",
        help=_("a gig over a participant's benefit limit is booked only with a reason"),
    )
    setter.add_argument("--address", help=_('e.g. "Pajakatu 3, 82100 Ilomantsi"'))
    setter.add_argument("--next-invoice-number", metavar="N")
    setter.add_argument("--payment-term", metavar="DAYS")
    setter.add_argument("--reminder-fee", metavar="EUR")
    setter.add_argument("--email")
    setter.add_argument("--phone")

    run = commands.add_parser(
        "invoice-run", help=_("the month's invoices from approved hours: drafts, or issue them")
    )
    run.add_argument("--period", type=_period, required=True, metavar="YYYY-MM")
    run.add_argument("--customer", action="append", metavar="NUMBER")
    run.add_argument("--issue", action="store_true", help=_("issue the invoices (else drafts)"))
    run.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD", help=_("invoice date"))
    run.add_argument("--out", type=Path, required=True, metavar="DIR")

    invoices = commands.add_parser("invoices", help=_("the issued invoices"))
    invoice_commands = invoices.add_subparsers(
        dest="invoices_command", metavar="ACTION", required=True
    )
    lister = invoice_commands.add_parser("list", help=_("list issued invoices"))
    lister.add_argument("--status", choices=STATUSES)
    lister.add_argument("--json", action="store_true")
    export = invoice_commands.add_parser(
        "export", help=_("the sales of a period for the bookkeeper (CSV or .xlsx)")
    )
    export.add_argument(
        "--from", dest="from_day", type=_iso_date, required=True, metavar="YYYY-MM-DD"
    )
    export.add_argument("--to", dest="to_day", type=_iso_date, required=True, metavar="YYYY-MM-DD")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")

    invoice = commands.add_parser("invoice", help=_("one issued invoice"))
    one = invoice.add_subparsers(dest="invoice_command", metavar="ACTION", required=True)
    show = one.add_parser("show", help=_("show an invoice"))
    show.add_argument("number", type=int)
    show.add_argument("--json", action="store_true")
    reprint = one.add_parser("print", help=_("write the stored PDF (and Finvoice) again"))
    reprint.add_argument("number", type=int)
    reprint.add_argument("--out", type=Path, required=True, metavar="DIR")

    credit = commands.add_parser("credit", help=_("issue a credit note for an invoice"))
    credit.add_argument("number", type=int)
    credit.add_argument(
        "--lines", nargs="+", metavar="N", help=_("the lines to credit (all if left out)")
    )
    credit.add_argument(
        "--release-hours",
        action="store_true",
        help=_("make the invoice's hours invoiceable again (a full credit note only)"),
    )
    credit.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD")
    credit.add_argument("--out", type=Path, metavar="DIR")

    pay = commands.add_parser("pay", help=_("record a payment by hand"))
    pay.add_argument("number", type=int)
    pay.add_argument("--amount", required=True, metavar="EUR")
    pay.add_argument("--date", type=_iso_date, required=True, metavar="YYYY-MM-DD")

    reminders = commands.add_parser("reminders", help=_("reminder letters for overdue invoices"))
    reminders.add_argument("--out", type=Path, required=True, metavar="DIR")
    reminders.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD")

    statement = commands.add_parser(
        "household-statement", help=_("a household's yearly statement of paid work shares")
    )
    statement.add_argument("--customer", required=True, metavar="NUMBER")
    statement.add_argument("--year", type=int, required=True, metavar="YYYY")
    statement.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")


def run_invoicing_command(args: argparse.Namespace, store: Store) -> int:
    if args.command == "centre":
        return _centre_set(args, store)
    if args.command == "invoice-run":
        return _invoice_run(args, store)
    if args.command == "invoices" and args.invoices_command == "list":
        return _list(args, store)
    if args.command == "invoice":
        return _invoice(args, store)
    if args.command == "credit":
        return _credit(args, store)
    from jobcenter_desktop import cli_payments

    return cli_payments.run(args, store)


# --------------------------------------------------------------------------- centre


_ADDRESS = re.compile(r"^(?P<street>.*?)[,\s]+(?P<postal>\d{5})\s+(?P<city>.+)$")


def _centre_set(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
    from jobcenter_desktop.queries.centre import load_centre
    from jobcenter_desktop.services.registers.centre import save_centre

    data = load_centre(store) or CentreInput()
    changes: dict[str, Any] = {}
    for option, key in (
        ("name", "legal_name"),
        ("business_id", "business_id"),
        ("vat_status", "vat_status"),
        ("next_invoice_number", "next_invoice_number"),
        ("payment_term", "payment_term_days"),
        ("reminder_fee", "reminder_fee"),
        ("email", "email"),
        ("phone", "phone"),
    ):
        value = getattr(args, option)
        if value is not None:
            changes[key] = str(value)
    for flag in (
        "prepayment_register",
        "payroll_identity_code",
        "pays_wages_itself",
        "benefit_limit_blocks",
    ):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag)
    if args.address is not None:
        match = _ADDRESS.match(args.address.strip())
        if match is None:
            changes["street"], changes["postal_code"], changes["city"] = (
                args.address.strip(),
                "",
                "",
            )
        else:
            changes["street"] = match["street"].strip().rstrip(",")
            changes["postal_code"] = match["postal"]
            changes["city"] = match["city"].strip()
    accounts = list(data.bank_accounts)
    if args.iban is not None or args.bic is not None:
        default = next((a for a in accounts if a.is_default), accounts[0] if accounts else None)
        iban = args.iban if args.iban is not None else (default.iban if default else "")
        bic = args.bic if args.bic is not None else (default.bic if default else "")
        others = [
            replace(a, is_default=False)
            for a in accounts
            if a is not default and a.iban.replace(" ", "") != iban.replace(" ", "").upper()
        ]
        accounts = [BankAccountInput(iban=iban, bic=bic, is_default=True), *others]
    changes["bank_accounts"] = accounts
    save_centre(store, replace(data, **changes))
    print(_("The centre's details are saved."))
    return 0


# --------------------------------------------------------------------------- runs


def _customer_ids(store: Store, numbers: Sequence[str] | None) -> list[int] | None:
    if not numbers:
        return None
    from jobcenter_desktop.queries.customers import customer_id_by_number

    ids = []
    for number in numbers:
        found = customer_id_by_number(store, number.strip())
        if found is None:
            raise UserError(_("No customer with the number {number}.").format(number=number))
        ids.append(found)
    return ids


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def _days(period: Period) -> str:
    """A period as its first and last day: ``1.11.2026–30.11.2026``."""
    from jobcenter_desktop.i18n.formatting import format_date

    return f"{format_date(period.start)}–{format_date(period.end)}"


def _invoice_run(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.documents.finvoice import finvoice_xml
    from jobcenter_desktop.documents.invoice_pdf import invoice_pdf
    from jobcenter_desktop.i18n.formatting import format_money
    from jobcenter_desktop.services.invoicing.issuing import (
        draft_documents,
        issue_run,
    )
    from jobcenter_desktop.services.invoicing.pricing import Period

    period = Period.month(args.period)
    customers = _customer_ids(store, args.customer)
    if not args.issue:
        documents = draft_documents(store, period, customers, issue_date=args.date)
        if not documents:
            print(_("No approved, uninvoiced work in {period}.").format(period=_days(period)))
            return 0
        total = Decimal("0.00")
        for draft, document in documents:
            stem = f"draft-{draft.customer_number}"
            _write(args.out, f"{stem}.pdf", invoice_pdf(document))
            if not document.buyer.household:
                _write(args.out, f"{stem}.xml", finvoice_xml(document))
            sums = document.totals
            total += sums.total
            print(
                _("Draft for {customer} ({number}): {total}").format(
                    customer=draft.customer_name,
                    number=draft.customer_number,
                    total=format_money(sums.total),
                )
            )
        print(
            _(
                "{count} drafts, {total} in all, written to {folder}. Issue them with --issue."
            ).format(count=len(documents), total=format_money(total), folder=args.out)
        )
        return 0
    issued = issue_run(store, period, customers, issue_date=args.date)
    if not issued:
        print(_("No approved, uninvoiced work in {period}.").format(period=_days(period)))
        return 0
    for invoice in issued:
        _write(args.out, f"invoice-{invoice.number}.pdf", invoice.pdf)
        if invoice.finvoice is not None:
            _write(args.out, f"invoice-{invoice.number}.xml", invoice.finvoice)
        print(
            _("Invoice {number}: {customer}, {total}").format(
                number=invoice.number,
                customer=invoice.customer_name,
                total=format_money(invoice.total),
            )
        )
    print(
        _("Issued {count} invoices, {total} in all, written to {folder}.").format(
            count=len(issued),
            total=format_money(sum((i.total for i in issued), Decimal("0.00"))),
            folder=args.out,
        )
    )
    return 0


# --------------------------------------------------------------------------- lists


def _list(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.domain.invoices import InvoiceStatus
    from jobcenter_desktop.i18n.formatting import format_date, format_money
    from jobcenter_desktop.queries.invoices import list_invoices, list_json
    from jobcenter_desktop.services.invoicing.labels import status_label

    statuses = {InvoiceStatus(args.status)} if args.status else None
    rows = list_invoices(store, statuses=statuses)
    if args.json:
        print(json.dumps([list_json(row) for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("No invoices."))
        return 0
    for row in rows:
        print(
            f"{row.number:>6}  {format_date(row.issue_date):>10}  {row.customer_number:<8} "
            f"{row.customer_name[:30]:<30} {format_money(row.total):>14}  "
            f"{status_label(row.status)}"
        )
    return 0


def _invoice(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.queries.invoices import (
        invoice_document,
        invoice_json,
        invoice_row,
        stored_files,
    )

    row = invoice_row(store, args.number)
    document = invoice_document(store, args.number)
    if row is None or document is None:
        raise UserError(_("No invoice with the number {number}.").format(number=args.number))
    if args.invoice_command == "print":
        files = stored_files(store, args.number)
        assert files is not None
        pdf, xml = files
        path = _write(args.out, f"invoice-{row.number}.pdf", pdf)
        print(_("Wrote {file}").format(file=path))
        if xml is not None:
            print(_("Wrote {file}").format(file=_write(args.out, f"invoice-{row.number}.xml", xml)))
        return 0
    details = invoice_json(row, document)
    if args.json:
        print(json.dumps(details, ensure_ascii=False, indent=2))
        return 0
    for key in (
        "number",
        "customer_number",
        "date",
        "due_date",
        "reference_grouped",
        "rf_reference",
        "virtual_barcode",
        "net",
        "vat",
        "total",
        "paid",
        "status",
    ):
        print(f"{key}: {details[key]}")
    for line in details["lines"]:
        print(
            f"  {line['line']:>3} {line['date'] or line['period_start'] or '':<10} "
            f"{line['description'][:40]:<40} {line['quantity']:>7} {line['unit']:<5} "
            f"{line['unit_price']:>9} {line['vat_rate']:>5} % {line['net']:>10}"
        )
    return 0


def _credit(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.i18n.formatting import format_money
    from jobcenter_desktop.services.invoicing.issuing import credit

    positions = _line_numbers(args.lines) if args.lines else None
    issued = credit(
        store, args.number, positions, release_hours=args.release_hours, issue_date=args.date
    )
    print(
        _("Credit note {number} for invoice {invoice}: {total}").format(
            number=issued.number, invoice=args.number, total=format_money(issued.total)
        )
    )
    if args.out is not None:
        print(
            _("Wrote {file}").format(
                file=_write(args.out, f"invoice-{issued.number}.pdf", issued.pdf)
            )
        )
        if issued.finvoice is not None:
            print(
                _("Wrote {file}").format(
                    file=_write(args.out, f"invoice-{issued.number}.xml", issued.finvoice)
                )
            )
    return 0
