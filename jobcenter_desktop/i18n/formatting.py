"""One formatter for the screen and for paper, in the current language.

Finnish output follows Babel's ``fi_FI`` data: ``1 234,50 €``, ``25,5 %``,
``5.10.2026``, ``8.30``. Babel separates thousands and the ``€``/``%`` signs
with a no-break space (U+00A0), not an ordinary space, so that an amount never
wraps across two lines; the output is kept as is. Compare with ``"\\u00a0"``
in tests, and ``domain.money.parse_money`` reads it back.

These functions run for every cell of every list, so Babel's ``Locale``
objects and patterns are cached.

Each function takes an optional ``tr``: a :class:`~jobcenter_desktop.i18n.translator.Translator`
formats in its own language (a document printed in the customer's language)
instead of the program's; without one, the program's language is used.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.i18n import gettext as _gettext

if TYPE_CHECKING:
    from jobcenter_desktop.i18n.translator import Translator

# en_GB rather than en_US: day-first dates (05/10/2026) and a 24-hour clock,
# as the Finnish users of the English screens expect.
_BABEL_LOCALES = {"fi": "fi_FI", "en": "en_GB", "sv": "sv_FI"}
_DEFAULT_LOCALE = "fi_FI"
CURRENCY = "EUR"
DISPLAY_ZONE = ZoneInfo("Europe/Helsinki")


@cache
def locale_for(language: str) -> Locale:
    """The Babel locale a language formats with (``fi`` -> ``fi_FI``)."""
    return Locale.parse(_BABEL_LOCALES.get(language, _DEFAULT_LOCALE))


_locale_for = locale_for


def current_locale() -> Locale:
    """The Babel locale of the current program language."""
    return _locale_for(current_language())


def _language(tr: Translator | None) -> str:
    return current_language() if tr is None else tr.language


def _locale(tr: Translator | None) -> Locale:
    return _locale_for(_language(tr))


@cache
def _percent_pattern(language: str) -> str:
    # The locale's own placement of the sign (fi "25,5 %", en "25.5%"), with up
    # to two decimals instead of none.
    pattern: str = _locale_for(language).percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0.##", 1)


def _round(value: Decimal, places: int) -> Decimal:
    # Babel rounds half to even (0.125 -> "0,12"); the program's rule is half up.
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_money(value: Decimal | None, tr: Translator | None = None) -> str:
    """An amount in euros: ``1 234,50 €`` in Finnish (U+00A0 spaces), ``€1,234.50`` in English.

    ``None`` gives an empty string, for empty cells.
    """
    if value is None:
        return ""
    return babel_numbers.format_currency(_round(value, 2), CURRENCY, locale=_locale(tr))


def format_decimal(value: Decimal | None, places: int = 2, tr: Translator | None = None) -> str:
    """A number with exactly ``places`` decimals and grouped thousands: ``1 234,50``."""
    if value is None:
        return ""
    pattern = "#,##0." + "0" * places if places > 0 else "#,##0"
    return babel_numbers.format_decimal(_round(value, places), format=pattern, locale=_locale(tr))


def format_percent(value: Decimal | None, tr: Translator | None = None) -> str:
    """A percentage given as percent (25.5 means 25.5 %): ``25,5 %``, up to two decimals."""
    if value is None:
        return ""
    language = _language(tr)
    fraction = _round(value, 2).scaleb(-2)
    return babel_numbers.format_percent(
        fraction, format=_percent_pattern(language), locale=_locale_for(language)
    )


def format_date(value: date | None, tr: Translator | None = None) -> str:
    """A date: ``5.10.2026`` in Finnish, ``05/10/2026`` in English."""
    if value is None:
        return ""
    locale = _locale(tr)
    if locale.language == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return babel_dates.format_date(value, "short", locale=locale)


def format_short_date(value: date, tr: Translator | None = None) -> str:
    """A date without its year: ``30.11.`` in Finnish, ``30/11`` in English."""
    return format_date(value, tr).replace(str(value.year), "").rstrip("/")


def format_time(value: time | None, tr: Translator | None = None) -> str:
    """A clock time: ``8.30`` in Finnish, ``08:30`` in English."""
    if value is None:
        return ""
    locale = _locale(tr)
    if locale.language == "fi":
        return f"{value.hour}.{value.minute:02d}"
    return babel_dates.format_time(value, "short", locale=locale)


def format_datetime(value: datetime | None, tr: Translator | None = None) -> str:
    """An instant in Helsinki time: ``5.10.2026 14.05`` in Finnish.

    Instants are stored in UTC. A naive datetime is taken to be UTC, because
    SQLite hands back stored UTC stamps without their time zone.
    """
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(DISPLAY_ZONE)
    return f"{format_date(local.date(), tr)} {format_time(local.time(), tr)}"


def format_minutes(minutes: int | None) -> str:
    """A duration in hours and minutes, the same in every language: 450 -> ``7:30``."""
    if minutes is None:
        return ""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"


def format_hours(minutes: int | None, tr: Translator | None = None) -> str:
    """Hours the way they are typed, up to two decimals: 1050 -> ``17,5``, 1200 -> ``20``."""
    if minutes is None:
        return ""
    hours = _round(Decimal(minutes) / 60, 2)
    return babel_numbers.format_decimal(hours, format="0.##", locale=_locale(tr))


def format_duration(minutes: int, tr: Translator | None = None) -> str:
    """A length of time for messages: 1290 -> ``21 h 30 min``, 45 -> ``45 min``."""
    _ = _gettext if tr is None else tr.gettext
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return _("{hours} h").format(hours=hours)
    if hours == 0:
        return _("{minutes} min").format(minutes=rest)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
