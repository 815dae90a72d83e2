"""Backups and restore on real files: verified copies, the list, retention, restore, privacy."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import stat
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from jobcenter_desktop.cli import main
from jobcenter_desktop.db.backups import (
    BackupError,
    backup_file,
    backup_to,
    backups_to_prune,
    daily_backup,
    list_backups,
    make_backup,
    prune_backups,
    restore_file,
)
from jobcenter_desktop.db.migrate import HEAD_REVISION, StoreTooNewError
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.i18n import set_language
from jobcenter_desktop.logs import setup_logging
from jobcenter_desktop.paths import DataFolder
from tests.builders import make_contract, make_participant

SCHEMA_0001 = Path(__file__).resolve().parents[1] / "data" / "jobcenter-schema-0001.db"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@pytest.fixture(autouse=True)
def _finnish_afterwards() -> Iterator[None]:
    yield
    set_language("fi")


@pytest.fixture
def folder(tmp_path: Path) -> DataFolder:
    """A data folder whose store holds a participant and a contract."""
    data = DataFolder(tmp_path / "data").create()
    store = Store.open(data.database, data.backups, actor="tester")
    make_participant(store)
    make_contract(store)
    store.close()
    return data


def rows(path: Path) -> list[str]:
    """Everything in a store file, as SQL (schema and rows)."""
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_participant(folder: DataFolder, last_name: str) -> None:
    store = Store.open(folder.database, folder.backups, actor="tester")
    make_participant(store, first_name="Eero", last_name=last_name)
    store.close()


def run(folder: DataFolder, *args: str) -> int:
    return main(["--data-dir", str(folder.root), *args])


def damage(path: Path) -> None:
    """Overwrite the pages after the first with noise: the header still says SQLite."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(4096)
        handle.write(os.urandom(size - 4096))


# --- backups ----------------------------------------------------------------------------------


def test_a_backup_is_a_verified_single_file_copy_named_by_time_and_label(
    folder: DataFolder,
) -> None:
    when = datetime(2026, 11, 23, 14, 5, 9)

    path = make_backup(folder.database, folder.backups, "manual", now=when)

    assert path == folder.backups / "jobcenter-20261123-140509-manual.db"
    assert rows(path) == rows(folder.database)
    assert not Path(f"{path}-wal").exists()
    assert not list(folder.backups.glob("*.partial"))
    # The same second again gets a name of its own.
    again = make_backup(folder.database, folder.backups, "manual", now=when)
    assert again.name == "jobcenter-20261123-140509-manual-2.db"


def test_backup_file_keeps_the_upgrade_signature(folder: DataFolder) -> None:
    path = backup_file(folder.database, folder.backups, f"before-{HEAD_REVISION}")

    assert path.name.endswith(f"-before-{HEAD_REVISION}.db")
    assert rows(path) == rows(folder.database)


def test_the_list_shows_date_size_and_schema_newest_first(folder: DataFolder) -> None:
    older = make_backup(folder.database, folder.backups, now=datetime(2026, 11, 1, 8, 0))
    newer = make_backup(folder.database, folder.backups, "daily", now=datetime(2026, 11, 2, 8, 0))
    shutil.copyfile(SCHEMA_0001, folder.backups / "jobcenter-20261020-080000-before-0002.db")
    (folder.backups / "notes.txt").write_text("not a backup", encoding="utf-8")

    listed = list_backups(folder.backups)

    assert [info.path.name for info in listed] == [
        newer.name,
        older.name,
        "jobcenter-20261020-080000-before-0002.db",
    ]
    assert [info.revision for info in listed] == [HEAD_REVISION, HEAD_REVISION, "0001"]
    assert listed[0].taken == datetime(2026, 11, 2, 8, 0)
    assert listed[0].size == newer.stat().st_size > 0
    assert listed[0].automatic and not listed[1].automatic


def test_a_damaged_store_gives_no_backup_and_a_sentence(folder: DataFolder) -> None:
    damage(folder.database)

    with pytest.raises(BackupError, match=r"vahingoittunut|eheystarkistuksessa"):
        make_backup(folder.database, folder.backups)

    assert list(folder.backups.iterdir()) == []


def test_backup_to_a_file_of_ones_choosing_and_not_onto_the_store(
    folder: DataFolder, tmp_path: Path
) -> None:
    out = tmp_path / "usb" / "jobcenter.db"
    out.parent.mkdir()
    out.write_bytes(b"an older copy")

    assert backup_to(folder.database, out) == out
    assert rows(out) == rows(folder.database)

    with pytest.raises(BackupError, match="itse datatiedosto"):
        backup_to(folder.database, folder.database)
    with pytest.raises(BackupError, match="kansio"):
        backup_to(folder.database, tmp_path)


# --- the daily backup and retention -----------------------------------------------------------


def test_the_daily_backup_is_taken_once_a_day(folder: DataFolder) -> None:
    morning = datetime(2026, 11, 23, 8, 0)

    first = daily_backup(folder.database, folder.backups, now=morning)
    again = daily_backup(folder.database, folder.backups, now=morning + timedelta(hours=3))
    tomorrow = daily_backup(folder.database, folder.backups, now=morning + timedelta(days=1))

    assert first is not None and first.name == "jobcenter-20261123-080000-daily.db"
    assert again is None
    assert tomorrow is not None and tomorrow.name == "jobcenter-20261124-080000-daily.db"


def test_retention_keeps_14_daily_8_weekly_12_monthly_and_every_other_backup(
    folder: DataFolder,
) -> None:
    today = datetime(2026, 11, 23, 9, 0)  # a Monday
    days = [today - timedelta(days=n) for n in range(400)]
    for day in days:
        (folder.backups / f"jobcenter-{day:%Y%m%d-%H%M%S}-daily.db").write_bytes(b"x")
    kept_for_good = [
        folder.backups / "jobcenter-20240105-100000-manual.db",
        folder.backups / "jobcenter-20240105-100000-before-0004.db",
        folder.backups / "jobcenter-20240106-100000-before-restore.db",
        folder.backups / "jobcenter-20240107-100000-before-invoice-run.db",
    ]
    for path in kept_for_good:
        path.write_bytes(b"x")

    removed = prune_backups(folder.backups)

    left = {info.taken.date() for info in list_backups(folder.backups) if info.automatic}
    expected = {day.date() for day in days[:14]}  # the last 14 days
    # The newest of a week: today (a Monday) in this week, Sunday in the 7 before it.
    sundays = [day for day in days if day.weekday() == 6][:7]
    expected |= {day.date() for day in sundays}
    expected |= {
        max(day for day in days if (day.year, day.month) == month).date()
        for month in sorted({(day.year, day.month) for day in days}, reverse=True)[:12]
    }
    expected.add(today.date())  # this week's newest is today
    assert left == expected
    assert len(removed) == 400 - len(expected)
    assert all(path.exists() for path in kept_for_good)


def test_retention_counts_days_that_have_a_backup_so_a_long_pause_keeps_them() -> None:
    from jobcenter_desktop.db.backups import BackupInfo

    # Twenty backups, the newest a year ago: a calendar window would drop them all.
    infos = [
        BackupInfo(Path(f"b{n}.db"), datetime(2025, 1, 1) - timedelta(days=n), "daily", 1, None)
        for n in range(20)
    ]

    pruned = {info.path for info in backups_to_prune(infos)}

    kept = [info for info in infos if info.path not in pruned]
    assert [info.path.name for info in kept[:14]] == [f"b{n}.db" for n in range(14)]


# --- restore ----------------------------------------------------------------------------------


def test_restore_round_trip_the_restored_store_equals_the_backup(folder: DataFolder) -> None:
    backup = make_backup(folder.database, folder.backups)
    before = rows(folder.database)
    add_participant(folder, "Myöhempi")
    assert rows(folder.database) != before
    current = rows(folder.database)
    progress: list[tuple[int, int]] = []

    restored = restore_file(
        folder.database,
        folder.backups,
        backup,
        progress=lambda done, total: progress.append((done, total)),
    )

    assert rows(folder.database) == rows(backup) == before
    # The data it replaced was backed up first, verified.
    assert restored.safety_backup is not None
    assert restored.safety_backup.name.endswith("-before-restore.db")
    assert rows(restored.safety_backup) == current
    assert progress[-1] == (1000, 1000)
    assert [done for done, _total in progress] == sorted(done for done, _total in progress)
    # And the program opens it as usual.
    store = Store.open(folder.database, folder.backups)
    assert store.backup is None
    store.close()


def test_restore_upgrades_an_older_schema_when_the_store_is_opened(
    folder: DataFolder, tmp_path: Path
) -> None:
    older = tmp_path / "vanha.db"
    shutil.copyfile(SCHEMA_0001, older)

    restored = restore_file(folder.database, folder.backups, older)

    assert restored.revision == "0001"
    store = Store.open(folder.database, folder.backups)
    store.close()
    connection = sqlite3.connect(folder.database)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (
        HEAD_REVISION,
    )
    connection.close()


@pytest.mark.parametrize("kind", ["newer", "not a database", "damaged", "no schema", "missing"])
def test_restore_refuses_a_file_it_cannot_use_and_leaves_the_store_as_it_was(
    folder: DataFolder, tmp_path: Path, kind: str
) -> None:
    candidate = tmp_path / "candidate.db"
    if kind == "newer":
        shutil.copyfile(make_backup(folder.database, folder.backups), candidate)
        connection = sqlite3.connect(candidate)
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
        connection.close()
    elif kind == "not a database":
        candidate.write_text("Nimi;Osoite\nAino;Koti\n", encoding="utf-8")
    elif kind == "damaged":
        shutil.copyfile(make_backup(folder.database, folder.backups), candidate)
        damage(candidate)
    elif kind == "no schema":
        connection = sqlite3.connect(candidate)
        connection.execute("CREATE TABLE other (x)")
        connection.commit()
        connection.close()
    before = digest(folder.database)
    backups_before = sorted(folder.backups.iterdir())

    with pytest.raises((BackupError, StoreTooNewError)) as refused:
        restore_file(folder.database, folder.backups, candidate)

    assert digest(folder.database) == before
    assert sorted(folder.backups.iterdir()) == backups_before  # no safety backup either
    if kind == "newer":
        assert isinstance(refused.value, StoreTooNewError)
        assert "9999" in str(refused.value)
    elif kind == "damaged":
        assert "eheystarkistuksessa" in str(refused.value) or "vahingoittunut" in str(refused.value)
    elif kind in ("not a database", "no schema"):
        assert "ei ole Jobcenter Desktopin datatiedosto" in str(refused.value)


def test_restore_refuses_while_another_connection_has_the_store_open(
    folder: DataFolder,
) -> None:
    backup = make_backup(folder.database, folder.backups)
    store = Store.open(folder.database, folder.backups)
    with store.read() as session:  # a pooled connection now holds the file open
        session.connection()
    before = digest(folder.database)
    try:
        with pytest.raises(BackupError, match="käytössä"):
            restore_file(folder.database, folder.backups, backup)
    finally:
        store.close()
    assert digest(folder.database) == before


def test_restore_over_a_damaged_store_keeps_an_exact_copy_of_it(folder: DataFolder) -> None:
    backup = make_backup(folder.database, folder.backups)
    damage(folder.database)
    damaged_bytes = digest(folder.database)

    restored = restore_file(folder.database, folder.backups, backup)

    assert restored.replaced_was_damaged
    assert restored.safety_backup is not None and digest(restored.safety_backup) == damaged_bytes
    assert rows(folder.database) == rows(backup)


# --- privacy ----------------------------------------------------------------------------------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_only
def test_the_data_folder_and_everything_in_it_is_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        # As an earlier version left it: readable to everyone on the workstation.
        root = tmp_path / "data"
        for sub in ("", "backups", "logs"):
            (root / sub).mkdir(exist_ok=True)
            (root / sub).chmod(0o755)
        for name in ("jobcenter.db", "jobcenter.db-wal", "backups/old.db", "logs/jobcenter.log"):
            (root / name).write_bytes(b"")
            (root / name).chmod(0o644)
        folder = DataFolder(root).create()
        setup_logging(folder.logs)
        store = Store.open(folder.database, folder.backups)
        make_participant(store)
        backup = make_backup(folder.database, folder.backups)
        daily = daily_backup(folder.database, folder.backups)
        shm = Path(f"{folder.database}-shm")
        assert shm.exists()  # the store is open in WAL mode
        files = [
            folder.database,
            Path(f"{folder.database}-wal"),
            shm,
            backup,
            folder.backups / "old.db",
            folder.logs / "jobcenter.log",
        ]
        assert daily is not None
        files.append(daily)
        folders = (folder.root, folder.backups, folder.logs)
        assert {str(p): oct(mode(p)) for p in folders} == {str(p): "0o700" for p in folders}
        assert {str(p): oct(mode(p)) for p in files} == {str(p): "0o600" for p in files}
        store.close()
    finally:
        os.umask(old_umask)


@posix_only
def test_a_backup_written_elsewhere_and_a_restored_store_are_private(
    folder: DataFolder, tmp_path: Path
) -> None:
    out = backup_to(folder.database, tmp_path / "kopio.db")
    restore_file(folder.database, folder.backups, out)

    assert mode(out) == 0o600
    assert mode(folder.database) == 0o600


# --- the command line -------------------------------------------------------------------------


def test_cli_backup_backups_and_restore(
    folder: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(folder, "backup") == 0
    made = Path(capsys.readouterr().out.strip().split(": ", 1)[1])
    assert made.parent == folder.backups and rows(made) == rows(folder.database)

    out = tmp_path / "ulkoinen.db"
    assert run(folder, "backup", "--out", str(out)) == 0
    assert str(out) in capsys.readouterr().out

    before = rows(folder.database)
    add_participant(folder, "Myöhempi")

    assert run(folder, "--lang", "en", "backups") == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["Date", "Size", "Schema", "File"]
    assert len(listing) == 2 and str(made) in listing[1] and HEAD_REVISION in listing[1]

    assert run(folder, "restore", str(made)) == 0
    said = capsys.readouterr().out
    assert "-before-restore.db" in said and str(made) in said
    assert rows(folder.database) == before


@pytest.mark.parametrize("state", ["damaged", "half upgraded"])
def test_cli_restore_works_when_the_current_store_cannot_be_opened(
    folder: DataFolder, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    backup = make_backup(folder.database, folder.backups)
    if state == "damaged":
        damage(folder.database)
    else:  # an old file on which an interrupted upgrade already made a table
        for suffix in ("-wal", "-shm"):
            Path(f"{folder.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(SCHEMA_0001, folder.database)
        connection = sqlite3.connect(folder.database)
        connection.execute("CREATE TABLE contract (id INTEGER PRIMARY KEY)")
        connection.commit()
        connection.close()
    assert run(folder, "check") != 0
    capsys.readouterr()

    assert run(folder, "restore", str(backup)) == 0

    assert "Traceback" not in capsys.readouterr().err
    assert run(folder, "check") == 0


def test_cli_restore_refuses_a_newer_file_with_a_sentence(
    folder: DataFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = tmp_path / "uudempi.db"
    shutil.copyfile(make_backup(folder.database, folder.backups), newer)
    connection = sqlite3.connect(newer)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = digest(folder.database)

    assert run(folder, "restore", str(newer)) == 2

    assert "uudemmalla versiolla" in capsys.readouterr().err
    assert digest(folder.database) == before


def test_the_first_writing_command_of_the_day_takes_the_daily_backup(
    folder: DataFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(folder, "check") == 0
    assert list_backups(folder.backups) == []  # reading takes none

    assert run(folder, "schedule", "--until", "2026-01-31") == 0
    assert run(folder, "schedule", "--until", "2026-01-31") == 0

    daily = [info for info in list_backups(folder.backups) if info.automatic]
    assert len(daily) == 1 and daily[0].taken.date() == datetime.now().date()
