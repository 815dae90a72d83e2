"""Participants: the centre's clients who do the paid gigs."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db.models import Participant, ParticipantQualification, QualificationType
from jobcenter_desktop.db.records import choose, claim_number, saving
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import Outcome, ParticipantStatus, PayBasis, ServiceBasis
from jobcenter_desktop.domain.search import search_text
from jobcenter_desktop.forms.participants import ParticipantInput, QualificationInput
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

LABELS = {
    "participant_number": N_("Participant number"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "date_of_birth": N_("Date of birth"),
    "identity_code": N_("Personal identity code"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "street": N_("Street address"),
    "postal_code": N_("Postal code"),
    "city": N_("City"),
    "service_basis": N_("Service basis"),
    "pay_basis": N_("Pay basis"),
    "hourly_pay": N_("Hourly pay"),
    "iban": N_("Bank account (IBAN)"),
    "weekly_hour_limit": N_("Weekly hour limit"),
    "guardian_name": N_("Guardian"),
    "guardian_phone": N_("Guardian's phone"),
    "guardian_email": N_("Guardian's email"),
    "consent_date": N_("Consent given"),
    "consent_scope": N_("Consent scope"),
    "consent_expires": N_("Consent expires"),
    "transport_note": N_("Transport"),
    "status": N_("Status"),
    "ended_on": N_("Ended on"),
    "outcome": N_("Outcome"),
    "notes": N_("Notes"),
    "qualification": N_("Qualification"),
}


def label(key: str) -> str:
    return _(LABELS[key])


def checked_iban(checker: v.Checker, text: str) -> str | None:
    """The participant's IBAN compact (None when blank); a wrong one is a problem of the
    ``iban`` field in ``checker``, named by its label. The one check of the account,
    shared by the register's form, its import and ``services.pay.accounts``."""
    return checker.check("iban", label("iban"), v.iban, text)


def _checked(checker: v.Checker, data: ParticipantInput) -> dict[str, Any]:
    """The participant's own column values from ``data``, its problems added to ``checker``
    (the values are meaningful only when the checker has none)."""
    first = checker.require("first_name", label("first_name"), data.first_name)
    last = checker.require("last_name", label("last_name"), data.last_name)
    service = choose(
        checker, "service_basis", label("service_basis"), ServiceBasis, data.service_basis
    )
    pay = choose(checker, "pay_basis", label("pay_basis"), PayBasis, data.pay_basis)
    status = choose(checker, "status", label("status"), ParticipantStatus, data.status)
    outcome = None
    if data.outcome.strip():
        outcome = choose(checker, "outcome", label("outcome"), Outcome, data.outcome)
    born = checker.check("date_of_birth", label("date_of_birth"), v.date_value, data.date_of_birth)
    code = checker.check(
        "identity_code", label("identity_code"), v.personal_identity_code, data.identity_code
    )
    if code and born and v.identity_code_birth_date(code) != born:
        checker.add("identity_code", label("identity_code"), _("does not match the date of birth"))
    if code and not born:
        born = v.identity_code_birth_date(code)
    hourly = checker.check("hourly_pay", label("hourly_pay"), v.money_amount, data.hourly_pay)
    account = checked_iban(checker, data.iban)
    limit = checker.check(
        "weekly_hour_limit", label("weekly_hour_limit"), v.hours_as_minutes, data.weekly_hour_limit
    )
    consent = checker.check("consent_date", label("consent_date"), v.date_value, data.consent_date)
    expires = checker.check(
        "consent_expires", label("consent_expires"), v.date_value, data.consent_expires
    )
    v.check_date_order(
        checker,
        "consent_date",
        label("consent_date"),
        consent,
        "consent_expires",
        label("consent_expires"),
        expires,
    )
    ended = checker.check("ended_on", label("ended_on"), v.date_value, data.ended_on)
    if status is ParticipantStatus.ENDED and outcome is None:
        checker.add("outcome", label("outcome"), _("tell how the participation ended"))
    if status is not ParticipantStatus.ENDED and (outcome is not None or ended is not None):
        checker.add("status", label("status"), _("set the status to Ended to record an outcome"))
    values = {
        key: checker.check(key, label(key), validator, getattr(data, key))
        for key, validator in (
            ("postal_code", v.postal_code),
            ("email", v.email),
            ("phone", v.phone),
            ("guardian_phone", v.phone),
            ("guardian_email", v.email),
        )
    }
    return {
        "first_name": first,
        "last_name": last,
        "service_basis": service,
        "pay_basis": pay,
        "status": status,
        "outcome": outcome,
        "ended_on": ended,
        "date_of_birth": born,
        "identity_code": code,
        "hourly_pay": hourly,
        "iban": account,
        "weekly_limit_minutes": limit,
        "consent_date": consent,
        "consent_expires": expires,
        "consent_scope": data.consent_scope.strip(),
        "street": data.street.strip(),
        "city": data.city.strip(),
        "guardian_name": data.guardian_name.strip(),
        "transport_note": data.transport_note.strip(),
        "notes": data.notes.strip(),
        **{key: value or "" for key, value in values.items()},
    }


def _search(number: str, values: dict[str, Any]) -> str:
    return search_text(
        number,
        values["first_name"],
        values["last_name"],
        values["phone"],
        values["email"],
        values["city"],
    )


def _apply(checker: v.Checker, session: Session, row: Participant, data: ParticipantInput) -> None:
    values = _checked(checker, data)
    qualifications = _qualifications(checker, session, data.qualifications)
    checker.raise_if_any()

    for key, value in values.items():
        setattr(row, key, value)
    existing = {q.id: q for q in row.qualifications}
    kept = []
    for q_data, type_id, issued, expiry in qualifications:
        q = existing.get(q_data.id) if q_data.id is not None else None
        q = q or ParticipantQualification()
        q.qualification_type_id = type_id
        q.issued_on = issued
        q.expires_on = expiry
        kept.append(q)
    row.qualifications = kept
    row.search = _search(row.participant_number, values)


def _qualifications(
    checker: v.Checker, session: Session, items: list[QualificationInput]
) -> list[tuple[QualificationInput, int, Any, Any]]:
    if not items:
        return []
    known = set(session.scalars(select(QualificationType.id)))
    result = []
    for index, item in enumerate(items, start=1):
        key = f"qualifications.{index}"
        item_label = f"{label('qualification')} {index}"
        if item.qualification_type_id not in known:
            checker.add(key, item_label, _("choose one of the options"))
            continue
        issued = checker.check(key, item_label, v.date_value, item.issued_on)
        expiry = checker.check(key, item_label, v.date_value, item.expires_on)
        if issued and expiry and expiry < issued:
            checker.add(key, item_label, _("expires before it was issued"))
        assert item.qualification_type_id is not None
        result.append((item, item.qualification_type_id, issued, expiry))
    return result


def save_participant(
    store: Store, data: ParticipantInput, participant_id: int | None = None
) -> int:
    """Create (``participant_id`` None) or update a participant; returns its id."""
    with store.write() as tx:
        return save_participant_in(tx, data, participant_id)


def save_participant_in(
    tx: Transaction,
    data: ParticipantInput,
    participant_id: int | None = None,
    *,
    checker: v.Checker | None = None,
    taken_numbers: Container[str] | None = None,
    batch: bool = False,
) -> int:
    """:func:`save_participant` inside the caller's transaction (e.g. one import of many rows).

    ``checker`` may already hold problems the caller found (they are raised together with
    the form's own); ``taken_numbers``, when given, are the participant numbers already in
    use by others and replace the per-row uniqueness query.
    """
    checker = checker if checker is not None else v.Checker()
    with saving(tx, Participant, participant_id, participant_snapshot, batch=batch) as row:
        row.participant_number, taken = claim_number(
            tx.session,
            Participant.participant_number,
            data.participant_number,
            participant_id,
            taken_numbers,
        )
        if taken:
            checker.add(
                "participant_number",
                label("participant_number"),
                _("is already used by another participant"),
            )
        _apply(checker, tx.session, row, data)
    return row.id


def new_participant_values(
    data: ParticipantInput, *, checker: v.Checker, taken_numbers: Container[str]
) -> dict[str, Any]:
    """The column values of a new participant without qualifications (an import row),
    checked as :func:`save_participant_in` checks them, for a bulk insert: no ORM object,
    no query. ``data.participant_number`` must be given; ``taken_numbers`` are those in use.

    Raises :class:`~jobcenter_desktop.domain.validation.ValidationError` with the
    problems (and those already in ``checker``).
    """
    if data.qualifications:
        raise ValueError("a participant with qualifications is saved by save_participant_in")
    number = data.participant_number.strip()
    if not number:
        raise ValueError("new_participant_values needs the participant number")
    if number in taken_numbers:
        checker.add(
            "participant_number",
            label("participant_number"),
            _("is already used by another participant"),
        )
    values = _checked(checker, data)
    checker.raise_if_any()
    values["participant_number"] = number
    values["search"] = _search(number, values)
    return values


def participant_snapshot(row: Participant) -> dict[str, Any]:
    return participant_audit(snapshot(row), [snapshot(q) for q in row.qualifications])


def participant_audit(
    values: dict[str, Any], qualifications: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    """What the audit log keeps of a participant: its snapshot (``store.snapshot``, or
    ``bulk.Snapshots`` of a bulk insert) with its qualifications, the identity code masked."""
    if values.get("identity_code"):
        # The audit log is read by more people than the register: keep the code out of it.
        values["identity_code"] = v.mask_identity_code(values["identity_code"])
    values["qualifications"] = qualifications or []
    return values
