"""Timesheets for signatures: the weekly crew timesheet and one participant's month.

Participants read these, so the type is large and the words are plain. The
builders take plain entry lines (the caller reads them from the store) and work
out the worked minutes with ``domain.timesheets``; the renderers only lay out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from itertools import groupby
from typing import Any

from babel import dates as babel_dates
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.domain.timesheets import worked_minutes
from jobcenter_desktop.i18n import DEFAULT_LANGUAGE
from jobcenter_desktop.i18n.translator import Translator, translator_for


@dataclass(frozen=True, slots=True)
class TimesheetLine:
    """One person's recorded times on one gig (input to the builders)."""

    day: date
    customer: str
    gig: str  # the work or site, e.g. "Pihatyöt, Koivukatu 3"
    person: str
    start: time
    end: time
    break_minutes: int
    instructor: bool = False  # an instructor's own hours, not a participant's
    gig_id: int = 0  # tells apart two gigs of one work on one day


@dataclass(frozen=True, slots=True)
class WeekRow:
    day: str
    work: str
    person: str
    start: str
    end: str
    break_minutes: str
    worked: str
    instructor: bool = False
    gig_id: int = 0


@dataclass(frozen=True, slots=True)
class PersonTotal:
    person: str
    worked: str
    instructor: bool = False


@dataclass(frozen=True, slots=True)
class TimesheetLabels:
    day: str
    work: str
    person: str
    start: str
    end: str
    break_minutes: str
    worked: str
    totals: str
    total: str
    grand_total: str
    participant_signature: str
    instructor_signature: str
    signature_date: str
    page: str
    gig: str
    instructor: str  # the mark after an instructor's name
    participant_number: str
    work_activity_days: str


@dataclass(frozen=True, slots=True)
class WeekTimesheet:
    """A crew's week, every string translated and formatted."""

    language: str
    centre_name: str
    title: str
    week_label: str  # "Viikko 24 / 2026"
    period: str  # "8.6.2026–14.6.2026"
    rows: tuple[WeekRow, ...]
    totals: tuple[PersonTotal, ...]
    grand_total: str
    labels: TimesheetLabels


@dataclass(frozen=True, slots=True)
class MonthRow:
    day: str
    work: str
    start: str
    end: str
    break_minutes: str
    worked: str


@dataclass(frozen=True, slots=True)
class MonthTimesheet:
    """One participant's month, every string translated and formatted."""

    language: str
    centre_name: str
    title: str
    participant: str
    participant_label: str
    month_label: str  # "Kesäkuu 2026"
    month_caption: str  # "Kuukausi"
    rows: tuple[MonthRow, ...]
    total: str
    labels: TimesheetLabels
    participant_number: str = ""
    # "3 (2.11., 3.11., 5.11.)": the participant's work-activity days (attendance present)
    # of the month
    work_activity_days: str = ""


def _labels(tr: Translator) -> TimesheetLabels:
    _ = tr.gettext
    return TimesheetLabels(
        day=_("Day"),
        work=_("Customer and work"),
        person=_("Name"),
        start=_("Start"),
        end=_("End"),
        break_minutes=_("Break (min)"),
        worked=_("Worked"),
        totals=_("Hours per person"),
        total=_("Total"),
        grand_total=_("Everyone together"),
        participant_signature=_("Participant's signature"),
        instructor_signature=_("Instructor's signature"),
        signature_date=_("Date"),
        page=_("page {page} / {pages}"),
        gig=_("Gig"),
        instructor=_("(instructor)"),
        participant_number=_("Participant number"),
        work_activity_days=_("Work-activity days"),
    )


def _day_text(tr: Translator, day: date, *, year: bool = True) -> str:
    weekday = babel_dates.format_date(day, "EEE", locale=tr.locale)
    return f"{weekday} {tr.format_date(day) if year else tr.format_short_date(day)}"


def _work_text(line: TimesheetLine) -> str:
    return f"{line.customer}, {line.gig}" if line.gig else line.customer


def _sorted(lines: Iterable[TimesheetLine]) -> list[TimesheetLine]:
    """By day and the gig's first start; within a gig its instructors first, then by name."""
    lines = list(lines)
    first: dict[tuple[date, str, str, int], time] = {}
    for line in lines:
        key = (line.day, line.customer, line.gig, line.gig_id)
        first[key] = min(first.get(key, line.start), line.start)

    def order(line: TimesheetLine) -> tuple[object, ...]:
        gig = (line.day, line.customer, line.gig, line.gig_id)
        return (gig[0], first[gig], *gig[1:], not line.instructor, line.person, line.start)

    return sorted(lines, key=order)


def build_week_timesheet(
    lines: Sequence[TimesheetLine],
    *,
    centre_name: str,
    year: int,
    week: int,
    tr: Translator | None = None,
) -> WeekTimesheet:
    """The crew timesheet of ISO week ``week`` of ``year`` from its entry lines.

    In ``tr``'s language (Finnish by default); the program's language is left alone.
    Raises ``FieldError`` (from ``worked_minutes``) for a line whose times are impossible.
    """
    tr = translator_for(DEFAULT_LANGUAGE) if tr is None else tr
    _ = tr.gettext
    monday = date.fromisocalendar(year, week, 1)
    rows: list[WeekRow] = []
    # An instructor and a participant of the same name are two people.
    per_person: dict[tuple[str, bool], int] = {}
    for line in _sorted(lines):
        minutes = worked_minutes(line.start, line.end, line.break_minutes)
        key = (line.person, line.instructor)
        per_person[key] = per_person.get(key, 0) + minutes
        rows.append(
            WeekRow(
                day=_day_text(tr, line.day, year=False),
                work=_work_text(line),
                person=line.person,
                start=tr.format_time(line.start),
                end=tr.format_time(line.end),
                break_minutes=str(line.break_minutes),
                worked=tr.format_duration(minutes),
                instructor=line.instructor,
                gig_id=line.gig_id,
            )
        )
    # The participants by name, then the instructors by name.
    totals = tuple(
        PersonTotal(person, tr.format_duration(minutes), instructor)
        for (person, instructor), minutes in sorted(
            per_person.items(), key=lambda item: (item[0][1], item[0][0].casefold())
        )
    )
    return WeekTimesheet(
        language=tr.language,
        centre_name=centre_name,
        title=_("Weekly timesheet"),
        week_label=_("Week {week} / {year}").format(week=week, year=year),
        period=f"{tr.format_date(monday)}–{tr.format_date(monday + timedelta(days=6))}",
        rows=tuple(rows),
        totals=totals,
        grand_total=tr.format_duration(sum(per_person.values())),
        labels=_labels(tr),
    )


def build_month_timesheet(
    lines: Sequence[TimesheetLine],
    *,
    centre_name: str,
    participant: str,
    year: int,
    month: int,
    participant_number: str = "",
    work_activity_days: Iterable[date] = (),
    tr: Translator | None = None,
) -> MonthTimesheet:
    """One participant's timesheet for ``month`` of ``year``; lines of other days are left out.

    ``work_activity_days`` are the participant's days present in work activity (the
    attendance register); those of other months are left out too. In ``tr``'s language
    (Finnish by default); the program's language is left alone.
    """
    tr = translator_for(DEFAULT_LANGUAGE) if tr is None else tr
    _ = tr.gettext
    rows: list[MonthRow] = []
    total = 0
    for line in _sorted(lines):
        if (line.day.year, line.day.month) != (year, month):
            continue
        minutes = worked_minutes(line.start, line.end, line.break_minutes)
        total += minutes
        rows.append(
            MonthRow(
                day=_day_text(tr, line.day, year=False),
                work=_work_text(line),
                start=tr.format_time(line.start),
                end=tr.format_time(line.end),
                break_minutes=str(line.break_minutes),
                worked=tr.format_duration(minutes),
            )
        )
    month_name = babel_dates.format_date(date(year, month, 1), "LLLL y", locale=tr.locale)
    return MonthTimesheet(
        language=tr.language,
        centre_name=centre_name,
        title=_("Monthly timesheet"),
        participant=participant,
        participant_label=_("Participant"),
        month_label=month_name[:1].upper() + month_name[1:],
        month_caption=_("Month"),
        rows=tuple(rows),
        total=tr.format_duration(total),
        labels=_labels(tr),
        participant_number=participant_number,
        work_activity_days=_days_text(tr, work_activity_days, year, month),
    )


def _days_text(tr: Translator, days: Iterable[date], year: int, month: int) -> str:
    """ "3 (2.11., 3.11., 5.11.)": the count, then the days in order."""
    chosen = sorted({day for day in days if (day.year, day.month) == (year, month)})
    if not chosen:
        return "0"
    return f"{len(chosen)} (" + ", ".join(tr.format_short_date(day) for day in chosen) + ")"


#: A gig's rows that share one spanned cell for the gig; a longer crew starts another cell,
#: because ReportLab splits a table between pages only outside spanned cells.
GIG_ROWS_PER_CELL = 16
#: Points a table cell pads its text with, left and right together.
CELL_PADDING = 12


def _fit(values: Iterable[str], header: str, size: float, bold: Iterable[str] = ()) -> float:
    """The width of a column that holds each of ``values`` (and each of the ``bold`` ones, a
    total) on one line and each word of its bold ``header`` unbroken."""
    widest = max(
        [pdf_base.text_width(value, pdf_base.FONT, size) for value in values]
        + [pdf_base.text_width(value, pdf_base.FONT_BOLD, size) for value in bold]
        + [pdf_base.text_width(word, pdf_base.FONT_BOLD, size) for word in header.split()]
    )
    return widest + CELL_PADDING + 1


def _name_cell(
    person: str, instructor: bool, labels: TimesheetLabels, style: ParagraphStyle
) -> Flowable:
    """A person's name; an instructor's marked as such in grey after it."""
    name = pdf_base.text(person, style).text
    if instructor:
        name += f' <font color="#555555">{pdf_base.text(labels.instructor, style).text}</font>'
    return Paragraph(name, style)


def _compact(size: float, bold: bool = False) -> ParagraphStyle:
    """Cell text with a tight leading, so that a week of gigs takes few pages."""
    font = pdf_base.FONT_BOLD if bold else pdf_base.FONT
    return ParagraphStyle(
        f"compact-{size}-{bold}", fontName=font, fontSize=size, leading=size * 1.2
    )


def _week_table(sheet: WeekTimesheet) -> Table:
    """Every entry in one table: a gig's day, customer and work in one cell beside its
    people, so that a gig costs no heading rows; the column names repeat on every page."""
    size = 9.5
    labels = sheet.labels
    head = _compact(9, bold=True)
    small = _compact(9)
    name_style = _compact(size)
    header = [labels.gig, labels.person, labels.start, labels.end, labels.break_minutes]
    header.append(labels.worked)
    figures = [
        _fit([row.start for row in sheet.rows], labels.start, size),
        _fit([row.end for row in sheet.rows], labels.end, size),
        _fit([row.break_minutes for row in sheet.rows], labels.break_minutes, size),
        _fit([row.worked for row in sheet.rows], labels.worked, size),
    ]
    rest = pdf_base.CONTENT_WIDTH - sum(figures)
    widths = [rest * 0.42, rest * 0.58, *figures]
    data: list[list[Any]] = [[pdf_base.text(label, head) for label in header]]
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), pdf_base.FONT, size),
        ("BACKGROUND", (0, 0), (-1, 0), pdf_base.HEADER_GREY),
        ("GRID", (0, 0), (-1, -1), 0.4, pdf_base.LINE_GREY),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("VALIGN", (0, 1), (0, -1), "TOP"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    gigs = groupby(sheet.rows, key=lambda row: (row.day, row.work, row.gig_id))
    for (day, work, _gig), gig_rows in gigs:
        people = list(gig_rows)
        for first in range(0, len(people), GIG_ROWS_PER_CELL):
            chunk = people[first : first + GIG_ROWS_PER_CELL]
            top = len(data)
            gig_cell = [pdf_base.text(day, head), pdf_base.text(work, small)]
            for index, row in enumerate(chunk):
                data.append(
                    [
                        gig_cell if index == 0 else "",
                        _name_cell(row.person, row.instructor, labels, name_style),
                        row.start,
                        row.end,
                        row.break_minutes,
                        row.worked,
                    ]
                )
            bottom = len(data) - 1
            commands.append(("SPAN", (0, top), (0, bottom)))
            commands.append(("LINEABOVE", (0, top), (-1, top), 1.2, colors.black))
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _totals_table(sheet: WeekTimesheet) -> Table:
    """Each person's hours in two columns of name and total (down the left, then down the
    right), the participants first, then the instructors; everyone's together below."""
    size = 10
    labels = sheet.labels
    style = _compact(size)
    head = _compact(size, bold=True)
    half = (len(sheet.totals) + 1) // 2
    left, right = sheet.totals[:half], sheet.totals[half:]
    worked = [total.worked for total in sheet.totals]
    figure = _fit(worked, labels.total, size, bold=[sheet.grand_total])
    gap = 4 * mm
    name = (pdf_base.CONTENT_WIDTH - 2 * figure - gap) / 2
    header = [pdf_base.text(labels.person, head), pdf_base.text(labels.total, head)]
    data: list[list[Any]] = [[*header, "", *header]]
    for index in range(half):
        row: list[Any] = []
        for column in (left, right):
            if index < len(column):
                total = column[index]
                row += [_name_cell(total.person, total.instructor, labels, style), total.worked]
            else:
                row += ["", ""]
        data.append([*row[:2], "", *row[2:]])
    data.append([pdf_base.text(labels.grand_total, head), "", "", "", sheet.grand_total])
    last = len(data) - 1
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), pdf_base.FONT, size),
        ("FONT", (4, last), (4, last), pdf_base.FONT_BOLD, size),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (1, -1), "RIGHT"),
        ("ALIGN", (4, 1), (4, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("BACKGROUND", (0, 0), (1, 0), pdf_base.HEADER_GREY),
        ("BACKGROUND", (3, 0), (4, 0), pdf_base.HEADER_GREY),
        ("GRID", (0, 0), (1, last - 1), 0.6, pdf_base.LINE_GREY),
        ("GRID", (3, 0), (4, last - 1), 0.6, pdf_base.LINE_GREY),
        ("SPAN", (0, last), (3, last)),
        ("BOX", (0, last), (-1, last), 0.6, pdf_base.LINE_GREY),
        ("BACKGROUND", (0, last), (-1, last), pdf_base.HEADER_GREY),
    ]
    table = Table(data, colWidths=[name, figure, gap, name, figure], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _week_story(sheet: WeekTimesheet) -> list[Flowable]:
    style = pdf_base.styles(11)
    labels = sheet.labels
    story: list[Flowable] = [
        pdf_base.text(sheet.centre_name, style["centre"]),
        # On one line in each language: each line of the heading is a row less for the gigs.
        pdf_base.text(f"{sheet.title}: {sheet.week_label}", pdf_base.styles(8)["title"]),
        pdf_base.text(sheet.period, style["subtitle"]),
        Spacer(1, 3 * mm),
    ]
    if sheet.rows:
        story.append(_week_table(sheet))
    story.append(Spacer(1, 4 * mm))
    story.append(
        KeepTogether(
            [
                pdf_base.text(labels.totals, style["subtitle"]),
                Spacer(1, 2 * mm),
                _totals_table(sheet),
            ]
        )
    )
    story.append(
        KeepTogether(
            pdf_base.signature_row(
                labels.signature_date, [labels.instructor_signature, ""], space=10 * mm
            )
        )
    )
    return story


def _month_story(sheet: MonthTimesheet) -> list[Flowable]:
    style = pdf_base.styles(12)
    size = 11  # the table's: the work column keeps room to read on one or two lines
    labels = sheet.labels
    cell = pdf_base.styles(size)["cell"]
    facts = [(sheet.participant_label, sheet.participant)]
    if sheet.participant_number:
        facts.append((labels.participant_number, sheet.participant_number))
    facts += [
        (sheet.month_caption, sheet.month_label),
        (labels.work_activity_days, sheet.work_activity_days),
        (labels.total, sheet.total),
    ]
    story: list[Flowable] = [
        pdf_base.text(sheet.centre_name, style["centre"]),
        pdf_base.text(sheet.title, style["title"]),
        Spacer(1, 3 * mm),
        pdf_base.facts_table(facts, padding=4, label_width=52 * mm),
        Spacer(1, 6 * mm),
    ]
    header = [
        labels.day,
        labels.work,
        labels.start,
        labels.end,
        labels.break_minutes,
        labels.worked,
    ]
    # The figures' columns fit their widest figure (the bold total too) and their heading's
    # words; the day fits its weekday and date; the work gets what they leave.
    widths = [
        _fit([row.day for row in sheet.rows], labels.day, size),
        0.0,
        _fit([row.start for row in sheet.rows], labels.start, size),
        _fit([row.end for row in sheet.rows], labels.end, size),
        _fit([row.break_minutes for row in sheet.rows], labels.break_minutes, size),
        _fit([row.worked for row in sheet.rows], labels.worked, size, bold=[sheet.total]),
    ]
    widths[1] = pdf_base.CONTENT_WIDTH - sum(widths)
    rows: list[list[str | Flowable]] = [
        [
            pdf_base.text(row.day, cell),
            pdf_base.text(row.work, cell),
            row.start,
            row.end,
            row.break_minutes,
            row.worked,
        ]
        for row in sheet.rows
    ]
    rows.append([labels.total, "", "", "", "", sheet.total])
    story.append(
        pdf_base.data_table(
            header, rows, widths, font_size=size, right_columns=(2, 3, 4, 5), bold_last_row=True
        )
    )
    story.append(
        pdf_base.signature_block(
            [labels.participant_signature, labels.instructor_signature],
            labels.signature_date,
            body_size=12,
        )
    )
    return story


def render_week_timesheet(sheet: WeekTimesheet, target: pdf_base.Target) -> None:
    """Write the weekly crew timesheet as an A4 PDF to ``target``."""
    heading = f"{sheet.title}: {sheet.week_label}"
    info = pdf_base.PageInfo(
        title=heading,
        page_label=sheet.labels.page,
        footer_left=heading,
        author=sheet.centre_name,
        language=sheet.language,
    )
    pdf_base.build_pdf(target, _week_story(sheet), info)


def render_month_timesheet(sheet: MonthTimesheet, target: pdf_base.Target) -> None:
    """Write one participant's monthly timesheet as an A4 PDF to ``target``."""
    heading = f"{sheet.title}: {sheet.participant}, {sheet.month_label}"
    info = pdf_base.PageInfo(
        title=heading,
        page_label=sheet.labels.page,
        footer_left=heading,
        author=sheet.centre_name,
        language=sheet.language,
    )
    pdf_base.build_pdf(target, _month_story(sheet), info)
