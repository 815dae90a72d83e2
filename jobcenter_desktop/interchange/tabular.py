"""Spreadsheet files in and out: CSV and Excel ``.xlsx``, chosen by the file name.

Reading takes CSV in UTF-8 (with or without a byte-order mark), UTF-16 with a mark,
or Windows-1252 (what Finnish Excel saves as "CSV"), and ``.xlsx`` streamed row by
row. It refuses, in a sentence, a link, a folder, a file over the size or row limit
and a cell over the cell limit (:mod:`jobcenter_desktop.domain.limits`), and an
``.xlsx`` that would unpack to too much, before building anything from it. Reading
gives the column headings (normalised and translated to their code names
through a per-register alias table) and the rows as text, each with the row number
the user sees in their spreadsheet program (the heading row is row 1). Cells that
Excel stores as numbers or dates come back as the text an importer expects: dates
``2026-10-05``, times ``08:30``, whole numbers without ``.0``.

Writing makes what Finnish Excel opens best: a CSV file is ``;``-separated UTF-8
*with* a byte-order mark (without it Excel reads UTF-8 as Windows-1252 and garbles
ä and ö; Finnish Excel splits ``;`` into columns on double-click, not ``,``); an
``.xlsx`` file has a bold heading row and columns wide enough for their contents.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.domain.limits import (
    MAX_CELL_CHARS,
    import_max_bytes,
    import_max_rows,
    xlsx_max_unpacked_bytes,
)
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_decimal
from jobcenter_desktop.interchange.xlsx_writer import MAX_DATA_ROWS, write_xlsx

CSV_SUFFIXES = frozenset({".csv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SUPPORTED_SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES
CSV_DELIMITER = ";"
_DELIMITERS = (";", ",", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) format
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
# A cell starting with one of these is a formula to a spreadsheet program (CSV injection);
# exported CSV cells get the text mark in front, which the import removes again.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEXT_MARK = "'"


class ImportFileError(UserError):
    """The file cannot be imported; ``problems`` lists what is wrong, one sentence each."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        self.message = message
        self.problems = list(problems)
        super().__init__("\n".join([message, *self.problems]))


@dataclass
class Table:
    """The headings (code names, in file order) and the non-blank rows of a file."""

    headers: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def normalise_header(text: str) -> str:
    """``" Y-tunnus "`` -> ``"y-tunnus"``, ``"Business ID"`` -> ``"business_id"``."""
    return "_".join(text.replace("\ufeff", "").strip().casefold().split())


def normalise_aliases(aliases: Mapping[str, str]) -> dict[str, str]:
    """The alias table with its keys normalised like headings are."""
    return {normalise_header(alias): code for alias, code in aliases.items()}


#: Problems listed before a refusal stops counting (a file of wrong rows is still one answer).
MAX_PROBLEMS = 50


def read_rows(
    path: Path, aliases: Mapping[str, str] | None = None, required: Collection[str] = ()
) -> Table:
    """:func:`read_table` for an import: a file with headings but no rows is refused too."""
    table = read_table(path, aliases, required)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    return table


def refuse_rows(path: Path, problems: Sequence[str]) -> None:
    """Refuse the whole file when any row has a problem: the problems in row order (a
    problem's own order kept within its row), the first MAX_PROBLEMS of them, and how
    many there are in all."""
    if not problems:
        return
    ordered = sorted(problems, key=_row_of)
    shown = ordered[:MAX_PROBLEMS]
    if len(ordered) > MAX_PROBLEMS:
        shown.append(
            _(
                "… and {count} more not shown here. Correct these and import the file "
                "again to see the rest."
            ).format(count=len(ordered) - MAX_PROBLEMS)
        )
    raise ImportFileError(
        _(
            "Nothing was imported from {file}. Problems found: {count}. "
            "Correct these rows and try again:"
        ).format(file=path.name, count=len(ordered)),
        shown,
    )


def _row_of(problem: str) -> int:
    """The row a problem names (``Row 12, …`` in the current language); 0 when none, so
    that problems of the whole file come first."""
    prefix = _("Row {row}, {problem}").split("{row}", 1)[0]
    if problem.startswith(prefix):
        digits = re.match(r"\d+", problem[len(prefix) :])
        if digits:
            return int(digits.group())
    return 0


def read_table(
    path: Path, aliases: Mapping[str, str] | None = None, required: Collection[str] = ()
) -> Table:
    """Read a CSV or ``.xlsx`` file; raise :class:`ImportFileError` if it cannot be read.

    ``aliases`` map other names of a column (Finnish ones, say) to its code name;
    ``required`` are the code names the file must have as headings. The file must be
    a regular file (not a link or a folder) within the size and row limits of
    :mod:`jobcenter_desktop.domain.limits`, and no cell longer than
    :data:`~jobcenter_desktop.domain.limits.MAX_CELL_CHARS`.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(path)
    content = _read_file(path)
    records: Iterable[tuple[int, list[str]]]
    if content.startswith(_ZIP_MAGIC):
        records = _excel_records(content)
    elif content.startswith(_OLE_MAGIC):
        raise ImportFileError(
            _("The file is in the old Excel format (.xls). Save it as .xlsx or CSV and try again.")
        )
    elif suffix in EXCEL_SUFFIXES:
        raise ImportFileError(_("The file is not an Excel file (.xlsx)."))
    else:
        records = _csv_records(content)
    return _table(records, normalise_aliases(aliases or {}), required)


def _read_file(path: Path) -> bytes:
    """The bytes of ``path``: a regular file, not a link, within the size limit."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise ImportFileError(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    _refuse_unless_regular(path, status)
    _refuse_if_too_big(status.st_size)
    try:
        # O_NOFOLLOW: a link swapped in after the check is refused, not followed.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _O_BINARY)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _symlink(path) from None
        raise _unreadable(path, error) from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        _refuse_unless_regular(path, status)
        _refuse_if_too_big(status.st_size)
        try:
            # One byte more than allowed tells a file that grew since the check.
            content = stream.read(import_max_bytes() + 1)
        except OSError as error:
            raise _unreadable(path, error) from None
    _refuse_if_too_big(len(content))
    return content


def _refuse_unless_regular(path: Path, status: os.stat_result) -> None:
    if stat.S_ISLNK(status.st_mode):
        raise _symlink(path)
    if stat.S_ISDIR(status.st_mode):
        raise ImportFileError(
            _("{file} is a folder, not a file. Choose a CSV or Excel file (.xlsx).").format(
                file=path
            )
        )
    if not stat.S_ISREG(status.st_mode):
        raise ImportFileError(
            _("{file} is not an ordinary file. Choose a CSV or Excel file (.xlsx).").format(
                file=path
            )
        )


def _symlink(path: Path) -> ImportFileError:
    return ImportFileError(
        _("{file} is a link to another file. Choose the file itself, not a link to it.").format(
            file=path
        )
    )


def _refuse_if_too_big(size: int) -> None:
    limit = import_max_bytes()
    if size > limit:
        raise ImportFileError(
            _(
                "The file is larger than {limit} MB. Split it into smaller files"
                " and import them one at a time."
            ).format(limit=_megabytes(limit))
        )


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return str(int(value)) if value >= 1 else f"{value:.2f}".rstrip("0").rstrip(".")


def _unreadable(path: Path, error: OSError) -> ImportFileError:
    return ImportFileError(
        _("The file {file} cannot be read: {reason}").format(
            file=path, reason=error.strerror or error
        )
    )


def _too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        _(
            "The file has more than {limit} rows. Split it into smaller files"
            " and import them one at a time."
        ).format(limit=limit)
    )


def _cell_too_long(row: int, column: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Row {row}, column {column}: the cell is longer than {limit} characters."
            " Shorten it and try again."
        ).format(row=row, column=_column_name(column), limit=MAX_CELL_CHARS)
    )


def _column_name(index: int) -> str:
    """The spreadsheet's name of the 1-based column ``index``: 1 -> A, 27 -> AA."""
    name = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def _unsupported(path: Path) -> ImportFileError:
    return ImportFileError(
        _("The file type “{suffix}” is not supported: use a CSV or Excel file (.xlsx).").format(
            suffix=path.suffix or path.name
        )
    )


def _not_readable() -> ImportFileError:
    return ImportFileError(
        _(
            "The file is neither a CSV file (UTF-8, UTF-16 or Windows-1252)"
            " nor an Excel file (.xlsx)."
        )
    )


def _broken_excel() -> ImportFileError:
    return ImportFileError(
        _(
            "The Excel file is damaged and cannot be read. Open it in Excel,"
            " save it again as .xlsx and try again."
        )
    )


def decode_text(content: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM), UTF-16 with a BOM, or the
    Windows-1252 that Finnish Excel writes as "CSV"; :class:`ImportFileError` otherwise."""
    candidates: tuple[str, ...] = ("utf-8-sig", "cp1252")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ("utf-16",)
    for encoding in candidates:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        # NUL is never in a text file: this is binary (or UTF-16 without its mark).
        # Other control characters are the fields' business: refused there by row and field.
        if "\x00" not in text:
            return text
    raise _not_readable()


def _csv_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    text = decode_text(content)
    del content
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # A spreadsheet shows one record per row, even when a quoted cell spans lines.
        for number, cells in enumerate(reader, start=1):
            for column, cell in enumerate(cells, start=1):
                if len(cell) > MAX_CELL_CHARS:
                    raise _cell_too_long(number, column)
            yield number, [_unguarded(cell) for cell in cells]
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise ImportFileError(
                _(
                    "Near line {line} a cell is longer than {limit} characters."
                    " Shorten it and try again."
                ).format(line=reader.line_num, limit=MAX_CELL_CHARS)
            ) from None
        raise ImportFileError(
            _("The CSV file is broken near line {line}: {reason}").format(
                line=reader.line_num, reason=error
            )
        ) from None


def _delimiter(text: str) -> str:
    """The separator used in the heading line: the most frequent of ``;``, ``,`` and tab."""
    heading = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: heading.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else CSV_DELIMITER


# The parts of a workbook whose text becomes cells.
_CELL_PARTS_RE = re.compile(r"xl/(worksheets/[^/]+|sharedStrings)\.xml", re.IGNORECASE)
_TAG_EDGE_RE = re.compile(rb"[<>]")
_SCAN_CHUNK = 1 << 20


def _check_workbook(archive: zipfile.ZipFile) -> None:
    """Refuse a workbook that would unpack to too much, or has a cell over the limit,
    before openpyxl builds anything from it; the cells are checked while streaming."""
    members = archive.infolist()
    limit = xlsx_max_unpacked_bytes()
    if sum(member.file_size for member in members) > limit:
        raise ImportFileError(
            _(
                "The Excel file unpacks to more than {limit} MB. It is damaged or not"
                " a real workbook; save it again as .xlsx or CSV and try again."
            ).format(limit=_megabytes(limit))
        )
    for member in members:
        if _CELL_PARTS_RE.fullmatch(member.filename) and _has_long_text(archive, member):
            raise ImportFileError(
                _(
                    "A cell of the Excel file is longer than {limit} characters."
                    " Shorten it and try again."
                ).format(limit=MAX_CELL_CHARS)
            )


def _has_long_text(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part has a run of text (or an attribute) longer than any cell within
    the limit can make: each character at most 6 bytes (``&quot;``, 4-byte UTF-8)."""
    longest = MAX_CELL_CHARS * 6
    run = 0  # bytes since the last < or >, carried from chunk to chunk
    with archive.open(member) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            parts = _TAG_EDGE_RE.split(chunk)
            run += len(parts[0])
            if len(parts) > 1:
                if run > longest or max(len(part) for part in parts[1:-1] or [b""]) > longest:
                    return True
                run = len(parts[-1])
            if run > longest:
                return True
    return False


def _excel_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            _check_workbook(archive)
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception:  # zipfile and openpyxl raise many kinds on a damaged file
        raise _broken_excel() from None
    return _sheet_records(workbook)


def _sheet_records(workbook: Any) -> Iterator[tuple[int, list[str]]]:
    """The first sheet's rows, streamed: openpyxl reads one row at a time."""
    try:
        if not workbook.worksheets:
            return
        sheet = workbook.worksheets[0]
        try:
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1):
                cells = [cell_text(value) for value in values]
                for column, cell in enumerate(cells, start=1):
                    if len(cell) > MAX_CELL_CHARS:
                        raise _cell_too_long(number, column)
                yield number, cells
        except ImportFileError:
            raise
        except Exception:  # a damaged sheet fails only while it is read
            raise _broken_excel() from None
    finally:
        workbook.close()


def cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person would have typed into a CSV file."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return str(value).strip()


def _table(
    records: Iterable[tuple[int, list[str]]], aliases: Mapping[str, str], required: Collection[str]
) -> Table:
    table: Table | None = None
    limit = import_max_rows()
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if table is None:
            table = Table(_headers(cells, aliases))
            continue
        if len(table.rows) >= limit:
            raise _too_many_rows(limit)
        extra = [cell for cell in cells[len(table.headers) :] if cell.strip()]
        if extra:
            raise ImportFileError(
                _("Row {row} has more cells than the first row has column headings.").format(
                    row=number
                )
            )
        row = {
            header: cells[index].strip() if index < len(cells) else ""
            for index, header in enumerate(table.headers)
            if header
        }
        table.rows.append((number, row))
    if table is None:
        raise ImportFileError(_("The file is empty."))
    missing = [name for name in required if name not in table.headers]
    if missing:
        raise ImportFileError(
            _(
                "The file has no column {columns}. The first row must have the column headings."
            ).format(columns=", ".join(missing))
        )
    return table


def _headers(cells: list[str], aliases: Mapping[str, str]) -> list[str]:
    headers: list[str] = []
    for cell in cells:
        name = normalise_header(cell)
        name = aliases.get(name, name)
        if name and name in headers:
            raise ImportFileError(
                _("The column “{column}” appears twice in the first row.").format(column=cell)
            )
        headers.append(name)
    while headers and not headers[-1]:
        headers.pop()
    return headers


def write_table(
    path: Path,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numbers: Collection[int] = (),
    money: Collection[int] = (),
) -> None:
    """Write a CSV or ``.xlsx`` file by the name's extension, replacing it atomically.

    In an ``.xlsx`` file the 0-based columns ``numbers`` and ``money`` hold numbers
    (:func:`~jobcenter_desktop.interchange.xlsx_writer.write_xlsx`); a CSV file is text."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UserError(_unsupported(path).message)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=".export-", suffix=suffix, dir=path.parent)
    except OSError as error:
        raise _not_writable(path, error) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            if suffix in EXCEL_SUFFIXES:
                _write_excel(stream, headers, rows, numbers, money)
            else:
                _write_csv(stream, headers, rows)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _not_writable(path, error) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _not_writable(path: Path, error: OSError) -> UserError:
    return UserError(
        _("The file {file} cannot be written: {reason}").format(
            file=path, reason=error.strerror or error
        )
    )


def _is_formula(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula (a plain number is not one)."""
    if not text.startswith(_FORMULA_STARTS):
        return False
    try:
        Decimal(text.replace(",", "."))
    except ArithmeticError:
        return True
    return False


def _guarded(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe keeps ``=…`` from running."""
    return _TEXT_MARK + text if _is_formula(text) else text


def _unguarded(text: str) -> str:
    """Undo :func:`_guarded`, so that an exported file imports back unchanged."""
    if text.startswith(_TEXT_MARK) and _is_formula(text[1:]):
        return text[1:]
    return text


def _write_csv(stream: Any, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([_guarded(cell) for cell in row] for row in rows)
    text.flush()
    text.detach()


def _write_excel(
    stream: Any,
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    numbers: Collection[int] = (),
    money: Collection[int] = (),
) -> None:
    # Streamed as XML straight into the zip: linear, a couple of microseconds a cell.
    rows = rows if isinstance(rows, list) else list(rows)
    if len(rows) > MAX_DATA_ROWS:
        raise UserError(
            _(
                "An Excel sheet holds at most {limit} rows and this export has {count}."
                " Export to CSV instead, or export a shorter period."
            ).format(
                limit=format_decimal(Decimal(MAX_DATA_ROWS), 0),
                count=format_decimal(Decimal(len(rows)), 0),
            )
        )
    write_xlsx(stream, headers, rows, numbers, money)
