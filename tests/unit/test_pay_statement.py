"""The participant's plain-language monthly statement: figures, wording, type size, one page."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pdfplumber
import pytest

from jobcenter_desktop.documents.pay_statement import statement_pdf, statements_pdf
from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.pay_statement import (
    LimitLine,
    ReductionLine,
    StatementFacts,
    StatementGig,
)

KELA = "kela_disability_pension"
HETU = re.compile(r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]")

SIX_GIGS = (
    StatementGig(date(2026, 3, 3), "Seurakuntatalo, Joensuu", 180),
    StatementGig(date(2026, 3, 5), "Autokorjaamo Virtanen", 150),
    StatementGig(date(2026, 3, 10), "Seurakuntatalo, Joensuu", 180),
    StatementGig(date(2026, 3, 12), "Palvelutalo Koivukoti", 390),
    StatementGig(date(2026, 3, 17), "Seurakuntatalo, Joensuu", 180),
    StatementGig(date(2026, 3, 25), "Muutto, Kotikuja 7", 240),
)


def make_facts(**overrides: Any) -> StatementFacts:
    values: dict[str, Any] = {
        "centre_name": "Työkeskus Päivölä",
        "first_name": "Emilia",
        "full_name": "Emilia Virtanen",
        "year": 2026,
        "month": 3,
        "gigs": SIX_GIGS,
        "earnings": Decimal("682.00"),
        "pay_basis": PayBasis.WAGE,
        "allowance_days": 10,
        "allowance": Decimal("120.00"),
        "benefits": (LimitLine(KELA, Decimal("1006.00"), Decimal("682.00")),),
        "language": "fi",
    }
    values.update(overrides)
    return StatementFacts(**values)


def many_gigs(count: int) -> list[tuple[date, str, int]]:
    start = date(2026, 3, 1)
    return [
        (start + timedelta(days=n % 31), f"Kohde {n + 1}", 120 + 15 * (n % 3)) for n in range(count)
    ]


def pages_of(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [
            " ".join((page.extract_text() or "").replace("\u00a0", " ").split())
            for page in pdf.pages
        ]


def text_of(facts: StatementFacts) -> str:
    pages = pages_of(statement_pdf(facts))
    assert len(pages) == 1
    return pages[0]


def test_the_finnish_statement_says_the_figures_in_plain_words() -> None:
    flat = text_of(make_facts())
    for wanted in (
        "Keikat ja raha",
        "Maaliskuu 2026 · Emilia Virtanen",
        "Hei Emilia!",
        "ti 3.3. Seurakuntatalo, Joensuu 3 tuntia",
        "to 5.3. Autokorjaamo Virtanen 2 tuntia 30 minuuttia",
        "to 12.3. Palvelutalo Koivukoti 6 tuntia 30 minuuttia",
        "Teit 6 keikkaa.",
        "Teit töitä yhteensä 22 tuntia.",
        "Palkkasi ennen veroja on 682 euroa.",
        "Palkan maksaa Työkeskus Päivölä.",
        "Olit työtoiminnassa 10 päivää.",
        "Työosuusrahaa saat 120 euroa.",
        "Työosuusrahasta ei makseta veroa.",
        "Kelan eläke tai kuntoutustuki",
        # The issue's own sentence, word for word.
        "Sinun rajasi on 1 006 euroa kuukaudessa. Tässä kuussa ansaitsit 682 euroa. "
        "Rajaan on vielä 324 euroa.",
        "Kysy ohjaajalta, jos jokin on epäselvää.",
    ):
        assert wanted in flat, wanted
    assert "yli rajan" not in flat


def test_cents_are_shown_only_when_there_are_some() -> None:
    facts = make_facts(
        earnings=Decimal("682.40"),
        benefits=(LimitLine(KELA, Decimal("1006.00"), Decimal("682.40")),),
    )
    flat = text_of(facts)
    assert "Palkkasi ennen veroja on 682,40 euroa." in flat
    assert "Rajaan on vielä 323,60 euroa." in flat


def test_the_swedish_statement() -> None:
    flat = text_of(make_facts(language="sv"))
    for wanted in (
        "Uppdrag och pengar",
        "Mars 2026 · Emilia Virtanen",
        "Hej Emilia!",
        "tis 3.3. Seurakuntatalo, Joensuu 3 timmar",
        "tors 5.3. Autokorjaamo Virtanen 2 timmar 30 minuter",
        "Du gjorde 6 uppdrag.",
        "Din lön före skatt är 682 euro.",
        "Du var i arbetsverksamhet 10 dagar.",
        "Din arbetsverksamhetspenning är 120 euro.",
        "FPA:s pension eller rehabiliteringsstöd",
        "Din gräns är 1 006 euro i månaden.",
        "Den här månaden tjänade du 682 euro.",
        "Till gränsen är det ännu 324 euro.",
    ):
        assert wanted in flat, wanted


def test_the_english_statement_uses_english_formats() -> None:
    facts = make_facts(
        language="en",
        earnings=Decimal("1682.50"),
        benefits=(LimitLine(KELA, Decimal("2006.00"), Decimal("1682.50")),),
    )
    flat = text_of(facts)
    for wanted in (
        "Gigs and money",
        "March 2026 · Emilia Virtanen",
        "Tue 03/03 Seurakuntatalo, Joensuu 3 hours",
        "Your pay before tax is 1,682.50 euros.",
        "You were in work activity on 10 days.",
        "Your work-activity allowance is 120 euros.",
        "Your limit is 2,006 euros a month.",
        "You have 323.50 euros left before the limit.",
    ):
        assert wanted in flat, wanted


def test_over_the_limit_it_says_calmly_what_to_do() -> None:
    facts = make_facts(
        earnings=Decimal("1046.00"),
        benefits=(LimitLine(KELA, Decimal("1006.00"), Decimal("1046.00")),),
    )
    flat = text_of(facts)
    assert "Tässä kuussa ansaitsit 1 046 euroa. Se on 40 euroa yli rajan." in flat
    assert "Puhu pian ohjaajan kanssa. Ohjaaja auttaa sinua kertomaan Kelalle." in flat
    assert "Rajaan on vielä" not in flat


@pytest.mark.parametrize(
    ("earnings", "wanted", "unwanted"),
    [
        ("1006.00", "Olet tasan rajalla.", "yli rajan"),
        ("1006.01", "Se on 0,01 euroa yli rajan.", "Rajaan on vielä"),
        ("1005.99", "Rajaan on vielä 0,01 euroa.", "yli rajan"),
    ],
)
def test_at_the_limit_and_one_cent_either_side(earnings: str, wanted: str, unwanted: str) -> None:
    amount = Decimal(earnings)
    facts = make_facts(earnings=amount, benefits=(LimitLine(KELA, Decimal("1006.00"), amount),))
    flat = text_of(facts)
    assert wanted in flat
    assert unwanted not in flat


def test_a_personal_pension_limit_over_sends_to_the_pension_provider() -> None:
    facts = make_facts(
        benefits=(LimitLine("earnings_related_pension", Decimal("600.00"), Decimal("682.00")),)
    )
    flat = text_of(facts)
    assert "Työeläke" in flat
    assert "Se on 82 euroa yli rajan." in flat
    assert "Ohjaaja auttaa sinua kertomaan eläkeyhtiölle." in flat


def test_the_reduction_is_said_as_its_effect_in_euros() -> None:
    earnings = Decimal("682.00")
    reduction = ReductionLine.from_share("unemployment_benefit", earnings, Decimal(50))
    assert reduction.amount == Decimal("341.00")
    flat = text_of(make_facts(benefits=(reduction,)))
    assert "Työttömyysetuus" in flat
    assert "Palkka pienentää työttömyysetuutta noin 341 euroa." in flat
    # An estimate is said in whole euros.
    odd = ReductionLine.from_share("unemployment_benefit", Decimal("682.80"), Decimal(50))
    assert "noin 341 euroa" in text_of(make_facts(benefits=(odd,)))
    housing = ReductionLine("housing_allowance", None)
    flat = text_of(make_facts(benefits=(housing,)))
    assert "Asumistuki Palkka voi muuttaa tätä etuutta. Kysy ohjaajalta, kuinka paljon." in flat


@pytest.mark.parametrize(
    ("basis", "earnings", "wanted", "unwanted"),
    [
        (PayBasis.FEE, "682.00", "Palkkiosi ennen veroja on 682 euroa.", "Palkan maksaa"),
        (PayBasis.CUSTOMER_EMPLOYED, "0.00", "Tilaaja maksaa palkkasi.", "Palkkasi ennen"),
        (PayBasis.NONE, "0.00", "Näistä keikoista ei makseta palkkaa.", "Palkkasi ennen"),
    ],
)
def test_each_pay_basis_is_worded(
    basis: PayBasis, earnings: str, wanted: str, unwanted: str
) -> None:
    flat = text_of(make_facts(pay_basis=basis, earnings=Decimal(earnings), benefits=()))
    assert wanted in flat
    assert unwanted not in flat


def test_an_allowance_over_the_tax_free_cap_and_a_month_without_days_or_gigs() -> None:
    flat = text_of(make_facts(allowance_days=1, allowance=Decimal("15.00"), gigs=[]))
    assert "Olit työtoiminnassa 1 päivän." in flat
    assert "Osasta työosuusrahaa maksetaan veroa." in flat
    assert "Tässä kuussa sinulla ei ollut keikkoja." in flat
    flat = text_of(make_facts(allowance_days=0, allowance=Decimal("0.00")))
    assert "Tässä kuussa sinulla ei ollut työtoimintapäiviä." in flat
    assert "Työosuusrahaa" not in flat


def test_all_text_is_large_type() -> None:
    facts = make_facts(
        benefits=(
            LimitLine(KELA, Decimal("1006.00"), Decimal("1046.00")),
            ReductionLine("unemployment_benefit", Decimal("341.00")),
        )
    )
    centre = set("Työkeskus Päivölä")
    with pdfplumber.open(io.BytesIO(statement_pdf(facts))) as pdf:
        chars = pdf.pages[0].chars
        # Everything but the centre's name in the footer is at least 14 pt.
        body = [c for c in chars if c["top"] < pdf.pages[0].height - 60]
        assert body and min(c["size"] for c in body) >= 14
        footer = [c for c in chars if c["top"] >= pdf.pages[0].height - 60]
        assert {c["text"] for c in footer} <= centre
        headings = [c for c in chars if c["text"] and c["size"] > 16]
        assert headings, "the headings are larger than the body"
        assert {c["fontname"].split("+")[-1] for c in chars} <= {
            "DejaVuSans",
            "DejaVuSans-Bold",
        }


@pytest.mark.parametrize("count", [1, 40])
def test_one_page_whatever_the_number_of_gigs(count: int) -> None:
    facts = make_facts(
        gigs=many_gigs(count),
        benefits=(
            LimitLine(KELA, Decimal("1006.00"), Decimal("1046.00")),
            ReductionLine("unemployment_benefit", Decimal("341.00")),
        ),
    )
    flat = text_of(facts)
    assert "Kohde 1 " in flat
    if count == 1:
        assert "Teit 1 keikan." in flat
        assert "muuta keikkaa" not in flat
    else:
        assert "Teit 40 keikkaa." in flat
        shown = len(re.findall(r"Kohde \d+ ", flat))
        assert 1 <= shown < 40
        assert f"ja {40 - shown} muuta keikkaa" in flat
    # The facts after the list are all still on the page.
    assert "Palkkasi ennen veroja on 682 euroa." in flat
    assert "Kysy ohjaajalta, jos jokin on epäselvää." in flat


def test_a_very_long_place_name_is_cut_not_run_on() -> None:
    long_name = "Asunto Oy Pitkäniemenrannan Kolmas Rivitaloyhtiö " * 6
    flat = text_of(make_facts(gigs=[(date(2026, 3, 2), long_name, 60)]))
    assert "Asunto Oy Pitkäniemenrannan" in flat
    assert "…" in flat
    assert "1 tunti" in flat


def test_the_batch_has_one_page_per_person_each_in_their_language() -> None:
    people = [
        make_facts(),
        make_facts(first_name="Aino", full_name="Aino Laine", language="sv"),
        make_facts(first_name="Ville", full_name="Ville Ojala", language="en", gigs=many_gigs(40)),
        make_facts(first_name="Jussi", full_name="Jussi Nieminen", gigs=many_gigs(25)),
    ]
    pages = pages_of(statements_pdf(people))
    assert len(pages) == 4
    assert "Hei Emilia!" in pages[0]
    assert "Hej Aino!" in pages[1] and "Aino Laine" in pages[1]
    assert "Hello Ville!" in pages[2] and "Ville Ojala" in pages[2]
    assert "Hei Jussi!" in pages[3] and "Jussi Nieminen" in pages[3]
    for page in pages:
        assert not HETU.search(page)


def test_no_personal_identity_code_is_printed() -> None:
    flat = text_of(make_facts())
    assert not HETU.search(flat)
    # The facts have no field for it at all.
    assert not any(
        "identity" in name or "hetu" in name for name in StatementFacts.__dataclass_fields__
    )


def test_the_same_facts_give_the_same_bytes_and_the_facts_are_frozen() -> None:
    facts = make_facts(gigs=list(SIX_GIGS))
    assert isinstance(facts.gigs, tuple)
    assert statement_pdf(facts) == statement_pdf(make_facts())
    with pytest.raises(AttributeError):
        facts.earnings = Decimal(0)  # type: ignore[misc]


@pytest.mark.parametrize(
    "overrides",
    [{"month": 13}, {"allowance_days": -1}, {"gigs": [(date(2026, 3, 1), "X", -5)]}],
)
def test_impossible_facts_are_refused(overrides: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        make_facts(**overrides)


def test_gigs_are_listed_by_day() -> None:
    shuffled = [SIX_GIGS[3], SIX_GIGS[0], SIX_GIGS[5]]
    flat = text_of(make_facts(gigs=shuffled))
    assert flat.index("ti 3.3.") < flat.index("to 12.3.") < flat.index("ke 25.3.")
