"""The participant's Money tab: pay basis and the dated hourly pay, the bank account, the
benefit profile with each benefit's figure, and the consent for information exchange.

Which benefits a person receives is special-category data: it is shown here only, never
in the register's list, its tooltips, its export or a customer's document. Every change
here is saved at once (no Save), each one transaction through ``services.pay``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode, BenefitRule, RuleKind
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_money, format_percent
from jobcenter_desktop.queries.benefits import (
    ConsentState,
    MoneyFacts,
    ProfileRow,
    participant_money,
)
from jobcenter_desktop.services.pay import benefits, rates
from jobcenter_desktop.services.registers.participants import label as register_label
from ui.forms import ERROR_STYLE, DateEdit, date_hint, error_text, number_hint

WARNING = "⚠ "


def rule_figure(rule: BenefitRule | None, personal_limit: object = None) -> str:
    """The rule's figure in words: the limit a month, or the share earnings reduce it by."""
    if rule is None:
        return _("No rule in the catalogue: add one in Settings.")
    if rule.kind is RuleKind.MONTHLY_LIMIT:
        text = _("Limit {amount} a month").format(amount=format_money(rule.monthly_limit))
        if rule.exceed_months:
            text += ", " + _("may be exceeded in {months} months a year").format(
                months=rule.exceed_months
            )
        return text
    if rule.kind is RuleKind.PERSONAL_LIMIT:
        return _("Personal limit set for each person")
    return _("Each euro earned reduces it by {share}").format(
        share=format_percent(rule.reduction_share)
    )


def profile_text(row: ProfileRow) -> str:
    """One benefit of the profile as rich text: name, period, limit, figure, source."""
    period = _("from {start}").format(start=format_date(row.valid_from)) if row.valid_from else ""
    if row.valid_until is not None:
        period = (period + " " if period else "") + _("until {end}").format(
            end=format_date(row.valid_until)
        )
    lines = [f"<b>{row.label}</b>" + (f" · {period}" if period else "")]
    if row.personal_limit is not None:
        lines.append(
            _("Personal limit {amount} a month").format(amount=format_money(row.personal_limit))
        )
    else:
        lines.append(rule_figure(row.rule))
    if row.rule is not None:
        source = _("Figure of {year}, source: {source}").format(
            year=row.rule.year, source=row.rule.source or "—"
        )
        if not row.rule.confirmed:
            source += f" <b>{WARNING}{_('unconfirmed')}</b>"
        lines.append(f"<small>{source}</small>")
    if row.ended:
        lines.append(f"<i>{_('Ended')}</i>")
    return "<br>".join(lines)


def consent_text(facts: MoneyFacts) -> str:
    """The consent for information exchange in one sentence, marked when it runs out."""
    state = facts.consent_state
    if state is ConsentState.NONE:
        return WARNING + _("No consent recorded. Record it on the Details tab.")
    given = (
        _("Given {day}.").format(day=format_date(facts.consent_date)) if facts.consent_date else ""
    )
    scope = facts.consent_scope
    if state is ConsentState.VALID and facts.consent_expires is None:
        ends = _("No expiry date.")
    elif state is ConsentState.EXPIRED:
        ends = WARNING + _("Expired on {day}: ask for a new consent.").format(
            day=format_date(facts.consent_expires)
        )
    elif state is ConsentState.EXPIRING:
        ends = WARNING + _("Expires on {day}, within 30 days: ask for a new consent.").format(
            day=format_date(facts.consent_expires)
        )
    else:
        ends = _("Expires on {day}.").format(day=format_date(facts.consent_expires))
    return " ".join(part for part in (given, scope and f"({scope})", ends) if part)


def _message() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.hide()
    return label


def _captioned(
    grid: QGridLayout, field: QWidget, row: int, column: int, span: int = 1, stretch: bool = True
) -> None:
    """``field`` under its caption (its accessible name, the caption's buddy)."""
    caption = QLabel(field.accessibleName())
    caption.setBuddy(field)
    grid.addWidget(caption, row, column, 1, span)
    grid.addWidget(field, row + 1, column, 1, span)
    if stretch:
        grid.setColumnStretch(column, 1)


def _wrapped(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class MoneyTab(QScrollArea):
    """What the participant earns and receives; see the module's docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.participant_id: int | None = None
        self.facts: MoneyFacts | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.privacy_note = _wrapped(
            _(
                "Sensitive information: shown only here, never in lists, exports or "
                "customers' documents."
            )
        )
        self.privacy_note.setStyleSheet("color: palette(placeholder-text);")

        # --- pay ---
        pay_box = QGroupBox(_("Pay"))
        self.pay_basis_label = _wrapped()
        self.iban_label = _wrapped()
        self.rates_table = QTableWidget(0, 2)
        self.rates_table.setHorizontalHeaderLabels(
            [rates.label("valid_from"), rates.label("hourly_pay")]
        )
        self.rates_table.setAccessibleName(_("Hourly pay history"))
        self.rates_table.verticalHeader().hide()
        self.rates_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rates_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rates_table.setTabKeyNavigation(False)
        self.rates_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        row_height = self.rates_table.verticalHeader().defaultSectionSize()
        self.rates_table.setFixedHeight(
            self.rates_table.horizontalHeader().sizeHint().height()
            + 3 * row_height
            + 2 * self.rates_table.frameWidth()
        )
        self.rate_from = DateEdit()
        self.rate_from.setPlaceholderText(date_hint())
        self.rate_from.setAccessibleName(rates.label("valid_from"))
        self.rate_pay = QLineEdit()
        self.rate_pay.setPlaceholderText(_("€/h, {example}").format(example=number_hint("10.50")))
        self.rate_pay.setAccessibleName(rates.label("hourly_pay"))
        self.add_rate_button = QPushButton(_("Add pay"))
        self.add_rate_button.setToolTip(_("Saved at once; no need to save."))
        rate_row = QGridLayout()
        rate_row.setVerticalSpacing(2)
        for column, field in enumerate((self.rate_from, self.rate_pay)):
            _captioned(rate_row, field, 0, column)
        rate_row.addWidget(self.add_rate_button, 1, 2)
        self.rate_hint = _wrapped(
            _(
                "A raise holds from its date on: months before it keep the pay they had, "
                "also when they are paid later."
            )
        )
        self.rate_message = _message()
        pay_layout = QVBoxLayout(pay_box)
        pay_layout.addWidget(self.pay_basis_label)
        pay_layout.addWidget(self.iban_label)
        pay_layout.addWidget(self.rates_table)
        pay_layout.addLayout(rate_row)
        pay_layout.addWidget(self.rate_hint)
        pay_layout.addWidget(self.rate_message)

        # --- benefits ---
        benefit_box = QGroupBox(_("Benefits"))
        self.no_benefits = _wrapped(_("No benefits recorded."))
        self.cards_layout = QVBoxLayout()
        self.cards: list[BenefitCard] = []
        self.benefit_combo = QComboBox()
        self.benefit_combo.setAccessibleName(benefits.label("benefit"))
        self.benefit_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.benefit_combo.setMinimumContentsLength(20)
        for code in BenefitCode:
            self.benefit_combo.addItem(code.label, code.value)
        self.limit_edit = QLineEdit()
        self.limit_edit.setPlaceholderText(
            _("€/month, {example}").format(example=number_hint("1200"))
        )
        self.limit_edit.setAccessibleName(benefits.label("limit"))
        self.benefit_from = DateEdit()
        self.benefit_from.setPlaceholderText(date_hint())
        self.benefit_from.setAccessibleName(benefits.label("valid_from"))
        self.add_benefit_button = QPushButton(_("Add benefit"))
        self.add_benefit_button.setToolTip(_("Saved at once; no need to save."))
        benefit_row = QGridLayout()
        benefit_row.setVerticalSpacing(2)
        _captioned(benefit_row, self.benefit_combo, 0, 0, span=3, stretch=False)
        for column, field in enumerate((self.limit_edit, self.benefit_from)):
            _captioned(benefit_row, field, 2, column)
        benefit_row.addWidget(self.add_benefit_button, 3, 2)
        self.limit_hint = _wrapped(
            _(
                "The personal limit only for the earnings-related pension: the euros a month "
                "in the pension provider's letter."
            )
        )
        self.benefit_message = _message()
        benefit_layout = QVBoxLayout(benefit_box)
        benefit_layout.addWidget(self.no_benefits)
        benefit_layout.addLayout(self.cards_layout)
        benefit_layout.addLayout(benefit_row)
        benefit_layout.addWidget(self.limit_hint)
        benefit_layout.addWidget(self.benefit_message)

        # --- consent, beside the profile ---
        consent_box = QGroupBox(_("Consent for information exchange"))
        self.consent_label = _wrapped()
        QVBoxLayout(consent_box).addWidget(self.consent_label)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.privacy_note)
        layout.addWidget(pay_box)
        layout.addWidget(benefit_box)
        layout.addWidget(consent_box)
        layout.addStretch()
        self.setWidget(body)

        self.add_rate_button.clicked.connect(self.add_rate)
        self.rate_pay.returnPressed.connect(self.add_rate)
        self.rate_from.returnPressed.connect(self.rate_pay.setFocus)
        self.add_benefit_button.clicked.connect(self.add_benefit)
        self.limit_edit.returnPressed.connect(self.benefit_from.setFocus)
        self.benefit_from.returnPressed.connect(self.add_benefit)
        self.benefit_combo.currentIndexChanged.connect(self._benefit_chosen)
        self._benefit_chosen()

    # --- showing ------------------------------------------------------------------------------

    def show_participant(
        self, store: Store | None, participant_id: int | None, archived: bool
    ) -> None:
        changed = participant_id != self.participant_id
        self.store = store
        self.participant_id = participant_id
        self.setEnabled(participant_id is not None and not archived)
        if changed:
            for message in (self.rate_message, self.benefit_message):
                message.hide()
            for field in (self.rate_from, self.rate_pay, self.limit_edit, self.benefit_from):
                field.clear()
        self.refresh()

    def refresh(self) -> None:
        if self.store is None or self.participant_id is None:
            self.facts = None
            self._fill(None)
            return
        try:
            self.facts = participant_money(self.store, self.participant_id)
        except UserError:  # removed meanwhile: the register reloads its list
            self.facts = None
        self._fill(self.facts)

    def _fill(self, facts: MoneyFacts | None) -> None:
        self.pay_basis_label.setText(
            f"{register_label('pay_basis')}: {facts.pay_basis.label}" if facts else ""
        )
        if facts is None:
            account = ""
        elif facts.iban:
            account = f"{register_label('iban')}: {facts.iban}"
        else:
            account = f"{register_label('iban')}: " + _("none yet, type it on the Details tab.")
        self.iban_label.setText(account)
        history = list(reversed(facts.rates)) if facts else []
        self.rates_table.setRowCount(len(history))
        for number, rate in enumerate(history):
            for column, text in enumerate(
                (format_date(rate.valid_from), format_money(rate.hourly_pay))
            ):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.rates_table.setItem(number, column, item)
        for card in self.cards:
            self.cards_layout.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for row in facts.benefits if facts else ():
            card = BenefitCard(row)
            card.end_requested.connect(self.end_benefit)
            self.cards_layout.addWidget(card)
            self.cards.append(card)
        self.no_benefits.setVisible(not self.cards)
        self.consent_label.setText(consent_text(facts) if facts else "")
        warn = facts is not None and facts.consent_state is not ConsentState.VALID
        self.consent_label.setStyleSheet(ERROR_STYLE if warn else "")

    def _benefit_chosen(self, *_args: object) -> None:
        personal = self.benefit_combo.currentData() == BenefitCode.EARNINGS_RELATED_PENSION.value
        self.limit_edit.setEnabled(personal)
        if not personal:
            self.limit_edit.clear()

    def _show(self, label: QLabel, text: str) -> None:
        label.setStyleSheet(ERROR_STYLE)
        label.setText(error_text(text))
        label.show()

    def _done(self, label: QLabel, text: str) -> None:
        label.setStyleSheet("")
        label.setText("✓ " + text)
        label.show()

    # --- actions ------------------------------------------------------------------------------

    def add_rate(self) -> None:
        if self.store is None or self.facts is None:
            return
        try:
            saved = rates.set_rate(
                self.store,
                self.facts.participant_number,
                self.rate_pay.text(),
                self.rate_from.text(),
            )
        except (ValidationError, UserError) as error:
            self._show(self.rate_message, str(error))
            return
        self.rate_from.clear()
        self.rate_pay.clear()
        self.refresh()
        self._done(
            self.rate_message,
            _("{pay} an hour from {day}.").format(
                pay=format_money(saved.hourly_pay), day=format_date(saved.valid_from)
            ),
        )

    def add_benefit(self) -> None:
        if self.store is None or self.facts is None:
            return
        limit = self.limit_edit.text().strip() or None
        try:
            benefits.set_benefit(
                self.store,
                self.facts.participant_number,
                str(self.benefit_combo.currentData()),
                limit,
                self.benefit_from.text().strip() or None,
            )
        except (ValidationError, UserError) as error:
            self._show(self.benefit_message, str(error))
            return
        self.limit_edit.clear()
        self.benefit_from.clear()
        self.refresh()
        self._done(self.benefit_message, _("Benefit saved."))

    def end_benefit(self, benefit_id: int, last_day: str) -> None:
        if self.store is None:
            return
        try:
            benefits.end_benefit(self.store, benefit_id, last_day)
        except (ValidationError, UserError) as error:
            self._show(self.benefit_message, str(error))
            return
        self.refresh()
        self._done(self.benefit_message, _("Benefit ended."))


class BenefitCard(QFrame):
    """One benefit of the profile in words, with its last day and End."""

    #: the benefit's id and the last day as typed
    end_requested = Signal(int, str)

    def __init__(self, row: ProfileRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.row = row
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(profile_text(row))
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.last_day = DateEdit()
        self.last_day.setPlaceholderText(date_hint())
        self.last_day.setAccessibleName(_("Last day"))
        if row.valid_until is not None:
            self.last_day.setText(format_date(row.valid_until))
        self.end_button = QPushButton(_("End the benefit"))
        ends = QHBoxLayout()
        caption = QLabel(_("Last day"))
        caption.setBuddy(self.last_day)
        ends.addWidget(caption)
        ends.addWidget(self.last_day, 1)
        ends.addWidget(self.end_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(ends)
        self.end_button.clicked.connect(self._end)
        self.last_day.returnPressed.connect(self._end)

    def _end(self) -> None:
        self.end_requested.emit(self.row.id, self.last_day.text().strip())
