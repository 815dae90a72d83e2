"""The words for invoice states, ageing buckets, line kinds and units, in the UI language."""

from __future__ import annotations

from jobcenter_desktop.domain.invoices import AgeingBucket, InvoiceStatus, LineKind, Unit
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _

STATUS = {
    InvoiceStatus.OPEN: N_("Open"),
    InvoiceStatus.OVERDUE: N_("Overdue"),
    InvoiceStatus.PAID: N_("Paid"),
    InvoiceStatus.CREDITED: N_("Credited"),
    InvoiceStatus.CREDIT_NOTE: N_("Credit note"),
}
AGEING = {
    AgeingBucket.NOT_DUE: N_("Not yet due"),
    AgeingBucket.DAYS_0_14: N_("0–14 days overdue"),
    AgeingBucket.DAYS_15_30: N_("15–30 days overdue"),
    AgeingBucket.DAYS_31_60: N_("31–60 days overdue"),
    AgeingBucket.OVER_60: N_("Over 60 days overdue"),
}
LINE_KIND = {
    LineKind.WORKER_HOURS: N_("Work"),
    LineKind.INSTRUCTOR_HOURS: N_("Instructor"),
    LineKind.VISIT: N_("Visit"),
    LineKind.MINIMUM: N_("Minimum charge"),
    LineKind.TRAVEL: N_("Travel fee"),
    LineKind.CANCELLATION: N_("Cancellation"),
    LineKind.MATERIAL: N_("Materials"),
    LineKind.OTHER: N_("Other"),
}
UNIT = {
    Unit.HOUR: N_("h"),
    Unit.VISIT: N_("visit"),
    Unit.PIECE: N_("pcs"),
    Unit.KILOMETRE: N_("km"),
}


def status_label(status: InvoiceStatus) -> str:
    return _(STATUS[status])


def ageing_label(bucket: AgeingBucket) -> str:
    return _(AGEING[bucket])


def line_kind_label(kind: LineKind) -> str:
    return _(LINE_KIND[kind])


def unit_label(unit: Unit) -> str:
    return _(UNIT[unit])
