"""The pay area's two lists: the people a run would pay, and the confirmed runs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.search import number_order
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import (
    format_date,
    format_datetime,
    format_minutes,
    format_money,
)
from jobcenter_desktop.interchange.pay_run_overview import PersonTotals
from jobcenter_desktop.queries.pay_runs import PayRunRow
from ui.table_model import Column, ColumnTableModel

#: the pay basis in a column: short words (the register has the long ones)
BASIS_SHORT = {
    PayBasis.WAGE: N_("Wage"),
    PayBasis.FEE: N_("Fee"),
    PayBasis.CUSTOMER_EMPLOYED: N_("Customer pays"),
    PayBasis.NONE: N_("No pay"),
}
BASIS_ORDER = {basis: order for order, basis in enumerate(BASIS_SHORT)}


def _money(amount: Any) -> str:
    return format_money(amount) if amount else ""


def payment_text(row: PersonTotals) -> str:
    """How the person gets the money: by bank transfer, or by hand (no account)."""
    if not row.paid_by_centre and not row.allowance:
        return ""
    return _("Bank transfer") if row.has_iban else _("By hand")


class PeopleModel(ColumnTableModel[PersonTotals]):
    """A row per person of the previewed run: hours, earnings, allowance and payment."""

    columns = (
        Column[PersonTotals](N_("No."), lambda r: r.number, lambda r: number_order(r.number), True),
        Column[PersonTotals](N_("Name"), lambda r: r.name),
        Column[PersonTotals](
            N_("Pay basis"),
            lambda r: _(BASIS_SHORT[r.pay_basis]),
            lambda r: BASIS_ORDER[r.pay_basis],
        ),
        Column[PersonTotals](
            N_("Hours"),
            lambda r: format_minutes(r.minutes) if r.minutes else "",
            lambda r: r.minutes,
            True,
        ),
        Column[PersonTotals](
            N_("Pay (gross)"), lambda r: _money(r.paid_by_centre), lambda r: r.paid_by_centre, True
        ),
        Column[PersonTotals](
            N_("Days present"),
            lambda r: str(r.allowance_days) if r.allowance_days else "",
            lambda r: r.allowance_days,
            True,
        ),
        Column[PersonTotals](
            N_("Allowance"), lambda r: _money(r.allowance), lambda r: r.allowance, True
        ),
        Column[PersonTotals](N_("Payment"), payment_text),
    )

    def extra_data(self, row: PersonTotals, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row)
        return None


def tooltip(row: PersonTotals) -> str:
    lines = [f"{row.name} ({row.number})", row.pay_basis.label]
    if row.earnings != row.paid_by_centre:
        lines.append(
            _("Earnings {amount}, not paid through the centre").format(
                amount=format_money(row.earnings)
            )
        )
    if not row.has_iban and (row.paid_by_centre or row.allowance):
        lines.append(_("No account number (IBAN): pay this by hand"))
    if row.missing_pay:
        lines.append(_("No hourly pay entered: the hours are paid at 0,00 €"))
    return "\n".join(lines)


def kind_text(row: PayRunRow) -> str:
    return _("Adjusting") if row.kind == "adjustment" else _("Regular")


def period_text(row: PayRunRow) -> str:
    return f"{format_date(row.period_start)}–{format_date(row.period_end)}"


#: the runs' column that takes the room left: an adjusting run's reason
REASON = 8


class RunsModel(ColumnTableModel[PayRunRow]):
    """The confirmed runs, newest first; the run's number is the id."""

    columns = (
        Column[PayRunRow](N_("No."), lambda r: str(r.number), lambda r: r.number, True),
        Column[PayRunRow](N_("Period"), period_text, lambda r: r.period_start),
        Column[PayRunRow](N_("Kind"), kind_text),
        Column[PayRunRow](
            N_("Confirmed"), lambda r: format_datetime(r.confirmed_at), lambda r: r.confirmed_at
        ),
        Column[PayRunRow](N_("Wages"), lambda r: format_money(r.wages), lambda r: r.wages, True),
        Column[PayRunRow](N_("Fees"), lambda r: format_money(r.fees), lambda r: r.fees, True),
        Column[PayRunRow](
            N_("Allowances"), lambda r: format_money(r.allowances), lambda r: r.allowances, True
        ),
        Column[PayRunRow](
            N_("Bank transfers"), lambda r: format_money(r.transfers), lambda r: r.transfers, True
        ),
        Column[PayRunRow](N_("Reason"), lambda r: r.reason),
    )

    def row_id(self, row: PayRunRow) -> int:
        return row.number

    def extra_data(self, row: PayRunRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                _("Confirmed by {who}").format(who=row.confirmed_by),
                _("{entries} timesheet entries, {days} days present").format(
                    entries=row.entries, days=row.attendance_days
                ),
                _("By bank transfer {amount}").format(amount=format_money(row.transfers)),
            ]
            if row.reason:
                lines.append(row.reason)
            return "\n".join(lines)
        return None
