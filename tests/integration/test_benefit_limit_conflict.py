"""The benefit-limit conflict of the crew checks (issue 10, items 3 and 7) and the batch
forecast behind it: at the limit exactly no conflict, one cent over a conflict, a warning
or blocking by the centre's setting, the override audited; reductions and people without
a profile never conflict; the batch's figures are those of ``earnings --json``."""

from __future__ import annotations

import json
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.models import AuditEntry, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.conflicts import Conflict, ConflictKind
from jobcenter_desktop.forms.centre import BankAccountInput, CentreInput
from jobcenter_desktop.queries.earnings import load_months, month_earnings, month_forecasts
from jobcenter_desktop.services.pay.benefits import add_benefit_rule, set_benefit
from jobcenter_desktop.services.planning.crew_checks import (
    CrewConflictError,
    assign_checked,
    check_candidates,
    check_gig,
    check_gigs,
)
from jobcenter_desktop.services.planning.gigs import add_gig, assign
from jobcenter_desktop.services.registers.centre import save_centre
from tests.builders import make_participant
from tests.invoicing_data import People, approved_gig, priced_contract

pytestmark = pytest.mark.usefixtures("finnish")

APPROVED_DAY = date(2026, 12, 1)  # 8-11 approved: 30,00 € at 10,00 €/h
PLANNED_DAY = date(2026, 12, 8)  # 8-10 booked, not recorded: 20,00 €
NEW_DAY = date(2026, 12, 15)  # the gig being staffed: 4 h = 40,00 €


def number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


def month_with_gig(store: Store, limit: str) -> tuple[People, int]:
    """Aino with 30 € approved and 20 € planned in December, a 40 € gig to staff."""
    people = People(store)
    contract = priced_contract(store)
    approved_gig(store, contract, APPROVED_DAY, people)
    planned = add_gig(store, contract, PLANNED_DAY, time(8), 120)
    assign(store, planned, [people.aino], [])
    set_benefit(store, number(store, people.aino), "earnings_related_pension", limit)
    return people, add_gig(store, contract, NEW_DAY, time(8), 240)


def limit_conflicts(found: list[Conflict]) -> list[Conflict]:
    return [c for c in found if c.kind is ConflictKind.BENEFIT_LIMIT]


def blocking_setting(store: Store, blocks: bool) -> None:
    save_centre(
        store,
        CentreInput(
            legal_name="Työkeskus Säde",
            business_id="0737546-2",
            bank_accounts=[BankAccountInput("FI2112345600000785")],
            benefit_limit_blocks=blocks,
        ),
    )


def test_at_the_limit_exactly_is_no_conflict(store: Store) -> None:
    people, gig = month_with_gig(store, "90,00")  # 30 + 20 + 40 = 90
    assert limit_conflicts(check_gig(store, gig, [people.aino], [])) == []


def test_one_cent_over_is_a_warning_that_says_the_figures(store: Store) -> None:
    people, gig = month_with_gig(store, "89,99")
    found = limit_conflicts(check_gig(store, gig, [people.aino], []))
    assert [(c.person_id, c.blocking) for c in found] == [(people.aino, False)]
    message = found[0].message
    # "Aino Mäkinen: joulukuu 50 € + tämä keikka 40 € = 90 € / raja 89,99 €"
    assert message.startswith(
        "Aino Mäkinen: joulukuu 50\xa0€ + tämä keikka 40\xa0€ = 90\xa0€ / raja 89,99\xa0€"
    )
    assert "0,01\xa0€" in message and "ylit" in message
    assert "vahvistamatta" not in message  # the earnings-related rule is confirmed
    # The same conflict for the saved crew, counted once (the gig is not planned twice).
    assign_checked(store, gig, [people.aino], [])
    assert limit_conflicts(check_gigs(store, [gig])[gig])[0].message == message


def test_the_setting_makes_it_block_and_the_override_is_audited(store: Store) -> None:
    people, gig = month_with_gig(store, "60,00")
    blocking_setting(store, True)
    found = limit_conflicts(check_gig(store, gig, [people.aino], []))
    assert [c.blocking for c in found] == [True]
    with pytest.raises(CrewConflictError) as refused:
        assign_checked(store, gig, [people.aino, people.eero], [])
    assert "raja 60\xa0€" in str(refused.value)
    assert check_gigs(store, [gig])[gig] == []  # nothing was saved

    saved = assign_checked(store, gig, [people.aino], [], "Sovittu Ainon kanssa")
    assert [c.kind for c in saved] == [ConflictKind.BENEFIT_LIMIT]
    with store.read() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "override").order_by(AuditEntry.id)
        ).all()[-1]
    assert entry.entity == "gig" and entry.entity_id == gig
    assert entry.after is not None and entry.after["reason"] == "Sovittu Ainon kanssa"
    recorded = entry.after["conflicts"]
    assert [(c["kind"], c["person_id"], c["blocking"]) for c in recorded] == [
        ("benefit_limit", people.aino, True)
    ]
    assert "raja 60\xa0€" in recorded[0]["message"]


def test_warns_when_the_setting_is_off(store: Store) -> None:
    people, gig = month_with_gig(store, "60,00")
    blocking_setting(store, False)
    saved = assign_checked(store, gig, [people.aino], [])
    assert [(c.kind, c.blocking) for c in saved] == [(ConflictKind.BENEFIT_LIMIT, False)]


@pytest.mark.parametrize("benefit", ["unemployment_benefit", "housing_allowance"])
def test_a_reduction_rule_is_never_a_conflict(store: Store, benefit: str) -> None:
    people = People(store)
    contract = priced_contract(store)
    set_benefit(store, number(store, people.aino), benefit)
    gig = add_gig(store, contract, NEW_DAY, time(8), 24 * 60 - 1)
    assert limit_conflicts(check_gig(store, gig, [people.aino], [])) == []
    candidate = check_candidates(store, gig, [people.aino], []).participants[people.aino]
    assert candidate.forecast is not None and candidate.forecast.limit is None


def test_a_person_without_a_profile_has_no_conflict_and_no_forecast(store: Store) -> None:
    people, gig = month_with_gig(store, "10,00")
    found = check_gig(store, gig, [people.aino, people.eero], [])
    assert [c.person_id for c in limit_conflicts(found)] == [people.aino]
    check = check_candidates(store, gig, [people.aino, people.eero], [])
    assert check.participants[people.eero].forecast is None
    forecast = check.participants[people.aino].forecast
    assert forecast is not None
    assert (forecast.so_far, forecast.this_gig, forecast.total, forecast.limit) == (
        Decimal("50.00"),
        Decimal("40.00"),
        Decimal("90.00"),
        Decimal("10.00"),
    )
    assert limit_conflicts(list(check.participants[people.aino].conflicts))


def test_an_unconfirmed_limit_says_so(store: Store) -> None:
    people = People(store)
    contract = priced_contract(store)
    set_benefit(store, number(store, people.aino), "kela_disability_pension")
    gig = add_gig(store, contract, NEW_DAY, time(6), 17 * 60)  # 170 € is under 976,59 €
    assert limit_conflicts(check_gig(store, gig, [people.aino], [])) == []
    for day in (1, 2, 3, 4, 7, 9):
        other = add_gig(store, contract, date(2026, 12, day), time(6), 17 * 60)
        assign(store, other, [people.aino], [])
    found = limit_conflicts(check_gig(store, gig, [people.aino], []))
    assert len(found) == 1 and "(raja vahvistamatta)" in found[0].message


def test_the_batch_gives_the_figures_of_earnings_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "init"]) == 0
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="tester")
    try:
        people, gig = month_with_gig(store, "89,99")
        assign(store, gig, [people.aino, people.eero], [])
        set_benefit(store, number(store, people.eero), "kela_disability_pension")
        wanted = [people.aino, people.eero, make_participant(store, first_name="Ville")]
        with store.read() as session:
            everyone = load_months(session, wanted, 2026, 12, only_profiled=False)
        batch = month_forecasts(store, wanted, 2026, 12)
        one_by_one = month_earnings(store, number(store, people.aino), 2026, 12)
    finally:
        store.close()
    assert set(batch) == {people.aino, people.eero}  # Ville has no profile
    capsys.readouterr()
    for person in (people.aino, people.eero, wanted[2]):
        code = everyone[person].participant_number
        assert (
            main(
                [
                    *("--data-dir", str(folder), "earnings", "--participant", code),
                    *("--month", "2026-12", "--json"),
                ]
            )
            == 0
        )
        shown = json.loads(capsys.readouterr().out)
        month = everyone[person].earnings()
        for key in ("approved", "planned", "limit", "remaining"):
            value = getattr(month, key)
            assert shown[key] == (None if value is None else str(value)), key
        assert shown["over"] == month.over
    aino = batch[people.aino].earnings()
    assert (aino.approved, aino.planned) == (Decimal("30.00"), Decimal("60.00"))
    assert one_by_one == aino


def kela_month(store: Store, figure: str, months: str, september: bool) -> tuple[People, int]:
    """Aino on the Kela pension, its limit ``figure`` a month and ``months`` a year it may
    be exceeded (a rule made in the catalogue); 30 € approved in September if asked; in
    December 30 € approved, 20 € planned and a 40 € gig to staff."""
    add_benefit_rule(
        store,
        "kela_disability_pension",
        date(2026, 1, 1),
        figure,
        exceed_months=months,
        confirmed=True,
    )
    people = People(store)
    contract = priced_contract(store)
    if september:
        approved_gig(store, contract, date(2026, 9, 7), people)
    approved_gig(store, contract, APPROVED_DAY, people)
    planned = add_gig(store, contract, PLANNED_DAY, time(8), 120)
    assign(store, planned, [people.aino], [])
    set_benefit(store, number(store, people.aino), "kela_disability_pension")
    return people, add_gig(store, contract, NEW_DAY, time(8), 240)


USES_A_MONTH = "Tämä kuukausi käyttäisi yhden niistä vuoden kuukausista"
ALL_USED = "on jo käytetty"


@pytest.mark.parametrize(
    ("figure", "months", "september", "blocks", "expected"),
    [
        # At the limit exactly: nothing, months or not.
        ("90,00", "1", False, True, None),
        # One cent over with a month left: a warning only, whatever the setting.
        ("89,99", "1", False, True, (False, USES_A_MONTH, "(sallittu 1, tänä vuonna käytetty 0)")),
        # September was over too; of two months one is left.
        ("25,00", "2", True, True, (False, USES_A_MONTH, "(sallittu 2, tänä vuonna käytetty 1)")),
        # September used the only month: the limit conflict as ever, blocking by the setting.
        ("25,00", "1", True, True, (True, ALL_USED, "(sallittu 1, tänä vuonna käytetty 1)")),
        ("25,00", "1", True, False, (False, ALL_USED, "(sallittu 1, tänä vuonna käytetty 1)")),
    ],
)
def test_an_allowed_month_softens_the_conflict(
    store: Store,
    figure: str,
    months: str,
    september: bool,
    blocks: bool,
    expected: tuple[bool, str, str] | None,
) -> None:
    people, gig = kela_month(store, figure, months, september)
    blocking_setting(store, blocks)
    found = limit_conflicts(check_gig(store, gig, [people.aino], []))
    if expected is None:
        assert found == []
        return
    blocking, says, counts = expected
    assert [(c.person_id, c.blocking) for c in found] == [(people.aino, blocking)]
    message = found[0].message
    assert says in message and counts in message
    assert (USES_A_MONTH in message) is (says == USES_A_MONTH)
    candidate = check_candidates(store, gig, [people.aino], []).participants[people.aino]
    assert candidate.conflicts == tuple(found)
    if not blocking:
        # Saved without a reason; the warning goes into the audit all the same.
        assert [c.blocking for c in assign_checked(store, gig, [people.aino], [])] == [False]
