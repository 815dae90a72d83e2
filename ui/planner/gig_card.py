"""One gig on the week planner: customer, title, site, time, crew chips and conflicts."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QFrame, QLabel, QMenu, QSizePolicy, QVBoxLayout

from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind
from jobcenter_desktop.domain.gig_times import time_range_text
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import CrewMember, GigRow
from ui.forms import error_text
from ui.planner.card_text import card_label
from ui.planner.flow_layout import FlowLayout
from ui.planner.people import INSTRUCTOR, MIME_TYPE, PARTICIPANT, read_mime

# One style sheet for the whole board, set once (see ``BOARD_STYLE`` users): a sheet per
# card and chip made Qt parse hundreds of them for a busy week.
BOARD_STYLE = """
GigCard { background: #ffffff; border: 1px solid #9aa5b1; border-radius: 4px; }
GigCard[cancelled="true"] { background: #eeeeee; border: 1px dashed #9aa5b1; }
GigCard:focus { border: 2px solid #1a5fb4; }
GigCard[cancelled="true"] QLabel { color: #666666; }
CrewChip { border-radius: 7px; padding: 1px 5px; }
CrewChip[kind="participant"] { background: #e3edf9; border: 1px solid #9db8de; }
CrewChip[kind="instructor"] { background: #fdf0d5; border: 1px solid #dcbf85; }
QLabel[tone="warning"] { color: #8a4b00; font-weight: bold; }
QLabel[tone="blocking"] { color: #b00020; font-weight: bold; }
"""
WARNING = "warning"
BLOCKING = "blocking"

CONFLICT_KINDS = {
    ConflictKind.OVERLAP: N_("booked on an overlapping gig"),
    ConflictKind.QUALIFICATION_MISSING: N_("a required qualification is missing"),
    ConflictKind.QUALIFICATION_EXPIRED: N_("a required qualification has expired"),
    ConflictKind.WEEKLY_LIMIT: N_("over the weekly hour limit"),
    ConflictKind.NOT_ACTIVE: N_("not active in the programme"),
    ConflictKind.INSTRUCTOR_DOUBLE_BOOKED: N_("leads an overlapping gig"),
    ConflictKind.SAME_DAY_RULE: N_("same-day rule"),
}


class CardOwner(Protocol):
    """What a card asks the week view to do."""

    def drop_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def remove_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def open_crew_dialog(self, gig_id: int) -> bool: ...

    def move_focus(self, card: GigCard, columns: int, rows: int) -> None: ...

    def show_gig_menu(self, gig_id: int, position: QPoint) -> object: ...

    def gig_key(self, gig_id: int, keys: QKeySequence) -> bool: ...

    def card_focused(self, gig_id: int) -> None: ...


def time_range(gig: GigRow) -> str:
    """``8.00–12.00``, or ``22.00–2.00 (next day)``: the end the gig sheet and checks use."""
    return time_range_text(gig.day, gig.start_time, gig.duration_minutes)


def conflict_line(conflict: Conflict, gig: GigRow) -> str:
    """A conflict in a few words for the card ("Aino Laine: over the weekly hour limit")."""
    people = gig.instructors if conflict.kind is ConflictKind.INSTRUCTOR_DOUBLE_BOOKED else ()
    people = people or gig.participants
    name = next((m.name for m in people if m.id == conflict.person_id), "")
    kind = CONFLICT_KINDS.get(conflict.kind)
    if not name or kind is None:
        return conflict.message
    return f"{name}: {_(kind)}"


class CrewChip(QLabel):
    """A crew member's name; its context menu removes them from the gig."""

    def __init__(self, card: GigCard, kind: str, member: CrewMember) -> None:
        super().__init__(member.name)
        self.card = card
        self.kind = kind
        self.member = member
        self.setProperty("kind", kind)
        role = _("participant") if kind == PARTICIPANT else _("instructor")
        self.setToolTip(f"{member.name} ({role})")
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def sizeHint(self) -> QSize:
        # The whole name's width, even while it is shortened to fit a narrow card.
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self.member.name) - metrics.horizontalAdvance(self.text())
        return QSize(hint.width() + extra, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A name wider than the card ends in "…"; the tooltip has it whole. QLabel draws
        # the text a few pixels wider than its advance: keep that slack too.
        metrics = self.fontMetrics()
        margins = self.contentsMargins()
        slack = (
            super().sizeHint().width()
            - margins.left()
            - margins.right()
            - metrics.horizontalAdvance(self.text())
        )
        shown = self.member.name
        if self.width() < self.sizeHint().width():
            shown = metrics.elidedText(
                shown, Qt.TextElideMode.ElideRight, self.contentsRect().width() - slack
            )
        if shown != self.text():
            self.setText(shown)

    def _menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        remove = menu.addAction(_("Remove from gig"))
        remove.triggered.connect(self.remove)
        menu.exec(self.mapToGlobal(position))

    def remove(self) -> None:
        self.card.owner.remove_person(self.card.gig.id, self.kind, self.member.id)


class GigCard(QFrame):
    """A gig as a card; people dropped on it join its crew, Enter opens the crew dialog."""

    def __init__(self, gig: GigRow, owner: CardOwner, conflicts: Sequence[Conflict] = ()) -> None:
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
        self.time_label = QLabel(f"<b>{time_range(gig)}</b>")
        crew = len(gig.participants)
        self.crew_size_label = QLabel(
            _("{assigned}/{planned} people").format(assigned=crew, planned=gig.planned_crew_size)
        )
        self.crew_size_label.setToolTip(_("Participants on the gig / planned crew size"))
        if crew < gig.planned_crew_size and not cancelled:
            self.crew_size_label.setProperty("tone", WARNING)
        top.addWidget(self.time_label)
        top.addWidget(self.crew_size_label)
        layout.addLayout(top)
        self.customer_label = card_label(f"<b>{html.escape(gig.customer_name)}</b>", rich=True)
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

        self.chips: list[CrewChip] = []
        flow = FlowLayout()
        for kind, members in ((INSTRUCTOR, gig.instructors), (PARTICIPANT, gig.participants)):
            for member in members:
                chip = CrewChip(self, kind, member)
                self.chips.append(chip)
                flow.addWidget(chip)
        if self.chips:
            layout.addLayout(flow)

        self.conflict_labels: list[QLabel] = []
        for conflict in self.conflicts:
            label = card_label(error_text(conflict_line(conflict, gig)))
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
        return [label.text() for label in self.conflict_labels]

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
