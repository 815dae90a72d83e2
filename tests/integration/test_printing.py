"""Printed sheets made from the store: what the paper says, read back from the PDF."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pdfplumber
import pytest

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.errors import NotFoundError, UserError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.customers import WorkSiteInput
from jobcenter_desktop.i18n import current_language, gettext, set_language
from jobcenter_desktop.i18n.formatting import format_time
from jobcenter_desktop.queries.customers import work_site_choices
from jobcenter_desktop.queries.gigs import list_gigs
from jobcenter_desktop.services.planning.gigs import assign, generate_gigs
from jobcenter_desktop.services.printing import gig_sheet_language, print_gig_sheet
from jobcenter_desktop.services.timesheets.entries import EntryInput, record_entries
from tests.builders import make_contract, make_customer, make_instructor, make_participant


def _gig(store: Store, language: str = "fi") -> int:
    customer = make_customer(
        store,
        name="Kotikunnan seurakunta",
        type="parish",
        invoice_language=language,
        work_sites=[WorkSiteInput("Seurakuntatalo", "Kirkkotie 2", "82100", "Kotikunta")],
    )
    site = work_site_choices(store, customer)[0].id
    make_contract(
        store,
        customer_id=customer,
        work_site_id=site,
        title="Salin imurointi",
        task_description="Imuroi sali ja eteinen.",
        weekdays="tue",
        status="active",
        valid_from="1.12.2026",
    )
    generate_gigs(store, until=date(2026, 12, 8), today=date(2026, 12, 1))
    gig = list_gigs(store, date(2026, 12, 1), date(2026, 12, 8))[0]
    assign(
        store,
        gig.id,
        [make_participant(store, first_name="Aino", last_name="Mäkinen")],
        [make_instructor(store, first_name="Liisa", last_name="Laine")],
    )
    return gig.id


def _text(path: Path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_gig_sheet_names_the_customer_site_crew_and_signatures(
    store: Store, tmp_path: Path
) -> None:
    pdf = print_gig_sheet(store, _gig(store), tmp_path / "keikka.pdf")
    text = _text(pdf)
    for expected in (
        "Keikkalista",
        "Kotikunnan seurakunta",
        "Kirkkotie 2, 82100 Kotikunta",
        "1.12.2026",
        "Imuroi sali ja eteinen.",
        "Aino Mäkinen",
        "Liisa Laine",
        "Ohjaajan allekirjoitus",
        "Tilaajan allekirjoitus",
        "1 / 1",
    ):
        assert expected in text, expected


def test_the_gig_sheet_is_in_the_customers_language(store: Store, tmp_path: Path) -> None:
    text = _text(print_gig_sheet(store, _gig(store, language="en"), tmp_path / "gig.pdf"))
    assert "Customer's signature" in text
    assert "Tilaajan allekirjoitus" not in text


def test_a_swedish_sheet_leaves_the_finnish_screens_finnish(store: Store, tmp_path: Path) -> None:
    set_language("fi")
    text = _text(print_gig_sheet(store, _gig(store, language="sv"), tmp_path / "lista.pdf"))
    for expected in ("Arbetslista", "Beställarens underskrift", "Handledarens underskrift"):
        assert expected in text, expected
    assert "Keikkalista" not in text
    assert current_language() == "fi"
    assert gettext("Customer's signature") == "Tilaajan allekirjoitus"
    assert format_time(time(8, 30)) == "8.30"


def test_a_finnish_sheet_leaves_the_english_screens_english(store: Store, tmp_path: Path) -> None:
    set_language("en")
    try:
        text = _text(print_gig_sheet(store, _gig(store), tmp_path / "keikka.pdf"))
        assert "Tilaajan allekirjoitus" in text
        assert current_language() == "en"
        assert gettext("Customer's signature") == "Customer's signature"
        assert format_time(time(8, 30)) == "08:30"
    finally:
        set_language("fi")


def test_an_unknown_gig_is_a_clear_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="999"):
        print_gig_sheet(store, 999, tmp_path / "x.pdf")
    with pytest.raises(NotFoundError):
        gig_sheet_language(store, 999)


def _recorded_week(store: Store) -> int:
    gig_id = _gig(store)
    gig = list_gigs(store, date(2026, 12, 1), date(2026, 12, 1))[0]
    participant = gig.participants[0].id
    instructor = gig.instructors[0].id
    record_entries(
        store,
        gig_id,
        [
            EntryInput(participant_id=participant, start="800", end="11.30", break_minutes="15"),
            EntryInput(instructor_id=instructor, start="7.45", end="11:45"),
        ],
    )
    return gig_id


def test_week_and_month_sheets_from_the_command_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    store = Store.open(folder / "jobcenter.db")
    gig_id = _recorded_week(store)
    store.close()
    base = ["--data-dir", str(folder), "print"]
    assert main([*base, "gig-sheet", "--gig", str(gig_id), "--out", str(tmp_path / "g.pdf")]) == 0
    assert main([*base, "week", "--week", "2026-W49", "--out", str(tmp_path / "w.pdf")]) == 0
    month = ["month", "--participant", "1", "--month", "2026-12", "--out", str(tmp_path / "m.pdf")]
    assert main([*base, *month]) == 0
    week_text = _text(tmp_path / "w.pdf")
    assert "Viikko 49 / 2026" in week_text
    assert "Aino Mäkinen" in week_text and "Liisa Laine" in week_text
    assert "3 h 15 min" in week_text and "4 h" in week_text
    month_text = _text(tmp_path / "m.pdf")
    assert "Aino Mäkinen" in month_text and "Joulukuu 2026" in month_text
    assert "3 h 15 min" in month_text
    assert "Kirjoitettiin" in capsys.readouterr().out


def test_a_bad_week_or_participant_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = ["--data-dir", str(tmp_path)]
    month = [
        "month",
        "--participant",
        "404",
        "--month",
        "2026-12",
        "--out",
        str(tmp_path / "m.pdf"),
    ]
    assert main([*folder, "print", *month]) == 2
    assert "404" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main([*folder, "print", "week", "--week", "2026-24", "--out", str(tmp_path / "w.pdf")])


def test_each_sheet_prints_in_the_language_asked_for(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "data"
    store = Store.open(folder / "jobcenter.db")
    gig_id = _recorded_week(store)  # a Finnish-speaking customer
    store.close()
    base = ["--data-dir", str(folder)]
    gig = ["gig-sheet", "--gig", str(gig_id)]
    assert main([*base, "print", *gig, "--out", str(tmp_path / "fi.pdf")]) == 0
    assert main([*base, "print", *gig, "--language", "sv", "--out", str(tmp_path / "sv.pdf")]) == 0
    assert "Keikkalista" in _text(tmp_path / "fi.pdf")
    assert "Arbetslista" in _text(tmp_path / "sv.pdf")
    week = ["week", "--week", "2026-W49"]
    # An internal sheet follows the program's language unless told otherwise.
    assert main([*base, "--lang", "en", "print", *week, "--out", str(tmp_path / "w.pdf")]) == 0
    assert "Week 49 / 2026" in _text(tmp_path / "w.pdf")
    assert main([*base, "print", *week, "--language", "sv", "--out", str(tmp_path / "v.pdf")]) == 0
    swedish = _text(tmp_path / "v.pdf")
    assert "Vecka 49 / 2026" in swedish and "Liisa Laine (handledare)" in swedish
    month = ["month", "--participant", "1", "--month", "2026-12", "--language", "en"]
    assert main([*base, "print", *month, "--out", str(tmp_path / "m.pdf")]) == 0
    assert "Monthly timesheet" in _text(tmp_path / "m.pdf")
    with pytest.raises(SystemExit):
        main([*base, "print", *week, "--language", "de", "--out", str(tmp_path / "x.pdf")])
    set_language("fi")
    capsys.readouterr()


def test_the_month_sheet_shows_the_participant_number_and_work_activity_days(
    store: Store, tmp_path: Path
) -> None:
    from jobcenter_desktop.services.printing import print_month_timesheet
    from jobcenter_desktop.services.timesheets.attendance import record_attendance

    _recorded_week(store)
    aino = list_gigs(store, date(2026, 12, 1), date(2026, 12, 1))[0].participants[0]
    record_attendance(store, aino.id, date(2026, 12, 2), "present", "8")
    record_attendance(store, aino.id, date(2026, 12, 3), "present")
    record_attendance(store, aino.id, date(2026, 12, 4), "absent")
    record_attendance(store, aino.id, date(2026, 11, 30), "present")  # last month
    text = _text(print_month_timesheet(store, aino.number, 2026, 12, tmp_path / "m.pdf"))
    assert f"Tekijänumero {aino.number}" in text
    assert "Työtoimintapäivät 2 (2.12., 3.12.)" in text
    assert "Aino Mäkinen" in text and "3 h 15 min" in text


def test_internal_sheets_follow_the_program_language(store: Store, tmp_path: Path) -> None:
    from jobcenter_desktop.services.printing import print_week_timesheet

    _recorded_week(store)
    set_language("en")
    try:
        text = _text(print_week_timesheet(store, 2026, 49, tmp_path / "w.pdf"))
        assert "Weekly timesheet: Week 49 / 2026" in text
        assert "Liisa Laine (instructor)" in text
        # The gig sheet stays the customer's (Finnish) whatever the program speaks.
        assert "Keikkalista" in _text(print_gig_sheet(store, _gig(store), tmp_path / "g.pdf"))
    finally:
        set_language("fi")
