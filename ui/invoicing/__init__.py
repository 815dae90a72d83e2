"""The invoicing area (Laskutus): the month's drafts, the invoice run and the issued invoices."""
