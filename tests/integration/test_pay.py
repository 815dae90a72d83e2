"""Pay rates, benefit profiles and a participant's month on a real store; migration 0009."""

from __future__ import annotations

import shutil
from datetime import date, time
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text

from jobcenter_desktop.db.engine import make_engine, sqlite_url
from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.migrate import alembic_config, current_revision, migration_connection
from jobcenter_desktop.db.models import (
    AuditEntry,
    BenefitRule,
    Contract,
    Participant,
    ParticipantBenefit,
    PayRate,
)
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.queries.earnings import month_earnings
from jobcenter_desktop.services.pay.benefits import set_benefit
from jobcenter_desktop.services.pay.rates import set_contract_pay_rate, set_rate
from jobcenter_desktop.services.planning.gigs import add_gig, assign, cancel_gig
from jobcenter_desktop.services.timesheets.entries import (
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.builders import make_participant
from tests.invoicing_data import People, approved_gig, priced_contract

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "data" / "jobcenter-schema-0001.db"


def _number(store: Store, participant_id: int) -> str:
    with store.read() as session:
        return session.get_one(Participant, participant_id).participant_number


def _rows(store: Store) -> tuple[int, int, int]:
    with store.read() as session:
        return (
            session.scalar(select(func.count()).select_from(PayRate)) or 0,
            session.scalar(select(func.count()).select_from(ParticipantBenefit)) or 0,
            session.scalar(select(func.count()).select_from(AuditEntry)) or 0,
        )


def test_a_raise_mid_month_leaves_the_earlier_gigs_at_the_old_rate(store: Store) -> None:
    people = People(store)  # Aino's register pay is 10,00 €/h
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 9), people)  # 3 h before the raise
    approved_gig(store, contract, date(2026, 11, 23), people)  # 3 h after it
    aino = _number(store, people.aino)
    saved = set_rate(store, aino, "12,50", "16.11.2026")
    assert (saved.hourly_pay, saved.valid_from, saved.previous) == (
        Decimal("12.50"),
        date(2026, 11, 16),
        None,
    )

    month = month_earnings(store, aino, 2026, 11)
    assert month.approved == Decimal("30.00") + Decimal("37.50")
    assert month.planned == Decimal("0.00")
    # An earlier month is not touched by the raise.
    approved_gig(store, contract, date(2026, 10, 26), people)
    assert month_earnings(store, aino, 2026, 10).approved == Decimal("30.00")
    # Saving the same date again replaces its pay, audited as a change.
    assert set_rate(store, aino, Decimal("13.00"), date(2026, 11, 16)).previous == Decimal("12.50")
    assert month_earnings(store, aino, 2026, 11).approved == Decimal("69.00")
    with store.read() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "pay_rate")
        ).all()
    assert actions == ["create", "update"]


def test_worked_minutes_are_paid_not_the_billable_ones(store: Store) -> None:
    aino = make_participant(store)
    contract = priced_contract(store)  # billed in steps of 15 minutes
    gig = add_gig(store, contract, date(2026, 11, 9), time(8), 180)
    assign(store, gig, [aino], [])
    record_entries(
        store, gig, [EntryInput(participant_id=aino, start="8", end="10.55", break_minutes="5")]
    )
    mark_done(store, gig)
    approve(store, gig_id=gig)
    # 170 minutes worked (billed as 180) at 10,00 €/h.
    assert month_earnings(store, _number(store, aino), 2026, 11).approved == Decimal("28.33")


def test_planned_gigs_count_until_their_hours_are_recorded(store: Store) -> None:
    aino = make_participant(store)
    contract = priced_contract(store)
    planned = add_gig(store, contract, date(2026, 11, 16), time(8), 240)
    assign(store, planned, [aino], [])
    cancelled = add_gig(store, contract, date(2026, 11, 17), time(8), 240)
    assign(store, cancelled, [aino], [])
    cancel_gig(store, cancelled, "centre", "Sairastapaus")
    recorded = add_gig(store, contract, date(2026, 11, 18), time(8), 240)
    assign(store, recorded, [aino], [])
    record_entries(store, recorded, [EntryInput(participant_id=aino, start="8", end="10")])
    other_month = add_gig(store, contract, date(2026, 12, 1), time(8), 240)
    assign(store, other_month, [aino], [])

    month = month_earnings(store, _number(store, aino), 2026, 11)
    # 4 h booked and not recorded, plus 2 h recorded and not yet approved; cancelled: nothing.
    assert (month.approved, month.planned) == (Decimal("0.00"), Decimal("60.00"))


def test_a_contract_rate_overrides_the_persons_and_counts_for_the_customer_employed(
    store: Store,
) -> None:
    people = People(store)
    heavy = priced_contract(store, title="Muutto")
    approved_gig(store, heavy, date(2026, 11, 9), people)
    set_contract_pay_rate(store, heavy, "15,00")
    with store.read() as session:
        assert session.get_one(Contract, heavy).pay_rate == Decimal("15.00")
    aino = _number(store, people.aino)
    set_rate(store, aino, "11", "2026-01-01")
    assert month_earnings(store, aino, 2026, 11).approved == Decimal("45.00")

    employed = make_participant(
        store, first_name="Ville", pay_basis="customer_employed", hourly_pay=""
    )
    gig = add_gig(store, heavy, date(2026, 11, 24), time(8), 120)
    assign(store, gig, [employed], [])
    # No pay of their own: the contract's pay still counts for the forecast.
    assert month_earnings(store, _number(store, employed), 2026, 11).planned == Decimal("30.00")
    set_contract_pay_rate(store, heavy, None)
    assert month_earnings(store, _number(store, employed), 2026, 11).planned == Decimal("0.00")


def test_benefits_give_the_lowest_limit_and_what_remains(store: Store) -> None:
    people = People(store)
    contract = priced_contract(store)
    approved_gig(store, contract, date(2026, 11, 9), people)
    aino = _number(store, people.aino)
    assert month_earnings(store, aino, 2026, 11).limit is None

    kela = set_benefit(store, aino, "kela_disability_pension")
    assert (kela.kind, kela.personal_limit, kela.valid_from) == (RuleKind.MONTHLY_LIMIT, None, None)
    month = month_earnings(store, aino, 2026, 11)
    assert (month.limit, month.remaining, month.over) == (
        Decimal("976.59"),
        Decimal("946.59"),
        False,
    )
    (forecast,) = month.benefits
    assert (forecast.confirmed, forecast.year) == (False, 2026)  # carried over, flagged
    assert month_earnings(store, aino, 2024, 11).benefits[0].confirmed is True

    set_benefit(store, aino, "earnings_related_pension", "30,00", date(2026, 11, 1))
    month = month_earnings(store, aino, 2026, 11)
    assert (month.limit, month.remaining, month.over) == (Decimal("30.00"), Decimal("0.00"), False)
    # One cent over the personal limit.
    set_benefit(store, aino, "earnings_related_pension", "29,99", date(2026, 11, 1))
    month = month_earnings(store, aino, 2026, 11)
    assert (month.over, month.over_by) == (True, Decimal("0.01"))
    # Before the personal limit started, only the Kela limit holds.
    assert month_earnings(store, aino, 2026, 10).limit == Decimal("976.59")

    set_benefit(store, aino, "unemployment_benefit")
    set_benefit(store, aino, "housing_allowance")
    reductions = {f.code: f.reduction for f in month_earnings(store, aino, 2026, 11).benefits}
    assert reductions[BenefitCode.UNEMPLOYMENT_BENEFIT] == Decimal("15.00")
    assert reductions[BenefitCode.HOUSING_ALLOWANCE] == Decimal("30.00")


def test_the_exceedance_months_count_the_months_already_over(store: Store) -> None:
    people = People(store)
    contract = priced_contract(store)
    set_contract_pay_rate(store, contract, "200,00")  # 3 h = 600 € a gig
    for day in (date(2026, 9, 7), date(2026, 9, 14), date(2026, 10, 5), date(2026, 11, 9)):
        approved_gig(store, contract, day, people)
    aino = _number(store, people.aino)
    set_benefit(store, aino, "kela_disability_pension")
    with store.write() as tx:
        rule = tx.session.scalars(select(BenefitRule).where(BenefitRule.year == 2026)).one()
        rule.exceed_months = 1
    month = month_earnings(store, aino, 2026, 11)
    (forecast,) = month.benefits
    # September (1 200 €) was over, October (600 €) not; November (600 €) is not over.
    assert (forecast.months_over_before, forecast.over) == (1, False)
    approved_gig(store, contract, date(2026, 11, 16), people)
    (forecast,) = month_earnings(store, aino, 2026, 11).benefits
    assert (forecast.over, forecast.uses_allowed_month, forecast.beyond_allowed_months) == (
        True,
        False,
        True,
    )
    (forecast,) = month_earnings(store, aino, 2026, 9).benefits
    assert (forecast.months_over_before, forecast.uses_allowed_month) == (0, True)


@pytest.mark.parametrize(
    ("benefit", "limit", "message"),
    [
        ("earnings_related_pension", None, "eläkelaitoksen kirjeen"),
        ("kela_disability_pension", "900", "kaikille sama raja"),
        ("unemployment_benefit", "900", "ei ole ansiorajaa"),
        ("housing_allowance", "1,2,3", "rahamäärä"),
        ("child_benefit", None, "valitse jokin näistä"),
    ],
)
def test_a_refused_benefit_changes_nothing(
    store: Store, finnish: None, benefit: str, limit: str | None, message: str
) -> None:
    aino = _number(store, make_participant(store))
    before = _rows(store)
    with pytest.raises(ValidationError, match=message):
        set_benefit(store, aino, benefit, limit)
    assert _rows(store) == before


@pytest.mark.parametrize(
    ("number", "pay", "day", "error", "message"),
    [
        ("999", "10", "2026-11-01", UserError, "Numerolla 999 ei ole tekijää"),
        (None, "kymppi", "2026-11-01", ValidationError, "Tuntipalkka: ei ole rahamäärä"),
        (None, "-1", "2026-11-01", ValidationError, "Tuntipalkka"),
        (None, "10", "31.2.2026", ValidationError, "Voimassa alkaen"),
        (None, "", "2026-11-01", ValidationError, "Tuntipalkka"),
    ],
)
def test_a_refused_rate_changes_nothing(
    store: Store,
    finnish: None,
    number: str | None,
    pay: str,
    day: str,
    error: type[Exception],
    message: str,
) -> None:
    aino = _number(store, make_participant(store))
    before = _rows(store)
    with pytest.raises(error, match=message):
        set_rate(store, number or aino, pay, day)
    assert _rows(store) == before


def test_migration_0009_upgrades_an_older_store_and_goes_back(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURE_0001, path)
    store = Store.open(path, tmp_path / "backups", actor="tester")
    try:
        assert current_revision(store.engine) == "0010"  # and on to pay runs (0010)
        with store.read() as session:
            participant = session.scalars(select(Participant)).one()
            assert (participant.iban, participant.hourly_pay) == (None, Decimal("10.00"))
            rules = session.scalars(select(BenefitRule).order_by(BenefitRule.id)).all()
        kela = [r for r in rules if r.code is BenefitCode.KELA_DISABILITY_PENSION]
        assert [(r.year, r.monthly_limit, r.confirmed) for r in kela] == [
            (2024, Decimal("976.59"), True),
            (2025, Decimal("976.59"), False),
            (2026, Decimal("976.59"), False),
        ]
        shares = {r.code: r.reduction_share for r in rules if r.kind is RuleKind.REDUCTION}
        assert shares == {
            BenefitCode.UNEMPLOYMENT_BENEFIT: Decimal("50"),
            BenefitCode.HOUSING_ALLOWANCE: Decimal("100"),
        }
        # The old participant takes a dated rate; the old pay holds before it.
        set_rate(store, participant.participant_number, "11,00", "2026-12-01")
    finally:
        store.close()

    engine = make_engine(sqlite_url(path))
    try:
        config = alembic_config()
        with migration_connection(engine) as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0008")
        with engine.connect() as connection:
            tables = (
                connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
                .scalars()
                .all()
            )
            columns = [r[1] for r in connection.exec_driver_sql("PRAGMA table_info(contract)")]
            names = connection.execute(text("SELECT first_name FROM participant")).scalars().all()
        assert not {"pay_rate", "benefit_rule", "participant_benefit"} & set(tables)
        assert "pay_rate" not in columns and len(names) == 1
    finally:
        engine.dispose()


def test_a_negative_contract_pay_rate_is_refused_by_the_store(store: Store) -> None:
    contract = priced_contract(store)
    with pytest.raises(Exception, match="CHECK"), store.engine.begin() as connection:
        connection.execute(text(f"UPDATE contract SET pay_rate = -1 WHERE id = {contract}"))
    with pytest.raises(ValidationError):
        set_contract_pay_rate(store, contract, "-5")


def test_a_participants_iban_is_validated_and_stored_compact(store: Store, finnish: None) -> None:
    from jobcenter_desktop.domain.validation import format_iban
    from jobcenter_desktop.services.pay.accounts import set_participant_iban

    aino = make_participant(store)
    number = _number(store, aino)
    assert set_participant_iban(store, number, "fi21 1234 5600 0007 85") == "FI2112345600000785"
    with store.read() as session:
        saved = session.get_one(Participant, aino).iban
    assert saved == "FI2112345600000785"
    assert format_iban(saved) == "FI21 1234 5600 0007 85"
    before = _rows(store)
    with pytest.raises(ValidationError, match="Tilinumero"):
        set_participant_iban(store, number, "FI21 1234 5600 0007 86")
    assert _rows(store) == before
    assert set_participant_iban(store, number, "") is None
