"""Hostile and careless input is refused in a sentence, and nothing changes.

Files: a link, a folder, a missing file, a file that is no spreadsheet, a damaged
.xlsx, a file over the size or row limit, a huge cell, a "zip bomb". Fields: too
long for the schema, control and text-direction characters, in an import (with the
row and field named) and in a form's save. And the encodings Finnish offices use:
Windows-1252 and UTF-16 CSV files are read, not refused.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from jobcenter_desktop.db.models import AuditEntry, Customer, Participant
from jobcenter_desktop.db.records import set_archived
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.limits import MAX_CELL_CHARS, MAX_ROWS_VARIABLE
from jobcenter_desktop.forms.customers import CustomerInput
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.interchange.importing import import_file
from jobcenter_desktop.interchange.tabular import ImportFileError, read_table
from jobcenter_desktop.services.registers import customers, participants
from tests.builders import make_customer

HEADINGS = ["customer_number", "type", "name", "street", "city"]


@pytest.fixture(autouse=True)
def _back_to_finnish() -> Iterator[None]:
    yield
    set_language("fi")


def csv_bytes(rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, delimiter=";", lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def households(count: int, **overrides: str) -> list[list[str]]:
    rows = [HEADINGS]
    for number in range(1, count + 1):
        values = {
            "customer_number": str(100 + number),
            "type": "household",
            "name": f"Koti {number}",
            "street": "Kauppakatu 1",
            "city": "Joensuu",
        }
        values.update(overrides)
        rows.append([values[key] for key in HEADINGS])
    return rows


def xlsx_bytes(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def state(store: Store) -> tuple[int, int, int]:
    """What a refused import must leave as it was: customers, participants, audit entries."""
    with store.read() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Customer, Participant, AuditEntry)
        )


def refused(store: Store, path: Path, register: str = "customers") -> ImportFileError:
    before = state(store)
    with pytest.raises(ImportFileError) as caught:
        import_file(store, register, path)
    assert state(store) == before
    assert "Traceback" not in str(caught.value)
    return caught.value


@pytest.fixture
def one_customer(store: Store) -> Store:
    """A store with one customer, so that "nothing changed" is more than "still empty"."""
    make_customer(store, name="Olemassa Oy")
    return store


# --- files that are not what they claim -----------------------------------------------------


def test_a_link_is_refused_not_followed(one_customer: Store, tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_bytes(csv_bytes(households(1)))
    link = tmp_path / "link.csv"
    link.symlink_to(target)

    error = refused(one_customer, link)

    assert str(error) == (
        f"{link} on linkki toiseen tiedostoon. Valitse itse tiedosto, älä linkkiä siihen."
    )
    set_language("en")
    assert "is a link to another file" in str(refused(one_customer, link))


def test_a_folder_is_refused(one_customer: Store, tmp_path: Path) -> None:
    folder = tmp_path / "tilaajat.csv"
    folder.mkdir()

    assert str(refused(one_customer, folder)) == (
        f"{folder} on kansio eikä tiedosto. Valitse CSV- tai Excel-tiedosto (.xlsx)."
    )
    set_language("en")
    assert str(refused(one_customer, folder)) == (
        f"{folder} is a folder, not a file. Choose a CSV or Excel file (.xlsx)."
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    one_customer: Store, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)

    assert "ei ole tavallinen tiedosto" in str(refused(one_customer, pipe))


def test_a_missing_file_is_refused(one_customer: Store, tmp_path: Path) -> None:
    assert "ei ole olemassa" in str(refused(one_customer, tmp_path / "none.csv"))


@pytest.mark.parametrize(
    ("name", "content", "finnish"),
    [
        ("c.pdf", b"%PDF-1.4", "Tiedostotyyppiä"),
        ("c.csv", bytes(range(256)) * 4, "ei ole CSV-tiedosto (UTF-8, UTF-16 tai Windows-1252)"),
        ("c.xlsx", b"PK\x03\x04 broken", "Excel-tiedosto on vioittunut"),
        ("c.xlsx", b"just text", "ei ole Excel-tiedosto"),
    ],
)
def test_files_that_are_no_spreadsheet_are_refused(
    one_customer: Store, tmp_path: Path, name: str, content: bytes, finnish: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)

    assert finnish in str(refused(one_customer, path))


def test_a_damaged_xlsx_is_refused_in_words(one_customer: Store, tmp_path: Path) -> None:
    # A real workbook cut short, as a broken download or a full USB stick leaves it.
    content = xlsx_bytes(households(3))
    path = tmp_path / "c.xlsx"
    path.write_bytes(content[: len(content) // 2])

    error = refused(one_customer, path)

    assert str(error) == (
        "Excel-tiedosto on vioittunut, eikä sitä voi lukea. Avaa se Excelissä, tallenna se "
        "uudelleen .xlsx-muodossa ja yritä uudelleen."
    )
    set_language("en")
    assert str(refused(one_customer, path)).startswith("The Excel file is damaged")


# --- limits -------------------------------------------------------------------------------------


def test_the_row_limit_is_a_setting(
    one_customer: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(households(6)))
    monkeypatch.setenv(MAX_ROWS_VARIABLE, "5")

    error = refused(one_customer, path)

    assert str(error) == (
        "Tiedostossa on yli 5 riviä. Jaa se pienempiin tiedostoihin ja tuo ne yksi kerrallaan."
    )
    monkeypatch.setenv(MAX_ROWS_VARIABLE, "6")
    assert import_file(one_customer, "customers", path) == 6


def test_the_row_limit_counts_xlsx_rows_too(
    one_customer: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.xlsx"
    path.write_bytes(xlsx_bytes(households(4)))
    monkeypatch.setenv(MAX_ROWS_VARIABLE, "3")
    set_language("en")

    assert str(refused(one_customer, path)).startswith("The file has more than 3 rows.")


def test_the_size_limit_is_a_setting(
    one_customer: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(households(50)))
    monkeypatch.setenv("JOBCENTER_IMPORT_MAX_BYTES", str(1024 * 1024))
    assert import_file(one_customer, "customers", path) == 50

    monkeypatch.setenv("JOBCENTER_IMPORT_MAX_BYTES", "1000")
    error = refused(one_customer, path)

    assert str(error).startswith("Tiedosto on suurempi kuin ")
    assert "Jaa se pienempiin tiedostoihin" in str(error)


def test_a_huge_csv_cell_is_refused_naming_row_and_column(
    one_customer: Store, tmp_path: Path
) -> None:
    rows = households(3)
    rows[2][2] = "A" * (MAX_CELL_CHARS + 1)
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(rows))

    error = refused(one_customer, path)

    assert str(error) == (
        f"Rivi 3, sarake C: solussa on yli {MAX_CELL_CHARS} merkkiä. "
        "Lyhennä sitä ja yritä uudelleen."
    )


def test_a_cell_beyond_the_csv_modules_own_limit_is_refused_in_words(
    one_customer: Store, tmp_path: Path
) -> None:
    rows = households(2)
    rows[1][2] = "A" * 200_000
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(rows))
    set_language("en")

    error = refused(one_customer, path)

    assert "a cell is longer than" in str(error)


def _with_sheet_text(content: bytes, old: bytes, new: bytes) -> bytes:
    """The workbook with ``old`` replaced by ``new`` in its first sheet's XML."""
    source = zipfile.ZipFile(io.BytesIO(content))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert old in data
                data = data.replace(old, new)
            target.writestr(info.filename, data)
    return stream.getvalue()


def test_a_huge_xlsx_cell_is_refused_before_it_is_built(
    one_customer: Store, tmp_path: Path
) -> None:
    # 50 million characters pack into about 50 KB: a cell no spreadsheet shows, which
    # a reader that builds it first would hold in memory many times over.
    content = _with_sheet_text(xlsx_bytes(households(2)), b"Koti 1", b"A" * 50_000_000)
    path = tmp_path / "c.xlsx"
    path.write_bytes(content)
    assert path.stat().st_size < 1_000_000

    error = refused(one_customer, path)

    assert str(error) == (
        f"Excel-tiedostossa on solu, jossa on yli {MAX_CELL_CHARS} merkkiä. "
        "Lyhennä sitä ja yritä uudelleen."
    )


def test_an_xlsx_cell_just_over_the_limit_names_its_row_and_column(
    one_customer: Store, tmp_path: Path
) -> None:
    rows: list[list[object]] = [list(row) for row in households(2)]
    rows[2][4] = "B" * (MAX_CELL_CHARS + 1)
    path = tmp_path / "c.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    set_language("en")

    assert str(refused(one_customer, path)) == (
        f"Row 3, column E: the cell is longer than {MAX_CELL_CHARS} characters. "
        "Shorten it and try again."
    )


def test_a_zip_bomb_is_refused_by_its_declared_size(
    one_customer: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parts may unpack to ten times the file limit: 10 x 100 KB here.
    monkeypatch.setenv("JOBCENTER_IMPORT_MAX_BYTES", str(100 * 1024))
    content = _with_sheet_text(
        xlsx_bytes(households(2)), b"</sheetData>", b" " * 2_000_000 + b"</sheetData>"
    )
    path = tmp_path / "c.xlsx"
    path.write_bytes(content)

    error = refused(one_customer, path)

    assert str(error).startswith("Excel-tiedosto purkautuu yli ")


# --- encodings ----------------------------------------------------------------------------------


def finnish_rows() -> list[list[str]]:
    return [
        HEADINGS,
        ["201", "household", "Äänekosken Öljy ja Åke", "Ylätie 5 – B", "Äänekoski"],
        ["202", "household", "Pöllö € Säätiö", "Kä’pylä", "Mänttä"],
    ]


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(lambda rows: csv_bytes(rows, "cp1252"), id="windows-1252"),
        pytest.param(lambda rows: csv_bytes(rows, "utf-16"), id="utf-16-bom"),
        pytest.param(
            lambda rows: codecs.BOM_UTF16_BE + csv_bytes(rows, "utf-16-be"), id="utf-16-be-bom"
        ),
        pytest.param(lambda rows: csv_bytes(rows, "utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda rows: csv_bytes(rows, "utf-8"), id="utf-8"),
    ],
)
def test_csv_encodings_of_finnish_offices_are_read(
    store: Store, tmp_path: Path, encoded: object
) -> None:
    path = tmp_path / "tilaajat.csv"
    path.write_bytes(encoded(finnish_rows()))  # type: ignore[operator]

    assert import_file(store, "customers", path) == 2

    with store.read() as session:
        rows = session.execute(
            select(Customer.name, Customer.street, Customer.city).order_by(Customer.customer_number)
        ).all()
    assert [tuple(row) for row in rows] == [tuple(row[2:]) for row in finnish_rows()[1:]]


def test_utf16_without_a_mark_is_refused(one_customer: Store, tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(finnish_rows(), "utf-16-le"))

    assert "ei ole CSV-tiedosto" in str(refused(one_customer, path))


def test_a_windows_1252_export_of_excel_reads_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes("Nimi;Postitoimipaikka\r\nÅke Öberg;Jyväskylä\r\n".encode("cp1252"))

    table = read_table(path)

    assert table.rows == [(2, {"nimi": "Åke Öberg", "postitoimipaikka": "Jyväskylä"})]


# --- fields: characters and lengths -----------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        ("name", "Evil\u202eyO nietsuK", "U+202E"),
        ("name", "Isolate \u2066x\u2069", "U+2066"),
        ("street", "Katu 1\x1b[31m", "U+001B"),
        ("city", "Joen\x07suu", "U+0007"),
        ("street", "Katu\u0085 2", "U+0085"),
    ],
)
def test_control_and_direction_characters_are_refused_by_row_and_field(
    one_customer: Store, tmp_path: Path, column: str, value: str, code: str
) -> None:
    rows = households(3)
    rows[2][HEADINGS.index(column)] = value
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(rows))
    label = {"name": "Nimi", "street": "Katuosoite", "city": "Postitoimipaikka"}[column]

    error = refused(one_customer, path)

    assert error.problems == [
        f"Rivi 3, {label}: sisältää näkymättömän ohjaus- tai tekstinsuuntamerkin ({code}); "
        "kirjoita teksti uudelleen ilman sitä"
    ]


def test_a_100000_character_name_is_refused(one_customer: Store, tmp_path: Path) -> None:
    # Over the cell limit: refused while reading, before any row is checked.
    rows = households(2)
    rows[1][2] = "N" * 100_000
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(rows))

    assert "solussa on yli" in str(refused(one_customer, path))


def test_a_field_longer_than_its_column_is_refused_by_row_and_field(
    one_customer: Store, tmp_path: Path
) -> None:
    rows = households(3)
    rows[3][HEADINGS.index("city")] = "J" * 101  # city is String(100)
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(rows))

    error = refused(one_customer, path)

    assert error.problems == [
        "Rivi 4, Postitoimipaikka: on liian pitkä: enintään 100 merkkiä, nyt 101"
    ]
    set_language("en")
    assert refused(one_customer, path).problems == [
        "Row 4, City: is too long: at most 100 characters, now 101"
    ]


def test_participant_names_are_checked_in_imports_too(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    headings = ["participant_number", "first_name", "last_name", "service_basis", "pay_basis"]
    rows = [headings, ["1", "Aino", "Aalto", "other", "none"]]
    path.write_bytes(csv_bytes([*rows, ["2", "Eero", "Virtanen\u202e", "other", "none"]]))

    assert refused(store, path, "participants").problems == [
        "Rivi 3, Sukunimi: sisältää näkymättömän ohjaus- tai tekstinsuuntamerkin (U+202E); "
        "kirjoita teksti uudelleen ilman sitä",
    ]
    path.write_bytes(csv_bytes([*rows, ["2", "E" * 101, "Virtanen", "other", "none"]]))
    assert refused(store, path, "participants").problems == [
        "Rivi 3, Etunimi: on liian pitkä: enintään 100 merkkiä, nyt 101",
    ]


def test_the_form_refuses_the_same_as_the_import(one_customer: Store) -> None:
    """The save behind the window's form: one sentence per field, nothing saved."""
    before = state(one_customer)
    set_language("en")
    data = CustomerInput(type="household", name="Koti\u202e", street="S" * 201, city="Joensuu\x1b")

    with pytest.raises(v.ValidationError) as caught:
        customers.save_customer(one_customer, data)

    assert caught.value.errors["name"].startswith(
        "Name: contains a hidden control or text-direction character (U+202E)"
    )
    data.name = "Koti"
    with pytest.raises(v.ValidationError) as caught:
        customers.save_customer(one_customer, data)
    assert caught.value.errors == {
        "street": "Street address: is too long: at most 200 characters, now 201",
        "city": "City: contains a hidden control or text-direction character (U+001B); "
        "type the text again without it",
    }
    assert state(one_customer) == before


def test_a_participant_form_refuses_a_100000_character_name(store: Store) -> None:
    data = ParticipantInput(first_name="A" * 100_000, last_name="Aalto")

    with pytest.raises(v.ValidationError) as caught:
        participants.save_participant(store, data)

    assert caught.value.errors == {
        "first_name": "Etunimi: on liian pitkä: enintään 100 merkkiä, nyt 100000"
    }
    assert state(store) == (0, 0, 0)


def test_free_text_may_have_lines_but_no_control_characters(store: Store) -> None:
    customer_id = customers.save_customer(
        store, CustomerInput(type="household", name="Koti", notes="rivi 1\nrivi 2\tx")
    )
    with store.read() as session:
        assert session.get_one(Customer, customer_id).notes == "rivi 1\nrivi 2\tx"

    with pytest.raises(v.ValidationError) as caught:
        customers.save_customer(
            store,
            CustomerInput(type="household", name="Koti", notes="a\x1bb"),
            customer_id,
        )
    assert list(caught.value.errors) == ["notes"]


def test_a_value_stored_before_the_limits_does_not_block_archiving(store: Store) -> None:
    customer_id = make_customer(store, name="Vanha Oy")
    with store.write() as tx:
        # As an older program version could have stored it, past today's checks.
        tx.session.execute(
            Customer.__table__.update().where(Customer.id == customer_id).values(city="C" * 500)
        )

    set_archived(store, Customer, customer_id, True)

    with store.read() as session:
        assert session.get_one(Customer, customer_id).archived_at is not None


# --- big imports do not hold the write lock while they check -----------------------------------


def test_an_import_checks_its_rows_without_holding_the_write_lock(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another workstation saves while the file is being checked; the import then checks
    again under the lock and refuses the number the other one took meanwhile."""
    from jobcenter_desktop.interchange import importing

    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(households(3)))
    other = Store.open(store.path or tmp_path, actor="toinen")  # the same file, own connections
    checked_rows: list[str] = []
    original = importing._CustomerImporter.make_input

    def make_input(
        self: importing._CustomerImporter, values: dict[str, str], checker: v.Checker
    ) -> CustomerInput:
        checked_rows.append(values["customer_number"])
        if len(checked_rows) == 1:
            # Would wait for the lock and fail as busy if the check held it.
            customers.save_customer(
                other, CustomerInput(customer_number="102", type="household", name="X")
            )
        return original(self, values, checker)

    monkeypatch.setattr(importing._CustomerImporter, "make_input", make_input)
    try:
        with pytest.raises(ImportFileError) as caught:
            import_file(store, "customers", path)
    finally:
        other.close()
    error = caught.value

    assert checked_rows == ["101", "102", "103", "101", "102", "103"]  # checked, then again
    assert error.problems == ["Rivi 3, Tilaajanumero: on jo toisen tilaajan käytössä"]
    with store.read() as session:
        assert session.scalars(select(Customer.name)).all() == ["X"]


def test_an_import_writes_the_rows_it_checked_when_nothing_changed(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(households(3)))

    assert import_file(store, "customers", path) == 3

    with store.read() as session:
        entries = session.execute(
            select(AuditEntry.entity, AuditEntry.action, AuditEntry.after).order_by(AuditEntry.id)
        ).all()
    assert [(entity, action) for entity, action, _after in entries] == [
        ("customer", "create"),
        ("customer", "create"),
        ("customer", "create"),
        ("customers", "import"),
    ]
    assert entries[0][2]["name"] == "Koti 1"
