"""Which translatable strings the code has, and which a language's catalogue lacks."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from jobcenter_desktop.i18n import locale_dir

KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
SOURCE_PACKAGES = ("jobcenter_desktop", "ui")


def source_messages(root: Path) -> dict[str, str]:
    """Every string marked for translation under ``root``: msgid -> first place it is used."""
    found: dict[str, str] = {}
    for package in SOURCE_PACKAGES:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            root / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            found.setdefault(msgid, f"{package}/{filename}:{lineno}")
    return found


def translations(language: str) -> dict[str, str]:
    """The merged catalogue of ``resources/locale/<language>/*.po``: msgid -> msgstr."""
    merged: dict[str, str] = {}
    for source in sorted((locale_dir() / language).glob("*.po")):
        with source.open("rb") as handle:
            for message in read_po(handle, locale=language):
                if message.id and isinstance(message.id, str) and message.string:
                    merged.setdefault(message.id, str(message.string))
    return merged


def missing(root: Path, language: str) -> dict[str, str]:
    known = translations(language)
    return {msgid: where for msgid, where in source_messages(root).items() if msgid not in known}
