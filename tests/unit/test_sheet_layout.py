"""The printed sheets' layout rules, measured on the PDF: what is on which page and where.

One page for a crew of eight; the signatures on the page of the table (or under the
repeated heading); a week of twenty gigs in three pages; totals inside their cells;
Swedish complete on every sheet.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from datetime import date, time, timedelta
from typing import Any

import pdfplumber
import pytest

from jobcenter_desktop.documents.gig_sheet import (
    MAX_CREW_ON_ONE_PAGE,
    build_gig_sheet,
    render_gig_sheet,
)
from jobcenter_desktop.documents.timesheet_pdf import (
    TimesheetLine,
    build_month_timesheet,
    build_week_timesheet,
    render_month_timesheet,
    render_week_timesheet,
)
from jobcenter_desktop.i18n import PRINT_LANGUAGES
from jobcenter_desktop.i18n.catalogue import translations
from jobcenter_desktop.i18n.translator import Translator, translator_for
from jobcenter_desktop.queries.gigs import CrewMember
from tests.unit.test_documents import make_gig

# Long real-looking names: a name that wraps must not push the signatures off the page.
NAMES = (
    "Kristiina Gustafsson-Heikkilä",
    "Juha-Pekka Väänänen",
    "Åsa Lindqvist-Östman",
    "Matti Meikäläinen",
    "Yrjö Lindgren",
    "Eija Suomalainen",
    "Anu Leppänen",
    "Sakari Martikainen",
    "Tarja Korhonen",
    "Veera Nieminen",
    "Jan Kuronen",
    "Pekka Virtanen",
    "Aino Mäkinen",
    "Laura Heikkilä",
    "Jukka Heiskanen",
)
INSTRUCTORS = ("Aulis Järvinen", "Liisa Laine", "Marjatta Koskinen")
WORKS = (
    ("Itä-Kotimaan hyvinvointialue", "Keittiöapu palvelukodissa, Palvelukoti Koivukoti"),
    ("Mattilan Pakkaus Oy", "Mainoslähetysten pakkaaminen, Pakkaamo"),
    ("Kiinteistöhuolto Kinnunen Oy", "Porraskäytävien siivous, Asunto Oy Koivurinne"),
)
SIGNATURES = {
    "fi": ("Ohjaajan allekirjoitus", "Tilaajan allekirjoitus"),
    "sv": ("Handledarens underskrift", "Beställarens underskrift"),
    "en": ("Instructor's signature", "Customer's signature"),
}


def words(data: bytes) -> list[list[dict[str, Any]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_words() for page in pdf.pages]


def texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def gig_pdf(crew_size: int, language: str) -> bytes:
    crew = tuple(CrewMember(i, f"P{i}", NAMES[i % len(NAMES)]) for i in range(crew_size))
    sheet = build_gig_sheet(
        make_gig(participants=crew, site_name="Pakkaamo ja varasto, rakennus B"),
        centre_name="Työ- ja toimintakeskus Kipinä",
        site_address="Aidasmäenbulevardi 44, 82170 Kotikunta",
        task_description="Mainoslähetysten pakkaaminen ja lajittelu postin noutoa varten.",
        tr=translator_for(language),
    )
    buffer = io.BytesIO()
    render_gig_sheet(sheet, buffer)
    return buffer.getvalue()


def week_lines(gigs: int, crews: Sequence[int]) -> list[TimesheetLine]:
    """``gigs`` gigs over a week, each led by an instructor, crews cycling through ``crews``."""
    lines = []
    for gig in range(gigs):
        day = date(2026, 11, 16) + timedelta(days=gig % 5)
        customer, work = WORKS[gig % len(WORKS)]
        start = time(8 + (gig // 5) * 2, 30)
        lead = INSTRUCTORS[gig % len(INSTRUCTORS)]
        lines.append(
            TimesheetLine(day, customer, work, lead, start, time(start.hour + 4), 15, True, gig)
        )
        for k in range(crews[gig % len(crews)]):
            person = NAMES[(gig * 3 + k) % len(NAMES)]
            end = time(start.hour + 3, 45)
            lines.append(TimesheetLine(day, customer, work, person, start, end, 15, False, gig))
    return lines


def week_pdf(lines: Sequence[TimesheetLine], language: str = "fi") -> bytes:
    sheet = build_week_timesheet(
        lines, centre_name="Kipinä", year=2026, week=47, tr=translator_for(language)
    )
    buffer = io.BytesIO()
    render_week_timesheet(sheet, buffer)
    return buffer.getvalue()


def month_pdf(days: int, language: str = "fi", hours: int = 7) -> bytes:
    first = date(2026, 11, 2)
    lines = [
        TimesheetLine(
            first + timedelta(days=d), *WORKS[0], NAMES[0], time(8), time(8 + hours, 45), 30
        )
        for d in range(days)
    ]
    sheet = build_month_timesheet(
        lines,
        centre_name="Kipinä",
        participant=NAMES[0],
        participant_number="1042",
        work_activity_days=[date(2026, 11, 2), date(2026, 11, 3), date(2026, 12, 1)],
        year=2026,
        month=11,
        tr=translator_for(language),
    )
    buffer = io.BytesIO()
    render_month_timesheet(sheet, buffer)
    return buffer.getvalue()


def find(page: list[dict[str, Any]], phrase: str) -> dict[str, float]:
    """The box around the words of ``phrase`` on one line of ``page``."""
    wanted = phrase.split()
    for index in range(len(page) - len(wanted) + 1):
        run = page[index : index + len(wanted)]
        if [word["text"] for word in run] == wanted:
            return {
                "x0": min(word["x0"] for word in run),
                "x1": max(word["x1"] for word in run),
                "top": min(word["top"] for word in run),
                "bottom": max(word["bottom"] for word in run),
            }
    raise AssertionError(f"{phrase!r} not on the page")


# --- the gig sheet -------------------------------------------------------------------------


@pytest.mark.parametrize("language", PRINT_LANGUAGES)
@pytest.mark.parametrize("crew_size", [1, 5, MAX_CREW_ON_ONE_PAGE])
def test_a_gig_sheet_for_up_to_eight_fits_one_page_with_its_signatures(
    crew_size: int, language: str
) -> None:
    data = gig_pdf(crew_size, language)
    [page] = words(data)
    [text] = texts(data)
    last_name = NAMES[crew_size - 1].split()[-1]
    table_bottom = max(w["bottom"] for w in page if w["text"] == last_name)
    for label in SIGNATURES[language]:
        # On the page of the table, below its last row.
        assert find(page, label)["top"] > table_bottom, label
    assert "1 / 1" in text


def test_a_longer_crew_carries_the_heading_and_the_gig_to_the_signature_page() -> None:
    data = gig_pdf(16, "sv")
    pages = texts(data)
    assert len(pages) == 2
    signature_page = next(t for t in pages if "Beställarens underskrift" in t)
    assert "Arbetslista · Asunto Oy Männikkö · 10.6.2026 8.30–12.30" in signature_page
    assert "Pakkaamo ja varasto, rakennus B, Aidasmäenbulevardi 44" in signature_page
    # The first page has the heading in full, not the running one.
    assert "Arbetslista · Asunto Oy Männikkö · 10.6.2026 8.30" not in pages[0]


# --- the weekly crew timesheet ---------------------------------------------------------------


@pytest.mark.parametrize("language", PRINT_LANGUAGES)
def test_a_week_of_twenty_gigs_fits_three_pages_with_the_totals_at_the_end(
    language: str,
) -> None:
    # Crews of 2 to 6 participants and an instructor, about the centre's average.
    lines = week_lines(20, crews=(2, 3, 4, 5, 6, 4, 3, 5))
    pages = texts(week_pdf(lines, language))
    assert len(pages) <= 3
    tr = translator_for(language)
    heading = tr.gettext("Hours per person")
    assert heading in pages[-1]
    # Everyone's total after the last gig row, and every gig on the sheet.
    everything = "\n".join(pages)
    assert everything.index(heading) > everything.rindex("15 3 h")
    assert everything.count(tr.gettext("Everyone together")) == 1


def test_instructors_are_marked_in_the_gig_rows_and_the_totals() -> None:
    lines = week_lines(3, crews=(2,))
    [text] = texts(week_pdf(lines))
    for instructor in INSTRUCTORS:
        # one gig row and one total each
        assert text.count(f"{instructor} (ohjaaja)") == 2, instructor
    assert "Yrjö Lindgren (ohjaaja)" not in text
    # Participants' totals come first, the instructors' after them.
    sheet = build_week_timesheet(lines, centre_name="K", year=2026, week=47)
    assert [total.instructor for total in sheet.totals] == [False] * 6 + [True] * 3


def test_each_gigs_instructor_comes_first_and_two_gigs_of_one_work_stay_apart() -> None:
    morning = week_lines(1, crews=(2,))
    afternoon = [
        TimesheetLine(
            line.day,
            line.customer,
            line.gig,
            line.person,
            time(13),
            time(15),
            0,
            line.instructor,
            99,
        )
        for line in morning
    ]
    sheet = build_week_timesheet(afternoon + morning, centre_name="K", year=2026, week=47)
    assert [row.instructor for row in sheet.rows] == [True, False, False] * 2
    assert [row.start for row in sheet.rows] == ["8.30"] * 3 + ["13.00"] * 3
    [text] = texts(week_pdf(afternoon + morning))
    assert text.count("ma 16.11.") == 2


# --- totals inside their cells ---------------------------------------------------------------


def cells(data: bytes) -> list[list[tuple[float, float, float, float]]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            [cell for table in page.find_tables() for cell in table.cells if cell]
            for page in pdf.pages
        ]


def inside(box: dict[str, float], page_cells: list[tuple[float, float, float, float]]) -> bool:
    return any(
        x0 <= box["x0"] and box["x1"] <= x1 and top <= box["top"] and box["bottom"] <= bottom
        for x0, top, x1, bottom in page_cells
    )


@pytest.mark.parametrize("language", PRINT_LANGUAGES)
def test_the_month_total_fits_its_cell(language: str) -> None:
    # 14 days of 7 h 15 min: 101 h 30 min, the widest total a month gives.
    data = month_pdf(14, language)
    total = translator_for(language).format_duration(14 * 435)
    assert total == "101 h 30 min"
    pages, page_cells = words(data), cells(data)
    boxes = [
        (page, find(words_, total)) for page, words_ in enumerate(pages) if _has(words_, total)
    ]
    # In the facts at the top and in the table's last row; each whole inside its cell.
    assert len(boxes) == 2
    for page, box in boxes:
        assert inside(box, page_cells[page]), (page, box)
    every_day = translator_for(language).format_duration(435)
    for page, words_ in enumerate(pages):
        if _has(words_, every_day):
            assert inside(find(words_, every_day), page_cells[page])


def _has(page: list[dict[str, Any]], phrase: str) -> bool:
    try:
        find(page, phrase)
    except AssertionError:
        return False
    return True


def test_the_week_totals_fit_their_cells() -> None:
    lines = week_lines(20, crews=(4,))
    data = week_pdf(lines, "sv")
    pages, page_cells = words(data), cells(data)
    last = len(pages) - 1
    for figure in ("22 h 45 min", "19 h 30 min"):
        assert inside(find(pages[last], figure), page_cells[last]), figure


def test_the_month_shows_the_participant_number_and_the_work_activity_days() -> None:
    [text] = texts(month_pdf(2))
    assert "Tekijänumero 1042" in text
    # December's day is left out of November's sheet.
    assert "Työtoimintapäivät 2 (2.11., 3.11.)" in text
    [english] = texts(month_pdf(2, "en"))
    assert "Participant number 1042" in english
    assert "Work-activity days 2 (02/11, 03/11)" in english


# --- Swedish is complete -----------------------------------------------------------------------


class Recording(Translator):
    """A translator that notes every message a sheet asks it for."""

    __slots__ = ("asked",)

    def __init__(self, language: str, translation: gettext.NullTranslations) -> None:
        super().__init__(language, translation)
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        self.asked.add(message)
        return super().gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.asked.add(singular)
        return super().ngettext(singular, plural, n)


def test_every_string_of_every_sheet_has_a_swedish_translation() -> None:
    swedish = translator_for("sv")
    tr = Recording("sv", swedish._translation)  # the same catalogue
    overnight = make_gig(start_time=time(22), duration_minutes=240)
    build_gig_sheet(overnight, centre_name="K", site_address="Kirkkotie 2", tr=tr)
    short = TimesheetLine(date(2026, 11, 18), "A", "", "B", time(8), time(8, 45), 0)
    lines = [*week_lines(2, crews=(2,)), short]
    build_week_timesheet(lines, centre_name="K", year=2026, week=47, tr=tr)
    build_month_timesheet(
        lines,
        centre_name="K",
        participant="B",
        participant_number="1",
        work_activity_days=[date(2026, 11, 18)],
        year=2026,
        month=11,
        tr=tr,
    )
    known = translations("sv")
    untranslated = sorted(message for message in tr.asked if message not in known)
    assert not untranslated, untranslated
    assert len(tr.asked) > 30  # the recording saw the sheets' words
