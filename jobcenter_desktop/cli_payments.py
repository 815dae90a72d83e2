"""The command line's payments, reminders, household statement and the bookkeeper's export.

``pay NUMBER --amount --date``, ``import payments FILE`` (through :mod:`cli`'s
``import``), ``reminders --out DIR [--date D]``, ``household-statement --customer N
--year YYYY --out FILE.pdf`` and ``invoices export --from --to --out FILE``.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money


def run(args: argparse.Namespace, store: Store) -> int:
    """Run ``pay``, ``reminders``, ``household-statement`` or ``invoices export``."""
    if args.command == "pay":
        return _pay(args, store)
    if args.command == "reminders":
        return _reminders(args, store)
    if args.command == "household-statement":
        return _household_statement(args, store)
    if args.command == "invoices" and args.invoices_command == "export":
        return _export(args, store)
    raise AssertionError(args.command)


def _pay(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.invoicing.payments import record_payment

    row = record_payment(store, args.number, args.amount, args.date)
    print(payment_state(row.number, row.paid, row.open_amount))
    return 0


def payment_state(number: int, paid: Decimal, open_amount: Decimal) -> str:
    """``Invoice 12: paid 100,00 €, open 210,61 €`` / paid in full / overpaid by …"""
    if open_amount > 0:
        return _("Invoice {number}: paid {paid}, open {open}").format(
            number=number, paid=format_money(paid), open=format_money(open_amount)
        )
    if open_amount == 0:
        return _("Invoice {number}: paid in full ({paid}).").format(
            number=number, paid=format_money(paid)
        )
    return _(
        "Invoice {number}: overpaid by {amount} (paid {paid}). Return the difference to "
        "the payer, or ask whether it goes toward the next invoice."
    ).format(number=number, amount=format_money(-open_amount), paid=format_money(paid))


def import_payments_command(args: argparse.Namespace, store: Store) -> int:
    """``import payments FILE``: one line per payment in the file's order, then the summary."""
    from jobcenter_desktop.interchange.payment_import import import_payments
    from jobcenter_desktop.services.invoicing.payments import DUPLICATE, MATCHED

    report = import_payments(store, Path(args.file))
    for line in report.lines:
        head = _("{archive_id}  {paid_on}  {amount}  reference {reference}").format(
            archive_id=line.archive_id,
            paid_on=format_date(line.paid_on),
            amount=format_money(line.amount),
            reference=line.reference or "–",
        )
        if line.outcome == MATCHED:
            outcome = _("matched invoice {number}").format(number=line.invoice_number)
        elif line.outcome == DUPLICATE:
            outcome = _("already imported, not added again")
        else:
            outcome = _("not matched: {reason}").format(reason=line.reason)
        print(f"{head}: {outcome}")
    if report.problems:
        print(_("These lines of the file could not be read and were left out:"), file=sys.stderr)
        for problem in report.problems:
            print(problem, file=sys.stderr)
    print(report)
    return 0


def _reminders(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.invoicing.reminders import make_reminders

    made = make_reminders(store, today=args.date)
    if not made:
        print(_("No invoices need a reminder."))
        return 0
    folder: Path = args.out
    folder.mkdir(parents=True, exist_ok=True)
    for reminder in made:
        path = folder / f"reminder-{reminder.invoice_number}.pdf"
        path.write_bytes(reminder.pdf)
        print(
            _(
                "Reminder for invoice {number}: {customer}, {amount} to pay "
                "(fee {fee}), written to {file}"
            ).format(
                number=reminder.invoice_number,
                customer=reminder.customer_name,
                amount=format_money(reminder.amount_due),
                fee=format_money(reminder.fee),
                file=path,
            )
        )
    return 0


def _household_statement(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.services.invoicing.household import household_statement

    pdf = household_statement(store, args.customer, args.year)
    path: Path = args.out
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf)
    print(_("Wrote {file}").format(file=path))
    return 0


def _export(args: argparse.Namespace, store: Store) -> int:
    from jobcenter_desktop.interchange.sales_export import export_sales

    count = export_sales(store, args.from_day, args.to_day, args.out)
    print(_("Exported {count} rows to {file}.").format(count=count, file=args.out))
    return 0
