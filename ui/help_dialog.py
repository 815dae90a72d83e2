"""The F1 help: every key of the window, area by area, from the registered shortcuts."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from jobcenter_desktop.i18n import gettext as _
from ui.attendance.table import status_keys
from ui.planner.gig_actions import GIG_CAPTIONS, GIG_KEYS
from ui.shortcuts import WINDOW, KeyGroup, KeyHelp, key_text, plain_text


def _gig_card_keys() -> list[KeyHelp]:
    """The keys a focused gig card handles, from the table the card reads (GIG_KEYS)."""
    return [
        KeyHelp(
            (key_text(QKeySequence(keys)),),
            _("On a gig card: {action}").format(action=plain_text(_(GIG_CAPTIONS[name]))),
        )
        for name, keys in GIG_KEYS.items()
    ]


def _attendance_letters() -> list[KeyHelp]:
    """The letters that set a day in the attendance grid, in the UI language."""
    return [
        KeyHelp((letter,), _("On a day: {status}").format(status=status.label))
        for letter, status in status_keys().items()
    ]


#: keys an area's own widgets handle (not shortcuts), from the tables those widgets read
HANDLED_KEYS: dict[str, Callable[[], list[KeyHelp]]] = {
    "week": _gig_card_keys,
    "attendance": _attendance_letters,
}


def merged(groups: list[KeyGroup]) -> list[tuple[list[str], KeyGroup]]:
    """Next to each other, areas with the very same keys (the registers) are shown once."""
    result: list[tuple[list[str], KeyGroup]] = []
    for group in groups:
        if result and group.name != WINDOW and result[-1][1].keys == group.keys:
            result[-1][0].append(group.name)
        else:
            result.append(([group.name], group))
    return result


class HelpDialog(QDialog):
    """The keys of the window and of each area; the area shown when F1 was pressed first."""

    def __init__(
        self, groups: list[KeyGroup], current: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keys and help"))
        self.groups = groups
        titles = {group.name: group.title for group in groups}
        # The area in use first, then the keys that work everywhere, then the other areas.
        ordered = sorted(groups, key=lambda g: 0 if g.name == current else 1)
        self.sections = merged(ordered)
        intro = QLabel(
            _(
                "The keys of the area in use come first. An area's keys work while it is "
                "shown; the keys under “Everywhere in the window” work in every area. "
                "Buttons and menus show their keys too."
            )
        )
        intro.setWordWrap(True)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        # One table for all the sections, so that the keys and the texts line up.
        rows = []
        for names, group in self.sections:
            heading = ", ".join(escape(titles[name]) for name in names)
            rows.append(
                "<tr><td colspan='2' style='padding: 14px 0 4px 0; font-size: large;'>"
                f"<b>{heading}</b></td></tr>"
            )
            rows.extend(
                "<tr><td style='padding: 2px 24px 2px 8px; white-space: nowrap;'><b>"
                + escape(", ".join(item.keys))
                + f"</b></td><td style='padding: 2px 0;'>{escape(item.description)}</td></tr>"
                for item in group.keys
            )
        html = "<table cellspacing='0'>" + "".join(rows) + "</table>"
        self.browser.setHtml(html)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)

    def listed(self) -> list[tuple[str, str, str]]:
        """What the help says: (area, keys, description) for each key it lists."""
        return [
            (name, keys, item.description)
            for names, group in self.sections
            for name in names
            for item in group.keys
            for keys in item.keys
        ]

    def text(self) -> str:
        return self.browser.toPlainText()
