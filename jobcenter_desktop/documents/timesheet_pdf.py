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

from babel import dates as babel_dates
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

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


@dataclass(frozen=True, slots=True)
class WeekRow:
    day: str
    work: str
    person: str
    start: str
    end: str
    break_minutes: str
    worked: str


@dataclass(frozen=True, slots=True)
class PersonTotal:
    person: str
    worked: str


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
    signature: str
    participant_signature: str
    instructor_signature: str
    signature_date: str
    page: str


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
        signature=_("Signature"),
        participant_signature=_("Participant's signature"),
        instructor_signature=_("Instructor's signature"),
        signature_date=_("Date"),
        page=_("page {page} / {pages}"),
    )


def _day_text(tr: Translator, day: date, *, year: bool = True) -> str:
    weekday = babel_dates.format_date(day, "EEE", locale=tr.locale)
    return f"{weekday} {tr.format_date(day) if year else tr.format_short_date(day)}"


def _work_text(line: TimesheetLine) -> str:
    return f"{line.customer}, {line.gig}" if line.gig else line.customer


def _sorted(lines: Iterable[TimesheetLine]) -> list[TimesheetLine]:
    return sorted(lines, key=lambda line: (line.day, line.start, line.customer, line.person))


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
    per_person: dict[str, int] = {}
    for line in _sorted(lines):
        minutes = worked_minutes(line.start, line.end, line.break_minutes)
        per_person[line.person] = per_person.get(line.person, 0) + minutes
        rows.append(
            WeekRow(
                day=_day_text(tr, line.day),
                work=_work_text(line),
                person=line.person,
                start=tr.format_time(line.start),
                end=tr.format_time(line.end),
                break_minutes=str(line.break_minutes),
                worked=tr.format_duration(minutes),
            )
        )
    totals = tuple(
        PersonTotal(person, tr.format_duration(minutes))
        for person, minutes in sorted(per_person.items(), key=lambda item: item[0].casefold())
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
    tr: Translator | None = None,
) -> MonthTimesheet:
    """One participant's timesheet for ``month`` of ``year``; lines of other days are left out.

    In ``tr``'s language (Finnish by default); the program's language is left alone.
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
    )


def _week_story(sheet: WeekTimesheet) -> list[Flowable]:
    style = pdf_base.styles(11)
    labels = sheet.labels
    cell = style["cell"]
    story: list[Flowable] = [
        pdf_base.text(sheet.centre_name, style["centre"]),
        pdf_base.text(f"{sheet.title}: {sheet.week_label}", style["title"]),
        pdf_base.text(sheet.period, style["subtitle"]),
        Spacer(1, 5 * mm),
    ]
    # Each gig under its own heading (day, customer, work) and the column names, both
    # repeated when the gig's people run on to the next page.
    widths = [70 * mm, 24 * mm, 24 * mm, 24 * mm]
    widths.append(pdf_base.CONTENT_WIDTH - sum(widths))
    right = (1, 2, 3, 4)
    header = [labels.person, labels.start, labels.end, labels.break_minutes, labels.worked]
    for (day, work), gig_rows in groupby(sheet.rows, key=lambda row: (row.day, row.work)):
        rows: list[list[str | Flowable]] = [
            [pdf_base.text(row.person, cell), row.start, row.end, row.break_minutes, row.worked]
            for row in gig_rows
        ]
        story.append(
            pdf_base.data_table(
                header, rows, widths, right_columns=right, heading=f"{day} · {work}"
            )
        )
        story.append(Spacer(1, 3 * mm))
    story.append(Spacer(1, 8 * mm))
    total_rows: list[list[str | Flowable]] = [
        [pdf_base.text(total.person, cell), total.worked, ""] for total in sheet.totals
    ]
    total_rows.append([labels.grand_total, sheet.grand_total, ""])
    total_widths = [70 * mm, 35 * mm]
    total_widths.append(pdf_base.CONTENT_WIDTH - sum(total_widths))
    story.append(
        KeepTogether(
            [
                pdf_base.text(labels.totals, style["subtitle"]),
                Spacer(1, 2 * mm),
                pdf_base.data_table(
                    [labels.person, labels.total, labels.signature],
                    total_rows,
                    total_widths,
                    font_size=12,
                    row_height=10 * mm,
                    right_columns=(1,),
                    bold_last_row=True,
                ),
            ]
        )
    )
    story.append(pdf_base.signature_block([labels.instructor_signature], labels.signature_date))
    return story


def _month_story(sheet: MonthTimesheet) -> list[Flowable]:
    style = pdf_base.styles(12)
    labels = sheet.labels
    cell = style["cell"]
    story: list[Flowable] = [
        pdf_base.text(sheet.centre_name, style["centre"]),
        pdf_base.text(sheet.title, style["title"]),
        Spacer(1, 3 * mm),
        pdf_base.facts_table(
            [
                (sheet.participant_label, sheet.participant),
                (sheet.month_caption, sheet.month_label),
                (labels.total, sheet.total),
            ]
        ),
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
    # day, work, start, end, break, worked: the work gets what the others leave
    widths = [27 * mm, 0.0, 17 * mm, 23 * mm, 20 * mm, 27 * mm]
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
            header, rows, widths, font_size=12, right_columns=(2, 3, 4, 5), bold_last_row=True
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
