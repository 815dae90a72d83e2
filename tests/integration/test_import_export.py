"""Importing and exporting registers as CSV and Excel files, against a real SQLite file."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from jobcenter_desktop.db.models import AuditEntry, Contract, Customer, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.demo.registers import business_id_check_digit, load_demo_data
from jobcenter_desktop.domain.enums import CustomerType, PayBasis, ServiceBasis, VatTreatment
from jobcenter_desktop.forms.contracts import ContractInput
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.interchange.exporting import export_file, hours
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.register_columns import REGISTERS
from jobcenter_desktop.interchange.tabular import (
    MAX_PROBLEMS,
    ImportFileError,
    read_table,
    write_table,
)
from jobcenter_desktop.services.registers import contracts, customers, participants

CUSTOMER_HEADERS = list(REGISTERS["customers"].columns)
PARTICIPANT_HEADERS = list(REGISTERS["participants"].columns)
CONTRACT_HEADERS = list(REGISTERS["contracts"].columns)


# --- helpers ----------------------------------------------------------------------------------


def business_id(seed: int) -> str:
    """A valid business ID, different for each seed."""
    base = 1_234_560 + seed
    while (check := business_id_check_digit(f"{base:07d}")) is None:
        base += 1000
    return f"{base:07d}-{check}"


def write_csv(
    path: Path, rows: Sequence[Sequence[object]], delimiter: str = ";", bom: bool = False
) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def customer_row(number: str, seed: int, **overrides: str) -> list[str]:
    values = {
        "customer_number": number,
        "type": "company",
        "name": f"Yritys {number} Oy",
        "business_id": business_id(seed),
        "street": "Kauppakatu 1",
        "postal_code": "82100",
        "city": "Kotikunta",
        "email": f"laskut{number}@yritys.example",
        "phone": "013 123 4567",
        "invoice_language": "fi",
        "einvoice_address": "",
        "einvoice_operator": "",
        "payment_term_days": "14",
    }
    values.update(overrides)
    return [values[header] for header in CUSTOMER_HEADERS]


def count(store: Store, model: Any) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def audit(store: Store) -> list[tuple[str, int | None, str, Any]]:
    with store.read() as session:
        return [
            (e.entity, e.entity_id, e.action, e.after)
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def import_error(store: Store, register: str, path: Path) -> ImportFileError:
    with pytest.raises(ImportFileError) as caught:
        import_file(store, register, path)
    return caught.value


def save_customer(store: Store, number: str, kind: str = "company", seed: int = 0) -> int:
    return customers.save_customer(
        store,
        CustomerInput(
            customer_number=number,
            type=kind,
            name=f"Tilaaja {number}",
            business_id=business_id(seed) if kind != "household" else "",
        ),
    )


# --- customers --------------------------------------------------------------------------------


def test_customers_from_semicolon_csv(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "tilaajat.csv",
        [
            CUSTOMER_HEADERS,
            customer_row("1001", 1),
            customer_row("1002", 2, type="household", name="Maija Meikäläinen", business_id=""),
            customer_row("1003", 3, type="parish", name="Kotikunnan seurakunta"),
        ],
    )

    assert import_file(store, "customers", path) == 3

    with store.read() as session:
        rows = {c.customer_number: c for c in session.scalars(select(Customer))}
    assert rows["1001"].business_id == business_id(1)
    assert rows["1001"].payment_term_days == 14
    assert rows["1002"].type is CustomerType.HOUSEHOLD
    assert rows["1002"].business_id is None
    assert rows["1003"].name == "Kotikunnan seurakunta"
    entries = audit(store)
    assert [e[:3] for e in entries[:3]] == [
        ("customer", rows[n].id, "create") for n in ("1001", "1002", "1003")
    ]
    assert entries[-1] == ("customers", None, "import", {"file": "tilaajat.csv", "rows": 3})
    assert len(entries) == 4


def test_customers_from_comma_csv_with_bom_and_finnish_headings(
    store: Store, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "asiakkaat.csv",
        [
            [
                "Asiakasnumero",
                "Tyyppi",
                "Nimi",
                "Y-tunnus",
                "Katuosoite",
                "Postinumero",
                "Postitoimipaikka",
                "Sähköposti",
                "Puhelin",
                "Jotain muuta",
            ],
            [
                "2001",
                "Yritys",
                "Virtanen, Matti Tmi",
                "1234567 ",
                "Kuja 2",
                "00100",
                "Helsinki",
                "matti@Virtanen.Example",
                "040 123 4567",
                "ohitetaan",
            ],
            [],
            ["2002", "kotitalous", "Liisa Laine", "", "Tie 5", "82100", "Kotikunta", "", "", ""],
        ],
        delimiter=",",
        bom=True,
    )
    path.write_text(
        path.read_text(encoding="utf-8-sig").replace("1234567 ", business_id(7)),
        encoding="utf-8-sig",
    )

    assert import_file(store, "customers", path) == 2

    with store.read() as session:
        rows = {c.customer_number: c for c in session.scalars(select(Customer))}
    assert rows["2001"].name == "Virtanen, Matti Tmi"
    assert rows["2001"].type is CustomerType.COMPANY
    assert rows["2001"].email == "matti@virtanen.example"
    assert rows["2001"].city == "Helsinki"
    assert rows["2002"].type is CustomerType.HOUSEHOLD


def test_customers_from_xlsx_with_number_cells(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "tilaajat.xlsx",
        [
            ["Customer number", "Type", "Name", "Business ID", "Postal code", "Payment term"],
            [3001, "company", "Numerot Oy", business_id(3), 100, 30],
            [None, None, None, None, None, None],
            [3002, "association", "Yhdistys ry", business_id(4), 82100, 14.0],
        ],
    )

    assert import_file(store, "customers", path) == 2

    with store.read() as session:
        rows = {c.customer_number: c for c in session.scalars(select(Customer))}
    # Excel dropped the leading zeros of 00100; whole numbers come without ".0".
    assert rows["3001"].postal_code == "00100"
    assert rows["3001"].payment_term_days == 30
    assert rows["3002"].payment_term_days == 14
    assert rows["3002"].type is CustomerType.ASSOCIATION


def test_rows_without_number_get_the_next_free_numbers(store: Store, tmp_path: Path) -> None:
    save_customer(store, "1005", seed=1)
    path = write_csv(
        tmp_path / "c.csv",
        [
            ["name", "type", "business_id"],
            ["A Oy", "company", business_id(2)],
            ["B Oy", "company", business_id(3)],
        ],
    )

    assert import_file(store, "customers", path) == 2

    with store.read() as session:
        numbers = sorted(session.scalars(select(Customer.customer_number)))
    assert numbers == ["1005", "1006", "1007"]


# --- participants -----------------------------------------------------------------------------


def test_participants_with_finnish_dates_and_decimal_commas(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "tekijat.csv",
        [
            [
                "Tekijänumero",
                "Etunimi",
                "Sukunimi",
                "Syntymäaika",
                "Palveluperuste",
                "Palkkausperuste",
                "Tuntipalkka",
                "Viikkotuntiraja",
                "Puhelin",
                "Sähköposti",
            ],
            [
                "7",
                "Aino",
                "Ääninen",
                "5.10.1990",
                "rehabilitative",
                "wage",
                "10,50",
                "17,5",
                "040 765 4321",
                "aino@posti.example",
            ],
            ["8", "Olli", "Öhman", "1985-03-02", "disability", "none", "", "", "", ""],
        ],
    )

    assert import_file(store, "participants", path) == 2

    with store.read() as session:
        rows = {p.participant_number: p for p in session.scalars(select(Participant))}
    aino = rows["7"]
    assert (aino.first_name, aino.last_name) == ("Aino", "Ääninen")
    assert aino.date_of_birth == date(1990, 10, 5)
    assert aino.hourly_pay == Decimal("10.50")
    assert aino.weekly_limit_minutes == 17 * 60 + 30
    assert aino.service_basis is ServiceBasis.REHABILITATIVE
    assert rows["8"].pay_basis is PayBasis.NONE
    assert rows["8"].hourly_pay is None
    assert rows["8"].weekly_limit_minutes is None


def test_participants_from_xlsx_with_date_and_decimal_cells(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "tekijat.xlsx",
        [
            PARTICIPANT_HEADERS,
            [
                11,
                "Eero",
                "Esimerkki",
                datetime(1979, 12, 24),
                "special_care",
                "fee",
                12.25,
                7.5,
                "050 111 2222",
                None,
            ],
            [
                12,
                "Sanna",
                "Saari",
                date(2001, 1, 2),
                "other",
                "wage",
                Decimal("10.00"),
                20,
                None,
                None,
            ],
        ],
    )

    assert import_file(store, "participants", path) == 2

    with store.read() as session:
        rows = {p.participant_number: p for p in session.scalars(select(Participant))}
    assert rows["11"].date_of_birth == date(1979, 12, 24)
    assert rows["11"].hourly_pay == Decimal("12.25")
    assert rows["11"].weekly_limit_minutes == 450
    assert rows["12"].date_of_birth == date(2001, 1, 2)
    assert rows["12"].weekly_limit_minutes == 1200


# --- contracts --------------------------------------------------------------------------------


def test_contracts_with_finnish_values(store: Store, tmp_path: Path) -> None:
    save_customer(store, "501", "parish", seed=5)
    household_id = save_customer(store, "502", "household")
    path = write_csv(
        tmp_path / "sopimukset.csv",
        [
            [
                "Sopimusnumero",
                "Asiakasnumero",
                "Otsikko",
                "Tehtävätyyppi",
                "Tuntihinta",
                "ALV",
                "ALV-peruste",
                "Kotitalousvähennys",
                "Viikonpäivät",
                "Alkaa klo",
                "Kesto",
                "Voimassa alkaen",
                "Voimassa asti",
                "Tila",
                "Matkakulu",
            ],
            [
                "S1",
                "501",
                "Seurakuntasalin imurointi",
                "cleaning",
                "35,00",
                "exempt",
                "AVL 37 §",
                "ei",
                "ti",
                "9.00",
                "120",
                "5.10.2026",
                "31.12.2026",
                "active",
                "",
            ],
            [
                "S2",
                "502",
                "Muuttoapu",
                "moving",
                "30",
                "general",
                "",
                "kyllä",
                "",
                "8.30",
                "300",
                "2026-10-14",
                "",
                "active",
                "15,5",
            ],
        ],
    )

    assert import_file(store, "contracts", path) == 2

    with store.read() as session:
        rows = {c.contract_number: c for c in session.scalars(select(Contract))}
    weekly = rows["S1"]
    assert weekly.worker_hour_price == Decimal("35.00")
    assert weekly.vat_treatment is VatTreatment.EXEMPT
    assert weekly.vat_reason == "AVL 37 §"
    assert weekly.weekdays == "tue"
    assert weekly.start_time == time(9, 0)
    assert (weekly.valid_from, weekly.valid_to) == (date(2026, 10, 5), date(2026, 12, 31))
    one_off = rows["S2"]
    assert one_off.customer_id == household_id
    assert one_off.household_deduction is True
    assert one_off.weekdays == ""
    assert one_off.valid_from == date(2026, 10, 14)
    assert one_off.travel_fee == Decimal("15.50")


def test_contracts_from_xlsx_with_time_and_date_cells(store: Store, tmp_path: Path) -> None:
    save_customer(store, "600", seed=6)
    row: dict[str, object] = dict.fromkeys(CONTRACT_HEADERS)
    row.update(
        contract_number=1,
        customer_number=600,
        title="Sosiaalitilojen siivous",
        task_type="cleaning",
        worker_hour_price=14.5,
        vat="general",
        weekdays="mon,thu",
        every_weeks=2,
        start_time=time(8, 30),
        duration_minutes=90,
        valid_from=datetime(2026, 10, 5),
        status="active",
    )
    path = write_xlsx(tmp_path / "c.xlsx", [CONTRACT_HEADERS, list(row.values())])

    assert import_file(store, "contracts", path) == 1

    with store.read() as session:
        contract = session.scalars(select(Contract)).one()
    assert contract.worker_hour_price == Decimal("14.50")
    assert contract.start_time == time(8, 30)
    assert contract.weekdays == "mon,thu"
    assert contract.every_weeks == 2
    assert contract.valid_from == date(2026, 10, 5)


def test_unknown_customer_in_contracts_is_a_row_error(store: Store, tmp_path: Path) -> None:
    save_customer(store, "700", seed=7)
    base = {
        "title": "Työ",
        "task_type": "cleaning",
        "worker_hour_price": "20",
        "vat": "general",
        "start_time": "8",
        "duration_minutes": "60",
        "valid_from": "2026-10-05",
    }
    headers = ["contract_number", "customer_number", *base]
    path = write_csv(
        tmp_path / "c.csv",
        [headers, ["1", "700", *base.values()], ["2", "799", *base.values()]],
    )

    error = import_error(store, "contracts", path)

    assert error.problems == [
        f"Rivi 3, {contracts.label('customer')}: tilaajanumerolla 799 ei löydy tilaajaa"
    ]
    assert count(store, Contract) == 0


# --- all or nothing ---------------------------------------------------------------------------


def test_one_bad_row_in_the_middle_imports_nothing(store: Store, tmp_path: Path) -> None:
    good = business_id(40)
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)  # the check digit is off by one
    path = write_csv(
        tmp_path / "c.csv",
        [
            CUSTOMER_HEADERS,
            customer_row("1", 1),
            customer_row("2", 2),
            customer_row("3", 3),
            customer_row("4", 4, business_id=bad),
            customer_row("5", 5),
            customer_row("6", 6),
        ],
    )

    error = import_error(store, "customers", path)

    assert error.problems == [
        f"Rivi 5, {customers.label('business_id')}: tarkistusmerkki ei täsmää"
    ]
    assert "Rivi 5, Y-tunnus: tarkistusmerkki ei täsmää" in str(error)
    assert "c.csv" in error.message
    assert count(store, Customer) == 0
    assert audit(store) == []


def test_every_bad_row_is_listed_with_its_field(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [
            CUSTOMER_HEADERS,
            customer_row("1", 1, postal_code="8210O"),
            customer_row("2", 2),
            customer_row("3", 3, type="household", name=""),
        ],
    )

    problems = import_error(store, "customers", path).problems

    assert problems[0].startswith(f"Rivi 2, {customers.label('postal_code')}: ")
    assert len(problems) == 3
    assert {p.split(":")[0] for p in problems[1:]} == {
        f"Rivi 4, {customers.label('name')}",
        f"Rivi 4, {customers.label('business_id')}",
    }


def test_the_list_of_problems_stops_after_the_limit(store: Store, tmp_path: Path) -> None:
    rows = [customer_row(str(n), n, postal_code="1") for n in range(1, MAX_PROBLEMS + 20)]
    path = write_csv(tmp_path / "c.csv", [CUSTOMER_HEADERS, *rows])

    problems = import_error(store, "customers", path).problems

    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].startswith("…")


def test_the_same_number_twice_in_a_file_names_both_rows(store: Store, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "c.csv",
        [CUSTOMER_HEADERS, customer_row("10", 1), customer_row("11", 2), customer_row("10", 3)],
    )

    problems = import_error(store, "customers", path).problems

    assert problems == [f"Rivi 4, {customers.label('customer_number')}: 10 on myös rivillä 2"]
    assert count(store, Customer) == 0


def test_a_number_already_in_the_store_is_not_updated(store: Store, tmp_path: Path) -> None:
    save_customer(store, "20", seed=1)
    path = write_csv(
        tmp_path / "c.csv",
        [CUSTOMER_HEADERS, customer_row("21", 2), customer_row("20", 3, name="Uusi nimi")],
    )

    problems = import_error(store, "customers", path).problems

    assert len(problems) == 1
    assert problems[0].startswith(f"Rivi 3, {customers.label('customer_number')}: ")
    with store.read() as session:
        assert list(session.scalars(select(Customer.name))) == ["Tilaaja 20"]


def test_duplicate_participant_numbers(store: Store, tmp_path: Path) -> None:
    row = ["5", "Aino", "Aalto", "", "other", "none", "", "", "", ""]
    path = write_csv(tmp_path / "p.csv", [PARTICIPANT_HEADERS, row, row])

    problems = import_error(store, "participants", path).problems

    assert problems == [f"Rivi 3, {participants.label('participant_number')}: 5 on myös rivillä 2"]
    assert count(store, Participant) == 0


# --- files that cannot be read ----------------------------------------------------------------


def test_binary_junk_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 8)

    error = import_error(store, "customers", path)

    assert str(error) == (
        "Tiedosto ei ole CSV-tiedosto (UTF-8, UTF-16 tai Windows-1252) eikä Excel-tiedosto (.xlsx)."
    )


def test_latin1_csv_is_read_as_windows_1252(store: Store, tmp_path: Path) -> None:
    # Finnish Excel's "CSV" is Windows-1252 (a superset of Latin-1's letters): read, not refused.
    path = tmp_path / "latin1.csv"
    path.write_bytes("name;type\nÄänekosken Yhdistys ry;household\n".encode("latin-1"))

    assert import_file(store, "customers", path) == 1

    with store.read() as session:
        assert session.scalars(select(Customer.name)).all() == ["Äänekosken Yhdistys ry"]


def test_missing_required_heading_is_named(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "c.csv", [["customer_number", "name"], ["1", "A Oy"]])

    error = import_error(store, "customers", path)

    assert "type" in str(error)
    assert str(error).startswith("Tiedostosta puuttuu sarake")


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("c.pdf", b"%PDF-1.4", "Tiedostotyyppiä"),
        ("c.xlsx", b"name;type\n", "ei ole Excel-tiedosto"),
        ("c.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Tiedostotyyppiä"),
        ("c.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "vanhassa Excel-muodossa"),
        ("c.csv", b"", "tyhj"),
        ("c.csv", b"name;type\n", "ei yhtään tuotavaa riviä"),
        ("c.csv", b"name;type\nA;company;extra\n", "Rivillä 2"),
        ("c.csv", b"name;Name;type\n", "kahdesti"),
        ("c.xlsx", b"PK\x03\x04 not really a zip", "vioittunut"),
    ],
)
def test_unreadable_files(
    store: Store, tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert expected in str(import_error(store, "customers", path))


def test_a_missing_file_is_a_user_error(store: Store, tmp_path: Path) -> None:
    assert "ei ole olemassa" in str(import_error(store, "customers", tmp_path / "none.csv"))


def test_spreadsheet_row_numbers_count_blank_and_multiline_rows(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text('name;notes\n\nA;"two\nlines"\n;\nB;x\n', encoding="utf-8")

    table = read_table(path)

    assert table.headers == ["name", "notes"]
    assert [(number, row["name"]) for number, row in table.rows] == [(3, "A"), (5, "B")]


# --- export and round trip --------------------------------------------------------------------


def test_export_writes_import_friendly_values(store: Store, tmp_path: Path) -> None:
    customer_id = save_customer(store, "1", "household")
    contracts.save_contract(
        store,
        ContractInput(
            customer_id=customer_id,
            contract_number="9",
            title="Muutto",
            task_type="moving",
            worker_hour_price="35",
            vat_treatment="exempt",
            vat_reason="AVL 37 §",
            household_deduction="kyllä",
            weekdays="ma, to",
            start_time="830",
            duration_minutes="90",
            valid_from="5.10.2026",
            valid_to="31.12.2026",
            status="active",
        ),
    )
    path = tmp_path / "sopimukset.csv"

    assert export_file(store, "contracts", path) == 1

    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(CONTRACT_HEADERS)
    assert lines[1] == (
        "9;1;Muutto;moving;35.00;;;;;15;exempt;AVL 37 §;yes;mon,thu;1;08:30;90;"
        "2026-10-05;2026-12-31;active"
    )


def test_export_leaves_out_archived_records(store: Store, tmp_path: Path) -> None:
    from jobcenter_desktop.db.records import set_archived

    save_customer(store, "1", seed=1)
    archived = save_customer(store, "2", seed=2)
    set_archived(store, Customer, archived, True)

    assert export_file(store, "customers", tmp_path / "c.csv") == 1


def test_hours_are_written_as_people_write_them() -> None:
    assert [hours(m) for m in (None, 600, 1050, 435, 3)] == ["", "10", "17.5", "7.25", "0.05"]


def test_xlsx_export_has_a_bold_heading_row(store: Store, tmp_path: Path) -> None:
    save_customer(store, "1", seed=1)
    path = tmp_path / "c.xlsx"

    export_file(store, "customers", path)

    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for cell in sheet[1]] == CUSTOMER_HEADERS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["A2"].value == "1"
    assert (sheet.column_dimensions["C"].width or 0) > len("name")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_into_an_empty_store(tmp_path: Path, suffix: str) -> None:
    source = Store.open(tmp_path / "source" / "jobcenter.db")
    target = Store.open(tmp_path / "target" / "jobcenter.db")
    try:
        load_demo_data(source)
        for register in ("customers", "participants", "contracts"):
            first = tmp_path / f"{register}-1{suffix}"
            second = tmp_path / f"{register}-2{suffix}"
            exported = export_file(source, register, first)
            assert exported > 0

            assert import_file(target, register, first) == exported
            export_file(target, register, second)

            assert read_table(second).rows == read_table(first).rows
            if suffix == ".csv":
                assert second.read_bytes() == first.read_bytes()
    finally:
        source.close()
        target.close()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    cells = ["=HYPERLINK(A1)", "+358 40 123 4567", "-5", "-1,5", "@SUM(A1)", "'quoted"]

    write_table(path, ["a", "b", "c", "d", "e", "f"], [cells])

    if suffix == ".csv":
        line = path.read_bytes().decode("utf-8-sig").splitlines()[1]
        assert line.startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
        assert ";'+358 40 123 4567;-5;-1,5;'@SUM(A1);'quoted" in line
    else:
        sheet = load_workbook(path).worksheets[0]
        assert all(cell.data_type == "s" for cell in sheet[2])
    assert [value for _, row in read_table(path).rows for value in row.values()] == cells
