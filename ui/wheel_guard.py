"""The mouse wheel changes a drop-down, spin box or date field only when it has the keyboard.

Scrolling a long form with the wheel must never change a value the pointer happens to
pass over (a participant's service basis was changed that way, and Ctrl+S saved it). One
application-wide event filter covers every form and dialog, present and future:

- such a field never takes the keyboard focus from the wheel (its ``WheelFocus`` policy
  becomes ``StrongFocus`` when it is first polished, before it is shown);
- a wheel event over such a field without focus is offered to its parents instead,
  nearest first, as Qt does with an event a widget ignores, so the enclosing scroll area
  scrolls. With focus (clicked or tabbed into) the wheel changes the value as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

#: the fields whose value the wheel changes (QAbstractSpinBox covers QSpinBox,
#: QDoubleSpinBox, QDateEdit, QTimeEdit and QDateTimeEdit)
GUARDED: tuple[type[QWidget], ...] = (QComboBox, QAbstractSpinBox)

_WHEEL = QEvent.Type.Wheel
_POLISH = QEvent.Type.Polish


class WheelGuard(QObject):
    """The application's event filter; see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                assert isinstance(event, QWheelEvent)
                pass_to_parents(watched, event)
                # Taken here: the field never sees it, and Qt does not offer it up again.
                event.accept()
                return True
        elif kind == _POLISH and isinstance(watched, GUARDED):
            policy = watched.focusPolicy()
            if policy == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


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


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard on ``app`` once (calling it again changes nothing); return it.

    Called where the window's QApplication is set up (``ui.app.setup_application``),
    which the GUI tests call too, so they run with the same guard.
    """
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard
