"""The closed vocabularies of the registers, stored by their code value.

Each enum's ``label`` is the text shown on screen and on paper, translated.
"""

from __future__ import annotations

from enum import StrEnum

from jobcenter_desktop.i18n import N_, gettext


class Labelled(StrEnum):
    """A StrEnum whose members carry a translatable label."""

    @property
    def label(self) -> str:
        return gettext(_LABELS[self])

    @classmethod
    def parse(cls, text: str) -> Labelled | None:
        """Find a member by code or by its label in any language (case-insensitive)."""
        folded = text.strip().casefold()
        for member in cls:
            if folded in (
                member.value.casefold(),
                member.label.casefold(),
                _LABELS[member].casefold(),
            ):
                return member
        return None


class VatStatus(Labelled):
    REGISTERED = "registered"
    NOT_LIABLE = "not_liable"


class CustomerType(Labelled):
    COMPANY = "company"
    ASSOCIATION = "association"
    PARISH = "parish"
    PUBLIC = "public"
    HOUSEHOLD = "household"

    @property
    def is_organisation(self) -> bool:
        return self is not CustomerType.HOUSEHOLD


class InvoiceLanguage(Labelled):
    FI = "fi"
    SV = "sv"
    EN = "en"


class InvoiceDetail(Labelled):
    """How a customer's invoice lists the work: a line per gig date, or per contract and month."""

    PER_GIG = "per_gig"
    PER_MONTH = "per_month"


class ServiceBasis(Labelled):
    REHABILITATIVE = "rehabilitative"
    DISABILITY = "disability"
    SPECIAL_CARE = "special_care"
    OTHER = "other"


class PayBasis(Labelled):
    WAGE = "wage"
    FEE = "fee"
    CUSTOMER_EMPLOYED = "customer_employed"
    NONE = "none"


class ParticipantStatus(Labelled):
    ACTIVE = "active"
    PAUSED = "paused"
    ENDED = "ended"


class Outcome(Labelled):
    OPEN_LABOUR_MARKET = "open_labour_market"
    HIRED_BY_CUSTOMER = "hired_by_customer"
    STUDIES = "studies"
    WORK_ACTIVITY_ONLY = "work_activity_only"
    OTHER = "other"


class TaskType(Labelled):
    CLEANING = "cleaning"
    YARD_WORK = "yard_work"
    MOVING = "moving"
    PROPERTY_MAINTENANCE = "property_maintenance"
    KITCHEN_LAUNDRY = "kitchen_laundry"
    PACKING_ASSEMBLY = "packing_assembly"
    OTHER = "other"


class VatTreatment(Labelled):
    """How VAT applies to a contract: a rate category, or no VAT with a reason."""

    GENERAL = "general"
    FOOD = "food"
    REDUCED = "reduced"
    EXEMPT = "exempt"
    OUTSIDE = "outside"

    @property
    def needs_reason(self) -> bool:
        return self in (VatTreatment.EXEMPT, VatTreatment.OUTSIDE)


class ContractStatus(Labelled):
    DRAFT = "draft"
    ACTIVE = "active"
    ENDED = "ended"


class Weekday(Labelled):
    MON = "mon"
    TUE = "tue"
    WED = "wed"
    THU = "thu"
    FRI = "fri"
    SAT = "sat"
    SUN = "sun"

    @property
    def number(self) -> int:
        """Monday is 0, as in ``date.weekday()``."""
        return list(Weekday).index(self)


class GigStatus(Labelled):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED_BY_CUSTOMER = "cancelled_by_customer"
    CANCELLED_BY_CENTRE = "cancelled_by_centre"

    @property
    def is_cancelled(self) -> bool:
        return self in (GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE)


class AttendanceStatus(Labelled):
    """A participant's work-activity day: present (with allowance), absent, or on paid work."""

    PRESENT = "present"
    ABSENT = "absent"
    PAID_WORK = "paid_work"


_LABELS: dict[Labelled, str] = {
    VatStatus.REGISTERED: N_("VAT registered"),
    VatStatus.NOT_LIABLE: N_("Not liable for VAT"),
    CustomerType.COMPANY: N_("Company"),
    CustomerType.ASSOCIATION: N_("Association"),
    CustomerType.PARISH: N_("Parish"),
    CustomerType.PUBLIC: N_("Public unit"),
    CustomerType.HOUSEHOLD: N_("Household"),
    InvoiceLanguage.FI: N_("Finnish"),
    InvoiceLanguage.SV: N_("Swedish"),
    InvoiceLanguage.EN: N_("English"),
    InvoiceDetail.PER_GIG: N_("A line per gig date"),
    InvoiceDetail.PER_MONTH: N_("Summarised per contract and month"),
    ServiceBasis.REHABILITATIVE: N_("Rehabilitative work activity"),
    ServiceBasis.DISABILITY: N_("Disability work activity (Social Welfare Act)"),
    ServiceBasis.SPECIAL_CARE: N_("Work activity (Special Care Act)"),
    ServiceBasis.OTHER: N_("Other"),
    PayBasis.WAGE: N_("Wage paid by the centre"),
    PayBasis.FEE: N_("Fee through an invoicing service"),
    PayBasis.CUSTOMER_EMPLOYED: N_("Employed by the customer"),
    PayBasis.NONE: N_("No pay"),
    ParticipantStatus.ACTIVE: N_("Active"),
    ParticipantStatus.PAUSED: N_("Paused"),
    ParticipantStatus.ENDED: N_("Ended"),
    Outcome.OPEN_LABOUR_MARKET: N_("Open labour market"),
    Outcome.HIRED_BY_CUSTOMER: N_("Hired by a customer"),
    Outcome.STUDIES: N_("Studies"),
    Outcome.WORK_ACTIVITY_ONLY: N_("Work activity only"),
    Outcome.OTHER: N_("Other outcome"),
    TaskType.CLEANING: N_("Cleaning"),
    TaskType.YARD_WORK: N_("Yard work"),
    TaskType.MOVING: N_("Moving"),
    TaskType.PROPERTY_MAINTENANCE: N_("Property maintenance"),
    TaskType.KITCHEN_LAUNDRY: N_("Kitchen or laundry assistance"),
    TaskType.PACKING_ASSEMBLY: N_("Packing and assembly"),
    TaskType.OTHER: N_("Other task"),
    VatTreatment.GENERAL: N_("VAT, general rate"),
    VatTreatment.FOOD: N_("VAT, food and catering rate"),
    VatTreatment.REDUCED: N_("VAT, reduced rate"),
    VatTreatment.EXEMPT: N_("Exempt from VAT"),
    VatTreatment.OUTSIDE: N_("Outside the scope of VAT"),
    ContractStatus.DRAFT: N_("Draft"),
    ContractStatus.ACTIVE: N_("Active"),
    ContractStatus.ENDED: N_("Ended"),
    Weekday.MON: N_("Mon"),
    Weekday.TUE: N_("Tue"),
    Weekday.WED: N_("Wed"),
    Weekday.THU: N_("Thu"),
    Weekday.FRI: N_("Fri"),
    Weekday.SAT: N_("Sat"),
    Weekday.SUN: N_("Sun"),
    GigStatus.PLANNED: N_("Planned"),
    GigStatus.DONE: N_("Done"),
    GigStatus.CANCELLED_BY_CUSTOMER: N_("Cancelled by the customer"),
    GigStatus.CANCELLED_BY_CENTRE: N_("Cancelled by the centre"),
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.ABSENT: N_("Absent"),
    AttendanceStatus.PAID_WORK: N_("On paid work"),
}
