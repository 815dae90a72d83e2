"""A participant's dated hourly pay: a raise from a date leaves earlier months as they were.

One row per participant and valid-from date; saving a date that has a row replaces its
pay. A date whose hours a confirmed pay run has paid is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import Contract, PayRate, PayRunLine
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.services.pay import participant_by_number

ENTITY = "pay_rate"
LABELS = {
    "hourly_pay": N_("Hourly pay"),
    "valid_from": N_("Valid from"),
    "pay_rate": N_("Hourly pay on this contract"),
}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True)
class SavedRate:
    """What :func:`set_rate` saved; ``previous`` is the pay the date had before, if any."""

    participant_number: str
    name: str
    valid_from: date
    hourly_pay: Decimal
    previous: Decimal | None


def set_rate(
    store: Store, participant_number: str, hourly_pay: str | Decimal, valid_from: str | date
) -> SavedRate:
    """Give the participant ``hourly_pay`` (e.g. ``10``, ``10,50``) from ``valid_from``.

    One transaction under the write lock, with an audit entry. Raises ``ValidationError``
    for what is typed wrong and ``UserError`` for an unknown participant number.
    """
    with store.write() as tx:
        participant = participant_by_number(tx.session, participant_number)
        checker = v.Checker()
        typed = checker.require("hourly_pay", label("hourly_pay"), str(hourly_pay))
        pay = checker.check("hourly_pay", label("hourly_pay"), v.money_amount, typed)
        day = (
            valid_from
            if isinstance(valid_from, date)
            else checker.check(
                "valid_from",
                label("valid_from"),
                v.date_value,
                checker.require("valid_from", label("valid_from"), valid_from),
            )
        )
        checker.raise_if_any()
        assert pay is not None and day is not None
        _refuse_if_paid(tx.session, participant.id, participant.full_name, day)
        row = tx.session.scalar(
            select(PayRate).where(
                PayRate.participant_id == participant.id, PayRate.valid_from == day
            )
        )
        previous = None if row is None else row.hourly_pay
        if row is None:
            row = PayRate(participant_id=participant.id, valid_from=day, hourly_pay=pay)
            tx.session.add(row)
            tx.session.flush()
            tx.record(ENTITY, row.id, "create", None, snapshot(row))
        elif row.hourly_pay != pay:
            before = snapshot(row)
            row.hourly_pay = pay
            tx.session.flush()
            tx.record(ENTITY, row.id, "update", before, snapshot(row))
        return SavedRate(
            participant_number=participant.participant_number,
            name=participant.full_name,
            valid_from=day,
            hourly_pay=pay,
            previous=previous,
        )


def _refuse_if_paid(session: Session, participant_id: int, name: str, day: date) -> None:
    """Refuse a rate from ``day`` when a confirmed pay run paid hours it would re-price
    (from ``day`` until the person's next dated rate)."""
    following = session.scalar(
        select(func.min(PayRate.valid_from)).where(
            PayRate.participant_id == participant_id, PayRate.valid_from > day
        )
    )
    paid = select(func.max(PayRunLine.day)).where(
        PayRunLine.participant_id == participant_id, PayRunLine.day >= day
    )
    if following is not None:
        paid = paid.where(PayRunLine.day < following)
    last = session.scalar(paid)
    if last is not None:
        raise UserError(
            _(
                "{name}'s hours up to {last} are paid in a confirmed pay run, so a rate from "
                "{day} would change paid pay. Give a date after {last}, or correct the pay "
                "with an adjusting run."
            ).format(name=name, last=format_date(last), day=format_date(day))
        )


def set_contract_pay_rate(store: Store, contract_id: int, hourly_pay: str | Decimal | None) -> None:
    """Give the participants on a contract's gigs ``hourly_pay`` over their own (heavier
    work); ``None`` or blank removes it. One transaction with an audit entry."""
    with store.write() as tx:
        contract = get(tx.session, Contract, contract_id)
        checker = v.Checker()
        typed = None if hourly_pay is None else str(hourly_pay)
        pay = checker.check("pay_rate", label("pay_rate"), v.money_amount, typed)
        checker.raise_if_any()
        if contract.pay_rate == pay:
            return
        before = snapshot(contract)
        contract.pay_rate = pay
        tx.session.flush()
        tx.record("contract", contract.id, "update", before, snapshot(contract))
