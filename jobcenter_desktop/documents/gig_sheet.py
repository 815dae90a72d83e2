"""The gig sheet (keikkalista), printed before the job and filled in by hand at the site.

It names the customer, the site, the day, the planned time and the task, lists the
crew with blank columns for the actual start, end and break, asks
the customer for a 1–5 smiley rating, and has lines for the instructor's and the
customer's signatures. It is printed in the customer's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Circle, Drawing, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.domain.gig_times import time_range_text
from jobcenter_desktop.i18n import DEFAULT_LANGUAGE
from jobcenter_desktop.i18n.translator import Translator, translator_for
from jobcenter_desktop.queries.gigs import GigRow

FEEDBACK_SCALE = 5
#: The largest crew whose sheet fits one A4 page with the feedback and the signatures.
MAX_CREW_ON_ONE_PAGE = 8


@dataclass(frozen=True, slots=True)
class CrewLine:
    name: str


@dataclass(frozen=True, slots=True)
class GigSheetLabels:
    customer: str
    work_site: str
    date: str
    time: str
    task: str
    instructors: str
    name: str
    started: str
    ended: str
    break_minutes: str
    initials: str
    crew: str
    feedback: str
    feedback_hint: str
    instructor_signature: str
    customer_signature: str
    signature_date: str
    page: str  # with {page} and {pages}


@dataclass(frozen=True, slots=True)
class GigSheet:
    """Everything the gig sheet prints, already translated and formatted."""

    language: str
    centre_name: str
    title: str
    customer: str
    work_site: str  # name and address on separate lines
    date_text: str
    time_text: str
    task: str
    instructors: str
    crew: tuple[CrewLine, ...]
    labels: GigSheetLabels


def build_gig_sheet(
    gig: GigRow,
    *,
    centre_name: str,
    site_address: str = "",
    task_description: str = "",
    tr: Translator | None = None,
) -> GigSheet:
    """The gig sheet of ``gig`` in ``tr``'s language (the customer's; Finnish by default).

    The caller passes the row it already read; this makes no database calls, and
    the program's own language is left alone.
    """
    tr = translator_for(DEFAULT_LANGUAGE) if tr is None else tr
    _ = tr.gettext
    planned = time_range_text(gig.day, gig.start_time, gig.duration_minutes, tr)
    site = "\n".join(part for part in (gig.site_name, site_address) if part)
    labels = GigSheetLabels(
        customer=_("Customer"),
        work_site=_("Work site"),
        date=_("Date"),
        time=_("Time"),
        task=_("Task"),
        instructors=_("Instructors"),
        name=_("Name"),
        started=_("Start"),
        ended=_("End"),
        break_minutes=_("Break (min)"),
        initials=_("Initials"),
        crew=_("Crew"),
        feedback=_("Customer feedback: how did the work go?"),
        feedback_hint=_("Circle one: 1 = poorly, 5 = very well."),
        instructor_signature=_("Instructor's signature"),
        customer_signature=_("Customer's signature"),
        signature_date=_("Date"),
        page=_("page {page} / {pages}"),
    )
    return GigSheet(
        language=tr.language,
        centre_name=centre_name,
        title=_("Gig sheet"),
        customer=gig.customer_name,
        work_site=site,
        date_text=tr.format_date(gig.day),
        time_text=planned,
        task=task_description or gig.contract_title,
        instructors=", ".join(gig.instructor_names),
        crew=tuple(CrewLine(name) for name in gig.participant_names),
        labels=labels,
    )


def _smiley(x: float, y: float, radius: float, mood: float, number: int) -> list[object]:
    """One face at (x, y); ``mood`` from -1 (sad) to 1 (happy) bends the mouth."""
    shapes: list[object] = [
        Circle(x, y, radius, strokeColor=colors.black, strokeWidth=1.4, fillColor=None),
        Circle(x - radius * 0.35, y + radius * 0.3, radius * 0.09, fillColor=colors.black),
        Circle(x + radius * 0.35, y + radius * 0.3, radius * 0.09, fillColor=colors.black),
    ]
    points: list[float] = []
    half_width = radius * 0.45
    for step in range(13):
        t = -1 + step / 6  # -1 … 1 across the mouth
        # A parabola: the corners rise for a smile and drop for a frown.
        lift = mood * radius * 0.25 * (t * t - 0.5)
        points.extend([x + t * half_width, y - radius * 0.4 + lift])
    shapes.append(PolyLine(points, strokeColor=colors.black, strokeWidth=1.6))
    shapes.append(
        String(
            x,
            y - radius - 4.5 * mm,
            str(number),
            fontName=pdf_base.FONT_BOLD,
            fontSize=14,
            textAnchor="middle",
        )
    )
    return shapes


def smiley_row(width: float) -> Drawing:
    """Five faces from sad (1) to happy (5), spread across ``width``."""
    radius = 6.5 * mm
    height = 2 * radius + 8.5 * mm
    drawing = Drawing(width, height)
    # Otherwise the drawing starts in Helvetica and puts it in the file.
    drawing.initialFontName = pdf_base.FONT_BOLD
    drawing.initialFontSize = 14
    spacing = width / FEEDBACK_SCALE
    for index in range(FEEDBACK_SCALE):
        mood = -1 + 2 * index / (FEEDBACK_SCALE - 1)
        x = spacing * (index + 0.5)
        for shape in _smiley(x, height - radius - 1, radius, mood, index + 1):
            drawing.add(shape)
    return drawing


def _story(sheet: GigSheet) -> list[Flowable]:
    # Sized so that a crew of MAX_CREW_ON_ONE_PAGE, a two-line site and a two-line task fit
    # one A4 page with the feedback and the signatures.
    style = pdf_base.styles(12)
    labels = sheet.labels
    story: list[Flowable] = [
        pdf_base.text(sheet.centre_name, style["centre"]),
        pdf_base.text(sheet.title, style["title"]),
        Spacer(1, 2 * mm),
    ]
    facts = [
        (labels.customer, sheet.customer),
        (labels.work_site, sheet.work_site),
        (labels.date, sheet.date_text),
        (labels.time, sheet.time_text),
        (labels.task, sheet.task),
    ]
    if sheet.instructors:
        facts.append((labels.instructors, sheet.instructors))
    story += [pdf_base.facts_table(facts, padding=3), Spacer(1, 4 * mm)]
    story.append(pdf_base.text(labels.crew, style["subtitle"]))
    story.append(Spacer(1, 1.5 * mm))
    cell = pdf_base.styles(11)["cell"]
    rows: list[list[str | Flowable]] = [
        [pdf_base.text(line.name, cell), "", "", "", ""] for line in sheet.crew
    ]
    # The planned time is the gig's, in the facts above. Each column holds its one-word
    # heading unbroken (Började, Kvittering); the name gets the rest.
    widths = [0.0, 22 * mm, 22 * mm, 18 * mm, 27 * mm]
    widths[0] = pdf_base.CONTENT_WIDTH - sum(widths)
    header = [
        labels.name,
        labels.started,
        labels.ended,
        labels.break_minutes,
        labels.initials,
    ]
    story.append(pdf_base.data_table(header, rows, widths, font_size=11, min_row_height=9 * mm))
    # The feedback and the signatures stay together; a longer crew pushes them on to a page
    # that repeats the sheet's heading and the gig's details at its top (running_head).
    story.append(
        KeepTogether(
            [
                Spacer(1, 5 * mm),
                pdf_base.text(labels.feedback, style["subtitle"]),
                pdf_base.text(labels.feedback_hint, style["body"]),
                Spacer(1, 2 * mm),
                smiley_row(pdf_base.CONTENT_WIDTH),
                *pdf_base.signature_row(
                    labels.signature_date,
                    [labels.instructor_signature, labels.customer_signature],
                ),
            ]
        )
    )
    return story


def running_head(sheet: GigSheet) -> tuple[str, ...]:
    """The heading and the gig's details, repeated at the top of every later page."""
    site = sheet.work_site.replace("\n", ", ")
    return (
        f"{sheet.title} · {sheet.customer} · {sheet.date_text} {sheet.time_text}",
        f"{sheet.labels.work_site}: {site}" if site else sheet.task,
    )


def render_gig_sheet(sheet: GigSheet, target: pdf_base.Target) -> None:
    """Write ``sheet`` as an A4 PDF to ``target`` (a path or a binary file object)."""
    info = pdf_base.PageInfo(
        title=f"{sheet.title} – {sheet.customer} – {sheet.date_text}",
        page_label=sheet.labels.page,
        footer_left=f"{sheet.title} · {sheet.customer} · {sheet.date_text}",
        author=sheet.centre_name,
        language=sheet.language,
        running_head=running_head(sheet),
    )
    pdf_base.build_pdf(target, _story(sheet), info)


__all__ = ["CrewLine", "GigSheet", "GigSheetLabels", "build_gig_sheet", "render_gig_sheet"]
