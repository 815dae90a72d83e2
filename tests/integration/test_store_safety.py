"""A store file that cannot be used is explained, never worsened: newer, damaged, half
upgraded, not a database, a full disk; and what was typed never reaches the log."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select, text

from jobcenter_desktop.db.damage import DamagedStoreError
from jobcenter_desktop.db.errors import DiskFullError
from jobcenter_desktop.db.migrate import StoreTooNewError, current_revision
from jobcenter_desktop.db.models import Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.forms.participants import ParticipantInput
from jobcenter_desktop.services.registers.participants import save_participant
from tests.store_files import command

FIXTURES = Path(__file__).resolve().parent.parent / "data"


def test_a_newer_file_in_rollback_journal_mode_stays_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "jobcenter.db"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    assert before[18:20] == b"\x01\x01"  # the header's journal-mode bytes: not WAL

    with pytest.raises(StoreTooNewError):
        Store.open(path, tmp_path / "backups")

    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jobcenter.db"]


def test_a_file_that_is_not_a_database_is_refused_and_the_newest_whole_backup_named(
    tmp_path: Path,
) -> None:
    backups = tmp_path / "backups"
    backups.mkdir()
    good = backups / "jobcenter-20261130-080000-daily.db"
    Store.open(tmp_path / "made" / "jobcenter.db").close()
    shutil.copy(tmp_path / "made" / "jobcenter.db", good)
    (backups / "jobcenter-20261201-080000-daily.db").write_bytes(b"not a database at all")
    os.utime(good, (1, 1))  # older than the broken one, which must be passed over
    path = tmp_path / "jobcenter.db"
    path.write_bytes(b"PK\x03\x04 a spreadsheet saved over the data file")
    before = path.read_bytes()

    with pytest.raises(DamagedStoreError) as refused:
        Store.open(path, backups)

    assert refused.value.backup == good
    assert "vioittunut" in str(refused.value) and str(good) in str(refused.value)
    assert path.read_bytes() == before
    assert len(list(backups.iterdir())) == 2  # no copy of the broken file


def test_a_half_upgraded_file_is_explained_and_no_backup_piles_up(tmp_path: Path) -> None:
    """What the earlier program left after a kill: 0001 marked, a table of 0002 made."""
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURES / "jobcenter-schema-0001.db", path)
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contract (id INTEGER PRIMARY KEY)")
    before = path.read_bytes()
    backups = tmp_path / "backups"

    for _attempt in range(3):
        with pytest.raises(DamagedStoreError, match="keskeytyi"):
            Store.open(path, backups)

    assert path.read_bytes() == before
    assert not backups.exists() or not list(backups.iterdir())


def test_an_interrupted_upgrade_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """An upgrade that fails part way (here: a migration refuses) changes nothing."""
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURES / "jobcenter-schema-0002.db", path)
    with sqlite3.connect(path) as connection:
        # 0003 creates the gig table: an object of that name makes it fail half way.
        connection.execute("CREATE VIEW gig AS SELECT 1 AS id")
        tables_before = connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()

    with pytest.raises(DamagedStoreError):
        Store.open(path, tmp_path / "backups")

    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
        assert (
            connection.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
            == tables_before
        )


def test_a_full_disk_is_a_sentence_and_nothing_is_saved(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    with store.read() as session:
        pages = session.execute(text("PRAGMA page_count")).scalar()
    # SQLite's own "database or disk is full", the error a full disk gives.
    store.engine.dispose()
    from sqlalchemy import event

    event.listen(
        store.engine,
        "connect",
        lambda dbapi, _record: dbapi.execute(f"PRAGMA max_page_count = {pages}"),
    )
    people = [ParticipantInput(first_name="Aino", last_name="Mäkinen", notes="y" * 3000)] * 50
    with pytest.raises(DiskFullError, match="Levy on täynnä"), store.write():
        for person in people:
            save_participant(store, person)
    with store.read() as session:
        assert session.scalar(select(Participant.id)) is None
    store.close()


def test_values_typed_by_people_never_reach_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store.open(tmp_path / "jobcenter.db", tmp_path / "backups", actor="tester")
    secret = "Salainen-Terveystieto-123"
    with caplog.at_level(logging.DEBUG), pytest.raises(Exception) as failed, store.write() as tx:
        tx.session.execute(text("INSERT INTO participant (first_name) VALUES (:v)"), {"v": secret})
    assert secret not in str(failed.value)
    assert secret not in caplog.text
    store.close()


def run_cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(data_dir, *args), capture_output=True, text=True, timeout=120, check=False
    )


def test_the_command_line_explains_instead_of_a_traceback(tmp_path: Path) -> None:
    a_file = tmp_path / "tiedosto.txt"
    a_file.write_text("x")
    result = run_cli(a_file, "init")
    assert result.returncode == 3 and "on tiedosto eikä kansio" in result.stderr

    missing = tmp_path / "ei-ole"
    result = run_cli(missing, "check")
    assert result.returncode == 1 and "ei ole tietokansiota" in result.stderr
    assert not missing.exists()  # check never makes a data folder

    damaged = tmp_path / "vioittunut"
    damaged.mkdir()
    (damaged / "jobcenter.db").write_bytes(os.urandom(8192))
    for args in (("check",), ("init",), ("export", "customers", "--out", "x.csv")):
        result = run_cli(damaged, *args)
        assert result.returncode != 0 and "vioittunut" in result.stderr, result
        assert "Traceback" not in result.stderr + result.stdout
    assert not (damaged / "backups").exists() or not list((damaged / "backups").iterdir())

    for result in (run_cli(a_file, "init"), run_cli(missing, "check")):
        assert "Traceback" not in result.stderr and "Logging error" not in result.stderr


def test_an_upgraded_file_turns_to_wal_and_an_up_to_date_one_opens_quickly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "jobcenter.db"
    shutil.copy(FIXTURES / "jobcenter-schema-0001.db", path)
    store = Store.open(path, tmp_path / "backups")
    with store.read() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert current_revision(store.engine) is not None
    store.close()


def test_check_on_a_damaged_file_names_the_newest_whole_backup(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli(data, "demo-data").returncode == 0
    made = run_cli(data, "backup")
    assert made.returncode == 0
    with (data / "jobcenter.db").open("r+b") as damaged:
        damaged.seek(3 * 4096)
        damaged.write(os.urandom(4 * 4096))

    result = run_cli(data, "check")

    assert result.returncode == 1
    assert "Uusin ehjä varmuuskopio on" in result.stdout + result.stderr
    assert made.stdout.strip().split()[-1] in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
