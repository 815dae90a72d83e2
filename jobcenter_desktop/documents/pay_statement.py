"""The participant's monthly statement of gigs, pay and benefits, in plain language.

One A4 page per participant and month, written so that the participant can read it
alone (selkokieli): large type (body 16 pt, headings larger), one idea per line,
short words, generous spacing, black on white, and no grid of thin lines: the gigs
are a simple list. Money is written as "682 euroa", not as a column of figures.

The page never runs on: when a month has more gigs than fit, the first ones are listed
and the rest summed up in one line ("ja 12 muuta keikkaa"). The whole centre's batch
is one PDF with each participant on a page of their own. The facts come from the
caller (``domain.pay_statement.StatementFacts``); nothing here reads the store, and
the personal identity code is never printed.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, cast

from babel import dates as babel_dates
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.rl_config import _FUZZ

from jobcenter_desktop.documents import pdf_base
from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.pay_statement import (
    LimitLine,
    ReductionLine,
    StatementFacts,
    StatementGig,
)
from jobcenter_desktop.i18n import formatting as fmt
from jobcenter_desktop.i18n.translator import Translator, translator_for

BODY_SIZE = 16
HEADING_SIZE = 20
TITLE_SIZE = 26
#: Room the page keeps free under its content (points), so rounding never pushes it over.
SLACK = 6
BAND = colors.HexColor("#EDEDED")
WARNING_BAND = colors.HexColor("#FFF1C9")
#: The page's frame: A4 less the margins of ``pdf_base.build_pdf`` and the frame's padding.
FRAME_HEIGHT = pdf_base.PAGE_HEIGHT - 2 * pdf_base.MARGIN - 4 * mm - 2 * pdf_base.FRAME_PADDING


@dataclass(frozen=True, slots=True)
class GigLine:
    day: str
    place: str
    hours: str


@dataclass(frozen=True, slots=True)
class BenefitBlock:
    """One benefit: its name and the sentences about it; ``attention`` when over a limit."""

    heading: str
    lines: tuple[str, ...]
    attention: bool = False


@dataclass(frozen=True, slots=True)
class StatementView:
    """Everything one statement prints, translated and formatted."""

    language: str
    title: str
    centre: str
    name: str
    month_heading: str
    greeting: str
    gigs_heading: str
    gigs: tuple[GigLine, ...]
    more_one: str  # "and 1 more gig"
    more_many: str  # with {count}
    gig_totals: tuple[str, ...]
    money_heading: str
    money_lines: tuple[str, ...]
    benefits: tuple[BenefitBlock, ...]
    closing: str


def _euros(value: Decimal, tr: Translator, *, whole: bool = False) -> str:
    """An amount in words the way it is said: "1 006 euroa", "682,40 euroa".

    Cents are shown only when there are any; ``whole`` rounds to the euro (an estimate).
    """
    _ = tr.gettext
    if whole:
        value = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    places = 0 if value == value.to_integral_value() else 2
    amount = fmt.format_decimal(value, places, tr)
    return _("{amount} euros").format(amount=amount)


def _hours(minutes: int, tr: Translator) -> str:
    """A length of time in words: "1 hour", "3 hours 30 minutes", "45 minutes"."""
    _ = tr.gettext
    hours, rest = divmod(minutes, 60)
    parts: list[str] = []
    if hours == 1:
        parts.append(_("1 hour"))
    elif hours:
        parts.append(_("{hours} hours").format(hours=hours))
    if rest or not hours:
        parts.append(_("{minutes} minutes").format(minutes=rest))
    return " ".join(parts)


def _month(facts: StatementFacts, tr: Translator) -> str:
    """The month and year as a heading: "Maaliskuu 2026", "Mars 2026", "March 2026"."""
    name = babel_dates.format_date(facts.first_day, "LLLL", locale=tr.locale)
    return f"{name[:1].upper()}{name[1:]} {facts.year}"


def _gig_line(gig: StatementGig, tr: Translator) -> GigLine:
    # The calendar's short weekday (ma, ti; mån, tis) leaves the place room on its line.
    weekday = babel_dates.format_date(gig.day, "ccc", locale=tr.locale)
    return GigLine(
        day=f"{weekday} {tr.format_short_date(gig.day)}",
        place=gig.place,
        hours=_hours(gig.minutes, tr),
    )


def _gig_totals(facts: StatementFacts, tr: Translator) -> tuple[str, ...]:
    _ = tr.gettext
    count = len(facts.gigs)
    if count == 0:
        return (_("You had no gigs this month."),)
    did = _("You did 1 gig.") if count == 1 else _("You did {count} gigs.").format(count=count)
    worked = _("You worked {time} in all.").format(time=_hours(facts.total_minutes, tr))
    return (did, worked)


def _money_lines(facts: StatementFacts, tr: Translator) -> tuple[str, ...]:
    _ = tr.gettext
    earnings = _euros(facts.earnings, tr)
    lines: list[str] = []
    basis = facts.pay_basis
    if basis is PayBasis.WAGE:
        lines.append(_("Your pay before tax is {amount}.").format(amount=earnings))
        lines.append(_("{centre} pays your wage.").format(centre=facts.centre_name))
    elif basis is PayBasis.FEE:
        lines.append(_("Your fee before tax is {amount}.").format(amount=earnings))
        lines.append(_("The invoicing service pays you the fee."))
    elif basis is PayBasis.CUSTOMER_EMPLOYED:
        lines.append(_("The customer pays your wage."))
        if facts.earnings:
            lines.append(_("Your pay before tax is {amount}.").format(amount=earnings))
    elif facts.earnings:
        lines.append(_("Your pay before tax is {amount}.").format(amount=earnings))
    else:
        lines.append(_("There is no pay for these gigs."))
    days = facts.allowance_days
    if days == 0:
        lines.append(_("You had no work-activity days this month."))
        return tuple(lines)
    if days == 1:
        lines.append(_("You were in work activity on 1 day."))
    else:
        lines.append(_("You were in work activity on {days} days.").format(days=days))
    allowance = _euros(facts.allowance, tr)
    lines.append(_("Your work-activity allowance is {amount}.").format(amount=allowance))
    if facts.allowance_is_tax_free:
        lines.append(_("There is no tax on the allowance."))
    else:
        lines.append(_("Part of the allowance is taxed."))
        lines.append(_("Ask your instructor."))
    return tuple(lines)


def _benefit_name(code: str, tr: Translator) -> str:
    _ = tr.gettext
    names = {
        "kela_disability_pension": _("Kela pension or rehabilitation subsidy"),
        "earnings_related_pension": _("Earnings-related pension"),
        "unemployment_benefit": _("Unemployment benefit"),
        "housing_allowance": _("Housing allowance"),
    }
    return names.get(str(code), _("Benefit"))


def _limit_block(line: LimitLine, tr: Translator) -> BenefitBlock:
    _ = tr.gettext
    lines = [
        _("Your limit is {amount} a month.").format(amount=_euros(line.limit, tr)),
        _("This month you earned {amount}.").format(amount=_euros(line.earnings, tr)),
    ]
    if line.is_over:
        lines.append(_("That is {amount} over the limit.").format(amount=_euros(line.over, tr)))
        lines.append(_("Talk to your instructor soon."))
        if line.benefit == "kela_disability_pension":
            lines.append(_("Your instructor will help you tell Kela."))
        elif line.benefit == "earnings_related_pension":
            lines.append(_("Your instructor will help you tell your pension provider."))
        else:
            lines.append(_("Your instructor will help you."))
    elif line.remaining == 0:
        lines.append(_("You are exactly at the limit."))
        lines.append(_("Talk to your instructor before you take more gigs this month."))
    else:
        lines.append(
            _("You have {amount} left before the limit.").format(amount=_euros(line.remaining, tr))
        )
    return BenefitBlock(_benefit_name(line.benefit, tr), tuple(lines), attention=line.is_over)


def _reduction_block(line: ReductionLine, tr: Translator) -> BenefitBlock:
    _ = tr.gettext
    if line.amount is None:
        lines = [_("Your pay can change this benefit."), _("Ask your instructor how much.")]
    else:
        amount = _euros(line.amount, tr, whole=True)
        if line.benefit == "unemployment_benefit":
            sentence = _("Your pay reduces your unemployment benefit by about {amount}.")
        elif line.benefit == "housing_allowance":
            sentence = _("Your pay can reduce your housing allowance by about {amount}.")
        else:
            sentence = _("Your pay reduces this benefit by about {amount}.")
        lines = [sentence.format(amount=amount)]
    return BenefitBlock(_benefit_name(line.benefit, tr), tuple(lines))


def build_statement_view(facts: StatementFacts, tr: Translator | None = None) -> StatementView:
    """The view-model of ``facts`` in ``tr``'s language (by default the facts' own)."""
    tr = translator_for(facts.language) if tr is None else tr
    _ = tr.gettext
    month = _month(facts, tr)
    benefits = tuple(
        _limit_block(line, tr) if isinstance(line, LimitLine) else _reduction_block(line, tr)
        for line in facts.benefits
    )
    return StatementView(
        language=tr.language,
        title=_("Gigs and money"),
        centre=facts.centre_name,
        name=facts.full_name,
        month_heading=month,
        greeting=_("Hello {name}!").format(name=facts.first_name),
        gigs_heading=_("Your gigs"),
        gigs=tuple(_gig_line(gig, tr) for gig in facts.gigs),
        more_one=_("and 1 more gig"),
        more_many=_("and {count} more gigs"),
        gig_totals=_gig_totals(facts, tr),
        money_heading=_("Your money"),
        money_lines=_money_lines(facts, tr),
        benefits=benefits,
        closing=_("Ask your instructor if something is unclear."),
    )


def _styles() -> dict[str, ParagraphStyle]:
    pdf_base.register_fonts()
    body_leading = BODY_SIZE * 1.35

    def style(name: str, font: str, size: float, leading: float) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=leading, textColor=colors.black
        )

    return {
        "body": style("ps-body", pdf_base.FONT, BODY_SIZE, body_leading),
        "bold": style("ps-bold", pdf_base.FONT_BOLD, BODY_SIZE, body_leading),
        "heading": style("ps-heading", pdf_base.FONT_BOLD, HEADING_SIZE, HEADING_SIZE * 1.3),
        "title": style("ps-title", pdf_base.FONT_BOLD, TITLE_SIZE, TITLE_SIZE * 1.25),
    }


#: Makes a paragraph of plain text in a style (``pdf_base.text``, or one that remembers).
TextMaker = Callable[[str, ParagraphStyle], Paragraph]


class _Paragraph(Paragraph):  # type: ignore[misc]  # ReportLab has no type hints
    """A paragraph that breaks its lines once per width.

    ReportLab breaks a paragraph's lines again on every wrap; a statement's page is
    wrapped several times while it is fitted and again when it is drawn (into the
    participant's own file and into the batch), always at the same few widths. What a
    wrap leaves for drawing (the lines, the widths, the size) is kept per width and put
    back, so the page draws exactly as a fresh paragraph would.
    """

    # What ReportLab's wrap leaves for drawing (annotations only: ReportLab sets them).
    blPara: Any
    _wrapWidths: list[float]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if availWidth < _FUZZ:  # ReportLab's own "cannot fit here", which keeps nothing
            return cast(tuple[float, float], super().wrap(availWidth, availHeight))
        memo: dict[float, tuple[tuple[float, float], Any, list[float]]]
        memo = self.__dict__.setdefault("_wrapped", {})
        found = memo.get(availWidth)
        if found is None:
            size = cast(tuple[float, float], super().wrap(availWidth, availHeight))
            memo[availWidth] = (size, self.blPara, self._wrapWidths)
            return size
        size, self.blPara, self._wrapWidths = found
        self.width, self.height = size
        return size


def _text_maker() -> TextMaker:
    """``pdf_base.text`` that makes each paragraph once and gives the same one again.

    Fitting a page lays it out several times with more or fewer gigs; parsing and
    breaking the same lines again each time was most of a statement's cost. Sharing a
    paragraph is safe: ReportLab wraps a flowable again right before it draws it (tables
    cell by cell), and :class:`_Paragraph` keeps its lines per width.
    """
    made: dict[tuple[str, str], Paragraph] = {}

    def text(value: str, style: ParagraphStyle) -> Paragraph:
        key = (value, style.name)
        found = made.get(key)
        if found is None:
            # As ``pdf_base.text``: plain text, ``&``, ``<`` and ``>`` escaped, newlines kept.
            escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            found = made[key] = _Paragraph(escaped.replace("\n", "<br/>"), style)
        return found

    return text


def _gig_list(
    lines: Sequence[GigLine],
    more: str,
    style: dict[str, ParagraphStyle],
    text: TextMaker = pdf_base.text,
) -> Table:
    """The gigs as a plain list: day, place, time; light bands instead of ruled lines."""
    body = style["body"]
    day_width = max(pdf_base.text_width(line.day, pdf_base.FONT, BODY_SIZE) for line in lines)
    hours_width = max(pdf_base.text_width(line.hours, pdf_base.FONT, BODY_SIZE) for line in lines)
    padding = 6
    day_width += 2 * padding
    hours_width += 2 * padding
    place_width = pdf_base.CONTENT_WIDTH - day_width - hours_width
    data: list[list[object]] = [
        [
            text(line.day, body),
            # At most two lines: a long name is cut, so one gig never takes a third line.
            text(
                pdf_base.fit_text(
                    line.place, pdf_base.FONT, BODY_SIZE, 2 * (place_width - 2 * padding) - 40
                ),
                body,
            ),
            text(line.hours, body),
        ]
        for line in lines
    ]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.extend(("BACKGROUND", (0, row), (-1, row), BAND) for row in range(0, len(data), 2))
    if more:
        data.append([text(more, style["bold"]), "", ""])
        commands.append(("SPAN", (0, len(data) - 1), (-1, len(data) - 1)))
    table = Table(data, colWidths=[day_width, place_width, hours_width], hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


def _panel(
    block: BenefitBlock, style: dict[str, ParagraphStyle], text: TextMaker = pdf_base.text
) -> Table:
    """One benefit in a pale box, so it reads as one thing; yellow when it needs action."""
    rows = [[text(block.heading, style["bold"])]]
    rows += [[text(line, style["body"])] for line in block.lines]
    table = Table(rows, colWidths=[pdf_base.CONTENT_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), pdf_base.FONT, BODY_SIZE),
                ("BACKGROUND", (0, 0), (-1, -1), WARNING_BAND if block.attention else BAND),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
            ]
        )
    )
    return table


def _page(
    view: StatementView,
    shown: int,
    style: dict[str, ParagraphStyle] | None = None,
    text: TextMaker = pdf_base.text,
) -> list[Flowable]:
    """The page's flowables with the first ``shown`` gigs listed and the rest summed up."""
    style = _styles() if style is None else style
    body = style["body"]
    gap = 4 * mm
    # The centre's name is in the footer: the page keeps its room for the reader's own facts.
    story: list[Flowable] = [
        text(view.title, style["title"]),
        text(f"{view.month_heading} · {view.name}", style["heading"]),
        Spacer(1, gap),
        text(view.greeting, style["bold"]),
        Spacer(1, gap),
        text(view.gigs_heading, style["heading"]),
        Spacer(1, 1.5 * mm),
    ]
    if view.gigs:
        hidden = len(view.gigs) - shown
        more = ""
        if hidden == 1:
            more = view.more_one
        elif hidden > 1:
            more = view.more_many.format(count=hidden)
        if shown:
            story.append(_gig_list(view.gigs[:shown], more, style, text))
        else:
            story.append(text(more, style["bold"]))
        story.append(Spacer(1, 2 * mm))
    story += [text(line, body) for line in view.gig_totals]
    story += [Spacer(1, gap), text(view.money_heading, style["heading"])]
    story.append(Spacer(1, 1.5 * mm))
    story += [text(line, body) for line in view.money_lines]
    # Each benefit's box carries its own name: no section heading, so the gigs keep the room.
    for index, block in enumerate(view.benefits):
        story += [Spacer(1, 2 * mm if index else gap), _panel(block, style, text)]
    story += [Spacer(1, gap), text(view.closing, style["bold"])]
    return story


def _height(story: Iterable[Flowable]) -> float:
    return float(sum(item.wrap(pdf_base.CONTENT_WIDTH, FRAME_HEIGHT)[1] for item in story))


def _fitted_page(view: StatementView) -> list[Flowable]:
    """The page with as many gigs listed as fit; never more than one page."""
    style = _styles()
    text = _text_maker()
    room = FRAME_HEIGHT - SLACK

    def page(count: int) -> list[Flowable]:
        return _page(view, count, style, text)

    def fits(count: int) -> bool:
        return bool(_height(page(count)) <= room)

    total = len(view.gigs)
    whole = page(total)
    height = _height(whole)
    shown = total
    if height > room:
        # The height grows with each gig listed. The rows of the whole list tell about how
        # many fit; laying out one more or one fewer finds the most that do.
        shown = _first_guess(whole, height, room)
        if fits(shown):
            while shown + 1 < total and fits(shown + 1):
                shown += 1
        else:
            while shown > 0 and not fits(shown):
                shown -= 1
        whole = page(shown)
    # With the list gone and still too tall (pathological names), shrink rather than run on.
    return [KeepInFrame(pdf_base.CONTENT_WIDTH, room, whole)]


def _first_guess(story: Sequence[Flowable], height: float, room: float) -> int:
    """How many gigs about fit, from the rows of the whole list (wrapped, in ``story``).

    The list is the page's first table (the benefit boxes come after it); the page less
    its rows is the rest, and the gigs not listed take a line of their own.
    """
    table = next((item for item in story if isinstance(item, Table)), None)
    rows = [float(row) for row in getattr(table, "_rowHeights", None) or ()]
    if not rows:
        return 0
    used = height - sum(rows) + min(rows)
    count = 0
    for row in rows:
        used += row
        if used > room:
            break
        count += 1
    return min(count, len(rows) - 1)


def _info(views: Sequence[StatementView]) -> pdf_base.PageInfo:
    first = views[0]
    title = f"{first.title} – {first.month_heading}"
    if len(views) == 1:
        title = f"{title} – {first.name}"
    # No page numbers: each page is a whole statement, handed to its own reader.
    return pdf_base.PageInfo(
        title=title,
        page_label="",
        footer_left=first.centre,
        author=first.centre,
        language=first.language,
        invariant=True,
    )


@dataclass(frozen=True, slots=True)
class _LaidOut:
    """One statement laid out: its view and its page's flowables (fitted once)."""

    view: StatementView
    page: list[Flowable]


def _lay_out(facts_list: Iterable[StatementFacts]) -> list[_LaidOut]:
    """Each statement's view and page; one translator per language for the whole batch."""
    translators: dict[str, Translator] = {}
    laid_out = []
    for facts in facts_list:
        tr = translators.get(facts.language)
        if tr is None:
            tr = translators[facts.language] = translator_for(facts.language)
        view = build_statement_view(facts, tr)
        laid_out.append(_LaidOut(view, _fitted_page(view)))
    if not laid_out:
        raise ValueError("there are no statements to print")
    return laid_out


def _write(pages: Sequence[_LaidOut], target: pdf_base.Target) -> None:
    """The PDF of pages already laid out, one page each (a page may go into several)."""
    story: list[Flowable] = []
    for index, item in enumerate(pages):
        if index:
            story.append(PageBreak())
        story += item.page
    pdf_base.build_pdf(target, story, _info([item.view for item in pages]))


def _bytes(pages: Sequence[_LaidOut]) -> bytes:
    buffer = io.BytesIO()
    _write(pages, buffer)
    return buffer.getvalue()


def render_statement(facts: StatementFacts, target: pdf_base.Target) -> None:
    """Write one participant's statement as a one-page A4 PDF to ``target``."""
    render_statements([facts], target)


def render_statements(facts_list: Iterable[StatementFacts], target: pdf_base.Target) -> None:
    """Write the statements of many participants (the centre's batch) as one PDF, one page
    each, every statement in its own language."""
    _write(_lay_out(facts_list), target)


def statement_pdf(facts: StatementFacts) -> bytes:
    """One statement as PDF bytes; the same facts give the same bytes."""
    return statements_pdf([facts])


def statements_pdf(facts_list: Iterable[StatementFacts]) -> bytes:
    """The batch as PDF bytes, one page per participant."""
    return _bytes(_lay_out(facts_list))


def statement_files(facts_list: Iterable[StatementFacts]) -> tuple[tuple[bytes, ...], bytes]:
    """Each participant's own PDF (as :func:`statement_pdf` gives it, byte for byte) and
    the batch of them all (as :func:`statements_pdf`), every page laid out only once."""
    pages = _lay_out(facts_list)
    singles = tuple(_bytes([page]) for page in pages)
    return singles, _bytes(pages)


__all__ = [
    "BenefitBlock",
    "GigLine",
    "StatementView",
    "build_statement_view",
    "render_statement",
    "render_statements",
    "statement_files",
    "statement_pdf",
    "statements_pdf",
]
