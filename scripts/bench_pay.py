"""Speed of a month's pay work on a ten-year store, each figure beside its floor (issue 10,
item 8: a pay run for 60 participants with all its files under 3 s; the forecast of a
40-person people list without a visible delay).

    .venv/bin/python scripts/benchmark.py --only pay [--big FOLDER]
    .venv/bin/python scripts/bench_pay.py [--big FOLDER]

On a copy of the ten-year store (``scripts/make_big_store.py``'s, built here unless
``--big`` names one already built): every participant with hours or days present in
its last full month (the month before the first hours not approved yet; about 65
people) gets a made-up IBAN (nine in ten) and the centre pays the wages itself, so
the bank file carries allowances and wages. Then, in one run:

- the pay run's preview with all its files (payroll .csv/.xlsx, fee list, summary,
  allowance list, SEPA file), best of three;
- the backup a confirmed run takes first (``backup_before``: the copy and its
  integrity check), best of two;
- the confirmed run with all its files (the backup, one transaction, the files), once
  (a second run would pay nothing);
- the month's statements (one PDF per participant and the batch), best of two;

each beside a floor: the run beside plain ``sqlite3`` reading the month's approved
entries and days present; the backup beside plain ``sqlite3`` copying the store with
the backup API, unchecked (the confirmed run beside both); the statements beside plain
ReportLab writing as many one-page files of 24 lines of 16 pt text and a batch of the
same pages.

And the forecast of the planner's people list (``queries.earnings.month_forecasts``
with each person's ``earnings()``, as the week view asks it) for 40 participants booked
in the store's current month (the month of the Thursday of the week of the first gig
still planned), each given a benefit profile (Kela pension, unemployment benefit, an
earnings-related pension with a personal limit, housing allowance), best of five,
beside plain ``sqlite3`` reading those people's entries and bookings of the month.

And the planner's crew dialog (``ui.planner.crew_dialog.CrewDialog``) opened, offscreen,
on the busiest gig of that week (the biggest crew; of those, the most with a profile) with
everyone the week view lists, as the week view opens it: from constructing it to it
shown with its table filled and its forecast lines written (events processed), best of
ten (the machine is shared: five were often not enough for one quiet run), beside a
bare ``QDialog`` with a ``QTableWidget`` of as many rows filled and shown.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.bench_stores import Figure, plain  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PEOPLE_ON_LIST = 40
#: how many times the crew dialog (and its floor) is opened; the best counts
DIALOG_ROUNDS = 10
BENEFITS = (
    ("kela_disability_pension", None),
    ("kela_disability_pension", None),
    ("unemployment_benefit", None),
    ("earnings_related_pension", "900,00"),
    ("housing_allowance", None),
)


def _best(repeat: int, work: Callable[[int], Any]) -> float:
    """The best of ``repeat`` runs of ``work(round)``, in milliseconds."""
    best = float("inf")
    for round_ in range(repeat):
        started = time.perf_counter()
        work(round_)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def _month_after(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def last_full_month(database: Path) -> tuple[date, date]:
    """The first and last day of the last month whose hours are all approved."""
    with plain(database) as db:
        first_open, last_approved = db.execute(
            "SELECT (SELECT min(g.day) FROM timesheet_entry e JOIN gig g ON g.id = e.gig_id"
            "        WHERE e.approved_at IS NULL AND e.participant_id IS NOT NULL),"
            "       (SELECT max(g.day) FROM timesheet_entry e JOIN gig g ON g.id = e.gig_id"
            "        WHERE e.approved_at IS NOT NULL)"
        ).fetchone()
    if first_open is None:
        start = date.fromisoformat(last_approved).replace(day=1)
    else:
        start = (date.fromisoformat(first_open).replace(day=1) - timedelta(days=1)).replace(day=1)
    return start, _month_after(start) - timedelta(days=1)


def current_week(database: Path) -> date:
    """The Monday of the store's current week: the week of the first gig still planned."""
    with plain(database) as db:
        (first_planned,) = db.execute(
            "SELECT min(day) FROM gig WHERE status = 'planned'"
        ).fetchone()
    day = date.fromisoformat(first_planned)
    return day - timedelta(days=day.weekday())


def current_month(database: Path) -> tuple[int, int]:
    """The month the planner's people list shows on the week of the first gig planned."""
    thursday = current_week(database) + timedelta(days=3)
    return thursday.year, thursday.month


def month_people(database: Path, start: date, end: date) -> list[str]:
    """The numbers of the participants with approved hours or a day present in the period."""
    with plain(database) as db:
        rows = db.execute(
            "SELECT participant_number FROM participant WHERE id IN ("
            " SELECT e.participant_id FROM timesheet_entry e JOIN gig g ON g.id = e.gig_id"
            " WHERE e.approved_at IS NOT NULL AND g.day BETWEEN ? AND ?"
            " UNION SELECT participant_id FROM attendance"
            " WHERE status = 'present' AND day BETWEEN ? AND ?)",
            (start.isoformat(), end.isoformat(), start.isoformat(), end.isoformat()),
        ).fetchall()
    return [number for (number,) in rows]


def booked_people(database: Path, year: int, month: int, count: int) -> list[tuple[int, str]]:
    """The ``count`` participants with the most gigs booked in the month (id, number)."""
    start = date(year, month, 1)
    end = _month_after(start) - timedelta(days=1)
    with plain(database) as db:
        rows = db.execute(
            "SELECT p.id, p.participant_number FROM gig_participant gp"
            " JOIN gig g ON g.id = gp.gig_id JOIN participant p ON p.id = gp.participant_id"
            " WHERE g.day BETWEEN ? AND ? GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT ?",
            (start.isoformat(), end.isoformat(), count),
        ).fetchall()
    return [(int(pid), str(number)) for pid, number in rows]


def prepare(database: Path, numbers: list[str], listed: list[tuple[int, str]]) -> None:
    """IBANs for nine in ten of the month's people, wages paid by the centre, and a
    benefit profile for each person on the list (through the services, as a user would)."""
    from jobcenter_desktop.db.store import Store
    from jobcenter_desktop.demo.registers import make_iban
    from jobcenter_desktop.services.pay.accounts import set_participant_iban
    from jobcenter_desktop.services.pay.benefits import set_benefit

    with sqlite3.connect(database) as db:
        db.execute("UPDATE centre SET pays_wages_itself = 1")
    db.close()
    rng = random.Random(7)
    store = Store.open(database, actor="bench")
    try:
        for index, number in enumerate(numbers):
            if index % 10 != 9:
                set_participant_iban(store, number, make_iban(rng, "5"))
        for index, (_pid, number) in enumerate(listed):
            benefit, limit = BENEFITS[index % len(BENEFITS)]
            set_benefit(store, number, benefit, limit)
    finally:
        store.close()


def plain_month_ms(database: Path, start: date, end: date) -> float:
    """Best of three: plain ``sqlite3`` reading the period's approved entries (with the
    gig's day, the contract's rate and the person's pay) and its days present."""
    period = (start.isoformat(), end.isoformat())

    def read(_round: int) -> None:
        with plain(database) as db:
            db.execute(
                "SELECT e.id, e.participant_id, e.gig_id, e.worked_minutes, g.day, c.pay_rate,"
                " p.pay_basis, p.hourly_pay FROM timesheet_entry e"
                " JOIN gig g ON g.id = e.gig_id JOIN contract c ON c.id = g.contract_id"
                " JOIN participant p ON p.id = e.participant_id"
                " WHERE e.approved_at IS NOT NULL AND g.day BETWEEN ? AND ?",
                period,
            ).fetchall()
            db.execute(
                "SELECT id, participant_id, day, allowance FROM attendance"
                " WHERE status = 'present' AND day BETWEEN ? AND ?",
                period,
            ).fetchall()

    return _best(3, read)


def plain_forecast_ms(database: Path, ids: list[int], year: int, month: int) -> float:
    """Best of five: plain ``sqlite3`` reading the month's entries and bookings by the
    gigs' days and keeping those of the people."""
    start = date(year, month, 1)
    end = _month_after(start) - timedelta(days=1)
    period = (start.isoformat(), end.isoformat())
    people = set(ids)

    def read(_round: int) -> None:
        with plain(database) as db:
            entries = db.execute(
                "SELECT e.participant_id, e.gig_id, e.worked_minutes, e.approved_at, g.day"
                " FROM gig g CROSS JOIN timesheet_entry e ON e.gig_id = g.id"
                " WHERE g.day BETWEEN ? AND ?",
                period,
            )
            [row for row in entries if row[0] in people]
            bookings = db.execute(
                "SELECT gp.participant_id, g.id, g.day, g.duration_minutes"
                " FROM gig g CROSS JOIN gig_participant gp ON gp.gig_id = g.id"
                " WHERE g.day BETWEEN ? AND ?",
                period,
            )
            [row for row in bookings if row[0] in people]

    return _best(5, read)


def busiest_gig(store: Any, monday: date, profiled: set[int]) -> Any:
    """The week's gig (not cancelled) with the biggest crew; of those, the one with the
    most people with a benefit profile on it, then a planned one (the planner's ``GigRow``)."""
    from jobcenter_desktop.domain.enums import GigStatus
    from jobcenter_desktop.queries.gigs import list_gigs

    gigs = [
        gig
        for gig in list_gigs(store, monday, monday + timedelta(days=6))
        if not gig.status.is_cancelled
    ]
    return max(
        gigs,
        key=lambda gig: (
            len(gig.participants) + len(gig.instructors),
            sum(member.id in profiled for member in gig.participants),
            gig.status is GigStatus.PLANNED,
        ),
    )


def _shown_ms(
    repeat: int, make: Callable[[], Any], read: Callable[[Any], Any]
) -> tuple[float, Any]:
    """Best of ``repeat``: milliseconds from ``make()`` (a dialog) to it shown, its events
    processed; and ``read`` of the last dialog, before it is closed (not timed)."""
    from scripts.bench_stores import _app

    app = _app()
    best = float("inf")
    seen = None
    for _round in range(repeat):
        started = time.perf_counter()
        dialog = make()
        dialog.show()
        app.processEvents()
        best = min(best, (time.perf_counter() - started) * 1000)
        seen = read(dialog)
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    return best, seen


def crew_dialog_figure(store: Any, monday: date, profiled: set[int]) -> Figure:
    """Best of ten: the planner's crew dialog opened on the week's busiest gig (its table
    filled, its forecast lines written), as the week view opens it (everyone it lists),
    beside a bare ``QDialog`` with a ``QTableWidget`` of as many rows filled and shown."""
    from PySide6.QtWidgets import QDialog, QTableWidget, QTableWidgetItem, QVBoxLayout

    from jobcenter_desktop.queries.people import list_people
    from ui.planner.crew_dialog import CrewDialog

    gig = busiest_gig(store, monday, profiled)
    people = list_people(store)
    opened, (names, columns, lines) = _shown_ms(
        DIALOG_ROUNDS,
        lambda: CrewDialog(gig, people, store),
        lambda dialog: (
            [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())],
            dialog.proxy.columnCount(),
            len(dialog.forecast_lines),
        ),
    )

    def bare() -> QDialog:
        dialog = QDialog()
        dialog.resize(1000, 620)
        table = QTableWidget(len(names), columns)
        for row, name in enumerate(names):
            for column in range(columns):
                table.setItem(row, column, QTableWidgetItem(name))
        QVBoxLayout(dialog).addWidget(table)
        return dialog

    floor, _rows = _shown_ms(DIALOG_ROUNDS, bare, lambda dialog: None)
    crew = len(gig.participants) + len(gig.instructors)
    day = gig.day
    return Figure(
        "crew dialog: open on the week's busiest gig",
        opened,
        floor,
        "ms",
        f"{day.day}.{day.month}.{day.year}, crew of {crew}, {len(names)} rows, "
        f"{lines} forecast lines",
    )


def plain_copy_ms(database: Path, folder: Path) -> float:
    """Best of two: plain ``sqlite3`` copying the store with the backup API, unchecked."""

    def copy(round_: int) -> None:
        target = folder / f"plain-copy-{round_}.db"
        with plain(database) as source, plain(target) as destination:
            source.backup(destination)
        target.unlink()

    return _best(2, copy)


def backup_ms(database: Path, folder: Path) -> float:
    """Best of two: the backup a pay run takes first (``backup_before``: the copy, checked)."""
    from jobcenter_desktop.db.backups import backup_before

    def back_up(round_: int) -> None:
        backup_before(database, "bench", folder / f"backups-{round_}").unlink()

    return _best(2, back_up)


def plain_statements_ms(people: int, folder: Path) -> float:
    """Best of two: plain ReportLab writing ``people`` one-page files of 24 lines of 16 pt
    text (the bundled font) and a batch of as many such pages."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from jobcenter_desktop.documents.pdf_base import FONT, register_fonts

    register_fonts()
    lines = [f"Rivi {n}: ma 3.11. Kauppakeskus Pilari, Joensuu 3 tuntia" for n in range(24)]

    def page(canvas: Canvas) -> None:
        canvas.setFont(FONT, 16)
        y = A4[1] - 60
        for line in lines:
            canvas.drawString(50, y, line)
            y -= 22
        canvas.showPage()

    def write(_round: int) -> None:
        batch = Canvas(str(folder / "plain-batch.pdf"), pagesize=A4)
        for n in range(people):
            single = Canvas(str(folder / f"plain-{n}.pdf"), pagesize=A4)
            page(single)
            single.save()
            page(batch)
        batch.save()

    return _best(2, write)


def pay_figures(folder: Path) -> list[Figure]:
    """The pay run, the statements and the forecast of one ten-year data folder (a copy:
    it is changed)."""
    from jobcenter_desktop.db.store import Store
    from jobcenter_desktop.interchange.payroll_export import confirm_pay_run, preview_pay_run
    from jobcenter_desktop.paths import data_folder
    from jobcenter_desktop.queries.earnings import month_forecasts
    from jobcenter_desktop.services.pay.statements_files import write_month_statements

    paths = data_folder(folder)
    database = paths.database
    start, end = last_full_month(database)
    numbers = month_people(database, start, end)
    year, month = current_month(database)
    listed = booked_people(database, year, month, PEOPLE_ON_LIST)
    prepare(database, numbers, listed)
    out = folder / "out"
    floor_month = plain_month_ms(database, start, end)
    figures = []
    store = Store.open(database, paths.backups, actor="bench")
    try:
        shown: dict[str, Any] = {}

        def preview(round_: int) -> None:
            shown["result"] = preview_pay_run(store, start, end, out / f"preview-{round_}")

        previewed = _best(3, preview)
        result = shown["result"]
        period = f"{start:%m/%Y}"
        detail = (
            f"{period}: {len(result.plan.people)} people, {len(result.plan.lines)} entries, "
            f"{len(result.plan.allowances)} days, {len(result.files)} files"
        )
        figures.append(
            Figure("pay run: preview with its files", previewed, floor_month, "ms", detail)
        )
        size = database.stat().st_size / 1e6
        copied = plain_copy_ms(database, folder)
        figures.append(
            Figure(
                "pay run: the backup it takes first",
                backup_ms(database, folder),
                copied,
                "ms",
                f"{size:.0f} MB, copied and checked",
            )
        )
        started = time.perf_counter()
        done = confirm_pay_run(store, start, end, out / "run")
        confirmed = (time.perf_counter() - started) * 1000
        figures.append(
            Figure(
                "pay run: confirmed with its files and the backup",
                confirmed,
                floor_month + copied,
                "ms",
                f"{len(done.files)} files",
            )
        )
        written: dict[str, Any] = {}

        def statements(round_: int) -> None:
            written["done"] = write_month_statements(
                store, start.year, start.month, out / f"statements-{round_}", "fi"
            )

        made = _best(2, statements)
        count = written["done"].count
        scratch = folder / "plain-pdf"
        scratch.mkdir()
        figures.append(
            Figure(
                "statements of the month: a file each and the batch",
                made,
                plain_statements_ms(count, scratch),
                "ms",
                f"{count} people",
            )
        )
        ids = [pid for pid, _number in listed]

        def forecast(_round: int) -> None:
            for person in month_forecasts(store, ids, year, month).values():
                person.earnings()

        forecasted = _best(5, forecast)
        profiled = len(month_forecasts(store, ids, year, month))
        figures.append(
            Figure(
                "forecast of the planner's people list",
                forecasted,
                plain_forecast_ms(database, ids, year, month),
                "ms",
                f"{month}/{year}, {profiled} people with a profile",
            )
        )
        figures.append(crew_dialog_figure(store, current_week(database), set(ids)))
    finally:
        store.close()
    return figures


def print_figures(figures: list[Figure]) -> None:
    print("| figure | ten years | floor | × |")
    print("|---|---:|---:|---:|")
    for figure in figures:
        digits = 2 if figure.unit == "s" else 1
        detail = f" ({figure.detail})" if figure.detail else ""
        print(
            f"| {figure.name} | {figure.value:.{digits}f} {figure.unit}{detail} "
            f"| {figure.floor:.{digits}f} {figure.unit} | {figure.ratio:.1f} |"
        )
    print("floors: the pay run beside plain sqlite3 reading the month's approved entries and")
    print("days present (the confirmed run and its backup: and copying the store with the")
    print("backup API, unchecked); the statements beside plain ReportLab writing as many")
    print("one-page files and a batch; the forecast beside plain sqlite3 reading the month;")
    print("the crew dialog beside a bare QDialog with a QTableWidget of as many rows, shown.")


def pay(folder: Path, big: Path | None) -> None:
    """Copy (or build) the ten-year store into ``folder`` and print its pay figures."""
    from scripts.benchmark import ten_year_folder

    print_figures(pay_figures(ten_year_folder(folder, big)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--big", type=Path, help="a ten-year data folder already made by make_big_store.py"
    )
    arguments = parser.parse_args()
    from jobcenter_desktop.i18n import set_language

    set_language("fi")
    with tempfile.TemporaryDirectory() as temp:
        pay(Path(temp) / "ten-years", arguments.big)


if __name__ == "__main__":
    main()
