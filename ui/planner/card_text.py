"""A gig card's lines of text, wrapped to the card's width even inside a long word.

Words wrap at spaces when they can, else a long Finnish compound
("Palvelukotiyhdistys") in a narrow day column breaks at a syllable with a hyphen
("Palvelu-kotiyhdistys" by the Finnish rule: before a consonant that a vowel
follows), else anywhere: nothing is cut off at the card's edge. The card paints the
lines itself (:class:`WrappedText`), worked out once per text, font and width.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QTextLayout, QTextOption

SOFT_HYPHEN = "\u00ad"
VOWELS = frozenset("aeiouyäöåéü")
# "iy" left out: in compounds it is mostly a boundary ("koti-yhdistys").
DIPHTHONGS = frozenset(
    [
        "ai",
        "ei",
        "oi",
        "ui",
        "yi",
        "äi",
        "öi",
        "au",
        "eu",
        "iu",
        "ou",
        "ey",
        "äy",
        "öy",
        "ie",
        "uo",
        "yö",
    ]
)
# Long enough to be worth breaking; short words move to the next line whole.
_LONG_WORD = re.compile(r"[^\W\d_]{8,}")


def hyphenate(word: str) -> str:
    """The word with soft hyphens where Finnish breaks it into syllables.

    Before a consonant that a vowel follows ("Kirk-ko-her-ran-vi-ras-to"), and
    between two vowels that are not one long vowel or a diphthong ("hy-vin-voin-ti-a-lue").
    Each part keeps a vowel; the first has two letters at least, the last three.
    """
    parts: list[str] = []
    start = 0
    lower = word.lower()
    for i in range(2, len(word) - 2):
        here, before = lower[i], lower[i - 1]
        if here in VOWELS:
            boundary = before in VOWELS and before != here and before + here not in DIPHTHONGS
        else:
            boundary = lower[i + 1] in VOWELS
        if boundary and any(c in VOWELS for c in lower[start:i]):
            parts.append(word[start:i])
            start = i
    parts.append(word[start:])
    return SOFT_HYPHEN.join(parts)


def _hyphenated(text: str, rich: bool, fits: Callable[[str], bool]) -> str:
    """Soft hyphens in the long words that do not ``fit`` on a line (the rest move whole)."""

    def word(match: re.Match[str]) -> str:
        found = match.group()
        return found if fits(found) else hyphenate(found)

    if not rich:
        return _LONG_WORD.sub(word, text)
    # Only the text between the tags.
    return re.sub(r"(^|>)([^<]*)", lambda m: m.group(1) + _LONG_WORD.sub(word, m.group(2)), text)


class WrappedText:
    """A text laid out in lines at a width: one line drawn as it is, or a text layout."""

    __slots__ = ("_layout", "height", "text")

    def __init__(self, text: str, height: int, layout: QTextLayout | None) -> None:
        self.text = text
        self.height = height
        self._layout = layout

    def lines(self) -> list[str]:
        """The lines as drawn: a break at a syllable ends its line with "-"."""
        if self._layout is None:
            return [self.text]
        shown = self._layout.text()
        found = []
        for number in range(self._layout.lineCount()):
            line = self._layout.lineAt(number)
            part = shown[line.textStart() : line.textStart() + line.textLength()]
            if part.endswith(SOFT_HYPHEN):
                part = part[:-1] + "-"
            found.append(part.replace(SOFT_HYPHEN, "").rstrip())
        return found

    def draw(self, painter: QPainter, top_left: QPoint) -> None:
        if self._layout is not None:
            self._layout.draw(painter, QPointF(top_left))
            return
        ascent = painter.fontMetrics().ascent()
        painter.drawText(top_left.x(), top_left.y() + ascent, self.text)


_WRAPPED: dict[tuple[str, str, int], WrappedText] = {}


def wrap_text(text: str, font: QFont, width: int, font_key: str = "") -> WrappedText:
    """``text`` in ``font`` wrapped to ``width`` pixels (remembered: cards repeat their texts).

    Drawn with the painter's font and pen; a text that fits is one plain line.
    ``font_key`` is ``font.key()`` when the caller has it at hand.
    """
    key = (text, font_key or font.key(), width)
    found = _WRAPPED.get(key)
    if found is not None:
        return found
    metrics = QFontMetricsF(font)
    if metrics.horizontalAdvance(text) <= width:
        found = WrappedText(text, math.ceil(metrics.height()), None)
    else:
        # Measured in bold: a bold word is the widest the card shows it.
        bold = QFont(font)
        bold.setBold(True)
        wide = QFontMetricsF(bold)
        shown = _hyphenated(text, False, lambda word: wide.horizontalAdvance(word) <= width)
        layout = QTextLayout(shown, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.setCacheEnabled(True)
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            y += line.height()
        layout.endLayout()
        found = WrappedText(text, math.ceil(y - 1e-6), layout)
    if len(_WRAPPED) > 4000:
        _WRAPPED.clear()
    _WRAPPED[key] = found
    return found
