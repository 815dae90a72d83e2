from __future__ import annotations

from datetime import date, time

import pytest

from jobcenter_desktop.domain.enums import Weekday
from jobcenter_desktop.domain.parsing import (
    format_weekdays,
    parse_bool,
    parse_date,
    parse_int,
    parse_time,
    parse_weekdays,
)

TODAY = date(2027, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-05", date(2026, 10, 5)),
        ("5.10.2026", date(2026, 10, 5)),
        ("05.10.2026", date(2026, 10, 5)),
        ("5.10.26", date(2026, 10, 5)),
        ("05.10.26", date(2026, 10, 5)),
        ("5.10.", date(2027, 10, 5)),  # the year of "today"
        ("5.10", date(2027, 10, 5)),
        (" 5.10.2026 ", date(2026, 10, 5)),
        ("05/10/2026", date(2026, 10, 5)),  # the English screens print this
        ("29.2.2024", date(2024, 2, 29)),
        ("29.2.28", date(2028, 2, 29)),
        ("31.12.99", date(2099, 12, 31)),
        ("1.1.00", date(2000, 1, 1)),
    ],
)
def test_parse_date_accepts(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31.2.2026",
        "29.2.2026",  # not a leap year
        "29.2.2100",  # divisible by 100, not by 400
        "29.2.",  # 2027 is not a leap year
        "0.10.2026",
        "5.13.2026",
        "32.1.2026",
        "5.10.202",
        "5.10.2",
        "5..2026",
        "5",
        "5,10,2026",
        "2026-13-01",
        "2026/10/05",
        "tomorrow",
        "5.10.2026 12.00",
    ],
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, today=TODAY)


def test_parse_date_without_year_uses_the_year_of_today() -> None:
    assert parse_date("29.2.", today=date(2028, 1, 1)) == date(2028, 2, 29)
    assert parse_date("5.10").year == date.today().year


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("830", time(8, 30)),
        ("0830", time(8, 30)),
        ("8", time(8, 0)),
        ("08", time(8, 0)),
        ("0", time(0, 0)),
        ("16", time(16, 0)),
        ("8.30", time(8, 30)),
        ("8:30", time(8, 30)),
        ("08:30", time(8, 30)),
        ("08.30", time(8, 30)),
        ("1630", time(16, 30)),
        ("23.59", time(23, 59)),
        ("0000", time(0, 0)),
        (" 7.45 ", time(7, 45)),
    ],
)
def test_parse_time_accepts(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "24:00",
        "2400",
        "24",
        "8.3",  # 8.03 or 8.30? Refused.
        "16.5",
        "8.300",
        "860",
        "8:60",
        "12345",
        "8,30",
        "8 30",
        "-8",
        "8.30.00",
        "klo 8",
    ],
)
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(
    "text",
    ["1", "true", "TRUE", "yes", "Yes", "kyllä", "KYLLÄ", "k", "K", "ja", "Ja", "x", "X", " x "],
)
def test_parse_bool_true(text: str) -> None:
    assert parse_bool(text) is True


@pytest.mark.parametrize(
    "text", ["0", "false", "False", "no", "ei", "EI", "e", "nej", "Nej", "", "  "]
)
def test_parse_bool_false(text: str) -> None:
    assert parse_bool(text) is False


@pytest.mark.parametrize("text", ["2", "maybe", "kyl", "-", "ok"])
def test_parse_bool_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_bool(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon,thu", (Weekday.MON, Weekday.THU)),
        ("ma,to", (Weekday.MON, Weekday.THU)),
        ("Mon Thu", (Weekday.MON, Weekday.THU)),
        ("thu, mon", (Weekday.MON, Weekday.THU)),  # sorted
        ("ma,ma,to,mon", (Weekday.MON, Weekday.THU)),  # unique
        ("MA; TO", (Weekday.MON, Weekday.THU)),
        ("ti ke pe la su", (Weekday.TUE, Weekday.WED, Weekday.FRI, Weekday.SAT, Weekday.SUN)),
        ("maanantai, Friday", (Weekday.MON, Weekday.FRI)),
        ("ma-pe", (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.THU, Weekday.FRI)),
        ("mon \u2013 wed, sun", (Weekday.MON, Weekday.TUE, Weekday.WED, Weekday.SUN)),
        ("mån,tor", (Weekday.MON, Weekday.THU)),  # Swedish, as the Swedish hint says
        ("Tis, ons, fre, lör, sön", tuple(Weekday)[1:3] + tuple(Weekday)[4:]),
        ("måndag-fredag", tuple(Weekday)[:5]),
        ("tors, torsdag, to", (Weekday.THU,)),
        ("", ()),
    ],
)
def test_parse_weekdays(text: str, expected: tuple[Weekday, ...]) -> None:
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize("text", ["mo", "monday2", "ma,xx", "pe-ma", "ma-", "1", "mon/thu"])
def test_parse_weekdays_rejects_unknown_days(text: str) -> None:
    with pytest.raises(ValueError):
        parse_weekdays(text)


def test_format_weekdays_is_the_stored_form() -> None:
    assert format_weekdays([Weekday.THU, Weekday.MON, Weekday.THU]) == "mon,thu"
    assert format_weekdays([]) == ""
    assert parse_weekdays(format_weekdays(list(Weekday))) == tuple(Weekday)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12", 12), (" 0 ", 0), ("-3", -3), ("+4", 4), ("1 000", 1000), ("1\u00a0000", 1000)],
)
def test_parse_int_accepts(text: str, expected: int) -> None:
    assert parse_int(text) == expected


@pytest.mark.parametrize("text", ["", "1.5", "1,0", "1_000", "12a", "١٢", "1 00", "- 3"])
def test_parse_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_int(text)
