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
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.benefits import BenefitCode, RuleKind
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.queries.benefits import rule_relied_on
from jobcenter_desktop.services.invoicing.rates import percentage
from jobcenter_desktop.services.pay import participant_by_number

ENTITY = "participant_benefit"
LABELS = {
    "benefit": N_("Benefit"),
    "limit": N_("Personal limit"),
    "valid_from": N_("Valid from"),
    "valid_until": N_("Valid until"),
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


# --- the benefit rule catalogue (Settings) ---------------------------------------------------

RULE_ENTITY = "benefit_rule"
RULE_LABELS = {
    "benefit": N_("Benefit"),
    "valid_from": N_("Valid from"),
    "figure": N_("Figure"),
    "exceed_months": N_("Months over allowed"),
    "source": N_("Source"),
}
#: the kind of a benefit's rule when the catalogue has none of it yet
DEFAULT_KINDS = {
    BenefitCode.KELA_DISABILITY_PENSION: RuleKind.MONTHLY_LIMIT,
    BenefitCode.EARNINGS_RELATED_PENSION: RuleKind.PERSONAL_LIMIT,
    BenefitCode.UNEMPLOYMENT_BENEFIT: RuleKind.REDUCTION,
    BenefitCode.HOUSING_ALLOWANCE: RuleKind.REDUCTION,
}


def rule_label(key: str) -> str:
    return _(RULE_LABELS[key])


def add_benefit_rule(
    store: Store,
    benefit: str,
    valid_from: str | date,
    figure: str = "",
    exceed_months: str = "",
    source: str = "",
    confirmed: bool = False,
    today: date | None = None,
) -> int:
    """Add a dated rule of ``benefit`` (a new year's figure); returns its id.

    ``figure`` is the monthly limit in euros for a monthly-limit rule, the share in percent
    for a reduction rule and nothing for a personal-limit rule (each person has their own).
    The rule's kind is that of the benefit's earlier rule. A rule of the same date is
    replaced, unless a participant's profile relied on it for a month already past: then
    it is refused, changing nothing, and a later date is asked for.
    """
    day_today = today or date.today()
    with store.write() as tx:
        checker = v.Checker()
        code = checker.check(
            "benefit",
            rule_label("benefit"),
            benefit_code,
            checker.require("benefit", rule_label("benefit"), benefit),
        )
        day = (
            valid_from
            if isinstance(valid_from, date)
            else checker.check(
                "valid_from",
                rule_label("valid_from"),
                v.date_value,
                checker.require("valid_from", rule_label("valid_from"), valid_from),
            )
        )
        text = source.strip()
        problem = v.text_problem(text, 500) if text else None
        if problem is not None:
            checker.add("source", rule_label("source"), problem)
        checker.raise_if_any()
        assert code is not None and day is not None
        rules = list(tx.session.scalars(select(BenefitRule).where(BenefitRule.code == code)))
        kind = rule_kind(rules, day) or DEFAULT_KINDS[code]
        limit = share = months = None
        if kind is RuleKind.MONTHLY_LIMIT:
            typed = checker.require("figure", rule_label("figure"), figure)
            limit = checker.check("figure", rule_label("figure"), v.money_amount, typed)
            months = checker.check(
                "exceed_months", rule_label("exceed_months"), _months, exceed_months
            )
        elif kind is RuleKind.REDUCTION:
            typed = checker.require("figure", rule_label("figure"), figure)
            share = checker.check("figure", rule_label("figure"), percentage, typed)
        elif figure.strip():
            checker.add(
                "figure",
                rule_label("figure"),
                _(
                    "“{benefit}” has a personal limit for each person, typed in their Money "
                    "tab. Leave the figure empty."
                ).format(benefit=code.label),
            )
        if kind is not RuleKind.MONTHLY_LIMIT and exceed_months.strip():
            checker.add(
                "exceed_months",
                rule_label("exceed_months"),
                _("only a monthly limit can be exceeded in some months. Leave it empty."),
            )
        checker.raise_if_any()
        row = next((rule for rule in rules if rule.valid_from == day), None)
        if row is not None and rule_relied_on(tx.session, rules, row, day_today):
            raise UserError(
                _(
                    "Participants' months already past rely on the rule of {day}, so its "
                    "figure stays. Add the new figure with a later valid-from date."
                ).format(day=format_date(day))
            )
        values = {
            "kind": kind,
            "monthly_limit": limit,
            "exceed_months": months,
            "reduction_share": share,
            "year": day.year,
            "source": text,
            "confirmed": confirmed,
        }
        if row is None:
            row = BenefitRule(code=code, valid_from=day, **values)
            tx.session.add(row)
            tx.session.flush()
            tx.record(RULE_ENTITY, row.id, "create", None, snapshot(row))
            return row.id
        before = snapshot(row)
        for key, value in values.items():
            setattr(row, key, value)
        tx.session.flush()
        tx.record(RULE_ENTITY, row.id, "update", before, snapshot(row))
        return row.id


def _months(text: str) -> int:
    months = v.non_negative_int(text)
    if months > 12:
        raise v.FieldError(_("give at most 12 months"))
    return months


def confirm_benefit_rule(store: Store, rule_id: int) -> None:
    """Mark the rule's figure as checked against its source (the "unconfirmed" flag goes)."""
    with store.write() as tx:
        row = get(tx.session, BenefitRule, rule_id)
        if row.confirmed:
            return
        before = snapshot(row)
        row.confirmed = True
        tx.session.flush()
        tx.record(RULE_ENTITY, row.id, "update", before, snapshot(row))


def end_benefit(store: Store, benefit_id: int, valid_until: str | date) -> None:
    """The participant receives the benefit only until ``valid_until`` (its last day)."""
    with store.write() as tx:
        row = get(tx.session, ParticipantBenefit, benefit_id)
        checker = v.Checker()
        day = (
            valid_until
            if isinstance(valid_until, date)
            else checker.check(
                "valid_until",
                label("valid_until"),
                v.date_value,
                checker.require("valid_until", label("valid_until"), valid_until),
            )
        )
        if day is not None and row.valid_from is not None and day < row.valid_from:
            checker.add(
                "valid_until",
                label("valid_until"),
                _("must not be before the day the benefit began ({day})").format(
                    day=format_date(row.valid_from)
                ),
            )
        checker.raise_if_any()
        if row.valid_until == day:
            return
        before = snapshot(row)
        row.valid_until = day
        tx.session.flush()
        tx.record(ENTITY, row.id, "update", before, snapshot(row))
