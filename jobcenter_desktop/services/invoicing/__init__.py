"""Invoicing: drafts priced from approved hours, the invoice run, credit notes, payments,
reminders and the household statement."""
