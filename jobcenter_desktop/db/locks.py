"""The store's locks on approved hours: the triggers' names and messages.

The triggers themselves are made by the migrations (0004, then 0007 for the whole
approved record); this module names the ones the program's schema must have, so
that ``check`` can report a missing one, and the stable messages they raise, which
the services recognise and turn into translated sentences. A migration that adds,
renames or drops a lock trigger updates :data:`LOCK_TRIGGERS` too.
"""

from __future__ import annotations

#: An approved timesheet entry would change or be deleted (only reopening may clear it).
ENTRY_LOCKED = "timesheet entry is approved"
#: A gig with approved hours would be moved, cancelled, re-staffed or deleted.
GIG_LOCKED = "gig has approved hours"
#: An issued invoice, a payment, a reminder or a billed line would change (0008).
INVOICE_ISSUED = "invoice is issued"
#: An invoice number not next in the series, or the next number set at or below an issued one.
OUT_OF_SERIES = "invoice number out of series"
#: The hours of an invoiced gig would be reopened, or the gig changed or deleted.
GIG_INVOICED = "gig is invoiced"
#: A confirmed pay run, its lines or its allowance days would change or be deleted (0010).
PAY_RUN_CONFIRMED = "pay run is confirmed"
#: A pay run number that is not the last one plus one.
PAY_RUN_OUT_OF_SERIES = "pay run number out of series"
#: A timesheet entry a pay run paid would be reopened, changed or deleted.
ENTRY_PAID = "timesheet entry is paid"
#: An attendance day whose allowance a pay run paid would be changed or deleted.
ATTENDANCE_PAID = "attendance day is paid"

#: The lock triggers of the program's schema, by database dialect.
LOCK_TRIGGERS: dict[str, tuple[str, ...]] = {
    "sqlite": (
        "timesheet_entry_locked_update",
        "timesheet_entry_locked_delete",
        "gig_locked_update",
        "gig_locked_delete",
        "gig_participant_locked_insert",
        "gig_participant_locked_update",
        "gig_participant_locked_delete",
        "gig_instructor_locked_insert",
        "gig_instructor_locked_update",
        "gig_instructor_locked_delete",
        "invoice_issued_update",
        "invoice_issued_delete",
        "payment_issued_update",
        "payment_issued_delete",
        "reminder_issued_update",
        "reminder_issued_delete",
        "invoice_number_in_series",
        "centre_next_invoice_number",
        "extra_line_issued_update",
        "extra_line_issued_delete",
        "invoiced_gig_issued_update",
        "invoiced_gig_issued_delete",
        "timesheet_entry_invoiced",
        "gig_invoiced_update",
        "gig_invoiced_delete",
        "pay_run_confirmed_update",
        "pay_run_confirmed_delete",
        "pay_run_line_confirmed_update",
        "pay_run_line_confirmed_delete",
        "pay_run_allowance_confirmed_update",
        "pay_run_allowance_confirmed_delete",
        "pay_run_number_in_series",
        "timesheet_entry_paid_update",
        "timesheet_entry_paid_delete",
        "attendance_paid_update",
        "attendance_paid_delete",
    ),
    "postgresql": (
        "timesheet_entry_locked",
        "gig_locked",
        "gig_participant_locked",
        "gig_instructor_locked",
        "invoice_issued",
        "payment_issued",
        "reminder_issued",
        "invoice_number_in_series",
        "centre_next_invoice_number",
        "extra_line_issued",
        "invoiced_gig_issued",
        "timesheet_entry_invoiced",
        "gig_invoiced",
        "pay_run_confirmed",
        "pay_run_line_confirmed",
        "pay_run_allowance_confirmed",
        "pay_run_number_in_series",
        "timesheet_entry_paid",
        "attendance_paid",
    ),
}
