"""A translator: the words and formats of one language, beside the program's own.

A document is printed in its reader's language (a gig sheet in the customer's
invoice language) while the screens go on in the program's language. The
document's builder receives a :class:`Translator` and asks it for every string
and format; nothing switches the program's language while it prints.
"""

from __future__ import annotations

import gettext as _gettext
from datetime import date, datetime, time
from decimal import Decimal

from babel import Locale

from jobcenter_desktop.i18n import DEFAULT_LANGUAGE, PRINT_LANGUAGES, load_translations
from jobcenter_desktop.i18n import formatting as fmt


class Translator:
    """``gettext`` and Babel formatting in ``language``; call it like ``_``."""

    __slots__ = ("_translation", "language")

    def __init__(self, language: str, translation: _gettext.NullTranslations) -> None:
        self.language = language
        self._translation = translation

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    def gettext(self, message: str) -> str:
        return self._translation.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._translation.ngettext(singular, plural, n)

    @property
    def locale(self) -> Locale:
        """The Babel locale of the language (``sv`` -> ``sv_FI``)."""
        return fmt.locale_for(self.language)

    def format_date(self, value: date | None) -> str:
        return fmt.format_date(value, self)

    def format_short_date(self, value: date) -> str:
        return fmt.format_short_date(value, self)

    def format_time(self, value: time | None) -> str:
        return fmt.format_time(value, self)

    def format_datetime(self, value: datetime | None) -> str:
        return fmt.format_datetime(value, self)

    def format_duration(self, minutes: int) -> str:
        return fmt.format_duration(minutes, self)

    def format_money(self, value: Decimal | None) -> str:
        return fmt.format_money(value, self)


def translator_for(language: str) -> Translator:
    """A translator for ``language`` (one of ``PRINT_LANGUAGES``, else Finnish).

    The program's own language (``set_language``) stays as it is.
    """
    if language not in PRINT_LANGUAGES:
        language = DEFAULT_LANGUAGE
    return Translator(language, load_translations(language))
