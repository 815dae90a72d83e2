"""A participant's benefit profile: which benefits they receive, with a personal limit
where the rule takes one (earnings-related disability pension).

Special-category data: shown only in the participant's own Money tab, never on a
customer's document. A benefit is in force from ``valid_from`` (None: since before any
record) until ``valid_until``; a newer row of the same benefit takes over from its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.models import BenefitRule, ParticipantBenefit
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.pay import participant_by_number

ENTITY = "participant_benefit"
LABELS = {
    "benefit": N_("Benefit"),
    "limit": N_("Personal limit"),
    "valid_from": N_("Valid from"),
}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True)
class SavedBenefit:
    participant_number: str
    name: str
    benefit: BenefitCode
    kind: RuleKind
    personal_limit: Decimal | None
    valid_from: date | None


def benefit_code(text: str) -> BenefitCode:
    """The benefit meant: its code or its name (in any language the program speaks)."""
    folded = text.strip().casefold()
    for code in BenefitCode:
        if folded in (code.value, code.label.casefold()):
            return code
    raise v.FieldError(
        _("choose one of: {codes}").format(codes=", ".join(code.value for code in BenefitCode))
    )


def rule_kind(rules: list[BenefitRule], day: date | None) -> RuleKind | None:
    """The kind of the rule in force on ``day`` (the first rule for an earlier day or None)."""
    ordered = sorted(rules, key=lambda rule: rule.valid_from)
    if not ordered:
        return None
    chosen = ordered[0]
    for rule in ordered:
        if day is not None and rule.valid_from <= day:
            chosen = rule
    return chosen.kind


def set_benefit(
    store: Store,
    participant_number: str,
    benefit: str,
    limit: str | Decimal | None = None,
    valid_from: str | date | None = None,
) -> SavedBenefit:
    """Record that the participant receives ``benefit`` from ``valid_from`` (None: since
    before any record), with ``limit`` (euros a month) where the rule takes a personal one.

    Refused, changing nothing: a missing limit for the earnings-related pension, a limit
    for a benefit whose rule takes none, an unknown participant or benefit.
    """
    with store.write() as tx:
        participant = participant_by_number(tx.session, participant_number)
        checker = v.Checker()
        code = checker.check(
            "benefit",
            label("benefit"),
            benefit_code,
            checker.require("benefit", label("benefit"), benefit),
        )
        typed = None if limit is None else str(limit)
        amount = checker.check("limit", label("limit"), v.money_amount, typed)
        day = (
            valid_from
            if isinstance(valid_from, date) or valid_from is None
            else checker.check("valid_from", label("valid_from"), v.date_value, valid_from)
        )
        checker.raise_if_any()
        assert code is not None
        rules = list(tx.session.scalars(select(BenefitRule).where(BenefitRule.code == code)))
        kind = rule_kind(rules, day)
        if kind is None:
            raise UserError(
                _(
                    "The benefit rules have no rule for “{benefit}”. Add the rule in "
                    "Settings first, then the participant's benefit."
                ).format(benefit=code.label)
            )
        if kind is RuleKind.PERSONAL_LIMIT and amount is None:
            checker.add(
                "limit",
                label("limit"),
                _(
                    "type the personal earnings limit in euros a month, as the pension "
                    "provider's letter gives it."
                ),
            )
        elif kind is RuleKind.MONTHLY_LIMIT and amount is not None:
            checker.add(
                "limit",
                label("limit"),
                _(
                    "“{benefit}” has the same limit for everyone, kept in the benefit rules "
                    "in Settings. Leave the personal limit empty."
                ).format(benefit=code.label),
            )
        elif kind is RuleKind.REDUCTION and amount is not None:
            checker.add(
                "limit",
                label("limit"),
                _(
                    "“{benefit}” has no earnings limit: earnings reduce it by a share. Leave "
                    "the personal limit empty."
                ).format(benefit=code.label),
            )
        checker.raise_if_any()
        row = _same_start(tx.session, participant.id, code, day)
        if row is None:
            row = ParticipantBenefit(
                participant_id=participant.id, benefit=code, personal_limit=amount, valid_from=day
            )
            tx.session.add(row)
            tx.session.flush()
            tx.record(ENTITY, row.id, "create", None, snapshot(row))
        elif row.personal_limit != amount or row.valid_until is not None:
            before = snapshot(row)
            row.personal_limit = amount
            row.valid_until = None
            tx.session.flush()
            tx.record(ENTITY, row.id, "update", before, snapshot(row))
        return SavedBenefit(
            participant_number=participant.participant_number,
            name=participant.full_name,
            benefit=code,
            kind=kind,
            personal_limit=amount,
            valid_from=day,
        )


def _same_start(
    session: Session, participant_id: int, code: BenefitCode, day: date | None
) -> ParticipantBenefit | None:
    start = (
        ParticipantBenefit.valid_from.is_(None)
        if day is None
        else ParticipantBenefit.valid_from == day
    )
    return session.scalar(
        select(ParticipantBenefit).where(
            ParticipantBenefit.participant_id == participant_id,
            ParticipantBenefit.benefit == code,
            start,
        )
    )
