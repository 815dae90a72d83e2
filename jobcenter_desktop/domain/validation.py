"""Field validation with messages in the user's language.

A validator takes what the user typed (never blank: optional fields are
skipped by ``Checker.check``) and returns the normalised value, or raises
``FieldError`` with a translated sentence that does not name the field. A
service collects the errors of a whole form with a ``Checker``, which prefixes
each message with the field's label, and raises them together as a
``ValidationError``::

    checker = Checker()
    name = checker.require("name", _("Name"), form.name)
    business_id = checker.check("business_id", _("Business ID"), validation.business_id,
                                form.business_id)
    checker.raise_if_any()
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from stdnum import bic as _bic
from stdnum import iban as _iban
from stdnum.exceptions import InvalidChecksum, InvalidFormat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fi import hetu as _hetu
from stdnum.fi import ytunnus as _ytunnus

from jobcenter_desktop.domain.money import parse_money, round_cents
from jobcenter_desktop.domain.parsing import parse_date, parse_int, parse_time
from jobcenter_desktop.i18n import _

T = TypeVar("T")
R = TypeVar("R")


class FieldError(ValueError):
    """One field's problem; ``message`` is a translated sentence without the field label."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(Exception):
    """Several fields' problems at once: field name -> translated message that names the field."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(self.errors.values())


class Checker:
    """Collects field errors while a service validates a form.

    The first problem found for a field is kept; later ones for the same field
    are dropped, so the user sees one sentence per field.
    """

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(
        self, field: str, label: str, validator: Callable[[T], R], value: T | None
    ) -> R | None:
        """Run ``validator(value)``; record a ``FieldError`` as ``"<label>: <message>"``.

        ``None`` and blank strings are skipped (no error, result ``None``):
        whether a field may be empty is ``require``'s decision.
        """
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return validator(value)
        except FieldError as error:
            self.add(field, label, error.message)
            return None

    def require(self, field: str, label: str, value: str | None) -> str | None:
        """The stripped value, or ``None`` and an "is required" error when it is blank
        or holds a control or text-direction character (see :func:`plain_text`)."""
        stripped = (value or "").strip()
        if not stripped:
            self.add(field, label, _("is required"))
            return None
        problem = text_problem(stripped)
        if problem is not None:
            self.add(field, label, problem)
            return None
        return stripped

    def text(self, field: str, label: str, value: str | None, max_length: int | None = None) -> str:
        """An optional free-text field, stripped: ``""`` when blank; a problem recorded
        (and ``""`` returned) when it holds a control or text-direction character or is
        longer than ``max_length``."""
        stripped = (value or "").strip()
        problem = text_problem(stripped, max_length)
        if problem is not None:
            self.add(field, label, problem)
            return ""
        return stripped

    def add(self, field: str, label: str, message: str) -> None:
        """Record a problem found by the service itself (e.g. a duplicate name)."""
        self.errors.setdefault(field, f"{label}: {message}")

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def has(self, field: str) -> bool:
        """Whether ``field`` already has a problem recorded."""
        return field in self.errors

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)


# --- text ------------------------------------------------------------------------------------

# Control characters (C0 with ESC, DEL, C1) and the invisible bidirectional overrides and
# isolates (U+202A-U+202E, U+2066-U+2069): a name or address never needs one, and they can
# make text on screen and paper read differently from what is stored.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Free text of several lines (notes) may also have tabs and line breaks.
_UNSAFE_MULTILINE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def unsafe_character(text: str, multiline: bool = False) -> str | None:
    """The first control or text-direction character in ``text``, or ``None``."""
    found = (_UNSAFE_MULTILINE_RE if multiline else _UNSAFE_RE).search(text)
    return found.group() if found else None


def text_problem(text: str, max_length: int | None = None, multiline: bool = False) -> str | None:
    """Why ``text`` cannot be stored (a translated sentence without the field label), or
    ``None``: a control or text-direction character, or more than ``max_length`` characters."""
    if max_length is not None and len(text) > max_length:
        return _("is too long: at most {limit} characters, now {length}").format(
            limit=max_length, length=len(text)
        )
    character = unsafe_character(text, multiline)
    if character is not None:
        return _(
            "contains a hidden control or text-direction character ({code}); type the text"
            " again without it"
        ).format(code=f"U+{ord(character):04X}")
    return None


def plain_text(text: str) -> str:
    """A one-line text (a name, an address) without control or text-direction characters."""
    problem = text_problem(text)
    if problem is not None:
        raise FieldError(problem)
    return text.strip()


# --- identifiers -----------------------------------------------------------------------------

_BUSINESS_ID_RE = re.compile(r"[0-9]{8}")


def business_id(text: str) -> str:
    """A Finnish business ID (Y-tunnus) as ``NNNNNNN-C``.

    Spaces, a missing hyphen and the VAT-number form ``FI07375462`` are accepted.
    """
    compact = _ytunnus.compact(text)
    if not _BUSINESS_ID_RE.fullmatch(compact):
        raise FieldError(_("wrong format, use 1234567-8"))
    if compact == "00000000":
        # Passes the checksum but is never issued; a placeholder typed to get past the form.
        raise FieldError(_("is not a real business ID"))
    try:
        _ytunnus.validate(compact)
    except InvalidChecksum:
        raise FieldError(_("check digit does not match")) from None
    except StdnumError:
        raise FieldError(_("wrong format, use 1234567-8")) from None
    return f"{compact[:7]}-{compact[7]}"


# Finnish IBANs are always FI + 16 digits; other countries are left to stdnum's
# country table, after this rough shape check.
_FINNISH_IBAN_RE = re.compile(r"FI[0-9]{16}")
_IBAN_RE = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}")


def iban(text: str) -> str:
    """An IBAN in compact form, e.g. ``FI2112345600000785``."""
    compact = _iban.compact(text)
    shape = _FINNISH_IBAN_RE if compact.startswith("FI") else _IBAN_RE
    if not shape.fullmatch(compact):
        raise FieldError(_("wrong format, use e.g. FI21 1234 5600 0007 85"))
    try:
        return _iban.validate(compact)
    except InvalidChecksum:
        raise FieldError(_("check digits do not match, check the account number")) from None
    except StdnumError:
        raise FieldError(_("wrong format, use e.g. FI21 1234 5600 0007 85")) from None


def format_iban(compact: str) -> str:
    """An IBAN for people and paper: groups of four, ``FI21 1234 5600 0007 85``."""
    plain = _iban.compact(compact)
    return " ".join(plain[start : start + 4] for start in range(0, len(plain), 4))


def bic(text: str) -> str:
    """A BIC (SWIFT code) in upper-case compact form, e.g. ``NDEAFIHH``."""
    try:
        return _bic.validate(text)
    except StdnumError:
        raise FieldError(_("is not a BIC code, use e.g. NDEAFIHH")) from None


def personal_identity_code(text: str) -> str:
    """A Finnish personal identity code (henkilötunnus) in upper case.

    All century signs are accepted, including those in use since 2023
    (``Y X W V U`` for the 1900s, ``B C D E F`` for the 2000s). Temporary
    codes (individual number 900–999) are rejected.
    """
    try:
        return _hetu.validate(text)
    except InvalidChecksum:
        raise FieldError(_("check character does not match")) from None
    except InvalidFormat:
        raise FieldError(_("wrong format, use e.g. 131052-308T")) from None
    except StdnumError:  # a well-formed code with an impossible date or individual number
        raise FieldError(_("the date of birth or individual number is not valid")) from None


def identity_code_birth_date(code: str) -> date:
    """The date of birth a valid identity code carries."""
    plain = _hetu.validate(code)
    century = 1800 if plain[6] == "+" else 2000 if plain[6] in "ABCDEF" else 1900
    return date(century + int(plain[4:6]), int(plain[2:4]), int(plain[0:2]))


def mask_identity_code(code: str) -> str:
    """The code with only the date of birth and century sign visible: ``131052-****``."""
    plain = _hetu.compact(code)
    return plain[:7] + "*" * max(0, len(plain) - 7)


# --- addresses -------------------------------------------------------------------------------

_POSTAL_CODE_RE = re.compile(r"[0-9]{5}")


def postal_code(text: str) -> str:
    """A Finnish postal code: exactly five digits, e.g. ``00100``."""
    cleaned = text.strip()
    if not _POSTAL_CODE_RE.fullmatch(cleaned):
        raise FieldError(_("must be five digits, e.g. 00100"))
    return cleaned


def email(text: str) -> str:
    """A pragmatic e-mail check: one ``@``, a dot in the domain, no spaces.

    The domain is lower-cased; the local part is kept as typed.
    """
    cleaned = text.strip()
    local, at, domain = cleaned.partition("@")
    valid = (
        at == "@"
        and local
        and "@" not in domain
        and not any(character.isspace() for character in cleaned)
        and "." in domain
        and not domain.startswith(".")
        and not domain.endswith(".")
        and ".." not in domain
        and len(cleaned) <= 254
    )
    if not valid:
        raise FieldError(_("is not an email address, use e.g. name@example.fi"))
    return f"{local}@{domain.lower()}"


_PHONE_RE = re.compile(r"\+?[0-9 ()\-]+")


def phone(text: str) -> str:
    """A phone number: digits, spaces, ``+`` (first only), ``-`` and brackets; 6–20 digits."""
    cleaned = " ".join(text.split())
    digits = sum(character.isdigit() for character in cleaned)
    if not _PHONE_RE.fullmatch(cleaned) or not 6 <= digits <= 20:
        raise FieldError(_("is not a phone number, use e.g. 040 123 4567"))
    return cleaned


# --- amounts, dates, numbers -----------------------------------------------------------------


def money_amount(text: str | Decimal) -> Decimal:
    """A non-negative amount of money with at most two decimals, as a two-place Decimal."""
    if isinstance(text, Decimal):
        try:
            value = round_cents(text)
        except InvalidOperation:  # NaN, infinity, or more digits than Decimal holds
            raise FieldError(_("is not an amount of money, e.g. 35,00")) from None
        if value != text:
            raise FieldError(_("is not an amount of money, e.g. 35,00"))
    else:
        try:
            value = parse_money(text)
        except ValueError:
            raise FieldError(_("is not an amount of money, e.g. 35,00")) from None
    if value < 0:
        raise FieldError(_("cannot be negative"))
    return abs(value)  # no "-0.00"


def date_value(text: str) -> date:
    """A date typed the Finnish way (``5.10.2026``, ``5.10.``) or as ISO."""
    try:
        return parse_date(text)
    except ValueError:
        raise FieldError(_("is not a date, use e.g. 5.10.2026")) from None


def time_value(text: str) -> time:
    """A clock time such as ``8.30``, ``830`` or ``16:00``."""
    try:
        return parse_time(text)
    except ValueError:
        raise FieldError(_("is not a time, use e.g. 8.30")) from None


def _whole_number(text: str) -> int:
    try:
        return parse_int(text)
    except ValueError:
        raise FieldError(_("is not a whole number")) from None


def positive_int(text: str) -> int:
    """A whole number greater than zero."""
    number = _whole_number(text)
    if number <= 0:
        raise FieldError(_("must be greater than zero"))
    return number


def non_negative_int(text: str) -> int:
    """A whole number, zero or more."""
    number = _whole_number(text)
    if number < 0:
        raise FieldError(_("cannot be negative"))
    return number


def check_date_order(
    checker: Checker,
    start_field: str,
    start_label: str,
    start: date | None,
    end_field: str,
    end_label: str,
    end: date | None,
) -> None:
    """Record an error on the end field when both dates are given and the end is earlier."""
    if start is not None and end is not None and end < start:
        checker.add(
            end_field, end_label, _("must not be before “{start}”").format(start=start_label)
        )


MAX_PAYMENT_TERM_DAYS = 365


def payment_term_days(text: str) -> int:
    """A payment term in days: 0 (due at once) to 365."""
    days = non_negative_int(text)
    if days > MAX_PAYMENT_TERM_DAYS:
        raise FieldError(_("must be at most 365 days"))
    return days


def hours_as_minutes(text: str) -> int:
    """Hours typed as ``20``, ``17,5`` or ``17.5`` as whole minutes (a week at most)."""
    try:
        hours = parse_money(text)
    except ValueError:
        raise FieldError(_("is not a number of hours, e.g. 17,5")) from None
    minutes = hours * 60
    if minutes != minutes.to_integral_value():
        raise FieldError(_("give the hours to the minute, e.g. 17,5"))
    if minutes < 0:
        raise FieldError(_("cannot be negative"))
    if minutes > 7 * 24 * 60:
        raise FieldError(_("is more than there are hours in a week"))
    return int(minutes)
