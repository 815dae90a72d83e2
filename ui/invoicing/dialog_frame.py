"""The frame the invoicing dialogs share: an intro, the fields, a message line, OK and Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.forms import ERROR_STYLE


def framed(dialog: QDialog, intro: QLabel, body: QWidget) -> QLabel:
    """Lay ``intro`` and ``body`` out in ``dialog`` with OK/Cancel; returns the (hidden)
    message line where the dialog shows what is wrong."""
    message = QLabel()
    message.setStyleSheet(ERROR_STYLE)
    message.setWordWrap(True)
    message.hide()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(intro)
    layout.addWidget(body)
    layout.addWidget(message)
    layout.addWidget(buttons)
    return message
