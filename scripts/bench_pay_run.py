"""Speed of a pay run (issue 10, item 8): 60 participants, a month, with all its files.

    .venv/bin/python scripts/bench_pay_run.py

Builds a store through the services: 60 participants (wage and fee basis, with IBANs),
gigs of six people on the month's weekdays with their hours approved (about 20 entries
a person), and every participant's days present in the attendance register. Then times
the preview (files written, nothing stored) and the confirmed run (backup, one
transaction, the payroll export .csv/.xlsx, the fee list, the summary, the allowance
list and the SEPA file), beside a floor: writing the same CSV rows plainly with the
``csv`` module. Target: the confirmed run under 3 s on this 2-core machine.
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jobcenter_desktop.db.store import Store  # noqa: E402
from jobcenter_desktop.interchange.payroll_export import (  # noqa: E402
    confirm_pay_run,
    preview_pay_run,
)
from jobcenter_desktop.services.pay.accounts import set_participant_iban  # noqa: E402
from jobcenter_desktop.services.planning.gigs import add_gig, assign  # noqa: E402
from jobcenter_desktop.services.timesheets.attendance import record_attendance  # noqa: E402
from jobcenter_desktop.services.timesheets.entries import (  # noqa: E402
    EntryInput,
    approve,
    mark_done,
    record_entries,
)
from tests.builders import make_participant  # noqa: E402
from tests.invoicing_data import invoicing_centre, priced_contract  # noqa: E402

PEOPLE = 60
CREW = 6
START, END = date(2026, 11, 1), date(2026, 11, 30)
IBANS = ("FI2112345600000785", "FI5542345670000081", "FI7944052020036082")


def build(store: Store) -> None:
    invoicing_centre(store)
    contract = priced_contract(store)
    people = []
    for n in range(PEOPLE):
        pid = make_participant(
            store,
            first_name=f"Henkilö{n}",
            last_name="Testinen",
            pay_basis="fee" if n % 4 == 0 else "wage",
        )
        people.append(pid)
        if n % 10 != 9:  # every tenth without an IBAN
            from jobcenter_desktop.db.models import Participant

            with store.read() as session:
                number = session.get_one(Participant, pid).participant_number
            set_participant_iban(store, number, IBANS[n % len(IBANS)])
    weekdays = [
        START + timedelta(days=d)
        for d in range((END - START).days + 1)
        if (START + timedelta(days=d)).weekday() < 5
    ]
    for day in weekdays:
        for group in range(PEOPLE // CREW):
            crew = people[group * CREW : (group + 1) * CREW]
            gig = add_gig(store, contract, day, clock(8 + group % 2 * 4), 180)
            assign(store, gig, crew, [])
            start = 8 + group % 2 * 4
            record_entries(
                store,
                gig,
                [EntryInput(participant_id=p, start=str(start), end=str(start + 3)) for p in crew],
            )
            mark_done(store, gig)
            approve(store, gig_id=gig)
    for pid in people:
        for day in weekdays[::2]:
            record_attendance(store, pid, day, "present", "12,00" if pid % 3 else "14,00")


def floor(rows: int, folder: Path) -> float:
    began = time.perf_counter()
    with (folder / "floor.csv").open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["person_number", "name", "hours", "hourly_pay", "gross", "start", "end"])
        for n in range(rows):
            writer.writerow([str(n), f"Henkilö{n} Testinen", "60.00", "10.00", "600.00", "", ""])
    return time.perf_counter() - began


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        store = Store.open(folder / "jobcenter.db", folder / "backups", actor="bench")
        try:
            began = time.perf_counter()
            build(store)
            print(f"built the store in {time.perf_counter() - began:.1f} s")
            began = time.perf_counter()
            shown = preview_pay_run(store, START, END, folder / "preview")
            previewed = time.perf_counter() - began
            began = time.perf_counter()
            done = confirm_pay_run(store, START, END, folder / "run")
            confirmed = time.perf_counter() - began
        finally:
            store.close()
        plain = floor(PEOPLE * 3, folder)
        print(
            f"{len(shown.plan.people)} participants, {len(done.plan.lines)} entries, "
            f"{len(done.plan.allowances)} attendance days, {len(done.files)} files"
        )
        print(f"pay run preview with files:   {previewed * 1000:7.0f} ms")
        print(f"pay run confirmed with files: {confirmed * 1000:7.0f} ms  (target < 3000 ms)")
        print(f"floor: the same CSV rows written plainly: {plain * 1000:.1f} ms")


if __name__ == "__main__":
    main()
