"""The mouse wheel changes a drop-down, spin box or date field only when it has the keyboard.

Scrolling a long form with the wheel must never change a value the pointer happens to
pass over (a participant's service basis was changed that way, and Ctrl+S saved it). The
fields' own handlers are guarded once for the whole application, so every form and
dialog, present and future, is covered without a filter that every event of the
program would pass through (that cost a quarter of a second at start):

- such a field never takes the keyboard focus from the wheel (its ``WheelFocus`` policy
  becomes ``StrongFocus`` when it is first shown);
- a wheel event over such a field without focus is offered to its parents instead,
  nearest first, as Qt does with an event a widget ignores, so the enclosing scroll area
  scrolls. With focus (clicked or tabbed into) the wheel changes the value as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QWidget,
)

#: the fields whose value the wheel changes (QAbstractSpinBox covers QSpinBox and
#: QDoubleSpinBox; QDateTimeEdit, with QDateEdit and QTimeEdit, has a wheel handler
#: of its own)
GUARDED: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox, QDateTimeEdit)


def _guarded_wheel(original: Callable[[Any, QWheelEvent], None]) -> Callable[..., None]:
    def wheelEvent(field: QWidget, event: QWheelEvent) -> None:
        if field.hasFocus():
            original(field, event)
            return
        pass_to_parents(field, event)
        # Taken here: the field never sees it, and Qt does not offer it up again.
        event.accept()

    wheelEvent.jobcenter_guard = True  # type: ignore[attr-defined]
    return wheelEvent


def _strong_focus_on_show(original: Callable[[Any, QShowEvent], None]) -> Callable[..., None]:
    def showEvent(field: QWidget, event: QShowEvent) -> None:
        if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        original(field, event)

    return showEvent


def pass_to_parents(widget: QWidget, event: QWheelEvent) -> bool:
    """Offer ``event`` to the parents of ``widget``, nearest first, until one takes it
    (a scroll area scrolls); stop at the window. True if one took it."""
    current = widget
    while not current.isWindow() and not current.testAttribute(
        Qt.WidgetAttribute.WA_NoMousePropagation
    ):
        parent = current.parentWidget()
        if parent is None:
            break
        forwarded = QWheelEvent(
            widget.mapTo(parent, event.position()),
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
            event.pointingDevice(),
        )
        forwarded.setAccepted(True)  # as Qt delivers it: a widget's handler ignores it
        if QApplication.sendEvent(parent, forwarded) and forwarded.isAccepted():
            return True
        current = parent
    return False


def guard_installed() -> bool:
    return all(getattr(kind.wheelEvent, "jobcenter_guard", False) for kind in GUARDED)


def install_wheel_guard(app: QApplication | None = None) -> None:
    """Guard the fields' wheel and show handlers once (calling it again changes nothing).

    Called where the window's QApplication is set up (``ui.app.setup_application``),
    which the GUI tests call too, so they run with the same guard. A Python override set
    on a Qt class is what Qt calls for every field made from Python.
    """
    del app  # the guard is on the field classes, for every application
    if guard_installed():
        return
    for kind in GUARDED:
        kind.wheelEvent = _guarded_wheel(kind.wheelEvent)  # type: ignore[method-assign]
        kind.showEvent = _strong_focus_on_show(kind.showEvent)  # type: ignore[method-assign]
