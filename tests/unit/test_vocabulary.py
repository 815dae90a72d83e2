"""One word for one thing in the Finnish catalogue (the glossary in DOMAIN.md).

- a gig's crew is a "työryhmä"; a saved crew template is a "työryhmäpohja";
- cancelling a gig is "perua" (Peru keikka, peruttu); the Cancel button is "Peruuta";
  undoing is "kumota";
- Ctrl+T shows "Tämä viikko" everywhere (not "Tänään").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from jobcenter_desktop.i18n import locale_dir
from jobcenter_desktop.i18n.catalogue import source_messages

ROOT = Path(__file__).resolve().parents[2]


def _entries() -> Iterator[tuple[str, str, str]]:
    """Every Finnish entry of every file (not only the merged catalogue's winners)."""
    for source in sorted((locale_dir() / "fi").glob("*.po")):
        with source.open("rb") as handle:
            for message in read_po(handle, locale="fi"):
                if message.id and isinstance(message.id, str) and message.string:
                    yield source.name, message.id, str(message.string)


ENTRIES = list(_entries())


def _where(msgid_pattern: str) -> list[tuple[str, str, str]]:
    return [e for e in ENTRIES if re.search(msgid_pattern, e[1], re.IGNORECASE)]


def test_cancelling_a_gig_is_never_peruuttaa() -> None:
    gig_cancels = _where(r"cancel.*\bgig|\bgig.*cancel")
    assert gig_cancels, "the catalogue talks about cancelling gigs"
    for name, msgid, text in gig_cancels:
        assert not re.search(r"peruut(a|e|ta)", text, re.IGNORECASE), (name, msgid, text)


@pytest.mark.parametrize(
    ("msgid", "wanted"),
    [
        ("Cancel the gig", "Peru keikka"),
        ("Cancel the gig…", "Peru keikka…"),
        ("Cancel", "Peruuta"),
        ("Cancel (Esc)", "Peruuta (Esc)"),
        ("Revert (Esc)", "Kumoa muutokset (Esc)"),
        ("Crew of the gig", "Keikan työryhmä"),
        ("Crew…", "Työryhmä…"),
        ("Crew templates…", "Työryhmäpohjat…"),
        ("Crew templates", "Työryhmäpohjat"),
        ("Apply crew template", "Käytä työryhmäpohjaa"),
        ("New crew template", "Uusi työryhmäpohja"),
        ("This week", "Tämä viikko"),
        ("This week (Ctrl+T)", "Tämä viikko (Ctrl+T)"),
    ],
)
def test_the_chosen_words(msgid: str, wanted: str) -> None:
    found = {text for _name, found_id, text in ENTRIES if found_id == msgid}
    assert found == {wanted}


def test_the_cancel_button_and_cancelling_work_is_peruuttaa() -> None:
    for name, msgid, text in _where(r"^cancel(ling)?\b(?!.*gig)"):
        assert re.search(r"peruut", text, re.IGNORECASE), (name, msgid, text)


def test_perua_is_kept_for_gigs_undo_is_kumota() -> None:
    for name, msgid, text in _where(r"\bundo|undone|revert"):
        assert not re.search(r"\bperu", text, re.IGNORECASE), (name, msgid, text)


#: the crew-template register's own fields and refusals (services/planning/crew_templates.py)
TEMPLATE_FIELDS = {"Crew name", "Crew members", "another crew already has this name"}


def test_a_crew_template_is_a_tyoryhmapohja_and_a_gigs_crew_a_tyoryhma() -> None:
    templates = _where(r"crew template") + [e for e in ENTRIES if e[1] in TEMPLATE_FIELDS]
    assert templates
    for name, msgid, text in templates:
        assert "työryhmäpohj" in text.lower(), (name, msgid, text)
    for name, msgid, text in _where(r"\bcrew\b(?!.*template)"):
        if msgid in TEMPLATE_FIELDS:
            continue
        assert "pohj" not in text.lower(), (name, msgid, text)
        assert "tallennettu työryhmä" not in text.lower(), (name, msgid, text)


def test_ctrl_t_is_this_week_and_never_today() -> None:
    messages = source_messages(ROOT)
    assert not [m for m in messages if "Ctrl+T" in m and "today" in m.lower()]
    for name, msgid, text in ENTRIES:
        if "Ctrl+T" in msgid:
            assert "Tämä viikko" in text and "Tänään" not in text, (name, msgid, text)
