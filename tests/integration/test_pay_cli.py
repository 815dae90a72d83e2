"""Pay rates, benefits and earnings from the command line on a fresh store (issue 10, item 6)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from jobcenter_desktop.cli import main

CUSTOMERS = """customer_number;type;name;business_id;street;postal_code;city;invoice_language
2001;company;Korjaamo Virtanen Oy;0737546-2;Teollisuustie 1;82900;Ilomantsi;fi
"""
CONTRACTS = (
    "contract_number;customer_number;title;task_type;worker_hour_price;instructor_hour_price;"
    "vat;household_deduction;weekdays;start_time;duration_minutes;valid_from;status\n"
    "S-1;2001;Taukotilojen siivous;cleaning;35,00;45,00;general;no;mon;8.00;180;2.11.2026;active\n"
)
PARTICIPANTS = """participant_number;first_name;last_name;service_basis;pay_basis;hourly_pay
501;Aino;Mäkinen;rehabilitative;wage;10,00
502;Eero;Aalto;rehabilitative;fee;
"""
# Aino: 3 h before the raise, 2 h 50 min worked after it (billed as 3 h).
HOURS = """date;contract_number;participant_number;start;end;break_minutes
2026-11-02;S-1;501;8.00;11.00;0
2026-11-23;S-1;501;8.00;11.00;10
2026-11-23;S-1;502;8.00;11.00;0
"""


def cli(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(folder), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "data"
    assert cli(folder, capsys, "init")[0] == 0
    for register, text in (
        ("customers", CUSTOMERS),
        ("contracts", CONTRACTS),
        ("participants", PARTICIPANTS),
        ("timesheets", HOURS),
    ):
        path = tmp_path / f"{register}.csv"
        path.write_text(text, encoding="utf-8")
        code, _out, err = cli(folder, capsys, "import", register, str(path))
        assert code == 0, err
    assert cli(folder, capsys, "approve", "--to", "2026-11-30")[0] == 0
    return folder


def earnings(folder: Path, capsys: pytest.CaptureFixture[str], number: str) -> dict[str, object]:
    code, out, err = cli(
        folder, capsys, "earnings", "--participant", number, "--month", "2026-11", "--json"
    )
    assert code == 0, err
    result = json.loads(out)
    assert isinstance(result, dict)
    return result


def _counts(folder: Path) -> tuple[int, int, int]:
    with sqlite3.connect(folder / "jobcenter.db") as db:
        return (
            db.execute("SELECT COUNT(*) FROM pay_rate").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM participant_benefit").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM audit_entry").fetchone()[0],
        )


def test_rates_benefits_and_earnings(hours: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = earnings(hours, capsys, "501")
    # 3 h, then 2 h 50 min worked (billed as 3 h) at 10,00: 30,00 + 28,33.
    assert {k: before[k] for k in ("approved", "planned", "limit", "remaining", "over")} == {
        "approved": "58.33",
        "planned": "0.00",
        "limit": None,
        "remaining": None,
        "over": False,
    }

    code, out, err = cli(
        hours, capsys, "rates", "set", "--participant", "501", "--hourly-pay", "12,00",
        "--from", "2026-11-16",
    )  # fmt: skip
    assert code == 0, err
    assert "12,00" in out and "16.11.2026" in out
    # 2 h 50 min at 12,00 after the raise; the gig before it keeps 10,00.
    assert earnings(hours, capsys, "501")["approved"] == "64.00"

    code, _out, err = cli(
        hours, capsys, "benefits", "set", "--participant", "501", "--benefit",
        "kela_disability_pension",
    )  # fmt: skip
    assert code == 0, err
    month = earnings(hours, capsys, "501")
    assert (month["limit"], month["remaining"], month["over"]) == ("976.59", "912.59", False)

    code, out, err = cli(
        hours, capsys, "benefits", "set", "--participant", "501", "--benefit",
        "earnings_related_pension", "--limit", "63.99", "--from", "2026-11-01",
    )  # fmt: skip
    assert code == 0, err
    assert "63,99" in out
    month = earnings(hours, capsys, "501")
    # One cent over the lower, personal limit.
    assert (month["limit"], month["remaining"], month["over"]) == ("63.99", "0.00", True)
    assert month["over_by"] == "0.01"

    code, out, err = cli(hours, capsys, "earnings", "--participant", "501", "--month", "2026-11")
    assert code == 0, err
    assert "ylittyy 0,01" in out and "ei ole vahvistettu" in out


def test_amounts_are_read_with_a_comma_or_a_dot(
    hours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for typed, day in (("10", "2026-11-01"), ("10.50", "2026-11-16")):
        code, _out, err = cli(
            hours, capsys, "rates", "set", "--participant", "502", "--hourly-pay", typed,
            "--from", day,
        )  # fmt: skip
        assert code == 0, err
    with sqlite3.connect(hours / "jobcenter.db") as db:
        rows = db.execute(
            "SELECT valid_from, hourly_pay FROM pay_rate ORDER BY valid_from"
        ).fetchall()
    assert rows == [("2026-11-01", 1000), ("2026-11-16", 1050)]
    # Eero had no pay: 3 h after the raise at 10,50.
    assert earnings(hours, capsys, "502")["approved"] == "31.50"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("rates", "set", "--participant", "999", "--hourly-pay", "10", "--from", "2026-11-01"),
            "Numerolla 999 ei ole tekijää",
        ),
        (
            ("rates", "set", "--participant", "501", "--hourly-pay", "10,5,0", "--from",
             "2026-11-01"),
            "Tuntipalkka: ei ole rahamäärä",
        ),
        (
            ("benefits", "set", "--participant", "501", "--benefit", "earnings_related_pension"),
            "eläkelaitoksen kirjeen",
        ),
        (
            ("benefits", "set", "--participant", "501", "--benefit", "housing_allowance",
             "--limit", "500"),
            "ei ole ansiorajaa",
        ),
        (
            ("benefits", "set", "--participant", "501", "--benefit", "kela_disability_pension",
             "--limit", "500"),
            "kaikille sama raja",
        ),
        (("benefits", "set", "--participant", "501", "--benefit", "lapsilisä"), "valitse jokin"),
        (
            ("earnings", "--participant", "999", "--month", "2026-11", "--json"),
            "Numerolla 999 ei ole tekijää",
        ),
    ],
)  # fmt: skip
def test_refusals_are_sentences_and_change_nothing(
    hours: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = _counts(hours)
    code, out, err = cli(hours, capsys, *args)
    assert code == 2
    assert message in err and "Traceback" not in err and out == ""
    assert _counts(hours) == before
