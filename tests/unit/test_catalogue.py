"""Every string the user can see has a Finnish translation; placeholders survive it."""

from __future__ import annotations

import re
from pathlib import Path

from jobcenter_desktop.i18n.catalogue import missing, source_messages, translations

ROOT = Path(__file__).resolve().parents[2]


def test_every_marked_string_has_a_finnish_translation() -> None:
    absent = missing(ROOT, "fi")
    assert not absent, "untranslated:\n" + "\n".join(f"{w}: {m!r}" for m, w in absent.items())


def test_translations_keep_the_placeholders() -> None:
    finnish = translations("fi")
    for msgid in source_messages(ROOT):
        if msgid in finnish:
            wanted = sorted(re.findall(r"\{\w*\}", msgid))
            assert sorted(re.findall(r"\{\w*\}", finnish[msgid])) == wanted, msgid


def test_shortcut_hints_survive_translation() -> None:
    finnish = translations("fi")
    for msgid, text in finnish.items():
        for hint in re.findall(r"Ctrl\+\S+?(?=\)|$)", msgid):
            assert hint in text, (msgid, text)


def test_every_language_folder_with_translations_is_compiled() -> None:
    from jobcenter_desktop.i18n import compile_all

    compiled = {path.parent.parent.name for path in compile_all()}
    assert {"fi", "sv"} <= compiled
