"""Benchmark: issuing a month's invoices, against the same PDFs drawn by a bare ReportLab loop.

    .venv/bin/python scripts/bench_invoices.py [--invoices 200]

Makes a store with N customers, each with a contract and a done gig of approved hours
in November 2026 (a crew of two and an instructor), then times the invoice run: the
backup, pricing, numbering, the PDF with barcode and QR code, the Finvoice file, the
snapshot and the invoiced marks, in one transaction. The floor, measured in the same
run on the same machine, is the same N PDFs drawn again from the issued documents by
a plain loop over the ReportLab renderer. The machine is shared and noisy: the ratio
means something, a single time does not. The issue's target is at most 1.5 × the floor.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.documents.invoice_pdf import invoice_pdf
from jobcenter_desktop.queries.invoices import invoice_document
from jobcenter_desktop.services.invoicing.issuing import issue_run
from jobcenter_desktop.services.invoicing.pricing import Period
from tests.invoicing_data import (
    People,
    approved_gig,
    company,
    invoicing_centre,
    priced_contract,
)


def filled(folder: Path, count: int) -> Store:
    store = Store.open(folder / "jobcenter.db", folder / "backups", actor="benchmark")
    invoicing_centre(store)
    people = People(store)
    for number in range(count):
        if number and number % 27 == 0:
            people = People(store)  # one gig a day each: the next crew for the next round
        customer = company(store, name=f"Asiakas {number:03d} Oy")
        contract = priced_contract(store, customer, travel_fee="7,50")
        approved_gig(store, contract, date(2026, 11, 2 + number % 27), people)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        store = filled(Path(name), args.invoices)
        try:
            started = time.perf_counter()
            issued = issue_run(store, Period.month("2026-11"), issue_date=date(2026, 12, 1))
            run = time.perf_counter() - started
            documents = [invoice_document(store, invoice.number) for invoice in issued]
            started = time.perf_counter()
            for document in documents:
                assert document is not None
                invoice_pdf(document)
            floor = time.perf_counter() - started
        finally:
            store.close()
    count = len(issued)
    print(f"invoices issued: {count}")
    print(f"invoice run:     {run:6.2f} s  {count / run:6.1f} invoices/s")
    print(f"bare ReportLab:  {floor:6.2f} s  {count / floor:6.1f} PDFs/s (the floor)")
    print(f"ratio:           {run / floor:6.2f} × the floor (target at most 1.5 ×)")


if __name__ == "__main__":
    main()
