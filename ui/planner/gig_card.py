"""One gig on the week planner: customer, title, site, time, its hours' state and crew chips.

A crew member with a conflict is marked on their own chip (a sign and a colour; the
words in the chip's tooltip and in the week's details panel), so that a conflict does
not make the card taller; what the marks mean is in :mod:`ui.planner.glance`.

A card is one widget that lays out and paints its own texts and chips (no label per
line or per chip, no style sheet): a week of sixty staffed gigs opens at once, and a
change to one gig gives its card new content (:meth:`GigCard.set_gig`) while the other
cards stay as they are. Each chip still has its tooltip and its menu, found by where
the mouse is (:meth:`GigCard.chip_at`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDragEnterEvent,
    QDropEvent,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QMenu, QSizePolicy, QToolTip, QWidget

from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.queries.gigs import CrewMember, GigRow
from ui.planner.card_text import WrappedText, wrap_text
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

__all__ = ["BLOCKING", "WARNING", "CardOwner", "CrewChip", "GigCard", "time_range"]

# --- the look (what the board's style sheet said before the cards painted themselves) ----------

CARD_BACKGROUND = QColor("#ffffff")
CARD_BORDER = QColor("#9aa5b1")
CANCELLED_BACKGROUND = QColor("#eeeeee")
CANCELLED_BORDER = QColor("#7d8793")
CANCELLED_TEXT = QColor("#5c5c5c")
FOCUS_BORDER = QColor("#1a5fb4")
#: text colour of a tone (the crew count, a conflict's line)
TONE_TEXT = {WARNING: QColor("#8a4b00"), BLOCKING: QColor("#b00020")}
#: a chip's background and border by kind, by conflict and on a cancelled card
CHIP_COLOURS = {
    PARTICIPANT: (QColor("#e3edf9"), QColor("#9db8de")),
    INSTRUCTOR: (QColor("#fdf0d5"), QColor("#dcbf85")),
    "cancelled": (QColor("#f6f6f6"), QColor("#c4c4c4")),
}
CONFLICT_CHIP = {
    WARNING: (QColor("#ffe3b0"), QColor("#b86e00"), QColor("#5c3200")),
    BLOCKING: (QColor("#fbd0d0"), QColor("#b00020"), QColor("#6b0013")),
}
#: the hours' state badge: background, and text colour where it is not the usual
STATE_BACKGROUND = {
    "not_recorded": QColor("#fff4d6"),
    "recorded": QColor("#e3effc"),
    "done": QColor("#e6f4e1"),
    "approved": QColor("#d3ecd0"),
    "invoiced": QColor("#cfe3f2"),
}
STATE_TEXT = {"not_recorded": QColor("#6b4a00")}

# The box: a 1 px border, 6 px on the sides and 4 above and below the texts.
BORDER = 1
PAD_X = 6
PAD_Y = 4
ROW_GAP = 1  # between the lines of the card
TOP_GAP = 6  # between the time, the crew count and the state
CHIP_GAP = 3  # between the chips, across and down
CHIP_TEXT_X = 6  # a chip's border and padding beside its name
CHIP_TEXT_Y = 2  # and above and below it
CHIP_RADIUS = 7
BADGE_TEXT_X = 3
BADGE_RADIUS = 3
CARD_RADIUS = 4
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CardOwner(Protocol):
    """What a card asks the week view to do."""

    def drop_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def remove_person(self, gig_id: int, kind: str, person_id: int) -> bool: ...

    def open_crew_dialog(self, gig_id: int) -> bool: ...

    def move_focus(self, card: GigCard, columns: int, rows: int) -> None: ...

    def show_gig_menu(self, gig_id: int, position: QPoint) -> object: ...

    def gig_key(self, gig_id: int, keys: QKeySequence) -> bool: ...

    def card_focused(self, gig_id: int) -> None: ...


class CrewChip:
    """A crew member's name on a card (with a conflict's sign); its menu removes them."""

    __slots__ = ("card", "conflicts", "kind", "label", "member", "tone", "tooltip")

    def __init__(
        self, card: GigCard, kind: str, member: CrewMember, conflicts: Sequence[Conflict] = ()
    ) -> None:
        self.card = card
        self.kind = kind
        self.member = member
        self.conflicts = tuple(conflicts)
        self.tone = tone_of(self.conflicts)
        #: what the chip says when it has room: the conflict's sign and the name
        self.label = (
            member.name if self.tone is None else f"{CONFLICT_SIGNS[self.tone]} {member.name}"
        )
        role = _("participant") if kind == PARTICIPANT else _("instructor")
        lines = [f"{member.name} ({role})"]
        lines += [
            f"{CONFLICT_SIGNS[BLOCKING if c.blocking else WARNING]} {c.message}"
            for c in self.conflicts
        ]
        self.tooltip = "\n".join(lines)

    def shown(self) -> str:
        """What the chip shows at the card's width: the label, or its start and "…"."""
        return self.card.chip_text(self.card.chips.index(self))

    def remove(self) -> None:
        self.card.owner.remove_person(self.card.gig.id, self.kind, self.member.id)


class _Fonts:
    """A card font's variants (bold, struck through), metrics and measured widths."""

    __slots__ = ("advances", "bold_metrics", "line", "metrics", "normal", "variants")

    def __init__(self, font: QFont) -> None:
        self.normal = QFont(font)
        self.variants: dict[tuple[bool, bool], tuple[QFont, str]] = {}
        for bold in (False, True):
            for strike in (False, True):
                variant = QFont(font)
                variant.setBold(bold)
                variant.setStrikeOut(strike)
                self.variants[(bold, strike)] = (variant, variant.key())
        self.metrics = QFontMetrics(self.normal)
        self.bold_metrics = QFontMetrics(self.variants[(True, False)][0])
        #: the height of a line of text
        self.line = max(self.metrics.height(), self.bold_metrics.height())
        #: widths of texts already measured (names and times repeat across the cards)
        self.advances: dict[tuple[str, bool], int] = {}

    def font(self, bold: bool, strike: bool) -> QFont:
        return self.variants[(bold, strike)][0]

    def advance(self, text: str, bold: bool) -> int:
        key = (text, bold)
        width = self.advances.get(key)
        if width is None:
            if len(self.advances) > 20000:
                self.advances.clear()
            metrics = self.bold_metrics if bold else self.metrics
            width = self.advances[key] = metrics.horizontalAdvance(text)
        return width


_FONTS: dict[str, _Fonts] = {}


def _fonts_for(font: QFont) -> _Fonts:
    """The card's fonts and their metrics, made once per font (not once per card)."""
    key = font.key()
    fonts = _FONTS.get(key)
    if fonts is None:
        fonts = _FONTS[key] = _Fonts(font)
    return fonts


@dataclass(slots=True)
class _Part:
    """A text of the card: what it says and how (bold, struck through, a tone)."""

    key: str
    text: str
    bold: bool = False
    strike: bool = False
    tone: str | None = None
    tooltip: str = ""


@dataclass(slots=True)
class _Layout:
    """Where everything goes at one width."""

    height: int = 0
    #: the top row (time, crew count, state): part, box, the width the whole text needs
    top: list[tuple[_Part, QRect, int]] = field(default_factory=list)
    #: the wrapped lines (customer, title, site, cancelled, loose conflicts)
    blocks: list[tuple[_Part, QRect, WrappedText]] = field(default_factory=list)
    #: each chip's box and the width its whole label needs
    chips: list[tuple[QRect, int]] = field(default_factory=list)


class GigCard(QWidget):
    """A gig as a card; people dropped on it join its crew, Enter opens the crew dialog."""

    def __init__(
        self,
        gig: GigRow,
        owner: CardOwner,
        conflicts: Sequence[Conflict] = (),
        today: date | None = None,
    ) -> None:
        super().__init__()
        self.owner = owner
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        # The day columns share the width equally, whatever the texts on the cards;
        # the height follows the width.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setAcceptDrops(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)
        self.setToolTip(
            _(
                "Drop a person here, or press Enter to choose the crew. "
                "Right click or Shift+F10 for the gig's menu."
            )
        )
        #: how many times the card was given content (the first time included)
        self.content_count = 0
        self._layouts: dict[int, _Layout] = {}
        self._fonts: _Fonts | None = None
        self._last_width = 0
        self.gig = gig
        self.conflicts: tuple[Conflict, ...] = ()
        self._today = today or date.today()
        self._fill(gig, tuple(conflicts))

    # --- the content -----------------------------------------------------------------------------

    def set_gig(
        self, gig: GigRow, conflicts: Sequence[Conflict] = (), today: date | None = None
    ) -> bool:
        """Show the gig as it is now; False (and nothing redrawn) if nothing changed."""
        day = today or self._today
        found = tuple(conflicts)
        if gig == self.gig and found == self.conflicts and day == self._today:
            return False
        self._today = day
        self._fill(gig, found)
        self.updateGeometry()
        self.update()
        return True

    def _fill(self, gig: GigRow, conflicts: tuple[Conflict, ...]) -> None:
        self.content_count += 1
        self.gig = gig
        self.conflicts = conflicts
        self._layouts.clear()
        cancelled = gig.status.is_cancelled
        self.cancelled = cancelled
        # A cancelled gig is struck through, greyed and says why (not colour alone).
        count = crew_count(gig)
        self.time_part = _Part("time", time_range(gig), bold=True, strike=cancelled)
        self.count_part = _Part(
            "count", count.text, bold=count.tone is not None, tone=count.tone, tooltip=count.tooltip
        )
        top = [self.time_part, self.count_part]
        self.state_part: _Part | None = None
        if shows_state(gig, self._today):
            badge = state_badge(gig)
            where = _("Where the gig's hours are (as in Timesheets).")
            self.state_part = _Part("state", badge, tooltip=f"{badge}\n{where}")
            top.append(self.state_part)
        self._top = top
        blocks = [
            _Part("customer", gig.customer_name, bold=True, strike=cancelled),
            _Part("title", gig.contract_title),
        ]
        if gig.site_name:
            blocks.append(_Part("site", gig.site_name))
        self.cancelled_text: str | None = None
        if cancelled:
            text = gig.status.label
            if gig.cancel_billable:
                text = _("{status}, billable").format(status=text)
            if gig.cancel_reason:
                text = f"{text}: {gig.cancel_reason}"
            self.cancelled_text = f"✕ {text}"
            blocks.append(_Part("cancelled", self.cancelled_text))
        self._blocks_before_chips = len(blocks)

        placed, loose = conflicts_by_chip(gig, conflicts)
        self.chips: list[CrewChip] = [
            CrewChip(self, kind, member, placed.get((kind, member.id), ()))
            for kind, members in ((INSTRUCTOR, gig.instructors), (PARTICIPANT, gig.participants))
            for member in members
        ]
        # Only a conflict of someone no longer on the crew gets a line of its own.
        for conflict in loose:
            blocks.append(
                _Part(
                    "conflict",
                    conflict_line(conflict, gig),
                    bold=True,
                    tone=BLOCKING if conflict.blocking else WARNING,
                    tooltip=conflict.message,
                )
            )
        self._blocks = blocks
        self._fit_minimum()
        self.setAccessibleName(f"{self.time_part.text} {gig.customer_name}")
        self.setAccessibleDescription("\n".join(self.texts()))

    # --- what the card says (for tests, the details and screen readers) --------------------------

    @property
    def time_text(self) -> str:
        return self.time_part.text

    @property
    def crew_count_text(self) -> str:
        return self.count_part.text

    @property
    def crew_count_tone(self) -> str | None:
        return self.count_part.tone

    @property
    def crew_count_tooltip(self) -> str:
        return self.count_part.tooltip

    @property
    def state_text(self) -> str | None:
        return None if self.state_part is None else self.state_part.text

    @property
    def customer_text(self) -> str:
        return self._blocks[0].text

    def struck(self) -> list[str]:
        """The texts drawn struck through (a cancelled gig's time and customer)."""
        return [part.text for part in (*self._top, *self._blocks) if part.strike]

    def texts(self) -> list[str]:
        """Every text on the card, top to bottom, whole (as a screen reader reads it)."""
        head = [part.text for part in self._top]
        before = [part.text for part in self._blocks[: self._blocks_before_chips]]
        after = [part.text for part in self._blocks[self._blocks_before_chips :]]
        return [" ".join(head), *before, *(chip.label for chip in self.chips), *after]

    def chip_names(self) -> list[str]:
        return [chip.member.name for chip in self.chips]

    def conflict_texts(self) -> list[str]:
        """The card's conflicts in a few words each, as the details panel lists them."""
        return [conflict_line(conflict, self.gig) for conflict in self.conflicts]

    def conflict_lines(self) -> list[str]:
        """The conflicts that have a line of their own (of someone no longer on the crew)."""
        return [part.text for part in self._blocks if part.key == "conflict"]

    def chip_rect(self, index: int) -> QRect:
        """Where the chip is on the card at its present width."""
        return QRect(self._layout(self.width()).chips[index][0])

    def chip_text(self, index: int) -> str:
        """What the chip shows at the card's present width ("…" when cut short)."""
        rect, need = self._layout(self.width()).chips[index]
        return self._shown_chip(self.chips[index], rect, need)

    def chip_at(self, point: QPoint) -> CrewChip | None:
        for chip, (rect, _need) in zip(self.chips, self._layout(self.width()).chips, strict=True):
            if rect.contains(point):
                return chip
        return None

    def wrapped_lines(self, key: str) -> list[str]:
        """The lines of a wrapped text ("customer", "title", …) as drawn at the present width."""
        for part, _rect, wrapped in self._layout(self.width()).blocks:
            if part.key == key:
                return wrapped.lines()
        return []

    def elided_texts(self) -> list[tuple[str, str]]:
        """(whole, shown) for each text the card's present width cuts short with "…"."""
        layout = self._layout(self.width())
        cut = [
            (part.text, self._shown_top(part, rect, need))
            for part, rect, need in layout.top
            if rect.width() < need
        ]
        cut += [
            (chip.label, self._shown_chip(chip, rect, need))
            for chip, (rect, need) in zip(self.chips, layout.chips, strict=True)
            if rect.width() < need
        ]
        return cut

    # --- the layout ------------------------------------------------------------------------------

    @staticmethod
    def _metrics(part: _Part, fonts: _Fonts) -> QFontMetrics:
        return fonts.bold_metrics if part.bold else fonts.metrics

    def _card_fonts(self) -> _Fonts:
        fonts = self._fonts
        if fonts is None:
            fonts = self._fonts = _fonts_for(self.font())
        return fonts

    def _shown_top(self, part: _Part, rect: QRect, need: int) -> str:
        """The top row's text as it fits its box: whole, or cut short with "…"."""
        if rect.width() >= need:
            return part.text
        pad = BADGE_TEXT_X if part is self.state_part else 0
        metrics = self._metrics(part, self._card_fonts())
        return metrics.elidedText(part.text, Qt.TextElideMode.ElideRight, rect.width() - 2 * pad)

    def _shown_chip(self, chip: CrewChip, rect: QRect, need: int) -> str:
        if rect.width() >= need:
            return chip.label
        metrics = self._card_fonts().metrics
        return metrics.elidedText(
            chip.label, Qt.TextElideMode.ElideRight, rect.width() - 2 * CHIP_TEXT_X
        )

    def _layout(self, width: int) -> _Layout:
        """Where the texts and chips go at ``width`` (worked out once per width)."""
        layout = self._layouts.get(width)
        if layout is not None:
            return layout
        fonts = self._card_fonts()
        layout = _Layout()
        left = BORDER + PAD_X
        inner = max(width - 2 * left, 1)
        right = left + inner
        y = BORDER + PAD_Y
        # The top row flows like words: the time, the crew count, the state.
        x, line = left, 0
        for part in self._top:
            pad = BADGE_TEXT_X if part is self.state_part else 0
            need = fonts.advance(part.text, part.bold) + 2 * pad
            box = min(need, inner)
            if x + box > right and x > left:
                x, y = left, y + line + TOP_GAP
                line = 0
            layout.top.append((part, QRect(x, y, box, fonts.line), need))
            x += box + TOP_GAP
            line = max(line, fonts.line)
        y += line
        for index, part in enumerate(self._blocks):
            if index == self._blocks_before_chips and self.chips:
                y = self._place_chips(layout, fonts, left, right, y + ROW_GAP)
            font, font_key = fonts.variants[(part.bold, part.strike)]
            wrapped = wrap_text(part.text, font, inner, font_key)
            height = wrapped.height
            layout.blocks.append((part, QRect(left, y + ROW_GAP, inner, height), wrapped))
            y += ROW_GAP + height
        if self._blocks_before_chips == len(self._blocks) and self.chips:
            y = self._place_chips(layout, fonts, left, right, y + ROW_GAP)
        layout.height = y + PAD_Y + BORDER
        if len(self._layouts) > 4:  # a few widths: the board's, a test's, a resize's
            self._layouts.clear()
        self._layouts[width] = layout
        self._last_width = width
        return layout

    def _place_chips(self, layout: _Layout, fonts: _Fonts, left: int, right: int, y: int) -> int:
        """Chips in rows like words; a chip wider than the card is cut to its width."""
        height = fonts.metrics.height() + 2 * CHIP_TEXT_Y
        inner = right - left
        x = left
        for chip in self.chips:
            need = fonts.advance(chip.label, False) + 2 * CHIP_TEXT_X
            box = min(need, inner)
            if x + box > right and x > left:
                x, y = left, y + height + CHIP_GAP
            layout.chips.append((QRect(x, y, box, height), need))
            x += box + CHIP_GAP
        return y + height

    def expect_width(self, width: int) -> None:
        """The width the card will most likely get (its size hint is for it)."""
        self._last_width = max(width, 1)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(width).height

    def sizeHint(self) -> QSize:
        # At the width last laid out (a new card's own 640 px would be a wasted layout).
        width = self._last_width or 180
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        # The time and the crew count whole; the rest wraps or gives way ("…").
        return QSize(self.minimumWidth(), self._card_fonts().line)

    def _fit_minimum(self) -> None:
        """Never narrower than the time and the crew count (the day column scrolls instead)."""
        fonts = self._card_fonts()
        need = max(
            fonts.advance(part.text, part.bold) for part in (self.time_part, self.count_part)
        )
        width = need + 2 * (BORDER + PAD_X)
        if self.minimumWidth() != width:
            self.setMinimumWidth(width)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._layouts.clear()
            self._fonts = None
            self._fit_minimum()
            self.updateGeometry()
        super().changeEvent(event)

    # --- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self._layout(self.width())
        fonts = self._card_fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_box(painter)
        text_colour = (
            CANCELLED_TEXT
            if self.cancelled
            else self.palette().color(QPalette.ColorRole.WindowText)
        )
        for part, rect, need in layout.top:
            shown = self._shown_top(part, rect, need)
            if part is self.state_part:
                state = self.gig.sheet_state.value
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(STATE_BACKGROUND.get(state, CARD_BACKGROUND))
                painter.drawRoundedRect(QRectF(rect), BADGE_RADIUS, BADGE_RADIUS)
                colour = STATE_TEXT.get(state, text_colour)
                text_rect = rect.adjusted(BADGE_TEXT_X, 0, -BADGE_TEXT_X, 0)
            else:
                colour = self._colour(part, text_colour)
                text_rect = rect
            painter.setPen(colour)
            painter.setFont(fonts.font(part.bold, part.strike))
            painter.drawText(text_rect, LEFT, shown)
        for part, rect, wrapped in layout.blocks:
            painter.setPen(self._colour(part, text_colour))
            painter.setFont(fonts.font(part.bold, part.strike))
            wrapped.draw(painter, rect.topLeft())
        painter.setFont(fonts.normal)
        for chip, (rect, need) in zip(self.chips, layout.chips, strict=True):
            shown = self._shown_chip(chip, rect, need)
            self._paint_chip(painter, chip, QRectF(rect), shown, text_colour)
        painter.end()

    def _colour(self, part: _Part, text_colour: QColor) -> QColor:
        if self.cancelled or part.tone is None:
            return text_colour
        return TONE_TEXT[part.tone]

    def _paint_box(self, painter: QPainter) -> None:
        focused = self.hasFocus()
        if self.cancelled:
            pen = QPen(CANCELLED_BORDER, BORDER, Qt.PenStyle.DashLine)
            painter.setBrush(CANCELLED_BACKGROUND)
        else:
            pen = QPen(CARD_BORDER, BORDER)
            painter.setBrush(CARD_BACKGROUND)
        if focused:
            pen = QPen(FOCUS_BORDER, 2)
        painter.setPen(pen)
        inset = pen.widthF() / 2
        box = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        painter.drawRoundedRect(box, CARD_RADIUS, CARD_RADIUS)

    def _paint_chip(
        self, painter: QPainter, chip: CrewChip, rect: QRectF, shown: str, text_colour: QColor
    ) -> None:
        colour = text_colour
        if self.cancelled:
            background, border = CHIP_COLOURS["cancelled"]
            width = 1
        elif chip.tone is not None:
            background, border, colour = CONFLICT_CHIP[chip.tone]
            width = 2  # a thicker border, the same size: the card grows no taller
        else:
            background, border = CHIP_COLOURS[chip.kind]
            width = 1
        painter.setPen(QPen(border, width))
        painter.setBrush(background)
        inset = width / 2
        painter.drawRoundedRect(
            rect.adjusted(inset, inset, -inset, -inset), CHIP_RADIUS, CHIP_RADIUS
        )
        painter.setPen(colour)
        painter.drawText(rect.adjusted(CHIP_TEXT_X, 0, -CHIP_TEXT_X + 1, 0), LEFT, shown)

    # --- tooltips --------------------------------------------------------------------------------

    def tooltip_at(self, point: QPoint) -> str:
        """The tooltip where the mouse is: a chip's, the crew count's, a conflict's, the card's."""
        chip = self.chip_at(point)
        if chip is not None:
            return chip.tooltip
        layout = self._layout(self.width())
        for part, rect, _need in layout.top:
            if part.tooltip and rect.contains(point):
                return part.tooltip
        for part, rect, _wrapped in layout.blocks:
            if part.tooltip and rect.contains(point):
                return part.tooltip
        return self.toolTip()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            QToolTip.showText(event.globalPos(), self.tooltip_at(event.pos()), self)
            return True
        return super().event(event)

    # --- drag and drop ---------------------------------------------------------------------------

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

    # --- keyboard and menus ----------------------------------------------------------------------

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

    def chip_menu(self, chip: CrewChip) -> QMenu:
        """A chip's own menu: take the person off the gig."""
        menu = QMenu(self)
        remove = menu.addAction(_("Remove from gig"))
        remove.triggered.connect(lambda: chip.remove())
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        chip = None
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            chip = self.chip_at(event.pos())
        if chip is not None:
            # Not exec(): the action changes the crew while the menu would still run.
            menu = self.chip_menu(chip)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(event.globalPos())
        else:
            self.owner.show_gig_menu(self.gig.id, event.globalPos())
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.owner.card_focused(self.gig.id)
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.owner.open_crew_dialog(self.gig.id)
