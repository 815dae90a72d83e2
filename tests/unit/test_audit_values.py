"""What an audit entry keeps of two snapshots (``store.audit_values``): what changed."""

from __future__ import annotations

from typing import Any

from jobcenter_desktop.db.store import audit_values

SHEET = {"start_time": "08:00:00", "end_time": "15:00:00", "break_minutes": 30}


def row(entry_id: int, participant: int, **values: Any) -> dict[str, Any]:
    return {"id": entry_id, "participant_id": participant, "instructor_id": None, **SHEET, **values}


def test_a_sheet_recorded_anew_keeps_the_shared_values_once() -> None:
    before, after = audit_values(
        "record", 7, {"entries": []}, {"entries": [row(1, 10), row(2, 11), row(3, 12)]}
    )
    assert before == {}  # nothing before: an empty side is left out
    assert after == {
        "entries": [
            {"id": 1, "participant_id": 10},
            {"id": 2, "participant_id": 11},
            {"id": 3, "participant_id": 12},
        ],
        "all_entries": SHEET,
    }


def test_a_row_written_again_with_a_change_is_paired_by_the_records_it_refers_to() -> None:
    # The sheet was written anew (new ids): Eero's row changed, Aino's did not.
    before, after = audit_values(
        "record",
        7,
        {"entries": [row(1, 10), row(2, 11)]},
        {"entries": [row(5, 10), row(6, 11, end_time="14:00:00")]},
    )
    assert before == {"entries": [{"id": 2, "end_time": "15:00:00"}]}
    assert after == {"entries": [{"id": 5, "was": 1}, {"id": 6, "was": 2, "end_time": "14:00:00"}]}


def test_rows_of_other_people_are_not_paired() -> None:
    before, after = audit_values(
        "record", 7, {"entries": [row(1, 10)]}, {"entries": [row(2, 11, end_time="14:00:00")]}
    )
    assert before == {"entries": [{"id": 1, "participant_id": 10, **SHEET}]}
    assert after == {"entries": [{"id": 2, "participant_id": 11, **SHEET, "end_time": "14:00:00"}]}


def test_a_change_leaves_out_an_empty_side_but_keeps_false_and_zero() -> None:
    before, after = audit_values(
        "update",
        3,
        {"phone": "", "participants": [], "billable": False, "pause": 0, "note": None},
        {"phone": "040 123", "participants": [4, 5], "billable": True, "pause": 15, "note": ""},
    )
    assert before == {"billable": False, "pause": 0}
    assert after == {"phone": "040 123", "participants": [4, 5], "billable": True, "pause": 15}


def test_a_create_keeps_the_values_but_not_the_empty_ones_nor_its_own_id() -> None:
    before, after = audit_values(
        "create", 3, None, {"id": 3, "name": "Aino", "email": "", "tags": [], "score": 0}
    )
    assert (before, after) == (None, {"name": "Aino", "score": 0})
