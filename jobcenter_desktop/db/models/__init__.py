"""The tables of the store, as SQLAlchemy 2 typed models.

Money columns are ``Money`` (integer cents), durations integer minutes, enums
their code strings. Register rows are archived (``archived_at``), not deleted,
once anything refers to them; references use ``ON DELETE RESTRICT`` so the
store itself refuses to orphan anything, owned detail rows cascade.

One module per aggregate; every model is importable from here.
"""

from __future__ import annotations

from jobcenter_desktop.db.models.audit import AuditEntry
from jobcenter_desktop.db.models.base import NAMING, Archivable, Base, Timestamps
from jobcenter_desktop.db.models.centre import BankAccount, Centre, ClosureDay, QualificationType
from jobcenter_desktop.db.models.contracts import Contract, contract_qualification
from jobcenter_desktop.db.models.customers import ContactPerson, Customer, WorkSite
from jobcenter_desktop.db.models.gigs import (
    CrewTemplate,
    Gig,
    crew_template_member,
    gig_instructor,
    gig_participant,
)
from jobcenter_desktop.db.models.invoices import (
    ExtraLine,
    InterestRateRow,
    Invoice,
    InvoicedGig,
    Payment,
    Reminder,
    VatRateRow,
)
from jobcenter_desktop.db.models.pay import (
    BenefitRule,
    ParticipantBenefit,
    PayRate,
    PayRun,
    PayRunAllowance,
    PayRunLine,
)
from jobcenter_desktop.db.models.people import Instructor, Participant, ParticipantQualification
from jobcenter_desktop.db.models.timesheets import Attendance, TimesheetEntry

__all__ = [
    "NAMING",
    "Archivable",
    "Attendance",
    "AuditEntry",
    "BankAccount",
    "Base",
    "BenefitRule",
    "Centre",
    "ClosureDay",
    "ContactPerson",
    "Contract",
    "CrewTemplate",
    "Customer",
    "ExtraLine",
    "Gig",
    "Instructor",
    "InterestRateRow",
    "Invoice",
    "InvoicedGig",
    "Participant",
    "ParticipantBenefit",
    "ParticipantQualification",
    "PayRate",
    "PayRun",
    "PayRunAllowance",
    "PayRunLine",
    "Payment",
    "QualificationType",
    "Reminder",
    "TimesheetEntry",
    "Timestamps",
    "VatRateRow",
    "WorkSite",
    "contract_qualification",
    "crew_template_member",
    "gig_instructor",
    "gig_participant",
]
