"""Spreadsheet files in and out: CSV (UTF-8) and Excel ``.xlsx``, chosen by the file name.

Reading gives the column headings (normalised and translated to their code names
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

import csv
import io
import os
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.errors import UserError

CSV_SUFFIXES = frozenset({".csv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm"})
SUPPORTED_SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES
CSV_DELIMITER = ";"
_DELIMITERS = (";", ",", "\t")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) format
_MAX_COLUMN_WIDTH = 50
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


def read_table(
    path: Path, aliases: Mapping[str, str] | None = None, required: Collection[str] = ()
) -> Table:
    """Read a CSV or ``.xlsx`` file; raise :class:`ImportFileError` if it cannot be read.

    ``aliases`` map other names of a column (Finnish ones, say) to its code name;
    ``required`` are the code names the file must have as headings.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _unsupported(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(_("The file {file} does not exist.").format(file=path)) from None
    except OSError as error:
        raise ImportFileError(
            _("The file {file} cannot be read: {reason}").format(
                file=path, reason=error.strerror or error
            )
        ) from None
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


def _unsupported(path: Path) -> ImportFileError:
    return ImportFileError(
        _("The file type “{suffix}” is not supported: use a CSV or Excel file (.xlsx).").format(
            suffix=path.suffix or path.name
        )
    )


def _not_readable() -> ImportFileError:
    return ImportFileError(_("The file is neither a UTF-8 CSV file nor an Excel file (.xlsx)."))


def _csv_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _not_readable() from None
    if "\x00" in text:
        raise _not_readable()
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        # A spreadsheet shows one record per row, even when a quoted cell spans lines.
        for number, cells in enumerate(reader, start=1):
            yield number, [_unguarded(cell) for cell in cells]
    except csv.Error as error:
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


def _excel_records(content: bytes) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise _not_readable() from None
    try:
        if not workbook.worksheets:
            return []
        sheet = workbook.worksheets[0]
        return [
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)
        ]
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
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if table is None:
            table = Table(_headers(cells, aliases))
            continue
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


def write_table(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """Write a CSV or ``.xlsx`` file by the name's extension, replacing it atomically."""
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
                _write_excel(stream, headers, rows)
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


def _write_excel(stream: Any, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    widths = [len(header) for header in headers]
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text such as "=1+1" stays text, never a formula
                cell.data_type = "s"
        for index, value in enumerate(row):
            if index < len(widths):
                widths[index] = max(widths[index], len(value))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, _MAX_COLUMN_WIDTH) + 2
    sheet.freeze_panes = "A2"
    workbook.save(stream)
