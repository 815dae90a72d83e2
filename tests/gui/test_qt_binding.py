"""Guards against Qt-binding defects that would crash the program in daily use."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox


class _Emitter(QObject):
    changed = Signal()


def _bool_references() -> int:
    return sys.getrefcount(True) + sys.getrefcount(False)


def test_emitting_a_signal_keeps_the_reference_counts_of_true_and_false() -> None:
    # PySide6 6.12.0 drops a reference to a bool on every emit from Python; on
    # Python 3.11 the interpreter then aborts after enough edits ("bool_dealloc").
    emitter = _Emitter()
    emitter.changed.connect(lambda: None)
    box = QCheckBox()
    box.toggled.connect(lambda _checked: emitter.changed.emit())
    before = _bool_references()
    for _ in range(200):
        emitter.changed.emit()
        box.setChecked(not box.isChecked())
    assert _bool_references() - before == 0
