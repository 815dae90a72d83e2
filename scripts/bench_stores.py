"""Speed on the demo store and on a ten-year store, each figure beside its floor.

    .venv/bin/python scripts/benchmark.py --only stores [--big FOLDER]

The machine is shared and noisy, so a time alone says little: each figure is measured
in the same run as a floor that does the least the same job could do.

- launch to a usable main window, beside a bare PySide6 window (a fresh interpreter
  that shows an empty ``QMainWindow``), both the best of three;
- opening the planner on the busiest week of the store, beside reading the same
  week's gigs and crews with plain ``sqlite3``;
- a change to one gig's crew (a person dropped on its card and removed again), beside
  the same;
- every list with a search field (the four registers, daily attendance, issued
  invoices): the worst milliseconds a keystroke costs, beside a plain ``sqlite3``
  ``LIKE`` query of the same table per keystroke;
- the crew timesheet of that week as PDF, beside plain ReportLab writing a table of
  as many rows.

The ten-year store is ``scripts/make_big_store.py``'s (built here into a temporary
folder unless ``--big`` names one already built: building takes minutes).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

#: what is typed into each list's search field, a keystroke at a time
TYPED = ("mäki", "an", "oy")


@dataclass(frozen=True)
class Figure:
    """One measured figure and its floor from the same run (both in the same unit)."""

    name: str
    value: float
    floor: float
    unit: str
    #: what was measured on this store (e.g. how many gigs), shown beside the value
    detail: str = ""

    @property
    def ratio(self) -> float:
        return self.value / self.floor if self.floor else float("inf")


def _child_env() -> dict[str, str]:
    """Python may write its bytecode caches, as on an installed program (a development
    shell often says not to, and then every start compiles the sources); offscreen."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _first_line_seconds(command: list[str]) -> float:
    """Best of three: seconds from starting ``command`` until it prints its first line."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=ROOT, env=_child_env(), stdout=subprocess.PIPE, text=True
        )
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        elapsed = time.perf_counter() - started
        process.wait()
        if line != "OK":
            raise SystemExit(f"{command[2:]} printed {line!r}")
        best = min(best, elapsed)
    return best


BARE_WINDOW = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n"
    "window = QMainWindow()\n"
    "window.resize(1280, 760)\n"
    "window.show()\n"
    "app.processEvents()\n"
    "print('OK', flush=True)\n"
)


def bare_window_seconds() -> float:
    return _first_line_seconds([sys.executable, "-c", BARE_WINDOW])


def demo_folder(folder: Path) -> Path:
    """A data folder filled by ``demo-data``."""
    subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--data-dir", str(folder), "demo-data"],
        cwd=ROOT,
        env=_child_env(),
        check=True,
        capture_output=True,
    )
    return folder


def launch_seconds(folder: Path) -> float:
    return _first_line_seconds(
        [sys.executable, "-m", "ui.launcher", "--data-dir", str(folder), "--smoke"]
    )


@contextmanager
def plain(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(database)
    try:
        yield connection
    finally:
        connection.close()


def busiest_week(database: Path, planned: bool = False) -> date:
    """The Monday of the week with the most staffed (with ``planned``: planned) gigs."""
    with plain(database) as connection:
        days = [
            date.fromisoformat(day)
            for (day,) in connection.execute(
                "SELECT gig.day FROM gig WHERE EXISTS"
                " (SELECT 1 FROM gig_participant WHERE gig_participant.gig_id = gig.id)"
                + (" AND gig.status = 'planned'" if planned else "")
            )
        ]
    if not days:
        today = date.today()
        return today - timedelta(days=today.weekday())
    weeks: dict[date, int] = {}
    for day in days:
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + 1
    return max(weeks, key=lambda monday: (weeks[monday], monday))


def plain_week_ms(database: Path, monday: date) -> float:
    """Best of three: the week's gigs with their customers and crews, in plain sqlite3."""
    sunday = monday + timedelta(days=6)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        with plain(database) as connection:
            rows = connection.execute(
                "SELECT gig.id, gig.day, gig.start_time, customer.name, contract.title"
                " FROM gig JOIN contract ON contract.id = gig.contract_id"
                " JOIN customer ON customer.id = contract.customer_id"
                " WHERE gig.day BETWEEN ? AND ? ORDER BY gig.day, gig.start_time",
                (monday.isoformat(), sunday.isoformat()),
            ).fetchall()
            connection.execute(
                "SELECT gig_participant.gig_id, participant.first_name, participant.last_name"
                " FROM gig_participant JOIN participant"
                " ON participant.id = gig_participant.participant_id"
                " JOIN gig ON gig.id = gig_participant.gig_id WHERE gig.day BETWEEN ? AND ?",
                (monday.isoformat(), sunday.isoformat()),
            ).fetchall()
            assert rows is not None
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def _app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def week_open_ms(store: Any, monday: date) -> tuple[float, int]:
    """Best of three: opening the planner on ``monday``'s week (another week in between)."""
    from ui.planner.week_view import WeekView

    app = _app()
    view = WeekView()
    view.resize(1366, 768)
    view.set_store(store)
    view.show()
    app.processEvents()
    best = float("inf")
    for week in (monday, monday - timedelta(days=7), monday, monday - timedelta(days=7), monday):
        started = time.perf_counter()
        view.show_week(week)
        app.processEvents()
        if week == monday:
            best = min(best, (time.perf_counter() - started) * 1000)
    shown = len(view.gigs)
    view.close()
    view.deleteLater()
    app.processEvents()
    return best, shown


@contextmanager
def questions_refused() -> Iterator[None]:
    """Any dialog a drop might raise (a conflict's override) is refused at once."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    saved = QDialog.exec, QMessageBox.exec
    QDialog.exec = lambda self: 0  # type: ignore[method-assign]
    QMessageBox.exec = lambda self: 0  # type: ignore[method-assign]
    try:
        yield
    finally:
        QDialog.exec, QMessageBox.exec = saved  # type: ignore[method-assign]


def crew_change_ms(store: Any, monday: date) -> float | None:
    """Best of three: a participant dropped on a planned gig's card and removed again.

    None when no planned gig of the week takes a free participant without a question.
    """
    from jobcenter_desktop.domain.enums import GigStatus
    from ui.planner.people import PARTICIPANT
    from ui.planner.week_view import WeekView

    app = _app()
    view = WeekView()
    view.resize(1366, 768)
    view.set_store(store)
    view.show()
    view.show_week(monday)
    app.processEvents()
    planned = [gig for gig in view.gigs if gig.status is GigStatus.PLANNED]
    participants = [p.id for p in view.people if p.kind == PARTICIPANT]
    result = None
    with questions_refused():
        pairs = [
            (gig.id, person)
            for gig in planned[:3]
            for person in participants[:20]
            if person not in {member.id for member in gig.participants}
        ]
        for gig_id, person in pairs:
            if not view.drop_person(gig_id, PARTICIPANT, person):
                continue
            app.processEvents()
            view.remove_person(gig_id, PARTICIPANT, person)
            app.processEvents()
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                view.drop_person(gig_id, PARTICIPANT, person)
                app.processEvents()
                view.remove_person(gig_id, PARTICIPANT, person)
                app.processEvents()
                best = min(best, (time.perf_counter() - started) * 1000 / 2)
            result = best
            break
    view.close()
    view.deleteLater()
    app.processEvents()
    return result


def _type(search: Any) -> float:
    """The worst milliseconds of one keystroke typing :data:`TYPED` into ``search``."""
    from PySide6.QtTest import QTest

    app = _app()
    worst = 0.0
    for text in TYPED:
        search.clear()
        app.processEvents()
        for char in text:
            started = time.perf_counter()
            QTest.keyClick(search, char)
            app.processEvents()
            worst = max(worst, (time.perf_counter() - started) * 1000)
    return worst


def _plain_like_ms(database: Path, table: str, column: str = "search") -> float:
    """Mean milliseconds of a plain ``LIKE`` query of ``table`` per keystroke of TYPED."""
    timings = []
    with plain(database) as connection:
        for text in TYPED:
            for end in range(1, len(text) + 1):
                started = time.perf_counter()
                connection.execute(
                    f"SELECT id, {column} FROM {table} WHERE {column} LIKE ?",
                    (f"%{text[:end]}%",),
                ).fetchall()
                timings.append((time.perf_counter() - started) * 1000)
    return sum(timings) / len(timings)


def _with_view(view: Any, store: Any, search: Callable[[Any], Any]) -> float:
    app = _app()
    view.resize(1366, 768)
    view.set_store(store)
    view.show()
    app.processEvents()
    worst = _type(search(view))
    view.close()
    view.deleteLater()
    app.processEvents()
    return worst


def list_figures(store: Any, database: Path) -> list[Figure]:
    from ui.attendance.view import AttendanceView
    from ui.invoicing.view import InvoicingView
    from ui.register_view import RegisterView
    from ui.registers.contracts import ContractsSpec
    from ui.registers.customers import CustomersSpec
    from ui.registers.instructors import InstructorsSpec
    from ui.registers.participants import ParticipantsSpec

    figures = []
    for name, spec, table in (
        ("participants", ParticipantsSpec, "participant"),
        ("customers", CustomersSpec, "customer"),
        ("contracts", ContractsSpec, "contract"),
        ("instructors", InstructorsSpec, "instructor"),
    ):
        worst = _with_view(RegisterView(spec()), store, lambda view: view.search)
        figures.append(
            Figure(f"list of {name}: a keystroke", worst, _plain_like_ms(database, table), "ms")
        )
    worst = _with_view(AttendanceView(), store, lambda view: view.search)
    figures.append(
        Figure(
            "daily attendance: a keystroke", worst, _plain_like_ms(database, "participant"), "ms"
        )
    )

    def issued_search(view: Any) -> Any:
        view.show_issued()
        return view.issued_panel.search

    worst = _with_view(InvoicingView(), store, issued_search)
    figures.append(
        Figure("issued invoices: a keystroke", worst, _plain_like_ms(database, "invoice"), "ms")
    )
    return figures


def week_sheet_ms(store: Any, monday: date, folder: Path) -> tuple[float, float, int]:
    """Best of three: the week's crew timesheet as PDF, and plain ReportLab's table."""
    from jobcenter_desktop.services.printing import print_week_timesheet

    year, week, _day = monday.isocalendar()
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        print_week_timesheet(store, year, week, folder / "week.pdf")
        best = min(best, (time.perf_counter() - started) * 1000)
    rows = _week_entries(store, monday)
    return best, plain_reportlab_ms(rows, folder / "plain.pdf"), rows


def _week_entries(store: Any, monday: date) -> int:
    from sqlalchemy import func, select

    from jobcenter_desktop.db.models import Gig, TimesheetEntry

    with store.read() as session:
        count = session.scalar(
            select(func.count())
            .select_from(TimesheetEntry)
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(Gig.day >= monday, Gig.day <= monday + timedelta(days=6))
        )
    return int(count or 0)


def plain_reportlab_ms(rows: int, target: Path) -> float:
    """Best of three: plain ReportLab writing an A4 table of ``rows`` rows of nine cells."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table

    row = ["Ma 1.3.", "Asiakas Oy", "Muuttoapu", "Etunimi Sukunimi", "8.00", "15.30", "30", "7,0"]
    data = [row] * max(rows, 1)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        SimpleDocTemplate(str(target), pagesize=A4).build([Table(data, repeatRows=1)])
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def store_figures(folder: Path, bare: float, scratch: Path) -> list[Figure]:
    """Every figure of one data folder (a copy: the crew change writes to it)."""
    from jobcenter_desktop.db.store import Store
    from jobcenter_desktop.paths import data_folder

    database = data_folder(folder).database
    figures = [Figure("launch to a usable window", launch_seconds(folder), bare, "s")]
    monday = busiest_week(database)
    store = Store.open(database)
    try:
        opened, shown = week_open_ms(store, monday)
        floor = plain_week_ms(database, monday)
        figures.append(
            Figure("planner: open the busiest week", opened, floor, "ms", f"{shown} gigs")
        )
        ahead = busiest_week(database, planned=True)
        changed = crew_change_ms(store, ahead)
        if changed is not None:
            figures.append(
                Figure(
                    "planner: a person dropped on a gig (or removed)",
                    changed,
                    plain_week_ms(database, ahead),
                    "ms",
                )
            )
        figures.extend(list_figures(store, database))
        sheet, floor_pdf, rows = week_sheet_ms(store, monday, scratch)
        figures.append(
            Figure("crew timesheet of that week, PDF", sheet, floor_pdf, "ms", f"{rows} rows")
        )
    finally:
        store.close()
    return figures
