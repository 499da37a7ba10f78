"""Reading a spreadsheet file into rows of text: CSV in whatever encoding Excel or WPS
saved it, or the first sheet of an .xlsx — with limits on size, rows, columns and zip
ratios, and without ever evaluating a formula. What the rows mean is spreadsheet.py's job.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime, time

from dossier.core.errors import ValidationError
from dossier.interchange import limits


def read_table(
    path: str | os.PathLike, header_score: Callable[[list[str]], int]
) -> tuple[list[str], list[list[str]], list[str], int]:
    """(header cells, data rows, notes for the user, the header's row number) of a
    .csv or .xlsx file; the header is its first row that is not blank."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext not in (".csv", ".xlsx"):
        raise ValidationError(
            f"cannot import {ext or 'this'} files: save the sheet as .xlsx or .csv (UTF-8)"
        )
    try:
        size = os.path.getsize(path)
    except OSError as e:
        raise ValidationError(f"cannot read {os.fspath(path)}: {e.strerror}") from None
    if size > limits.MAX_SPREADSHEET_BYTES:
        raise ValidationError(
            f"the file is larger than {limits.MAX_SPREADSHEET_BYTES // 2**20} MiB: split it"
        )
    table, notes = _read_xlsx(path) if ext == ".xlsx" else _read_csv(path, header_score)
    while table and not any(c.strip() for c in table[-1]):
        table.pop()
    if not table:
        raise ValidationError(
            "the file is empty: expected a header row "
            "(case, event_type, date, …) and one row per event"
        )
    h = next(i for i, r in enumerate(table) if any(c.strip() for c in r))
    return table[h], table[h + 1 :], notes, h + 1


def _add_row(table: list[list[str]], row: list[str]) -> None:
    if len(row) > limits.MAX_COLUMNS and any(c.strip() for c in row[limits.MAX_COLUMNS :]):
        raise ValidationError(
            f"more than {limits.MAX_COLUMNS} columns", where=f"row {len(table) + 1}"
        )
    if len(table) > limits.MAX_ROWS and any(c.strip() for c in row):
        raise ValidationError(f"the file has more than {limits.MAX_ROWS:,} rows: split it")
    table.append(row[: limits.MAX_COLUMNS])


def _read_csv(path, header_score: Callable[[list[str]], int]) -> tuple[list[list[str]], list[str]]:
    with open(path, "rb") as f:
        raw = f.read()
    text, notes = _decode(raw)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=lambda d: (header_score(first.split(d)), first.count(d)))
    table: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for rec in reader:
            _add_row(table, rec)
    except csv.Error as e:
        raise ValidationError(
            f"not a readable CSV file: {e}", where=f"row {len(table) + 1}"
        ) from None
    return table, notes


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """The text of a CSV file: UTF-8 (with or without BOM), UTF-16, or GB18030."""
    if raw.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif 0 < raw[:4096].count(0) >= len(raw[:4096]) // 4:  # UTF-16 without a BOM:
        head = raw[:4096]  # the NUL halves of its ASCII characters give it away
        candidates = ["utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        notes = []
        if enc == "gb18030":
            notes.append(
                "the file is not UTF-8; it was read as GB18030 (Chinese Windows): "
                "check that names came through correctly"
            )
        return text.lstrip("\ufeff"), notes
    raise ValidationError(
        "the file is not text in UTF-8, UTF-16 or GB18030",
        remedy="save it from the spreadsheet program as “CSV UTF-8”",
    )


def _check_zip(path) -> None:
    """Refuse zip bombs before openpyxl inflates anything (SECURITY.md: bombs)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise ValidationError(f"not a readable .xlsx workbook ({e})") from None
    total = 0
    for info in infos:
        total += info.file_size
        if (
            info.file_size > limits.MAX_XLSX_RATIO * max(info.compress_size, 1024)
            or total > limits.MAX_XLSX_UNPACKED_BYTES
        ):
            raise ValidationError(
                "the workbook inflates to an implausible size (a zip bomb?); refusing to open it"
            )


def _read_xlsx(path) -> tuple[list[list[str]], list[str]]:
    import openpyxl  # imported here: CSV and JSON imports need not pay for it

    _check_zip(path)
    table: list[list[str]] = []
    notes: list[str] = []
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheets = wb.worksheets
            if not sheets:
                raise ValidationError("the workbook has no sheet")
            if len(sheets) > 1:
                notes.append(
                    f"only the first sheet ({sheets[0].title}) was read; the "
                    f"workbook has {len(sheets) - 1} more"
                )
            ws = sheets[0]
            ws.reset_dimensions()  # some programs write wrong ones; read what is there
            for row in ws.iter_rows(min_row=1, min_col=1):
                _add_row(table, [_cell_text(c) for c in row])
        finally:
            wb.close()
    except ValidationError:
        raise
    except Exception as e:  # a hostile or broken file may fail anywhere inside openpyxl
        raise ValidationError(
            f"not a readable .xlsx workbook ({type(e).__name__}: {str(e)[:100]})"
        ) from None
    return table, notes


def _cell_text(cell) -> str:
    """A cell as text; dates as EDTF at the precision the cell's format shows."""
    v = getattr(cell, "value", None)
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, (datetime, date)):
        d = v.date() if isinstance(v, datetime) else v
        fmt = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", str(getattr(cell, "number_format", "")))
        fmt = fmt.lower()
        if "d" not in fmt and "m" in fmt and "y" in fmt:
            return d.isoformat()[:7]  # Excel turned "2015-10" into 1 Oct 2015: undo that
        if "d" not in fmt and "m" not in fmt and "y" in fmt:
            return d.isoformat()[:4]
        return d.isoformat()
    if isinstance(v, time):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    return str(v)
