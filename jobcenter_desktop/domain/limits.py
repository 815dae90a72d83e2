"""How much the program accepts at once: import files, cells and free-text fields.

The import limits are settings: an administrator (or a test) can change them with
the environment variables ``JOBCENTER_IMPORT_MAX_BYTES`` and
``JOBCENTER_IMPORT_MAX_ROWS``; the functions read them at each import, so a change
needs no restart of anything but the import itself.
"""

from __future__ import annotations

import os

#: The largest import file, in bytes (50 MB): a year of a big centre's hours is a few MB.
DEFAULT_IMPORT_MAX_BYTES = 50 * 1024 * 1024
#: The most data rows one import file may have.
DEFAULT_IMPORT_MAX_ROWS = 100_000
#: The longest cell an import file may have, in characters.
MAX_CELL_CHARS = 10_000
#: The longest free text (notes, terms: columns the schema gives no length), in characters.
MAX_TEXT_CHARS = 10_000
#: An .xlsx file may unpack to at most this many times its limit; a real workbook
#: packs about 5-20 to 1, a "zip bomb" thousands to 1.
XLSX_UNPACK_RATIO = 10

MAX_BYTES_VARIABLE = "JOBCENTER_IMPORT_MAX_BYTES"
MAX_ROWS_VARIABLE = "JOBCENTER_IMPORT_MAX_ROWS"


def _setting(name: str, default: int) -> int:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        return default
    return value if value > 0 else default


def import_max_bytes() -> int:
    """The largest import file in bytes (``JOBCENTER_IMPORT_MAX_BYTES``, default 50 MB)."""
    return _setting(MAX_BYTES_VARIABLE, DEFAULT_IMPORT_MAX_BYTES)


def import_max_rows() -> int:
    """The most data rows in one import (``JOBCENTER_IMPORT_MAX_ROWS``, default 100,000)."""
    return _setting(MAX_ROWS_VARIABLE, DEFAULT_IMPORT_MAX_ROWS)


def xlsx_max_unpacked_bytes() -> int:
    """The most an .xlsx file's parts may unpack to, in bytes, all parts together."""
    return import_max_bytes() * XLSX_UNPACK_RATIO
