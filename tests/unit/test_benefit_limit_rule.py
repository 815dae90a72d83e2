"""The benefit-limit conflict as a pure rule: at the limit within, a cent over a conflict;
no limit (a reduction rule) never; warning or blocking by the centre's setting."""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal

import pytest

from jobcenter_desktop.domain.conflicts import (
    ConflictKind,
    GigFacts,
    MonthForecast,
    check_benefit_limit,
    euros,
    forecast_line,
)
from jobcenter_desktop.i18n import set_language

GIG = GigFacts(1, date(2026, 12, 15), time(8), 240, (), "Siivous (Seurakunta)")


@pytest.fixture(autouse=True)
def finnish() -> None:
    set_language("fi")


def forecast(so_far: str, gig: str, limit: str | None, confirmed: bool = True) -> MonthForecast:
    return MonthForecast(
        participant_id=7,
        name="Emilia",
        month=date(2026, 12, 1),
        so_far=Decimal(so_far),
        this_gig=Decimal(gig),
        limit=None if limit is None else Decimal(limit),
        confirmed=confirmed,
    )


@pytest.mark.parametrize(
    ("so_far", "gig", "limit", "conflict"),
    [
        ("642.00", "40.00", "1006.00", False),
        ("966.00", "40.00", "1006.00", False),  # at the limit exactly
        ("966.01", "40.00", "1006.00", True),  # one cent over
        ("0.00", "1006.01", "1006.00", True),
        ("5000.00", "40.00", None, False),  # a reduction rule has no limit
        ("0.00", "0.00", "0.00", False),
    ],
)
def test_over_the_limit_by_a_cent_is_a_conflict(
    so_far: str, gig: str, limit: str | None, conflict: bool
) -> None:
    found = check_benefit_limit(GIG, forecast(so_far, gig, limit))
    assert bool(found) is conflict
    if conflict:
        assert found[0].kind is ConflictKind.BENEFIT_LIMIT and found[0].person_id == 7


@pytest.mark.parametrize("blocks", [False, True])
def test_the_setting_decides_whether_it_blocks(blocks: bool) -> None:
    (found,) = check_benefit_limit(GIG, forecast("1000.00", "40.00", "1006.00"), blocks)
    assert found.blocking is blocks


def test_the_line_reads_as_in_the_issue() -> None:
    assert forecast_line(forecast("642.00", "40.00", "1006.00")) == (
        "Emilia: joulukuu 642\xa0€ + tämä keikka 40\xa0€ = 682\xa0€ / raja 1\xa0006\xa0€"
    )
    assert forecast_line(forecast("642.50", "40.00", "976.59", False)).endswith(
        "= 682,50\xa0€ / raja 976,59\xa0€ (raja vahvistamatta)"
    )
    assert euros(Decimal("0.01")) == "0,01\xa0€"


def months_forecast(so_far: str, allowed: int | None, before: int) -> MonthForecast:
    """Emilia's December with a 40 € gig against a 1 006 € limit that the rule allows to
    be exceeded in ``allowed`` months a year, ``before`` of them over already."""
    return MonthForecast(
        participant_id=7,
        name="Emilia",
        month=date(2026, 12, 1),
        so_far=Decimal(so_far),
        this_gig=Decimal("40.00"),
        limit=Decimal("1006.00"),
        allowed_months=allowed,
        months_over_before=before,
    )


@pytest.mark.parametrize("blocks", [False, True])
@pytest.mark.parametrize("before", [0, 2, 3])
def test_at_the_limit_no_month_is_used(blocks: bool, before: int) -> None:
    forecast = months_forecast("966.00", 3, before)
    assert not forecast.uses_allowed_month
    assert check_benefit_limit(GIG, forecast, blocks) == []


@pytest.mark.parametrize("blocks", [False, True])
@pytest.mark.parametrize("before", [0, 2])
def test_a_cent_over_with_a_month_left_is_a_warning_that_says_so(blocks: bool, before: int) -> None:
    forecast = months_forecast("966.01", 3, before)
    assert forecast.uses_allowed_month
    (found,) = check_benefit_limit(GIG, forecast, blocks)
    assert (found.kind, found.blocking) == (ConflictKind.BENEFIT_LIMIT, False)
    assert found.message == (
        "Emilia: joulukuu 966,01\xa0€ + tämä keikka 40\xa0€ = 1\xa0006,01\xa0€ / raja "
        "1\xa0006\xa0€. Keikan Siivous (Seurakunta) myötä kuukauden ansioraja ylittyisi "
        "0,01\xa0€. Tämä kuukausi käyttäisi yhden niistä vuoden kuukausista, joina rajan saa "
        f"ylittää (sallittu 3, tänä vuonna käytetty {before}). Sovi asiasta ensin "
        "osallistujan kanssa."
    )


@pytest.mark.parametrize("blocks", [False, True])
@pytest.mark.parametrize("before", [3, 4])
def test_a_cent_over_with_no_month_left_is_the_conflict_as_ever(blocks: bool, before: int) -> None:
    forecast = months_forecast("966.01", 3, before)
    assert not forecast.uses_allowed_month
    (found,) = check_benefit_limit(GIG, forecast, blocks)
    assert found.blocking is blocks
    assert found.message.endswith(
        "ylittyisi 0,01\xa0€, ja vuoden kuukaudet, joina rajan saa ylittää, on jo käytetty "
        f"(sallittu 3, tänä vuonna käytetty {before}). Valitse joku muu tai sovi asiasta "
        "ensin osallistujan kanssa."
    )


def test_without_allowed_months_the_words_are_as_before() -> None:
    (found,) = check_benefit_limit(GIG, months_forecast("966.01", None, 5), True)
    assert found.blocking
    assert "sallittu" not in found.message and "kuukausista" not in found.message
