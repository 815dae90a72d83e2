"""A participant with qualifications, as typed in the form or imported."""

from __future__ import annotations

from dataclasses import dataclass, field

from jobcenter_desktop.domain.enums import ParticipantStatus, PayBasis, ServiceBasis


@dataclass
class QualificationInput:
    qualification_type_id: int | None = None
    issued_on: str = ""
    expires_on: str = ""
    id: int | None = None


@dataclass
class ParticipantInput:
    """A participant as typed in the form or read from an import file."""

    first_name: str = ""
    last_name: str = ""
    service_basis: str = ServiceBasis.REHABILITATIVE.value
    pay_basis: str = PayBasis.WAGE.value
    participant_number: str = ""
    date_of_birth: str = ""
    identity_code: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    hourly_pay: str = ""
    #: the account wages and allowances are paid to (any spacing; stored compact)
    iban: str = ""
    weekly_hour_limit: str = ""
    guardian_name: str = ""
    guardian_phone: str = ""
    guardian_email: str = ""
    consent_date: str = ""
    consent_scope: str = ""
    consent_expires: str = ""
    transport_note: str = ""
    status: str = ParticipantStatus.ACTIVE.value
    ended_on: str = ""
    outcome: str = ""
    notes: str = ""
    qualifications: list[QualificationInput] = field(default_factory=list)
