"""The qualification catalogue: adding a centre's own cards, renaming, archiving, deleting."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from jobcenter_desktop.db.errors import NotFoundError, RecordInUseError
from jobcenter_desktop.db.models import AuditEntry, QualificationType
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.validation import ValidationError
from jobcenter_desktop.forms.participants import QualificationInput
from jobcenter_desktop.queries.participants import (
    QualificationTypeRow,
    list_qualification_types,
    load_participant,
)
from jobcenter_desktop.services.registers.qualifications import (
    add_qualification_type,
    delete_qualification_type,
    rename_qualification_type,
    set_qualification_type_archived,
)
from tests.builders import make_contract, make_participant

BUILT_IN_CODES = [
    "safety_card",
    "hygiene_passport",
    "driving_licence",
    "first_aid",
    "hot_work_card",
    "forklift",
]


def row(store: Store, type_id: int) -> QualificationTypeRow:
    everything = list_qualification_types(store, include_archived=True)
    return next(t for t in everything if t.id == type_id)


def ids_of(store: Store, code: str) -> int:
    return next(t.id for t in list_qualification_types(store) if t.code == code)


def audit(store: Store) -> list[tuple[str, int | None, str]]:
    with store.read() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(e.entity, e.entity_id, e.action) for e in entries]


def audit_count(store: Store) -> int:
    return len(audit(store))


# --- the catalogue as listed -----------------------------------------------------------------


def test_the_built_in_entries_are_listed_translated_and_not_archived(store: Store):
    types = list_qualification_types(store)
    assert [t.code for t in types] == BUILT_IN_CODES
    assert types[1].name == "Hygieniapassi"
    assert not any(t.archived for t in types)


# --- adding ----------------------------------------------------------------------------------


def test_an_added_entry_gets_a_slug_code_and_is_listed_as_typed(store: Store):
    type_id = add_qualification_type(store, "  Anniskelupassi ")

    added = row(store, type_id)
    assert (added.code, added.name, added.archived) == (
        "custom_anniskelupassi",
        "Anniskelupassi",
        False,
    )
    assert list_qualification_types(store)[-1] == added
    assert audit(store) == [("qualification_type", type_id, "create")]
    with store.read() as session:
        after = session.scalars(select(AuditEntry.after)).one()
    assert after["name"] == "Anniskelupassi"
    assert after["code"] == "custom_anniskelupassi"


def test_codes_are_ascii_and_unique(store: Store):
    first = add_qualification_type(store, "Tieturva 1")
    second = add_qualification_type(store, "Työ- ja pätevyyskortti")
    third = add_qualification_type(store, "Tieturva-1")  # another name, the same slug

    assert row(store, first).code == "custom_tieturva_1"
    assert row(store, second).code == "custom_tyo_ja_patevyyskortti"
    assert row(store, third).code == "custom_tieturva_1_2"


def test_a_long_name_gets_a_code_that_fits(store: Store):
    type_id = add_qualification_type(store, "Erittäin pitkä pätevyyden nimi " * 4)
    code = row(store, type_id).code
    assert code.startswith("custom_erittain_pitka")
    assert len(code) <= 40


def test_a_name_without_latin_letters_still_gets_a_code(store: Store):
    first = add_qualification_type(store, "Δ")
    second = add_qualification_type(store, "Ω")
    assert (row(store, first).code, row(store, second).code) == ("custom", "custom_2")


def test_a_blank_name_is_refused(store: Store):
    with pytest.raises(ValidationError) as raised:
        add_qualification_type(store, "   ")
    assert raised.value.errors == {"name": "Nimi: on pakollinen"}
    assert audit_count(store) == 0


def test_a_name_longer_than_200_characters_is_refused(store: Store):
    with pytest.raises(ValidationError) as raised:
        add_qualification_type(store, "a" * 201)
    assert raised.value.errors["name"].startswith("Nimi: ")
    assert "200" in raised.value.errors["name"]
    add_qualification_type(store, "a" * 200)  # exactly the limit is fine


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anniskelupassi", "ANNISKELUPASSI"),
        ("Åländsk kort", "åländsk KORT"),
        ("ålandin kortti", "Ålandin Kortti"),
    ],
)
def test_a_duplicate_name_is_refused_whatever_its_case(store: Store, first: str, second: str):
    add_qualification_type(store, first)
    entries = audit_count(store)

    with pytest.raises(ValidationError) as raised:
        add_qualification_type(store, second)

    assert raised.value.errors["name"].startswith("Nimi: ")
    assert "luettelossa" in raised.value.errors["name"]
    assert audit_count(store) == entries
    assert len(list_qualification_types(store)) == len(BUILT_IN_CODES) + 1


def test_a_built_in_name_is_taken_in_either_language(store: Store):
    for name in ("Hygieniapassi", "hygiene passport"):
        with pytest.raises(ValidationError):
            add_qualification_type(store, name)


def test_a_letter_with_dots_is_a_different_letter(store: Store):
    add_qualification_type(store, "Saa-kortti")
    add_qualification_type(store, "Sää-kortti")  # not a duplicate in Finnish
    names = [t.name for t in list_qualification_types(store)]
    assert names[-2:] == ["Saa-kortti", "Sää-kortti"]


def test_the_name_of_an_archived_entry_may_be_used_again(store: Store):
    old = add_qualification_type(store, "Tieturva 1")
    set_qualification_type_archived(store, old, True)

    new = add_qualification_type(store, "Tieturva 1")

    assert row(store, new).code == "custom_tieturva_1_2"
    # Restoring the old one now would make two entries of the same name.
    with pytest.raises(ValidationError):
        set_qualification_type_archived(store, old, False)
    assert row(store, old).archived


# --- renaming --------------------------------------------------------------------------------


def test_renaming_keeps_the_code_and_is_audited(store: Store):
    type_id = add_qualification_type(store, "Anniskelupassi")

    rename_qualification_type(store, type_id, "Anniskelupassi (voimassa)")

    renamed = row(store, type_id)
    assert (renamed.code, renamed.name) == ("custom_anniskelupassi", "Anniskelupassi (voimassa)")
    with store.read() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert entry is not None
        assert (entry.entity, entry.entity_id, entry.action) == (
            "qualification_type",
            type_id,
            "update",
        )
        assert entry.before is not None and entry.after is not None
        assert entry.before["name"] == "Anniskelupassi"
        assert entry.after["name"] == "Anniskelupassi (voimassa)"


def test_a_built_in_entry_renamed_shows_the_new_name_as_typed(store: Store):
    hygiene = ids_of(store, "hygiene_passport")

    rename_qualification_type(store, hygiene, "Hygieniaosaamistodistus")

    assert row(store, hygiene).name == "Hygieniaosaamistodistus"
    assert row(store, hygiene).code == "hygiene_passport"
    with store.read() as session:
        stored = session.get(QualificationType, hygiene)
        assert stored is not None
        assert stored.name == "Hygieniaosaamistodistus"


def test_renaming_to_the_name_shown_changes_nothing(store: Store):
    hygiene = ids_of(store, "hygiene_passport")

    rename_qualification_type(store, hygiene, "Hygieniapassi")  # the Finnish name shown

    with store.read() as session:
        stored = session.get(QualificationType, hygiene)
        assert stored is not None
        assert stored.name == "Hygiene passport"  # still translated for every language
    assert audit_count(store) == 0


def test_only_the_case_of_a_name_may_change(store: Store):
    type_id = add_qualification_type(store, "tieturva 1")
    rename_qualification_type(store, type_id, "Tieturva 1")
    assert row(store, type_id).name == "Tieturva 1"


def test_renaming_to_another_entrys_name_or_to_nothing_is_refused(store: Store):
    type_id = add_qualification_type(store, "Anniskelupassi")

    with pytest.raises(ValidationError) as taken:
        rename_qualification_type(store, type_id, "TYÖTURVALLISUUSKORTTI")
    with pytest.raises(ValidationError) as blank:
        rename_qualification_type(store, type_id, "")

    assert "luettelossa" in taken.value.errors["name"]
    assert blank.value.errors == {"name": "Nimi: on pakollinen"}
    assert row(store, type_id).name == "Anniskelupassi"


def test_renaming_an_entry_that_is_gone_says_so(store: Store):
    with pytest.raises(NotFoundError):
        rename_qualification_type(store, 9999, "Tieturva 1")


# --- archiving -------------------------------------------------------------------------------


def test_an_archived_entry_is_left_out_unless_asked_for(store: Store):
    forklift = ids_of(store, "forklift")

    set_qualification_type_archived(store, forklift, True)

    assert forklift not in [t.id for t in list_qualification_types(store)]
    everything = list_qualification_types(store, include_archived=True)
    assert [t.code for t in everything] == BUILT_IN_CODES
    assert [t.id for t in everything if t.archived] == [forklift]
    assert audit(store)[-1] == ("qualification_type", forklift, "archive")

    set_qualification_type_archived(store, forklift, False)

    assert forklift in [t.id for t in list_qualification_types(store)]
    assert not row(store, forklift).archived
    assert audit(store)[-1] == ("qualification_type", forklift, "restore")


def test_archiving_twice_is_one_change(store: Store):
    forklift = ids_of(store, "forklift")
    set_qualification_type_archived(store, forklift, True)
    set_qualification_type_archived(store, forklift, True)
    assert audit(store) == [("qualification_type", forklift, "archive")]


def test_an_archived_entry_stays_on_the_participants_who_have_it(store: Store):
    card = add_qualification_type(store, "Tieturva 1")
    participant = make_participant(
        store, qualifications=[QualificationInput(card, "1.2.2025", "1.2.2030")]
    )

    set_qualification_type_archived(store, card, True)

    kept = load_participant(store, participant).qualifications
    assert [(q.qualification_type_id, q.expires_on) for q in kept] == [(card, "1.2.2030")]


# --- deleting --------------------------------------------------------------------------------


def test_an_unused_entry_can_be_deleted(store: Store):
    type_id = add_qualification_type(store, "Anniskelupassi")

    delete_qualification_type(store, type_id)

    assert type_id not in [t.id for t in list_qualification_types(store, include_archived=True)]
    assert audit(store)[-1] == ("qualification_type", type_id, "delete")
    with store.read() as session:
        before = session.scalars(
            select(AuditEntry.before).where(AuditEntry.action == "delete")
        ).one()
    assert before["name"] == "Anniskelupassi"


def test_an_entry_a_participant_has_cannot_be_deleted(store: Store):
    card = add_qualification_type(store, "Tieturva 1")
    participant = make_participant(store, qualifications=[QualificationInput(card, "1.2.2025")])
    entries = audit_count(store)

    with pytest.raises(RecordInUseError):
        delete_qualification_type(store, card)

    assert row(store, card).name == "Tieturva 1"
    kept = load_participant(store, participant).qualifications
    assert [q.qualification_type_id for q in kept] == [card]
    assert audit_count(store) == entries


def test_an_entry_a_contract_requires_cannot_be_deleted(store: Store):
    card = add_qualification_type(store, "Tieturva 1")
    make_contract(store, required_qualification_ids=[card])
    entries = audit_count(store)

    with pytest.raises(RecordInUseError):
        delete_qualification_type(store, card)

    assert row(store, card).name == "Tieturva 1"
    assert audit_count(store) == entries
