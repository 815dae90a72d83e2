"""Every key the window answers to, read from the shortcuts themselves (the F1 help).

A key is registered where it acts, together with what it does: ``ui.forms.area_shortcut``
(a ``QShortcut`` whose *What's this* text says what it does), a ``QAction`` (its text) or
a button (its text). :func:`window_keys` walks the window's live shortcuts, actions and
buttons and groups them by the area they belong to, so the help lists exactly the keys
that are registered: a key added, changed or removed shows in the help with nothing else
to update. Keys an area's widgets handle themselves (a gig card's, the attendance
letters) come from the very tables those widgets read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton, QWidget

from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

#: the group of the keys that work everywhere in the window
WINDOW = "window"


@dataclass(frozen=True, slots=True)
class KeyHelp:
    """One thing to do and the keys that do it (as shown on a keyboard)."""

    keys: tuple[str, ...]
    description: str


@dataclass(slots=True)
class KeyGroup:
    """The keys of one area (or of the whole window), in the order they were registered."""

    name: str
    title: str
    keys: list[KeyHelp] = field(default_factory=list)

    def add(self, keys: Iterable[str], description: str) -> None:
        """Add ``keys`` for ``description``; the same thing twice lists its keys together."""
        new = tuple(keys)
        for number, found in enumerate(self.keys):
            if found.description == description:
                merged = found.keys + tuple(k for k in new if k not in found.keys)
                self.keys[number] = KeyHelp(merged, description)
                return
        self.keys.append(KeyHelp(new, description))


#: key names as the buttons and tooltips write them in the UI language (Alt+Vasen)
KEY_NAMES = {
    "Return": N_("Enter"),
    "Left": N_("Left"),
    "Right": N_("Right"),
    "Up": N_("Up arrow"),
    "Down": N_("Down arrow"),
    "Space": N_("Space"),
    "PgUp": "Page Up",
    "PgDown": "Page Down",
}


def key_text(sequence: QKeySequence) -> str:
    """The keys as the buttons and tooltips write them (Ctrl+Shift+W, Alt+Vasen, Enter),
    not Qt's own key names (Vaihto, Vasen nuoli)."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    *modifiers, key = text.split("+")
    if key in KEY_NAMES:
        key = _(KEY_NAMES[key])
    return "+".join([*modifiers, key])


def plain_text(text: str) -> str:
    """A menu or button text without its mnemonic, its keys in brackets or after a tab."""
    text = text.split("\t")[0]
    text = re.sub(r"&(?=\S)", "", text).replace("&&", "&")
    return re.sub(r"\s*\([^()]*\)\s*$", "", text).strip()


def describe(shortcut: QShortcut | QAction, description: str) -> None:
    """Say what ``shortcut`` does, for the help."""
    shortcut.setWhatsThis(description)


def _owner(thing: QObject) -> QWidget | None:
    """The widget a shortcut, action or button acts in."""
    parent = thing if isinstance(thing, QWidget) else thing.parent()
    while parent is not None and not isinstance(parent, QWidget):
        parent = parent.parent()
    return parent


def _registered(root: QWidget) -> Iterable[tuple[QObject, tuple[QKeySequence, ...], str]]:
    """Each shortcut, action and button with keys under ``root``: its keys and description."""
    for shortcut in root.findChildren(QShortcut):
        yield shortcut, (shortcut.key(),), shortcut.whatsThis()
    for action in root.findChildren(QAction):
        keys = tuple(action.shortcuts())
        if keys:
            yield action, keys, action.whatsThis() or plain_text(action.text())
    for button in root.findChildren(QAbstractButton):
        if not button.shortcut().isEmpty():
            yield button, (button.shortcut(),), plain_text(button.text())


def registered_keys(window: QWidget) -> list[tuple[QObject, str, str]]:
    """Every key registered in ``window`` (not in its dialogs): (object, keys, description)."""
    found = []
    for thing, sequences, description in _registered(window):
        owner = _owner(thing)
        if owner is None or owner.window() is not window:
            continue  # a dialog's own keys (it is open, or not yet deleted)
        for sequence in sequences:
            if not sequence.isEmpty():
                found.append((thing, key_text(sequence), description))
    return found


def window_keys(
    window: QWidget,
    areas: Mapping[str, tuple[str, QWidget]],
    handled: Mapping[str, Callable[[], list[KeyHelp]]] | None = None,
) -> list[KeyGroup]:
    """The keys of ``window``: first those that work everywhere, then each area's.

    ``areas`` maps an area's name to its title and widget, in navigation order;
    ``handled`` gives the keys an area's widgets handle themselves.
    """
    groups = {WINDOW: KeyGroup(WINDOW, _("Everywhere in the window"))}
    widgets = {}
    for name, (title, widget) in areas.items():
        groups[name] = KeyGroup(name, title)
        widgets[widget] = name
    for thing, keys, description in registered_keys(window):
        group = groups[WINDOW]
        owner = _owner(thing)
        while owner is not None:
            if owner in widgets:
                group = groups[widgets[owner]]
                break
            owner = owner.parentWidget()
        group.add((keys,), description)
    for name, more in (handled or {}).items():
        for item in more():
            groups[name].add(item.keys, item.description)
    return [group for group in groups.values() if group.keys]
