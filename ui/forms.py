"""Detail forms: labelled fields with the field's own error message under it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from datetime import date, time
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jobcenter_desktop.domain.parsing import parse_bool, parse_date, parse_time
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_time

T = TypeVar("T")

ERROR_STYLE = "color: #b00020; font-weight: bold;"


def error_text(message: str) -> str:
    # A sign and words, so that colour is never the only signal.
    return f"⚠ {message}"


#: the day the date hints show: past, and with a day above 12, so that the day and the
#: month cannot be taken for each other in any language
EXAMPLE_DATE = date(2025, 3, 14)


def example(text: str) -> str:
    """An input hint: ``esim. 14.3.2025`` in Finnish, ``e.g. 14/03/2025`` in English."""
    return _("e.g. {example}").format(example=text)


def date_hint() -> str:
    return example(format_date(EXAMPLE_DATE))


def time_hint() -> str:
    return example(format_time(time(8, 30)))


def number_hint(value: str, places: int = 2) -> str:
    """A number written as the UI language writes it: ``esim. 35,00``, ``e.g. 35.00``."""
    return example(format_decimal(Decimal(value), places))


class DateEdit(QLineEdit):
    """A date typed as 5.10.2026, 5.10. or 5.10 (or 05/10/2026); shown in the UI's way."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(date_hint())
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        with suppress(ValueError):  # the service names the problem when saving
            self.setText(format_date(parse_date(self.text())))


class TimeEdit(QLineEdit):
    """A time typed as 830, 8.30 or 8:30; shown as 8.30 (08:30 in English)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(time_hint())
        self.setMaximumWidth(90)
        self.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        with suppress(ValueError):
            self.setText(format_time(parse_time(self.text())))


def compact_combo() -> QComboBox:
    """A combo box that does not widen the form to its longest choice."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(10)
    # ... but takes the row's room, so that the chosen text is not clipped when there is some.
    policy = combo.sizePolicy()
    policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
    combo.setSizePolicy(policy)
    return combo


def enum_combo(enum: type[StrEnum], with_empty: bool = False) -> QComboBox:
    combo = compact_combo()
    if with_empty:
        combo.addItem("", "")
    for member in enum:
        combo.addItem(getattr(member, "label", member.value), member.value)
    return combo


def choice_combo(items: Iterable[tuple[Any, str]], with_empty: bool = True) -> QComboBox:
    combo = compact_combo()
    fill_combo(combo, items, with_empty)
    return combo


def fill_combo(combo: QComboBox, items: Iterable[tuple[Any, str]], with_empty: bool = True) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    if with_empty:
        combo.addItem("", None)
    for value, text in items:
        combo.addItem(text, value)
    found = combo.findData(current)
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)


def area_shortcut(
    area: QWidget, keys: str, slot: Callable[[], object], description: str = ""
) -> QShortcut:
    """A shortcut that works anywhere inside ``area`` (and only there).

    ``description`` says what it does; the F1 help (``ui.shortcuts``) lists it so.
    """
    shortcut = QShortcut(QKeySequence(keys), area)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.setWhatsThis(description)
    shortcut.activated.connect(slot)
    return shortcut


def confirm_discard(
    parent: QWidget,
    dirty: bool,
    save: Callable[[], bool],
    discard: Callable[[], object] = lambda: None,
) -> bool:
    """Before unsaved changes would be thrown away, ask: Save, Discard or Cancel.

    True when it is fine to go on: nothing was unsaved, ``save`` succeeded, or the
    changes were discarded (after ``discard`` ran). ``discard`` must put the stored
    record back into the form and clear the dirty flag: the user may stay on the form
    (e.g. when the window switches areas and comes back), and Ctrl+S must not then
    save what was discarded.
    """
    if not dirty:
        return True
    answer = QMessageBox.question(
        parent,
        _("Unsaved changes"),
        _("The form has changes that are not saved. Save them first?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
    )
    if answer == QMessageBox.StandardButton.Save:
        return save()
    if answer == QMessageBox.StandardButton.Discard:
        discard()
        return True
    return False


class FieldForm(QWidget):
    """Rows of label, field and error; values move in and out as ``...Input`` dataclasses."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._layout = QFormLayout()
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._outer.addLayout(self._layout)
        self.widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._field_of_error: dict[str, str] = {}
        self._loading = False

    def section(self, title: str) -> None:
        heading = QLabel(f"<b>{title}</b>")
        heading.setContentsMargins(0, 8, 0, 0)
        self._layout.addRow(heading)

    def add(self, key: str, label: str, widget: QWidget, error_key: str | None = None) -> QWidget:
        """Add a field; ``key`` names the Input attribute it edits (and its errors)."""
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        caption = QLabel(label)
        caption.setBuddy(widget)
        self._layout.addRow(caption, box)
        self.widgets[key] = widget
        self._errors[error_key or key] = error
        self._field_of_error[error_key or key] = key
        self._watch(widget)
        return widget

    def _watch(self, widget: QWidget) -> None:
        signal = None
        if isinstance(widget, QLineEdit):
            signal = widget.textEdited
        elif isinstance(widget, QPlainTextEdit):
            signal = widget.textChanged
        elif isinstance(widget, QComboBox):
            signal = widget.currentIndexChanged
        elif isinstance(widget, QCheckBox):
            signal = widget.toggled
        elif hasattr(widget, "changed"):
            signal = widget.changed
        if signal is not None:
            signal.connect(self._emit_changed)

    def _emit_changed(self, *_args: Any) -> None:
        if not self._loading:
            self.changed.emit()

    # --- values -------------------------------------------------------------------------------

    def value(self, key: str) -> Any:
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return widget.value()  # type: ignore[attr-defined]

    def set_value(self, key: str, value: Any) -> None:
        widget = self.widgets[key]
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
            widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(
                parse_bool(value) if isinstance(value, str) and value else bool(value)
            )
        else:
            widget.set_value(value)  # type: ignore[attr-defined]

    def load(self, data: Any) -> None:
        """Show a dataclass: every field that has a widget of the same name."""
        self._loading = True
        try:
            for field in dataclasses.fields(data):
                if field.name in self.widgets:
                    self.set_value(field.name, getattr(data, field.name))
            self.clear_errors()
        finally:
            self._loading = False

    def collect(self, data: T) -> T:
        """``data`` with every field that has a widget replaced by what is typed."""
        names = {f.name for f in dataclasses.fields(data)}  # type: ignore[arg-type]
        updates = {k: self.value(k) for k in self.widgets if k in names}
        return dataclasses.replace(data, **updates)  # type: ignore[type-var]

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
            label.clear()

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Show each message at its field; return the messages that have no place here."""
        self.clear_errors()
        unplaced: list[str] = []
        first: QWidget | None = None
        for key, message in errors.items():
            label = self._errors.get(key) or self._errors.get(key.split(".")[0])
            if label is None:
                unplaced.append(message)
                continue
            text = label.text()
            label.setText(f"{text}\n{error_text(message)}" if text else error_text(message))
            label.show()
            base = key.split(".")[0]
            widget = self.widgets.get(
                self._field_of_error.get(key, self._field_of_error.get(base, base))
            )
            if first is None and widget is not None:
                first = widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return unplaced

    def error_messages(self) -> Sequence[str]:
        return [label.text() for label in self._errors.values() if not label.isHidden()]
