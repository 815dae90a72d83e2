"""One gettext catalogue (domain ``jobcenter``) for the core and the UI.

Source strings are English; Finnish is the default language. The catalogue of a
language is made from every ``resources/locale/<lang>/*.po`` file (one file per
area of the program, so the areas can be translated independently) and cached
as ``jobcenter.mo`` beside them.

The program speaks one language at a time (``set_language``). A document printed
in another language (the customer's) takes a translator for that language from
``jobcenter_desktop.i18n.translator.translator_for`` and leaves the program's alone.
"""

from __future__ import annotations

import gettext as _gettext
import os
from pathlib import Path

from jobcenter_desktop.resources import resources_dir

DOMAIN = "jobcenter"
DEFAULT_LANGUAGE = "fi"
#: the languages of the window and the command line
LANGUAGES = ("fi", "sv", "en")
#: what documents can be printed in: the program's languages
PRINT_LANGUAGES = ("fi", "en", "sv")

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language = "en"


def locale_dir() -> Path:
    return resources_dir() / "locale"


def _mo_path(language: str) -> Path:
    return locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def compile_catalogue(language: str) -> Path | None:
    """Merge the language's .po files into one .mo file; return its path."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    sources = sorted((locale_dir() / language).glob("*.po"))
    if not sources:
        return None
    merged = Catalog(locale=language, domain=DOMAIN)
    for source in sources:
        with source.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id and message.string:
                    merged[message.id] = message
    target = _mo_path(language)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    with tmp.open("wb") as handle:
        write_mo(handle, merged)
    os.replace(tmp, target)
    return target


def compile_all() -> list[Path]:
    """Compile the catalogue of every language that has .po files (before packaging)."""
    compiled = []
    for folder in sorted(p for p in locale_dir().iterdir() if p.is_dir()):
        target = compile_catalogue(folder.name)
        if target is not None:
            compiled.append(target)
    return compiled


def _catalogue_is_stale(language: str) -> bool:
    target = _mo_path(language)
    if not target.exists():
        return True
    built = target.stat().st_mtime
    return any(p.stat().st_mtime > built for p in (locale_dir() / language).glob("*.po"))


def load_translations(language: str) -> _gettext.NullTranslations:
    """The catalogue of ``language`` (compiled first if its .po files are newer).

    English, the source language, and a language without a catalogue give the
    source strings.
    """
    try:
        if _catalogue_is_stale(language) and (locale_dir() / language).is_dir():
            compile_catalogue(language)
    except OSError:
        pass  # a read-only install keeps its shipped catalogue
    path = _mo_path(language)
    if path.exists():
        with path.open("rb") as handle:
            return _gettext.GNUTranslations(handle)
    return _gettext.NullTranslations()


def set_language(language: str) -> None:
    """Switch the whole program (core messages and UI) to ``language``."""
    global _translation, _language
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    _language = language
    _translation = load_translations(language)


def current_language() -> str:
    return _language


def gettext(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


_ = gettext
