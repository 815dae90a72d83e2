from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest

from jobcenter_desktop.domain.money import parse_money
from jobcenter_desktop.domain.parsing import parse_date, parse_time
from jobcenter_desktop.i18n.formatting import (
    format_date,
    format_datetime,
    format_decimal,
    format_minutes,
    format_money,
    format_percent,
    format_short_date,
    format_time,
)

NBSP = "\u00a0"


@pytest.mark.usefixtures("finnish")
class TestFinnish:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Decimal("1234.5"), f"1{NBSP}234,50{NBSP}€"),
            (Decimal("0"), f"0,00{NBSP}€"),
            (Decimal("35"), f"35,00{NBSP}€"),
            (Decimal("999.99"), f"999,99{NBSP}€"),
            (Decimal("1234567.89"), f"1{NBSP}234{NBSP}567,89{NBSP}€"),
            (Decimal("-1234.5"), f"-1{NBSP}234,50{NBSP}€"),
            (Decimal("0.125"), f"0,13{NBSP}€"),  # half up; Babel alone would give 0,12
            (Decimal("0.005"), f"0,01{NBSP}€"),
        ],
    )
    def test_format_money(self, value: Decimal, expected: str) -> None:
        assert format_money(value) == expected

    def test_format_money_reads_back(self) -> None:
        for value in (Decimal("1234.50"), Decimal("-0.05"), Decimal("1000000.00")):
            assert parse_money(format_money(value)) == value

    def test_empty_values_give_empty_text(self) -> None:
        assert format_money(None) == ""
        assert format_decimal(None) == ""
        assert format_percent(None) == ""
        assert format_date(None) == ""
        assert format_time(None) == ""
        assert format_datetime(None) == ""
        assert format_minutes(None) == ""

    @pytest.mark.parametrize(
        ("value", "places", "expected"),
        [
            (Decimal("1234.5"), 2, f"1{NBSP}234,50"),
            (Decimal("1234.5"), 0, f"1{NBSP}235"),
            (Decimal("7.5"), 1, "7,5"),
            (Decimal("2.345"), 2, "2,35"),  # half up
            (Decimal("0.1"), 3, "0,100"),
        ],
    )
    def test_format_decimal(self, value: Decimal, places: int, expected: str) -> None:
        assert format_decimal(value, places) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (Decimal("25.5"), f"25,5{NBSP}%"),
            (Decimal("24"), f"24{NBSP}%"),
            (Decimal("14.00"), f"14{NBSP}%"),
            (Decimal("0"), f"0{NBSP}%"),
            (Decimal("13.125"), f"13,13{NBSP}%"),
        ],
    )
    def test_format_percent(self, value: Decimal, expected: str) -> None:
        assert format_percent(value) == expected

    def test_format_date(self) -> None:
        assert format_date(date(2026, 10, 5)) == "5.10.2026"
        assert format_date(date(2026, 1, 31)) == "31.1.2026"
        assert parse_date(format_date(date(2026, 10, 5))) == date(2026, 10, 5)

    def test_format_short_date_leaves_out_the_year(self) -> None:
        assert format_short_date(date(2026, 11, 30)) == "30.11."
        assert format_short_date(date(2026, 1, 2)) == "2.1."
        assert parse_date(format_short_date(date(2026, 1, 2)), today=date(2026, 6, 1)) == date(
            2026, 1, 2
        )

    def test_format_time(self) -> None:
        assert format_time(time(8, 30)) == "8.30"
        assert format_time(time(16, 5)) == "16.05"
        assert format_time(time(0, 0)) == "0.00"
        assert parse_time(format_time(time(8, 30))) == time(8, 30)

    def test_format_datetime_shows_helsinki_time(self) -> None:
        # 11.05 UTC is 14.05 in Helsinki in summer time (UTC+3)...
        assert format_datetime(datetime(2026, 10, 5, 11, 5, tzinfo=UTC)) == "5.10.2026 14.05"
        # ...and 13.05 in winter time (UTC+2).
        assert format_datetime(datetime(2026, 12, 5, 11, 5, tzinfo=UTC)) == "5.12.2026 13.05"
        # The date changes too, not only the hour.
        assert format_datetime(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)) == "1.1.2027 0.30"

    def test_format_datetime_takes_naive_values_as_utc(self) -> None:
        assert format_datetime(datetime(2026, 10, 5, 11, 5)) == "5.10.2026 14.05"


@pytest.mark.usefixtures("english")
class TestEnglish:
    def test_format_money(self) -> None:
        assert format_money(Decimal("1234.5")) == "€1,234.50"

    def test_format_decimal(self) -> None:
        assert format_decimal(Decimal("1234.5")) == "1,234.50"

    def test_format_percent(self) -> None:
        assert format_percent(Decimal("25.5")) == "25.5%"

    def test_format_date(self) -> None:
        assert format_date(date(2026, 10, 5)) == "05/10/2026"
        assert parse_date(format_date(date(2026, 10, 5))) == date(2026, 10, 5)
        assert format_short_date(date(2026, 10, 5)) == "05/10"

    def test_format_time(self) -> None:
        assert format_time(time(8, 30)) == "08:30"
        assert parse_time(format_time(time(8, 30))) == time(8, 30)

    def test_format_datetime(self) -> None:
        assert format_datetime(datetime(2026, 10, 5, 11, 5, tzinfo=UTC)) == "05/10/2026 14:05"


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(450, "7:30"), (0, "0:00"), (5, "0:05"), (60, "1:00"), (1505, "25:05"), (-90, "-1:30")],
)
def test_format_minutes(minutes: int, expected: str) -> None:
    assert format_minutes(minutes) == expected
