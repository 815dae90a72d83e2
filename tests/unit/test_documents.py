"""The printed documents: what a reader finds on the paper, page numbers, fonts, language."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, time
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from jobcenter_desktop.documents.gig_sheet import build_gig_sheet, render_gig_sheet
from jobcenter_desktop.documents.timesheet_pdf import (
    TimesheetLine,
    build_month_timesheet,
    build_week_timesheet,
    render_month_timesheet,
    render_week_timesheet,
)
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.i18n import current_language
from jobcenter_desktop.i18n.translator import translator_for
from jobcenter_desktop.queries.gigs import CrewMember, GigRow

CREW = ("Äijälä Öljynen", "Åsa Lindqvist", "Matti Meikäläinen")


def make_gig(**overrides: Any) -> GigRow:
    values: dict[str, Any] = {
        "id": 1,
        "contract_id": 1,
        "contract_number": "S-2026-001",
        "contract_title": "Pihatyöt",
        "customer_name": "Asunto Oy Männikkö",
        "site_name": "Männikön piha",
        "day": date(2026, 6, 10),
        "scheduled_on": None,
        "start_time": time(8, 30),
        "duration_minutes": 240,
        "planned_crew_size": 3,
        "status": next(iter(GigStatus)),
        "cancel_reason": "",
        "cancel_billable": False,
        "note": "",
        "edited": False,
        "participants": tuple(CrewMember(i, f"P{i}", name) for i, name in enumerate(CREW)),
        "instructors": (CrewMember(9, "", "Olli Ölander"),),
    }
    values.update(overrides)
    return GigRow(**values)


def make_line(**overrides: Any) -> TimesheetLine:
    values: dict[str, Any] = {
        "day": date(2026, 6, 8),
        "customer": "Asunto Oy Männikkö",
        "gig": "Pihatyöt",
        "person": CREW[0],
        "start": time(8, 0),
        "end": time(12, 30),
        "break_minutes": 30,
    }
    values.update(overrides)
    return TimesheetLine(**values)


def pages_text(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def font_names(data: bytes) -> set[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return {char["fontname"] for page in pdf.pages for char in page.chars}


def gig_pdf(gig: GigRow, language: str = "fi") -> bytes:
    sheet = build_gig_sheet(
        gig,
        centre_name="Työkeskus Kipinä",
        site_address="Männikkötie 5, 00100 Helsinki",
        task_description="Haravointi, 12 € / h",
        tr=translator_for(language),
    )
    buffer = io.BytesIO()
    render_gig_sheet(sheet, buffer)
    return buffer.getvalue()


def week_pdf(lines: Sequence[TimesheetLine]) -> bytes:
    sheet = build_week_timesheet(lines, centre_name="Työkeskus Kipinä", year=2026, week=24)
    buffer = io.BytesIO()
    render_week_timesheet(sheet, buffer)
    return buffer.getvalue()


def test_gig_sheet_prints_the_facts_crew_columns_feedback_and_signatures() -> None:
    [text] = pages_text(gig_pdf(make_gig()))
    for expected in (
        "Työkeskus Kipinä",
        "Keikkalista",
        "Tilaaja",
        "Asunto Oy Männikkö",
        "Työkohde",
        "Männikkötie 5, 00100 Helsinki",
        "Päivämäärä",
        "10.6.2026",
        "8.30–12.30",
        "Haravointi, 12 € / h",
        "Olli Ölander",
        "Nimi",
        "Alkoi",
        "Päättyi",
        "Tauko",
        "Kuittaus",
        "Ympyröi",
        "Ohjaajan allekirjoitus",
        "Tilaajan allekirjoitus",
        "sivu 1 / 1",
        *CREW,
    ):
        assert expected in text, expected
    # The five numbered faces of the feedback row.
    assert "1 2 3 4 5" in text


def test_gig_sheet_embeds_dejavu_only(tmp_path: Path) -> None:
    target = tmp_path / "gig.pdf"
    sheet = build_gig_sheet(make_gig(), centre_name="Työkeskus Kipinä")
    render_gig_sheet(sheet, target)
    data = target.read_bytes()
    fonts = font_names(data)
    assert fonts and all("DejaVuSans" in name for name in fonts), fonts
    assert b"Helvetica" not in data
    assert "Åsa" in pages_text(data)[0]


def test_gig_sheet_in_the_customers_language_leaves_the_program_language_alone() -> None:
    assert current_language() == "fi"
    [text] = pages_text(gig_pdf(make_gig(), language="en"))
    for expected in ("Gig sheet", "Work site", "Customer feedback", "Customer's signature"):
        assert expected in text, expected
    assert "page 1 / 1" in text
    assert "10/06/2026" in text
    assert "Keikkalista" not in text
    assert current_language() == "fi"


def test_a_long_crew_repeats_the_header_and_counts_the_pages() -> None:
    crew = tuple(CrewMember(i, f"P{i}", f"Tekijä {i:02d}") for i in range(60))
    pages = pages_text(gig_pdf(make_gig(participants=crew)))
    assert len(pages) >= 3
    table_pages = [text for text in pages if "Tekijä" in text]
    assert len(table_pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"sivu {number} / {len(pages)}" in text
    for text in table_pages:
        assert "Nimi Alkoi Päättyi" in text
    # The page the signatures run on to repeats the sheet's heading and the gig's details.
    assert "Ohjaajan allekirjoitus" in pages[-1]
    assert "Keikkalista · Asunto Oy Männikkö · 10.6.2026 8.30–12.30" in pages[-1]
    assert "Työkohde: Männikön piha, Männikkötie 5, 00100 Helsinki" in pages[-1]
    everything = "\n".join(pages)
    assert all(f"Tekijä {i:02d}" in everything for i in range(60))


def test_week_timesheet_totals_per_person_and_for_everyone() -> None:
    lines = [
        make_line(person=CREW[0]),
        make_line(person=CREW[1], day=date(2026, 6, 9), start=time(9, 0), end=time(11, 15)),
        make_line(person=CREW[0], day=date(2026, 6, 10), break_minutes=0),
    ]
    [text] = pages_text(week_pdf(lines))
    for expected in (
        "Viikko 24 / 2026",
        "8.6.2026–14.6.2026",
        "Keikka Nimi Alkoi Päättyi",
        "ma 8.6.",
        "ke 10.6.",
        "Asunto Oy",
        "Ohjaajan allekirjoitus",
        "sivu 1 / 1",
    ):
        assert expected in text, expected
    # 4 h + 4 h 30 min for Äijälä, 1 h 45 min for Åsa, 10 h 15 min together.
    assert f"{CREW[0]} 8 h 30 min" in text
    assert f"{CREW[1]} 1 h 45 min" in text
    assert "Kaikki yhteensä 10 h 15 min" in text


def test_a_week_of_sixty_rows_spans_pages_with_the_header_on_each() -> None:
    lines = [make_line(person=f"Tekijä {i:02d}", day=date(2026, 6, 8 + i % 5)) for i in range(60)]
    data = week_pdf(lines)
    pages = pages_text(data)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"sivu {number} / {len(pages)}" in text
    # The entries run over several pages, then the totals (with their own header) do.
    entry_pages = [text for text in pages if "Pihatyöt" in text]
    total_pages = [text for text in pages if "Pihatyöt" not in text]
    assert len(entry_pages) >= 2 and total_pages
    for text in entry_pages:
        assert "Keikka Nimi Alkoi Päättyi" in text
    for text in total_pages:
        assert "Nimi Yhteensä Nimi Yhteensä" in text
    assert "Kaikki yhteensä 240 h" in pages[-1]
    assert all("DejaVuSans" in name for name in font_names(data))


def test_month_timesheet_lists_the_participants_month_only() -> None:
    lines = [
        make_line(day=date(2026, 6, 8)),
        make_line(day=date(2026, 6, 30), start=time(12, 0), end=time(15, 0), break_minutes=15),
        make_line(day=date(2026, 7, 1)),  # another month: left out
    ]
    sheet = build_month_timesheet(
        lines, centre_name="Työkeskus Kipinä", participant=CREW[0], year=2026, month=6
    )
    assert sheet.month_label == "Kesäkuu 2026"
    assert len(sheet.rows) == 2
    buffer = io.BytesIO()
    render_month_timesheet(sheet, buffer)
    [text] = pages_text(buffer.getvalue())
    for expected in (
        "Kuukauden työajat",
        CREW[0],
        "Kesäkuu 2026",
        "ma 8.6.",
        "ti 30.6.",
        "Alkoi Päättyi",
        "Tekijän allekirjoitus",
        "Ohjaajan allekirjoitus",
        "sivu 1 / 1",
    ):
        assert expected in text, expected
    assert "1.7.2026" not in text
    # 4 h + 2 h 45 min
    assert "Yhteensä 6 h 45 min" in text


def test_month_timesheet_in_english() -> None:
    sheet = build_month_timesheet(
        [make_line()],
        centre_name="Centre",
        participant=CREW[0],
        year=2026,
        month=6,
        tr=translator_for("en"),
    )
    assert sheet.month_label == "June 2026"
    assert sheet.labels.participant_signature == "Participant's signature"
    assert current_language() == "fi"


def test_a_swedish_sheet_though_the_screens_do_not_offer_swedish() -> None:
    # i18n.LANGUAGES (the screens) has no "sv"; documents.po has, and the sheet is Swedish.
    sheet = build_gig_sheet(make_gig(), centre_name="Kipinä", tr=translator_for("sv"))
    assert sheet.title == "Arbetslista"
    assert sheet.language == "sv"
    assert current_language() == "fi"
    assert replace(sheet, title="x").title == "x"  # the view-model is a plain frozen value
    with pytest.raises(AttributeError):
        sheet.title = "y"  # type: ignore[misc]


def test_an_unknown_language_prints_in_finnish() -> None:
    sheet = build_gig_sheet(make_gig(), centre_name="Kipinä", tr=translator_for("de"))
    assert (sheet.language, sheet.title) == ("fi", "Keikkalista")


def test_a_gig_past_midnight_shows_its_end_the_next_day_on_the_sheet() -> None:
    gig = make_gig(start_time=time(22, 0), duration_minutes=240)
    finnish = build_gig_sheet(gig, centre_name="Kipinä")
    assert finnish.time_text == "22.00–2.00 (seuraavana päivänä)"
    swedish = build_gig_sheet(gig, centre_name="Kipinä", tr=translator_for("sv"))
    assert swedish.time_text == "22.00–2.00 (följande dag)"
    english = build_gig_sheet(gig, centre_name="Kipinä", tr=translator_for("en"))
    assert english.time_text == "22:00–02:00 (next day)"


def test_impossible_times_refuse_the_sheet_and_restore_the_language() -> None:
    from jobcenter_desktop.domain.validation import FieldError

    with pytest.raises(FieldError):
        build_week_timesheet(
            [make_line(start=time(12, 0), end=time(8, 0))],
            centre_name="Kipinä",
            year=2026,
            week=24,
            tr=translator_for("en"),
        )
    assert current_language() == "fi"
