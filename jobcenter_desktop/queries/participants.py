"""Participant list rows and form contents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from jobcenter_desktop.db.models import Participant, QualificationType
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import ParticipantStatus, PayBasis, ServiceBasis
from jobcenter_desktop.domain.qualifications import BUILT_IN_NAMES, display_name
from jobcenter_desktop.domain.validation import format_iban
from jobcenter_desktop.forms.participants import ParticipantInput, QualificationInput
from jobcenter_desktop.i18n.formatting import format_date, format_decimal, format_hours


@dataclass(frozen=True, slots=True)
class ParticipantRow:
    id: int
    participant_number: str
    last_name: str
    first_name: str
    service_basis: ServiceBasis
    pay_basis: PayBasis
    status: ParticipantStatus
    city: str
    phone: str
    archived: bool
    search: str


def list_participants(store: Store, include_archived: bool = False) -> list[ParticipantRow]:
    p = Participant
    query = select(
        p.id,
        p.participant_number,
        p.last_name,
        p.first_name,
        p.service_basis,
        p.pay_basis,
        p.status,
        p.city,
        p.phone,
        p.archived_at.isnot(None),
        p.search,
    ).order_by(p.last_name, p.first_name, p.id)
    if not include_archived:
        query = query.where(p.archived_at.is_(None))
    with store.read() as session:
        return [ParticipantRow(*row) for row in session.execute(query)]


def _text(value: date | None) -> str:
    return format_date(value) if value else ""


def load_participant(store: Store, participant_id: int) -> ParticipantInput:
    """The participant as the form shows it, every value already formatted."""
    with store.read() as session:
        row = get(session, Participant, participant_id)
        return ParticipantInput(
            participant_number=row.participant_number,
            first_name=row.first_name,
            last_name=row.last_name,
            date_of_birth=_text(row.date_of_birth),
            identity_code=row.identity_code or "",
            phone=row.phone,
            email=row.email,
            street=row.street,
            postal_code=row.postal_code,
            city=row.city,
            service_basis=row.service_basis.value,
            pay_basis=row.pay_basis.value,
            hourly_pay=format_decimal(row.hourly_pay) if row.hourly_pay is not None else "",
            iban=format_iban(row.iban) if row.iban else "",
            weekly_hour_limit=(
                format_hours(row.weekly_limit_minutes)
                if row.weekly_limit_minutes is not None
                else ""
            ),
            guardian_name=row.guardian_name,
            guardian_phone=row.guardian_phone,
            guardian_email=row.guardian_email,
            consent_date=_text(row.consent_date),
            consent_scope=row.consent_scope,
            consent_expires=_text(row.consent_expires),
            transport_note=row.transport_note,
            status=row.status.value,
            ended_on=_text(row.ended_on),
            outcome=row.outcome.value if row.outcome else "",
            notes=row.notes,
            qualifications=[
                QualificationInput(
                    qualification_type_id=q.qualification_type_id,
                    issued_on=_text(q.issued_on),
                    expires_on=_text(q.expires_on),
                    id=q.id,
                )
                for q in row.qualifications
            ],
        )


# The names of the built-in catalogue entries (seeded by migration 0001), for translation.
BUILT_IN_QUALIFICATIONS = tuple(BUILT_IN_NAMES.values())


@dataclass(frozen=True, slots=True)
class QualificationTypeRow:
    id: int
    code: str
    name: str
    archived: bool = False


def list_qualification_types(
    store: Store, include_archived: bool = False
) -> list[QualificationTypeRow]:
    """The catalogue, archived entries only when asked; built-in names are shown translated."""
    q = QualificationType
    query = select(q.id, q.code, q.name, q.archived_at.isnot(None)).order_by(q.id)
    if not include_archived:
        query = query.where(q.archived_at.is_(None))
    with store.read() as session:
        return [
            QualificationTypeRow(type_id, code, display_name(code, name), bool(archived))
            for type_id, code, name, archived in session.execute(query)
        ]
