"""The week's details panel: the focused gig in words, each conflict as a whole sentence.

The cards only mark a conflict on the person's chip; this panel (and the chip's
tooltip) says what it is and what to do about it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import GigRow
from ui.planner.glance import details_html


class GigDetails(QScrollArea):
    """A short, scrolling panel below the people: the gig whose card has the focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.label)
        self.setWidget(inner)
        self.gig_id: int | None = None
        self.clear()

    def clear(self) -> None:
        self.gig_id = None
        self.label.setText(_("Choose a gig: its hours, crew and conflicts are explained here."))

    def show_gig(self, gig: GigRow, conflicts: Sequence[Conflict], today: date) -> None:
        self.gig_id = gig.id
        self.label.setText(details_html(gig, conflicts, today))

    def text(self) -> str:
        """What the panel says, as plain text (lines)."""
        lines = self.label.text().split("<br>")
        return "\n".join(html.unescape(re.sub(r"<[^>]*>", "", line)) for line in lines)
