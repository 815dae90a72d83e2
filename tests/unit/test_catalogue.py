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


def test_every_marked_string_has_a_swedish_translation() -> None:
    # The window speaks Swedish too (Settings → Language → Svenska): nothing may show in English.
    absent = missing(ROOT, "sv")
    assert not absent, "untranslated in sv:\n" + "\n".join(f"{w}: {m!r}" for m, w in absent.items())


def test_swedish_keeps_the_placeholders_and_the_shortcut_hints() -> None:
    swedish = translations("sv")
    for msgid, text in swedish.items():
        wanted = sorted(re.findall(r"\{\w*\}", msgid))
        assert sorted(re.findall(r"\{\w*\}", text)) == wanted, (msgid, text)
        for hint in re.findall(r"Ctrl\+\S+?(?=\)|$)", msgid):
            assert hint in text, (msgid, text)


def test_the_program_can_speak_swedish_with_finland_swedish_formats() -> None:
    from datetime import date
    from decimal import Decimal

    from jobcenter_desktop.i18n import LANGUAGES, current_language, gettext, set_language
    from jobcenter_desktop.i18n.formatting import current_locale, format_date, format_money

    assert "sv" in LANGUAGES
    set_language("sv")
    try:
        assert current_language() == "sv"
        assert gettext("Save (Ctrl+S)") == "Spara (Ctrl+S)"
        assert gettext("Week") == "Vecka"
        assert str(current_locale()) == "sv_FI"
        assert format_date(date(2026, 10, 5)) == "5.10.2026"
        assert format_money(Decimal("1234.50")) == "1\u00a0234,50\u00a0€"
    finally:
        set_language("fi")
