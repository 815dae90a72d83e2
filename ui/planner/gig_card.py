"""One gig on the week planner: customer, title, site, time, its hours' state and crew chips.

A crew member with a conflict is marked on their own chip (a sign and a colour; the
words in the chip's tooltip and in the week's details panel), so that a conflict does
not make the card taller; what the marks mean is in :mod:`ui.planner.glance`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
)
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QSizePolicy, QVBoxLayout

from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import CrewMember, GigRow
from ui.planner.card_text import FitLabel, card_label
from ui.planner.flow_layout import FlowLayout
from ui.planner.glance import (
    BLOCKING,
    CONFLICT_SIGNS,
    WARNING,
    conflict_line,
    conflicts_by_chip,
    crew_count,
    shows_state,
    state_badge,
    time_range,
    tone_of,
)
from ui.planner.people import INSTRUCTOR, MIME_TYPE, PARTICIPANT, read_mime

__all__ = ["BLOCKING", "BOARD_STYLE", "WARNING", "CrewChip", "GigCard", "time_range"]

# One style sheet for the whole board, set once (see ``BOARD_STYLE`` users): a sheet per
# card and chip made Qt parse hundreds of them for a busy week. A conflict's chip has a
# thicker border and less padding: the same size, so the card grows no taller.
BOARD_STYLE = """
GigCard { background: #ffffff; border: 1px solid #9aa5b1; border-radius: 4px; }
GigCard[cancelled="true"] { background: #eeeeee; border: 1px dashed #7d8793; }
GigCard:focus { border: 2px solid #1a5fb4; }
GigCard[cancelled="true"] QLabel { color: #5c5c5c; }
CrewChip { border-radius: 7px; padding: 1px 5px; }
CrewChip[kind="participant"] { background: #e3edf9; border: 1px solid #9db8de; }
CrewChip[kind="instructor"] { background: #fdf0d5; border: 1px solid #dcbf85; }
CrewChip[conflict] { padding: 0 4px; }
CrewChip[conflict="warning"] { background: #ffe3b0; border: 2px solid #b86e00; color: #5c3200; }
CrewChip[conflict="blocking"] { background: #fbd0d0; border: 2px solid #b00020; color: #6b0013; }
GigCard[cancelled="true"] CrewChip { background: #f6f6f6; border: 1px solid #c4c4c4; }
QLabel[tone="warning"] { color: #8a4b00; font-weight: bold; }
QLabel[tone="blocking"] { color: #b00020; font-weight: bold; }
QLabel[state] { border-radius: 3px; padding: 0 3px; }
QLabel[state="not_recorded"] { background: #fff4d6; color: #6b4a00; }
QLabel[state="recorded"] { background: #e3effc; }
QLabel[state="done"] { background: #e6f4e1; }
QLabel[state="approved"] { background: #d3ecd0; }
QLabel[state="invoiced"] { background: #cfe3f2; }
"""


class CardOwner(Protocol):
    """What a card asks the week view to do."""

    def drop_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def remove_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def open_crew_dialog(self, gig_id: int) -> bool: ...

    def move_focus(self, card: GigCard, columns: int, rows: int) -> None: ...

    def show_gig_menu(self, gig_id: int, position: QPoint) -> object: ...

    def gig_key(self, gig_id: int, keys: QKeySequence) -> bool: ...

    def card_focused(self, gig_id: int) -> None: ...


class CrewChip(FitLabel):
    """A crew member's name (with a conflict's sign); its context menu removes them."""

    def __init__(
        self, card: GigCard, kind: str, member: CrewMember, conflicts: Sequence[Conflict] = ()
    ) -> None:
        self.conflicts = tuple(conflicts)
        self.tone = tone_of(self.conflicts)
        # When it has room, the conflict's sign and the name; a narrow card cuts the name.
        super().__init__(
            member.name if self.tone is None else f"{CONFLICT_SIGNS[self.tone]} {member.name}"
        )
        self.card = card
        self.kind = kind
        self.member = member
        self.setProperty("kind", kind)
        if self.tone is not None:
            self.setProperty("conflict", self.tone)
        role = _("participant") if kind == PARTICIPANT else _("instructor")
        lines = [f"{member.name} ({role})"]
        lines += [
            f"{CONFLICT_SIGNS[BLOCKING if c.blocking else WARNING]} {c.message}"
            for c in self.conflicts
        ]
        self.setToolTip("\n".join(lines))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        remove = menu.addAction(_("Remove from gig"))
        remove.triggered.connect(self.remove)
        menu.exec(self.mapToGlobal(position))

    def remove(self) -> None:
        self.card.owner.remove_person(self.card.gig.id, self.kind, self.member.id)


class GigCard(QFrame):
    """A gig as a card; people dropped on it join its crew, Enter opens the crew dialog."""

    def __init__(
        self,
        gig: GigRow,
        owner: CardOwner,
        conflicts: Sequence[Conflict] = (),
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.gig = gig
        self.owner = owner
        self.conflicts = tuple(conflicts)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The day columns share the width equally, whatever the texts on the cards.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAcceptDrops(True)
        cancelled = gig.status.is_cancelled
        self.setProperty("cancelled", cancelled)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(1)

        top = FlowLayout(spacing=6)
        # A cancelled gig is struck through, greyed and says why (not colour alone).
        strike = ("<s>", "</s>") if cancelled else ("", "")
        self.time_label = QLabel(f"{strike[0]}<b>{time_range(gig)}</b>{strike[1]}")
        count = crew_count(gig)
        self.crew_size_label = QLabel(count.text)
        self.crew_size_label.setToolTip(count.tooltip)
        if count.tone is not None:
            self.crew_size_label.setProperty("tone", count.tone)
        top.addWidget(self.time_label)
        top.addWidget(self.crew_size_label)
        self.state_label: QLabel | None = None
        if shows_state(gig, today or date.today()):
            self.state_label = FitLabel(state_badge(gig))
            self.state_label.setProperty("state", gig.sheet_state.value)
            where = _("Where the gig's hours are (as in Timesheets).")
            self.state_label.setToolTip(f"{state_badge(gig)}\n{where}")
            top.addWidget(self.state_label)
        layout.addLayout(top)
        customer = html.escape(gig.customer_name)
        self.customer_label = card_label(f"{strike[0]}<b>{customer}</b>{strike[1]}", rich=True)
        self.title_label = card_label(gig.contract_title)
        for label in (self.customer_label, self.title_label):
            layout.addWidget(label)
        if gig.site_name:
            self.site_label = card_label(gig.site_name)
            layout.addWidget(self.site_label)
        if cancelled:
            text = gig.status.label
            if gig.cancel_billable:
                text = _("{status}, billable").format(status=text)
            if gig.cancel_reason:
                text = f"{text}: {gig.cancel_reason}"
            self.cancelled_label = card_label(f"✕ {text}")
            layout.addWidget(self.cancelled_label)

        placed, loose = conflicts_by_chip(gig, self.conflicts)
        self.chips: list[CrewChip] = []
        flow = FlowLayout()
        for kind, members in ((INSTRUCTOR, gig.instructors), (PARTICIPANT, gig.participants)):
            for member in members:
                chip = CrewChip(self, kind, member, placed.get((kind, member.id), ()))
                self.chips.append(chip)
                flow.addWidget(chip)
        if self.chips:
            layout.addLayout(flow)

        # Only a conflict of someone no longer on the crew gets a line of its own.
        self.conflict_labels: list[QLabel] = []
        for conflict in loose:
            label = card_label(conflict_line(conflict, gig))
            label.setToolTip(conflict.message)
            label.setProperty("tone", BLOCKING if conflict.blocking else WARNING)
            layout.addWidget(label)
            self.conflict_labels.append(label)
        self.setToolTip(
            _(
                "Drop a person here, or press Enter to choose the crew. "
                "Right click or Shift+F10 for the gig's menu."
            )
        )

    def chip_names(self) -> list[str]:
        return [chip.member.name for chip in self.chips]

    def conflict_texts(self) -> list[str]:
        """The card's conflicts in a few words each, as the details panel lists them."""
        return [conflict_line(conflict, self.gig) for conflict in self.conflicts]

    # --- drag and drop -------------------------------------------------------------------------

    def handle_mime(self, mime: QMimeData) -> bool:
        """Add the person a drop carries to the crew; False if it carries none."""
        key = read_mime(mime)
        if key is None:
            return False
        return self.owner.drop_person(self.gig.id, key[0], key[1])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(MIME_TYPE) and not self.gig.status.is_cancelled:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        event.acceptProposedAction()
        self.handle_mime(mime)

    # --- keyboard ------------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        modifiers = event.modifiers()
        if key == Qt.Key.Key_Menu or (
            key == Qt.Key.Key_F10 and modifiers == Qt.KeyboardModifier.ShiftModifier
        ):
            self.show_menu()
            return
        moves: dict[Qt.Key, tuple[int, int]] = {
            Qt.Key.Key_Left: (-1, 0),
            Qt.Key.Key_Right: (1, 0),
            Qt.Key.Key_Up: (0, -1),
            Qt.Key.Key_Down: (0, 1),
        }
        if key in moves and modifiers == Qt.KeyboardModifier.NoModifier:
            self.owner.move_focus(self, *moves[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.owner.open_crew_dialog(self.gig.id)
        elif not self.owner.gig_key(self.gig.id, QKeySequence(event.keyCombination())):
            super().keyPressEvent(event)

    def show_menu(self) -> None:
        """The gig's menu at the card's top left corner (the keyboard's way to it)."""
        self.owner.show_gig_menu(self.gig.id, self.mapToGlobal(QPoint(12, 12)))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.owner.show_gig_menu(self.gig.id, event.globalPos())
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.owner.card_focused(self.gig.id)
        super().focusInEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.owner.open_crew_dialog(self.gig.id)
