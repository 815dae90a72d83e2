"""Payment references: the Finnish reference number (viitenumero) and the RF creditor
reference (ISO 11649) that carries it, with their check digits, print forms and the
comparison form a bank payment is matched by.

A Finnish reference is a base of 3–19 digits without a leading zero followed by one
check digit (weights 7, 3, 1 from the right), printed in groups of five from the
right: ``86851 62596 19897``. The RF reference is ``RF``, two check digits (mod 97 of
the body followed by ``RF00``, letters as A=10 … Z=35) and the body, printed in groups
of four from the left: ``RF09 8685 1625 9619 897``. Rules and test vectors:
``FINNISH-RULES.md``.
"""

from __future__ import annotations

import re

_BASE_RE = re.compile(r"[1-9][0-9]{2,18}")
_NATIONAL_RE = re.compile(r"[1-9][0-9]{3,19}")
# ISO 11649: at most 25 characters, so a body of 1-21 letters and digits.
_RF_RE = re.compile(r"RF([0-9]{2})([0-9A-Z]{1,21})")
_WEIGHTS = (7, 3, 1)


def _compact(text: str) -> str:
    """``text`` without any whitespace (spaces, no-break spaces, tabs)."""
    return "".join(text.split())


def _check_digit(base: str) -> str:
    total = sum(int(digit) * _WEIGHTS[i % 3] for i, digit in enumerate(reversed(base)))
    return str(-total % 10)


def national_reference(base: str | int) -> str:
    """The Finnish reference number of ``base`` (3–19 digits, no leading zero): the base
    followed by its check digit. ``national_reference(4090) == "40905"``.

    Raises ``ValueError`` for any other base.
    """
    text = str(base) if isinstance(base, int) and not isinstance(base, bool) else base
    if not isinstance(text, str) or not _BASE_RE.fullmatch(text):
        raise ValueError(f"a reference base is 3-19 digits without a leading zero, not {base!r}")
    return text + _check_digit(text)


def is_national_reference(text: str) -> bool:
    """Whether ``text`` (spaces ignored) is a Finnish reference number: 4–20 digits,
    no leading zero, the right check digit."""
    compact = _compact(text)
    return bool(_NATIONAL_RE.fullmatch(compact)) and _check_digit(compact[:-1]) == compact[-1]


def group_reference(reference: str) -> str:
    """The print form of a Finnish reference: groups of five digits from the right."""
    compact = _compact(reference)
    head = len(compact) % 5
    groups = [compact[:head]] if head else []
    groups += [compact[i : i + 5] for i in range(head, len(compact), 5)]
    return " ".join(groups)


def _mod97(text: str) -> int:
    """``text`` (digits and capital letters, A=10 … Z=35) read as a number, mod 97."""
    return int("".join(str(int(char, 36)) for char in text)) % 97


def _rf_check(body: str) -> str:
    return f"{98 - _mod97(body + 'RF00'):02d}"


def rf_reference(national: str) -> str:
    """The RF creditor reference (ISO 11649) that carries the Finnish reference
    ``national`` (spaces allowed), compact: ``"40905"`` -> ``"RF1140905"``.

    Raises ``ValueError`` when ``national`` is not a valid Finnish reference.
    """
    body = _compact(national)
    if not is_national_reference(body):
        raise ValueError(f"not a Finnish reference number: {national!r}")
    return "RF" + _rf_check(body) + body


def is_rf_reference(text: str) -> bool:
    """Whether ``text`` (spaces ignored, any case) is an RF creditor reference with the
    right check digits; its body may hold letters as ISO 11649 allows."""
    match = _RF_RE.fullmatch(normalise_reference(text))
    return match is not None and match.group(1) == _rf_check(match.group(2))


def group_rf(text: str) -> str:
    """The print form of an RF reference: groups of four from the left."""
    compact = normalise_reference(text)
    return " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))


def normalise_reference(text: str) -> str:
    """The comparison form of a reference, Finnish or RF: no spaces, capital letters."""
    return _compact(text).upper()


def national_from_rf(text: str) -> str | None:
    """The Finnish reference inside the RF reference ``text``, or None when ``text`` is
    not a valid RF reference or its body (leading zeros dropped) is not a valid Finnish
    reference: ``"RF09 8685 1625 9619 897"`` -> ``"868516259619897"``."""
    if not is_rf_reference(text):
        return None
    body = normalise_reference(text)[4:].lstrip("0")
    return body if is_national_reference(body) else None
