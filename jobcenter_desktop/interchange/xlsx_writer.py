"""Write a one-sheet ``.xlsx`` workbook of text cells as a stream, without openpyxl.

An ``.xlsx`` file is a zip of a few small XML parts and one big one, the sheet. Writing
the sheet's XML directly takes a couple of microseconds a cell where openpyxl's write-only
mode takes some forty (it builds a cell object per value): 100,000 rows of ten columns
in a couple of seconds instead of half a minute. The workbook is what the export wrote
before: a bold heading row, the first row frozen, columns wide enough for their
contents, and every value a text cell (inline string), so ``=SUM(A1)`` stays text and
``00123`` keeps its zeros. Characters XML 1.0 forbids (most control characters) are
left out; the output is byte-for-byte the same for the same table.

Only the columns a caller names as ``numbers`` (a sales ledger's amounts) hold number
cells: there a plain decimal number such as ``-310.61`` is written as a number (shown
with two decimals in the ``money`` columns), anything else as text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Sequence
from typing import IO

# Excel's sheet has 1,048,576 rows, one of which is the heading.
MAX_DATA_ROWS = 1_048_575
MAX_COLUMN_WIDTH = 50
SHEET_NAME = "Sheet"

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# A fixed time stamp makes the same table give the same bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Deflate's fastest level: the sheet's XML repeats itself, so it still shrinks about
# tenfold, at a fraction of the default level's time.
_COMPRESS_LEVEL = 1
_ROWS_PER_CHUNK = 2_000

_SPREADSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PARTS = (  # part name, content type
    ("xl/workbook.xml", f"{_SPREADSHEET_TYPE}.sheet.main+xml"),
    ("xl/worksheets/sheet1.xml", f"{_SPREADSHEET_TYPE}.worksheet+xml"),
    ("xl/styles.xml", f"{_SPREADSHEET_TYPE}.styles+xml"),
)
_CONTENT_TYPES = (
    _DECLARATION
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    + '<Default Extension="rels"'
    + ' ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    + '<Default Extension="xml" ContentType="application/xml"/>'
    + "".join(
        f'<Override PartName="/{name}" ContentType="{content_type}"/>'
        for name, content_type in _PARTS
    )
    + "</Types>"
)


def _relationships(parts: Sequence[tuple[str, str]]) -> str:
    """A relationships part: (target, relationship type) pairs as rId1, rId2 …"""
    return (
        _DECLARATION
        + f'<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
        + "".join(
            f'<Relationship Id="rId{number}" Type="{_RELATIONSHIPS}/{kind}" Target="{target}"/>'
            for number, (target, kind) in enumerate(parts, start=1)
        )
        + "</Relationships>"
    )


_PACKAGE_RELS = _relationships([("xl/workbook.xml", "officeDocument")])
_WORKBOOK_RELS = _relationships([("worksheets/sheet1.xml", "worksheet"), ("styles.xml", "styles")])
_WORKBOOK = (
    _DECLARATION
    + f'<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
    + '<bookViews><workbookView activeTab="0"/></bookViews>'
    + f'<sheets><sheet name="{SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets>'
    + "</workbook>"
)
# Style 0 is the default cell, style 1 the bold heading, style 2 a number with two decimals.
_STYLES = (
    _DECLARATION + f'<styleSheet xmlns="{_MAIN}">'
    '<fonts count="2">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_FROZEN_HEADING = (
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    "</sheetView></sheetViews>"
)

# Characters XML 1.0 forbids: most C0 controls, lone surrogates, U+FFFE and U+FFFF.
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# A cell that needs more than copying: markup characters, a carriage return (a parser
# would turn it into a line feed), forbidden characters, or whitespace at either end
# (kept only with xml:space="preserve").
_NEEDS_CARE_RE = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|^\\s|\\s$")
# The same for a whole row's values joined with "|": one search instead of one a cell
# (a "|" beside a space only sends the row down the careful path).
_ROW_NEEDS_CARE_RE = re.compile(
    "[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|(?:^|\\|)\\s|\\s(?:\\||$)"
)
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
# A value a number column writes as a number cell (else as text).
_NUMBER_RE = re.compile(r"-?[0-9]{1,15}(?:\.[0-9]{1,15})?")


def column_widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """Each heading's column width in characters: its longest value, at most
    :data:`MAX_COLUMN_WIDTH`, plus a little room."""
    widths = [len(header) for header in headers]
    count = len(widths)
    for row in rows:
        for index, value in enumerate(row[:count]):
            if len(value) > widths[index]:
                widths[index] = len(value)
    return [min(width, MAX_COLUMN_WIDTH) + 2 for width in widths]


def write_xlsx(
    stream: IO[bytes],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    numbers: Collection[int] = (),
    money: Collection[int] = (),
) -> None:
    """Write a workbook of one sheet: ``headers`` in bold in the frozen first row, then
    ``rows``, every value a text cell. At most :data:`MAX_DATA_ROWS` rows (the caller
    refuses more in a sentence); an empty value leaves its cell out.

    ``numbers`` and ``money`` are 0-based columns whose plain decimal numbers
    (``-310.61``) are number cells instead, those of ``money`` shown with two decimals."""
    if len(rows) > MAX_DATA_ROWS:
        raise ValueError(f"a sheet holds at most {MAX_DATA_ROWS} rows, not {len(rows)}")
    widths = column_widths(headers, rows)
    columns = max([len(headers), *map(len, rows)]) if rows else len(headers)
    letters = [_column_letter(index) for index in range(1, columns + 1)]
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=_COMPRESS_LEVEL) as zf:
        _put(zf, "[Content_Types].xml", _CONTENT_TYPES)
        _put(zf, "_rels/.rels", _PACKAGE_RELS)
        _put(zf, "xl/workbook.xml", _WORKBOOK)
        _put(zf, "xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        _put(zf, "xl/styles.xml", _STYLES)
        with zf.open(_member("xl/worksheets/sheet1.xml"), "w") as sheet:
            last = f"{letters[-1]}{len(rows) + 1}" if letters else "A1"
            sheet.write(
                (
                    _DECLARATION + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
                    f'<dimension ref="A1:{last}"/>'
                    + _FROZEN_HEADING
                    + _columns(widths)
                    + "<sheetData>"
                    + _row(1, letters, headers, ' s="1"')
                ).encode()
            )
            numeric = {index: index in money for index in (*numbers, *money)}
            for start in range(0, len(rows), _ROWS_PER_CHUNK):
                chunk = rows[start : start + _ROWS_PER_CHUNK]
                if numeric:
                    text = "".join(
                        [
                            _numeric_row(number, letters, row, numeric)
                            for number, row in enumerate(chunk, start + 2)
                        ]
                    )
                else:
                    text = "".join(
                        [
                            _row(number, letters, row, "")
                            for number, row in enumerate(chunk, start + 2)
                        ]
                    )
                sheet.write(text.encode())
            sheet.write(b"</sheetData></worksheet>")


def _row(number: int, letters: Sequence[str], values: Sequence[str], style: str) -> str:
    if _ROW_NEEDS_CARE_RE.search("|".join(values)) is None:  # most rows: copy the values
        cells = [
            f'<c r="{letter}{number}"{style} t="inlineStr"><is><t>{value}</t></is></c>'
            for letter, value in zip(letters, values, strict=False)
            if value
        ]
    else:
        cells = [
            f'<c r="{letter}{number}"{style} t="inlineStr"><is>{_text(value)}</is></c>'
            for letter, value in zip(letters, values, strict=False)
            if value
        ]
    return f'<row r="{number}">{"".join(cells)}</row>'


def _numeric_row(
    number: int, letters: Sequence[str], values: Sequence[str], numeric: dict[int, bool]
) -> str:
    """A row whose ``numeric`` columns (index -> shown with two decimals) hold numbers."""
    cells = []
    for index, (letter, value) in enumerate(zip(letters, values, strict=False)):
        if not value:
            continue
        if index in numeric and _NUMBER_RE.fullmatch(value):
            style = ' s="2"' if numeric[index] else ""
            cells.append(f'<c r="{letter}{number}"{style}><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{letter}{number}" t="inlineStr"><is>{_text(value)}</is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def _text(value: str) -> str:
    """The ``<t>`` element of an inline string holding ``value``."""
    if _NEEDS_CARE_RE.search(value) is None:
        return f"<t>{value}</t>"
    value = _FORBIDDEN_RE.sub("", value).translate(_ESCAPES)
    if value[:1].isspace() or value[-1:].isspace():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


def _columns(widths: Sequence[int]) -> str:
    if not widths:
        return ""
    columns = "".join(
        f'<col min="{index}" max="{index}" width="{width}" customWidth="1"/>'
        for index, width in enumerate(widths, start=1)
    )
    return f"<cols>{columns}</cols>"


def _column_letter(index: int) -> str:
    """The spreadsheet's name of the 1-based column ``index``: 1 -> A, 27 -> AA."""
    name = ""
    while index > 0:
        index, remainder = divmod(index - 1, 26)
        name = chr(ord("A") + remainder) + name
    return name


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    # ZipFile.open(info, "w") takes the level from here (``compress_level`` from 3.13).
    info._compresslevel = _COMPRESS_LEVEL  # type: ignore[attr-defined]
    info.external_attr = 0o600 << 16
    return info


def _put(archive: zipfile.ZipFile, name: str, text: str) -> None:
    archive.writestr(_member(name), text.encode())
