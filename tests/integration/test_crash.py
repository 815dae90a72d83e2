"""``kill -9`` at random moments of the commands that write: the file always opens,
``check`` passes, and the data is as before the command or as after it, never between.

At least 30 kills run in CI; ``JOBCENTER_CRASH_KILLS`` sets the kills per command for a
longer run and ``JOBCENTER_CRASH_SEED`` repeats one. Each scenario starts from a copy of
the same store; "after" is the state of one uninterrupted run of the command.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.services.integrity import check_store
from tests.store_files import command, hours_file, participants_file

FIXTURE_0001 = Path(__file__).resolve().parent.parent / "data" / "jobcenter-schema-0001.db"
KILLS = int(os.environ.get("JOBCENTER_CRASH_KILLS", "5"))
SEED = int(os.environ.get("JOBCENTER_CRASH_SEED", str(random.randrange(1_000_000))))
#: Columns that differ between two runs of the same command (clock times).
VOLATILE = ("created_at", "updated_at", "approved_at", "issued_at", "at", "when")


def state(folder: Path) -> tuple[object, ...]:
    """What the file holds, clock times left out: equal for equal data.

    Read with the plain driver before the program opens the file (which would upgrade
    it); a hot journal or WAL left by the kill is recovered as SQLite always does.
    """
    path = folder / "jobcenter.db"
    if not path.exists() or path.stat().st_size == 0:
        return ()
    connection = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found: list[object] = []
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
            kept = [c for c in columns if c not in VOLATILE]
            if table == "audit_entry":
                # Its rows carry the clock; how many there are is what must not be half.
                count = connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()
                found.append((table, count))
                continue
            listed = ", ".join(f'"{c}"' for c in kept)
            rows = sorted(repr(r) for r in connection.execute(f'SELECT {listed} FROM "{table}"'))
            found.append((table, tuple(kept), tuple(rows)))
        return tuple(found)
    finally:
        connection.close()


def clone(source: Path, target: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


@dataclass
class Tally:
    """How the killed runs ended, for the closing figures."""

    seen: Counter[str] = field(default_factory=Counter)

    def __str__(self) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(self.seen.items()))


TALLY = Tally()


def kill_at_random(
    name: str, base: Path, work: Path, args: tuple[str, ...], rng: random.Random
) -> None:
    """Run ``args`` on copies of ``base``: once whole, then KILLS times killed at random."""
    before = state(base)
    reference = clone(base, work / "reference")
    started = time.monotonic()
    subprocess.run(command(reference, *args), check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - started
    after = state(reference)
    assert after != before, f"{name}: the command changed nothing, so the test proves nothing"

    for attempt in range(KILLS):
        folder = clone(base, work / f"kill-{attempt}")
        # Most kills land in the second half, where the writing happens; some anywhere.
        delay = duration * (rng.uniform(0.45, 1.0) if attempt % 4 else rng.uniform(0.0, 1.0))
        process = subprocess.Popen(
            command(folder, *args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        found = state(folder)
        outcome = "before" if found == before else "after" if found == after else "BETWEEN"
        TALLY.seen[f"{name}: {outcome}{' (finished)' if finished else ''}"] += 1
        assert outcome != "BETWEEN", (
            f"{name}: kill {attempt} after {delay:.2f}s left a half-done file (seed {SEED})"
        )
        store = Store.open(folder / "jobcenter.db", folder / "backups")
        try:
            assert check_store(store) == [], f"{name}: kill {attempt} (seed {SEED})"
        finally:
            store.close()
        shutil.rmtree(folder)


@pytest.fixture(scope="module")
def rng() -> Iterator[random.Random]:
    yield random.Random(SEED)
    print(f"\ncrash test (seed {SEED}): {TALLY}")


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo centre, made once for the module; each scenario works on copies."""
    folder = tmp_path_factory.mktemp("crash") / "demo"
    subprocess.run(command(folder, "demo-data"), check=True, capture_output=True, timeout=300)
    return folder


def test_kill_during_the_first_init(tmp_path: Path, rng: random.Random) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    kill_at_random("init (new file)", empty, tmp_path, ("init",), rng)


def test_kill_during_an_upgrade(tmp_path: Path, rng: random.Random) -> None:
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(FIXTURE_0001, old / "jobcenter.db")
    kill_at_random("upgrade 0001 → newest", old, tmp_path, ("init",), rng)


def test_kill_during_demo_data(tmp_path: Path, rng: random.Random) -> None:
    fresh = tmp_path / "fresh"
    subprocess.run(command(fresh, "init"), check=True, capture_output=True, timeout=120)
    kill_at_random("demo-data", fresh, tmp_path, ("demo-data",), rng)


def test_kill_during_schedule(tmp_path: Path, demo_store: Path, rng: random.Random) -> None:
    until = (date.today() + timedelta(days=730)).isoformat()
    kill_at_random("schedule", demo_store, tmp_path, ("schedule", "--until", until), rng)


def test_kill_during_imports(tmp_path: Path, demo_store: Path, rng: random.Random) -> None:
    hours = hours_file(demo_store, tmp_path / "tunnit.csv", 1500)
    kill_at_random(
        "import timesheets", demo_store, tmp_path, ("import", "timesheets", str(hours)), rng
    )
    people = participants_file(tmp_path / "tekijat.csv", 3000)
    kill_at_random(
        "import participants", demo_store, tmp_path, ("import", "participants", str(people)), rng
    )


def test_kill_during_approve(tmp_path: Path, demo_store: Path, rng: random.Random) -> None:
    recorded = clone(demo_store, tmp_path / "recorded")
    hours = hours_file(recorded, tmp_path / "tunnit.csv", 600)
    subprocess.run(
        command(recorded, "import", "timesheets", str(hours)),
        check=True,
        capture_output=True,
        timeout=300,
    )
    to_day = (date.today() + timedelta(days=400)).isoformat()
    kill_at_random("approve", recorded, tmp_path, ("approve", "--to", to_day), rng)


def test_kill_during_an_invoice_run(tmp_path: Path, demo_store: Path, rng: random.Random) -> None:
    from tests.integration.test_concurrency import approved_month

    month = approved_month(demo_store)
    out = str(tmp_path / "invoices")
    args = ("invoice-run", "--period", month, "--issue", "--date", "2026-12-01", "--out", out)
    kill_at_random("invoice-run", demo_store, tmp_path, args, rng)
