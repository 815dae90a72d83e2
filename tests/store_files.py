"""Data folders and files for tests that run the command line as separate processes."""

from __future__ import annotations

import csv
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path


def command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "jobcenter_desktop.cli", "--data-dir", str(data_dir), *args]


def hours_file(folder: Path, target: Path, rows: int) -> Path:
    """Hours for future days of the demo contracts, one row a person a day (no overlaps)."""
    connection = sqlite3.connect(folder / "jobcenter.db")
    try:
        people = [
            r[0]
            for r in connection.execute(
                "SELECT participant_number FROM participant WHERE archived_at IS NULL "
                "AND status = 'active' "
                "ORDER BY participant_number"
            )
        ]
        first = date.today() + timedelta(days=60)
        last = first + timedelta(days=rows // max(len(people), 1) + 1)
        contracts = [
            r[0]
            for r in connection.execute(
                "SELECT contract_number FROM contract WHERE status = 'active' "
                "AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?) "
                "ORDER BY contract_number",
                (first.isoformat(), last.isoformat()),
            )
        ]
    finally:
        connection.close()
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["date", "contract_number", "participant_number", "start", "end", "break_minutes"]
        )
        for index in range(rows):
            day = first + timedelta(days=index // len(people))
            writer.writerow(
                [
                    day.isoformat(),
                    contracts[index % len(contracts)],
                    people[index % len(people)],
                    "09:00",
                    "12:00",
                    "15",
                ]
            )
    return target


def participants_file(target: Path, rows: int) -> Path:
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            [
                "participant_number",
                "first_name",
                "last_name",
                "service_basis",
                "pay_basis",
                "hourly_pay",
            ]
        )
        for index in range(rows):
            writer.writerow(
                [f"9{index:05d}", "Aino", f"Mäkinen {index}", "disability", "wage", "10,00"]
            )
    return target


def attendance_file(folder: Path, target: Path, days: int) -> Path:
    """Present days with an allowance for every active participant, from 60 days ahead."""
    connection = sqlite3.connect(folder / "jobcenter.db")
    try:
        people = [
            r[0]
            for r in connection.execute(
                "SELECT participant_number FROM participant WHERE archived_at IS NULL "
                "AND status = 'active' ORDER BY participant_number"
            )
        ]
    finally:
        connection.close()
    first = date.today() + timedelta(days=60)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["date", "participant_number", "status", "allowance"])
        for offset in range(days):
            for person in people:
                writer.writerow(
                    [(first + timedelta(days=offset)).isoformat(), person, "present", "5,00"]
                )
    return target
