"""What ``check`` verifies of the invoices: the series, the stored sums, the next number."""

from __future__ import annotations

from sqlalchemy import Connection, text

from jobcenter_desktop.domain.invoices import InvoiceDocument
from jobcenter_desktop.domain.money import from_cents
from jobcenter_desktop.i18n import gettext as _


def findings(connection: Connection) -> list[str]:
    """One sentence per problem: a gap in the series, sums that disagree with the
    printed document, a next number at or below an issued one."""
    problems: list[str] = []
    numbers = [
        int(n) for n in connection.scalars(text("SELECT number FROM invoice ORDER BY number"))
    ]
    if numbers:
        missing = sorted(set(range(numbers[0], numbers[-1] + 1)) - set(numbers))
        if missing:
            problems.append(
                _("Invoice numbers {numbers} are missing from the series.").format(
                    numbers=", ".join(str(n) for n in missing[:20])
                )
            )
        next_number = connection.scalar(
            text("SELECT next_invoice_number FROM centre ORDER BY id LIMIT 1")
        )
        if next_number is not None and int(next_number) <= numbers[-1]:
            problems.append(
                _(
                    "The centre's next invoice number {next} is not above the last one "
                    "issued, {last}."
                ).format(next=next_number, last=numbers[-1])
            )
    rows = connection.execute(text("SELECT number, net, vat, total, document FROM invoice"))
    for number, net, vat, total, document in rows:
        sums = InvoiceDocument.from_json(document).totals
        stored = (from_cents(int(net)), from_cents(int(vat)), from_cents(int(total)))
        if stored != (sums.net, sums.vat, sums.total):
            problems.append(
                _("Invoice {number}: the stored sums differ from the lines printed on it.").format(
                    number=number
                )
            )
    return problems
