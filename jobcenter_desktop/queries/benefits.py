"""The benefit rule catalogue (Settings) and one participant's money facts (the Money tab).

A participant's benefits are special-category data: :func:`participant_money` is read only
by the participant's own Money tab; no list, export or customer document uses it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import BenefitRule, Participant, ParticipantBenefit, PayRate
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import benefits as b
from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.validation import format_iban

#: a consent expiring within this many days is marked
CONSENT_WARNING_DAYS = 30


class ConsentState(StrEnum):
    NONE = "none"
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class BenefitRuleRow:
    """One dated rule of the catalogue; ``locked`` when a participant's profile relies on
    it for a month already past (its figure then stays; a new dated row changes it)."""

    id: int
    code: b.BenefitCode
    kind: b.RuleKind
    valid_from: date
    year: int
    monthly_limit: Decimal | None
    exceed_months: int | None
    reduction_share: Decimal | None
    source: str
    confirmed: bool
    locked: bool

    @property
    def label(self) -> str:
        return self.code.label


@dataclass(frozen=True, slots=True)
class RateRow:
    valid_from: date
    hourly_pay: Decimal


@dataclass(frozen=True, slots=True)
class ProfileRow:
    """A benefit of the participant, with the catalogue's rule in force on the day asked."""

    id: int
    code: b.BenefitCode
    personal_limit: Decimal | None
    valid_from: date | None
    valid_until: date | None
    rule: b.BenefitRule | None
    ended: bool

    @property
    def label(self) -> str:
        return self.code.label


@dataclass(frozen=True, slots=True)
class MoneyFacts:
    participant_number: str
    name: str
    pay_basis: PayBasis
    hourly_pay: Decimal | None
    rates: tuple[RateRow, ...]
    iban: str
    benefits: tuple[ProfileRow, ...]
    consent_date: date | None
    consent_scope: str
    consent_expires: date | None
    consent_state: ConsentState


def consent_state(expires: date | None, given: date | None, today: date) -> ConsentState:
    """Expired the day after ``expires``; expiring when it ends within 30 days."""
    if expires is None:
        return ConsentState.NONE if given is None else ConsentState.VALID
    if expires < today:
        return ConsentState.EXPIRED
    if expires <= today + timedelta(days=CONSENT_WARNING_DAYS):
        return ConsentState.EXPIRING
    return ConsentState.VALID


def _rules(session: Session) -> list[BenefitRule]:
    return list(
        session.scalars(select(BenefitRule).order_by(BenefitRule.code, BenefitRule.valid_from))
    )


def rule_relied_on(
    session: Session, rules: Sequence[BenefitRule], rule: BenefitRule, today: date
) -> bool:
    """Whether a participant's profile had ``rule`` in force in a month already past
    (before the first day of ``today``'s month)."""
    month_start = today.replace(day=1)
    if rule.valid_from >= month_start:
        return False
    later = [r.valid_from for r in rules if r.code == rule.code and r.valid_from > rule.valid_from]
    # The rule held until the day before the next one, and only past months count.
    end = min([*later, month_start]) - timedelta(days=1)
    profile = session.scalars(
        select(ParticipantBenefit).where(ParticipantBenefit.benefit == rule.code)
    )
    return any(
        (row.valid_from or date.min) <= end
        and (row.valid_until is None or row.valid_until >= rule.valid_from)
        for row in profile
    )


def _domain_rule(row: BenefitRule) -> b.BenefitRule:
    return b.BenefitRule(
        code=row.code,
        kind=row.kind,
        valid_from=row.valid_from,
        year=row.year,
        monthly_limit=row.monthly_limit,
        exceed_months=row.exceed_months,
        reduction_share=row.reduction_share,
        source=row.source,
        confirmed=row.confirmed,
    )


def benefit_rule_rows(store: Store, today: date | None = None) -> list[BenefitRuleRow]:
    """The catalogue by benefit (in the benefits' order) and date."""
    day = today or date.today()
    order = {code: index for index, code in enumerate(b.BenefitCode)}
    with store.read() as session:
        rules = _rules(session)
        rows = [
            BenefitRuleRow(
                id=rule.id,
                code=rule.code,
                kind=rule.kind,
                valid_from=rule.valid_from,
                year=rule.year,
                monthly_limit=rule.monthly_limit,
                exceed_months=rule.exceed_months,
                reduction_share=rule.reduction_share,
                source=rule.source,
                confirmed=rule.confirmed,
                locked=rule_relied_on(session, rules, rule, day),
            )
            for rule in rules
        ]
    return sorted(rows, key=lambda row: (order[row.code], row.valid_from))


def participant_money(store: Store, participant_id: int, today: date | None = None) -> MoneyFacts:
    """What the participant's Money tab shows, the benefits' figures as on ``today``."""
    day = today or date.today()
    with store.read() as session:
        person = get(session, Participant, participant_id)
        rates = tuple(
            RateRow(row.valid_from, row.hourly_pay)
            for row in session.scalars(
                select(PayRate)
                .where(PayRate.participant_id == person.id)
                .order_by(PayRate.valid_from)
            )
        )
        rules = [_domain_rule(rule) for rule in _rules(session)]
        profile = session.scalars(
            select(ParticipantBenefit)
            .where(ParticipantBenefit.participant_id == person.id)
            .order_by(ParticipantBenefit.benefit, ParticipantBenefit.valid_from)
        )
        benefits = tuple(
            ProfileRow(
                id=row.id,
                code=row.benefit,
                personal_limit=row.personal_limit,
                valid_from=row.valid_from,
                valid_until=row.valid_until,
                rule=b.rule_in_force(rules, row.benefit, day)
                or b.rule_in_force(rules, row.benefit, row.valid_from or day),
                ended=row.valid_until is not None and row.valid_until < day,
            )
            for row in profile
        )
        return MoneyFacts(
            participant_number=person.participant_number,
            name=person.full_name,
            pay_basis=person.pay_basis,
            hourly_pay=person.hourly_pay,
            rates=rates,
            iban=format_iban(person.iban) if person.iban else "",
            benefits=benefits,
            consent_date=person.consent_date,
            consent_scope=person.consent_scope,
            consent_expires=person.consent_expires,
            consent_state=consent_state(person.consent_expires, person.consent_date, day),
        )
