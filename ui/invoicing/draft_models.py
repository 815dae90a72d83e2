"""The drafts of the period and a customer's pending manual lines, as table models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from jobcenter_desktop.domain.invoices import Totals
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_money
from jobcenter_desktop.queries.extra_lines import ExtraLineRow
from jobcenter_desktop.services.invoicing.labels import line_kind_label, unit_label
from jobcenter_desktop.services.invoicing.pricing import Draft
from ui.table_model import Column, ColumnTableModel


@dataclass(frozen=True)
class DraftRow:
    """A draft with its totals worked out once."""

    draft: Draft
    totals: Totals

    @property
    def id(self) -> int:
        return self.draft.customer_id

    @classmethod
    def of(cls, draft: Draft) -> DraftRow:
        return cls(draft, draft.totals)


def customer_text(draft: Draft) -> str:
    return f"{draft.customer_name} ({draft.customer_number})"


class DraftsModel(ColumnTableModel[DraftRow]):
    """The period's drafts: customer, number of lines, net, VAT, total. Id: the customer."""

    columns = (
        Column[DraftRow](
            N_("Customer"), lambda r: customer_text(r.draft), lambda r: r.draft.customer_name
        ),
        Column[DraftRow](
            N_("Lines"), lambda r: str(len(r.draft.lines)), lambda r: len(r.draft.lines), True
        ),
        Column[DraftRow](
            N_("Net"), lambda r: format_money(r.totals.net), lambda r: r.totals.net, True
        ),
        Column[DraftRow](
            N_("VAT"), lambda r: format_money(r.totals.vat), lambda r: r.totals.vat, True
        ),
        Column[DraftRow](
            N_("Total"), lambda r: format_money(r.totals.total), lambda r: r.totals.total, True
        ),
    )

    def set_drafts(self, drafts: Sequence[Draft]) -> None:
        self.set_rows([DraftRow.of(draft) for draft in drafts])

    def total(self) -> Decimal:
        return sum((row.totals.total for row in self.rows), Decimal("0.00"))

    def extra_data(self, row: DraftRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join((customer_text(row.draft), *row.draft.problems))
        return None


class ExtraLinesModel(ColumnTableModel[ExtraLineRow]):
    """A customer's manual lines waiting for the next invoice."""

    columns = (
        Column[ExtraLineRow](N_("Date"), lambda r: format_date(r.day), lambda r: r.day),
        Column[ExtraLineRow](
            N_("Kind"), lambda r: line_kind_label(r.kind), lambda r: line_kind_label(r.kind)
        ),
        Column[ExtraLineRow](N_("Description"), lambda r: r.description, lambda r: r.description),
        Column[ExtraLineRow](
            N_("Quantity"),
            lambda r: f"{format_decimal(r.quantity)} {unit_label(r.unit)}",
            lambda r: r.quantity,
            True,
        ),
        Column[ExtraLineRow](
            N_("Unit price"), lambda r: format_money(r.unit_price), lambda r: r.unit_price, True
        ),
        Column[ExtraLineRow](N_("Net"), lambda r: format_money(r.net), lambda r: r.net, True),
    )
