"""The command line end to end: init, demo data, export, import and check on a real data folder."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from jobcenter_desktop.cli import main
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.register_columns import REGISTERS


@pytest.fixture(autouse=True)
def _finnish_afterwards() -> Iterator[None]:
    """``--lang`` switches the whole program; put the tests' language back."""
    yield
    set_language("fi")


def run(tmp_path: Path, *args: str) -> int:
    return main(["--data-dir", str(tmp_path / "data"), *args])


def bad_customers(path: Path) -> Path:
    headers = list(REGISTERS["customers"].columns)
    good = dict.fromkeys(headers, "")
    good.update(customer_number="9001", type="company", name="Hyvä Oy", business_id="0737546-2")
    bad = {**good, "customer_number": "9002", "name": "Huono Oy", "business_id": "0737546-3"}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, headers, delimiter=";")
        writer.writeheader()
        writer.writerows([good, bad])
    return path


def test_init_demo_export_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, "init") == 0
    assert (tmp_path / "data" / "jobcenter.db").exists()

    assert run(tmp_path, "demo-data") == 0
    assert "Esimerkkiaineisto ladattu" in capsys.readouterr().out

    out = tmp_path / "tilaajat.xlsx"
    assert run(tmp_path, "export", "customers", "--out", str(out)) == 0
    assert out.exists()

    assert run(tmp_path, "check") == 0
    assert capsys.readouterr().err == ""


def test_demo_data_twice_fails_with_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "demo-data") == 0
    capsys.readouterr()

    assert run(tmp_path, "demo-data") != 0

    assert "vain tyhjään datatiedostoon" in capsys.readouterr().err


def test_import_of_a_bad_file_names_row_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = bad_customers(tmp_path / "tilaajat.csv")

    assert run(tmp_path, "import", "customers", str(path)) != 0

    err = capsys.readouterr().err
    assert "Rivi 3, Y-tunnus: tarkistusmerkki ei täsmää" in err
    assert "Traceback" not in err
    # Nothing was imported: the good row 2 is not in the export either.
    out = tmp_path / "export.csv"
    assert run(tmp_path, "export", "customers", "--out", str(out)) == 0
    assert out.read_text(encoding="utf-8-sig").count("\n") == 1


def test_import_errors_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = bad_customers(tmp_path / "customers.csv")

    assert run(tmp_path, "--lang", "en", "import", "customers", str(path)) != 0

    assert "Row 3, Business ID: check digit does not match" in capsys.readouterr().err


def test_export_then_import_into_another_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "demo-data") == 0
    for register in ("customers", "participants", "contracts"):
        out = tmp_path / f"{register}.csv"
        assert run(tmp_path, "export", register, "--out", str(out)) == 0
        assert main(["--data-dir", str(tmp_path / "other"), "import", register, str(out)]) == 0
    assert main(["--data-dir", str(tmp_path / "other"), "check"]) == 0
    assert "Traceback" not in capsys.readouterr().err


def test_import_of_a_missing_file_is_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, "import", "participants", str(tmp_path / "none.csv")) != 0

    assert "ei ole olemassa" in capsys.readouterr().err
