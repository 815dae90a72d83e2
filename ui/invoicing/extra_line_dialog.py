"""Add a manual line (materials, other) to a customer's next invoice."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.enums import VatTreatment
from jobcenter_desktop.domain.invoices import Unit
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.invoicing import ExtraLineInput
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.invoicing.extra_lines import EXTRA_KINDS, label
from jobcenter_desktop.services.invoicing.labels import line_kind_label, unit_label
from ui.forms import DateEdit, FieldForm, choice_combo, enum_combo, error_text
from ui.invoicing.dialog_frame import framed


class ExtraLineDialog(QDialog):
    """The line's fields; OK saves through ``save`` and stays open on a refusal, showing
    each problem at its field. Enter saves, Esc cancels."""

    def __init__(
        self,
        customer_name: str,
        start: ExtraLineInput,
        save: Callable[[ExtraLineInput], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add a line for {customer}").format(customer=customer_name))
        self.setMinimumWidth(460)
        self.start = start
        self.save = save
        intro = QLabel(
            _(
                "The line is billed on {customer}'s next invoice whose period ends on or "
                "after its date."
            ).format(customer=customer_name)
        )
        intro.setWordWrap(True)
        self.form = FieldForm()
        self.form.add("day", label("day"), DateEdit())
        self.form.add(
            "kind",
            label("kind"),
            choice_combo(((k.value, line_kind_label(k)) for k in EXTRA_KINDS), with_empty=False),
        )
        description = QLineEdit()
        description.setMaxLength(300)
        self.form.add("description", label("description"), description)
        self.form.add("quantity", label("quantity"), QLineEdit())
        self.form.add(
            "unit",
            label("unit"),
            choice_combo(((u.value, unit_label(u)) for u in Unit), with_empty=False),
        )
        self.form.add("unit_price", label("unit_price"), QLineEdit())
        self.form.add("vat_treatment", label("vat_treatment"), enum_combo(VatTreatment))
        self.form.add("vat_reason", label("vat_reason"), QLineEdit())
        self.form.load(start)
        self.message = framed(self, intro, self.form)
        self.form.widgets["vat_treatment"].currentIndexChanged.connect(self._reason_needed)  # type: ignore[attr-defined]
        self._reason_needed()
        self.form.widgets["description"].setFocus()

    def _reason_needed(self) -> None:
        treatment = VatTreatment(self.form.value("vat_treatment"))
        self.form.widgets["vat_reason"].setEnabled(treatment.needs_reason)

    def data(self) -> ExtraLineInput:
        return self.form.collect(self.start)

    def accept(self) -> None:
        try:
            self.save(self.data())
        except ValidationError as error:
            unplaced = self.form.show_errors(error.errors)
            self._say(unplaced)
            return
        except UserError as error:
            self.form.clear_errors()
            self._say([str(error)])
            return
        super().accept()

    def _say(self, messages: list[str]) -> None:
        self.message.setText("\n".join(error_text(m) for m in messages))
        self.message.setVisible(bool(messages))
