"""The box "Etuuksien ansiorajat" in the settings: the dated benefit rule catalogue.

Like the VAT rates: a rule holds from its date until the benefit's next one, and a new
year's figure is a new row with a later date. A rule that participants' months already
past relied on keeps its figure (the service refuses; the row says "Locked"). A figure
carried over unchecked is "unconfirmed" until marked confirmed against its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money, format_percent
from jobcenter_desktop.queries.benefits import BenefitRuleRow, benefit_rule_rows
from jobcenter_desktop.services.pay.benefits import (
    add_benefit_rule,
    confirm_benefit_rule,
    rule_label,
)
from ui.centre.rates_box import RatesBox, next_year_hint
from ui.forms import DateEdit, number_hint
from ui.table_model import Column

#: short names for the table and the picker (the full names are in the Money tab)
SHORT_NAMES = {
    BenefitCode.KELA_DISABILITY_PENSION: N_("Kela disability pension"),
    BenefitCode.EARNINGS_RELATED_PENSION: N_("Earnings-related pension"),
    BenefitCode.UNEMPLOYMENT_BENEFIT: N_("Unemployment benefit"),
    BenefitCode.HOUSING_ALLOWANCE: N_("Housing allowance"),
}


def short_name(code: BenefitCode) -> str:
    return _(SHORT_NAMES[code])


def figure_text(row: BenefitRuleRow) -> str:
    """The limit a month, the share a reduction takes, or "personal"."""
    if row.kind is RuleKind.MONTHLY_LIMIT:
        return format_money(row.monthly_limit)
    if row.kind is RuleKind.PERSONAL_LIMIT:
        return _("personal")
    return format_percent(row.reduction_share)


def months_text(row: BenefitRuleRow) -> str:
    """The calendar months a year the limit may be exceeded, where the rule allows any."""
    return "" if row.exceed_months is None else str(row.exceed_months)


def confirmed_text(row: BenefitRuleRow) -> str:
    return "✓" if row.confirmed else "⚠ " + _("not yet")


class BenefitRulesBox(RatesBox):
    """The benefit rules by benefit and date, a row to add one and Mark confirmed."""

    VISIBLE_ROWS = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            _("Benefit earnings limits"),
            _(
                "The earnings forecast compares a month's pay with these rules. A new year's "
                "figure is a new row from its date; months already past keep theirs."
            ),
            [
                Column(N_("Benefit"), lambda r: short_name(r.code)),
                Column(N_("Valid from"), lambda r: format_date(r.valid_from), numeric=True),
                Column(N_("Figure"), figure_text, numeric=True),
                Column(N_("Months over"), months_text, numeric=True),
                Column(N_("Confirmed"), confirmed_text),
            ],
            parent,
        )
        header = self.table.horizontalHeader()
        # Every column as wide as its heading and figures: none of them may be cut short.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Rules are not deleted (a month may rely on one): the side button confirms instead.
        self.delete_button.hide()
        self.confirm_button = QPushButton(_("Mark confirmed"))
        self.confirm_button.setToolTip(_("The figure is checked against its source."))
        # RatesBox's layout: the note, then the table (its side column holds only the hidden
        # Delete), then the fields; the source of the chosen rule goes under the table.
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        outer.insertWidget(2, self.source_label)

        self.benefit = QComboBox()
        self.benefit.setAccessibleName(rule_label("benefit"))
        for code in BenefitCode:
            self.benefit.addItem(short_name(code), code.value)
        self.valid_from = DateEdit()
        self.valid_from.setPlaceholderText(next_year_hint())
        self.valid_from.setAccessibleName(rule_label("valid_from"))
        self.figure = QLineEdit()
        self.figure.setPlaceholderText(_("€ or %, {example}").format(example=number_hint("1006")))
        self.figure.setAccessibleName(rule_label("figure"))
        self.months = QLineEdit()
        self.months.setPlaceholderText("0–12")
        self.months.setAccessibleName(rule_label("exceed_months"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(_("e.g. {example}").format(example="Kela 2027"))
        self.source.setAccessibleName(rule_label("source"))
        self.confirmed = QCheckBox(_("Confirmed"))
        self.confirmed.setAccessibleName(_("Confirmed"))
        self._lay_out_fields()
        self.confirm_button.clicked.connect(self.confirm)
        self.table.selectionModel().currentRowChanged.connect(self._show_source)

    def _lay_out_fields(self) -> None:
        """Two rows under their captions: benefit and date, then figure, months and source."""
        grid = self.add_row
        placed: list[tuple[QWidget, int, int, int]] = [
            (self.benefit, 0, 0, 2),
            (self.valid_from, 0, 2, 1),
            (self.figure, 2, 0, 1),
            (self.months, 2, 1, 1),
            (self.source, 2, 2, 1),
        ]
        for field, row, column, span in placed:
            caption = QLabel(field.accessibleName())
            caption.setBuddy(field)
            grid.addWidget(caption, row, column, 1, span)
            grid.addWidget(field, row + 1, column, 1, span)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.addWidget(self.confirmed, 4, 0)
        grid.addWidget(self.confirm_button, 4, 1)
        grid.addWidget(self.add_button, 4, 2)
        line_fields = [self.valid_from, self.figure, self.months, self.source]
        for field, following in pairwise(line_fields):
            field.returnPressed.connect(following.setFocus)
        self.source.returnPressed.connect(self.add)
        self._update_buttons()

    # --- RatesBox ----------------------------------------------------------------------------

    def fields(self) -> list[QWidget]:
        return [
            self.benefit,
            self.valid_from,
            self.figure,
            self.months,
            self.source,
            self.confirmed,
        ]

    def rows(self, store: Store) -> Sequence[Any]:
        return benefit_rule_rows(store)

    def save_typed(self, store: Store) -> int:
        return add_benefit_rule(
            store,
            str(self.benefit.currentData()),
            self.valid_from.text(),
            self.figure.text(),
            self.months.text(),
            self.source.text(),
            self.confirmed.isChecked(),
        )

    def delete_row(self, store: Store, row_id: int) -> None:
        raise UserError(_("Benefit rules are not deleted: add a new row with a later date."))

    def _update_buttons(self, *_args: object) -> None:
        super()._update_buttons()
        row = self.current_row() if hasattr(self, "confirm_button") else None
        if hasattr(self, "confirm_button"):
            self.confirm_button.setEnabled(
                self.store is not None and row is not None and not row.confirmed
            )

    def _show_source(self, *_args: object) -> None:
        row = self.current_row()
        if row is None:
            self.source_label.setText("")
            return
        text = _("Figure of {year}, source: {source}").format(
            year=row.year, source=row.source or "—"
        )
        if row.locked:
            text += "\n" + _(
                "Months already past rely on it, so it is not changed: add a later row."
            )
        self.source_label.setText(text)

    def reload(self, select_id: int | None = None) -> None:
        super().reload(select_id)
        if hasattr(self, "source_label"):
            self._show_source()

    # --- actions -------------------------------------------------------------------------------

    def confirm(self) -> None:
        row = self.current_row()
        if self.store is None or row is None:
            return
        confirm_benefit_rule(self.store, row.id)
        self.reload(row.id)
        self.status.emit(_("Saved"))
