"""Dates and times of an import file, each distinct text parsed once.

A file of ten thousand rows holds a few hundred dates and a handful of times;
parsing each text once (and remembering a refusal as well as a value) keeps the
row checks in memory cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time
from typing import TypeVar

from jobcenter_desktop.domain import validation as v

R = TypeVar("R")


class ParseCache:
    """``date_value``, ``time_value`` and ``non_negative_int`` of ``domain.validation``,
    remembered by text."""

    def __init__(self) -> None:
        self._dates: dict[str, date | v.FieldError] = {}
        self._times: dict[str, time | v.FieldError] = {}
        self._numbers: dict[str, int | v.FieldError] = {}

    def date_value(self, text: str) -> date:
        return _remembered(self._dates, v.date_value, text)

    def time_value(self, text: str) -> time:
        return _remembered(self._times, v.time_value, text)

    def non_negative_int(self, text: str) -> int:
        return _remembered(self._numbers, v.non_negative_int, text)


def _remembered(found: dict[str, R | v.FieldError], parse: Callable[[str], R], text: str) -> R:
    if text not in found:
        try:
            found[text] = parse(text)
        except v.FieldError as error:
            found[text] = error
    value = found[text]
    if isinstance(value, v.FieldError):
        raise value
    return value
