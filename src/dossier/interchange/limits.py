"""Caps and small checks shared by the JSON and spreadsheet readers.

Imported files come from colleagues, from other tools, or from someone who wants to
hurt the researcher (SECURITY.md: "a tampered or hostile file"). Every reader here
therefore bounds what it accepts *before* it builds records, so that a hostile file
costs bounded memory and time and is refused with a message, never a crash.
"""

from __future__ import annotations

import re

from dossier.core.errors import ValidationError
from dossier.core.validate import check_chars

# --- the interchange JSON ---------------------------------------------------------
MAX_JSON_BYTES = 1024 * 1024 * 1024  # a whole export of a very large store fits
MAX_CASES = 100_000
MAX_EVENTS = 1_000_000  # over all cases together
MAX_SOURCES = 1_000_000
MAX_ORGANISATIONS = 100_000
MAX_ATTACHMENTS = 1_000_000  # over all sources together
MAX_ITEMS_PER_LIST = 10_000  # names, tags, charges, source_ids, relations, asks … of one record
MAX_STRING_BYTES = 1024 * 1024  # one text field, UTF-8
MAX_SHORT_STRING = 1_000  # ids-like fields: languages, media types, timestamps …
MAX_ATTACHMENT_SIZE = 2**53  # what a JSON number holds exactly

# --- spreadsheets -----------------------------------------------------------------
MAX_SPREADSHEET_BYTES = 200 * 1024 * 1024  # the file on disk
MAX_XLSX_UNPACKED_BYTES = 1024 * 1024 * 1024  # what its zip members may inflate to
MAX_XLSX_RATIO = 200  # inflated / compressed, per member: more is a zip bomb
MAX_ROWS = 200_000
MAX_COLUMNS = 200

_URL_RE = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
# ASCII that needs no closer look: printable characters, tab and newline.
_PLAIN_ASCII = re.compile(r"[\x20-\x7e\t\n]*")


def quote(value: object, limit: int = 60) -> str:
    """A value as it may appear in an error message: quoted, and short."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[:limit] + "…"
        return '"' + text.replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)[:limit]
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def bare_message(error: ValidationError) -> str:
    """The message of `error` without its `where:` prefix and remedy, to re-raise it
    with a fuller place (a JSON path, a row and column) in front."""
    msg = error.message
    if error.where and msg.startswith(f"{error.where}: "):
        msg = msg[len(error.where) + 2 :]
    if error.remedy and msg.endswith(f" ({error.remedy})"):
        msg = msg[: -len(error.remedy) - 3]
    return msg


def is_plain_text(value: str, max_bytes: int = MAX_STRING_BYTES) -> bool:
    """The common case, cheaply: short ASCII text without NUL needs no closer look.

    Readers call this first and build an error location (a JSON path, a row and column)
    only for the rare value that needs `check_text`: on a million values that matters.
    """
    return len(value) <= max_bytes and value.isascii() and _PLAIN_ASCII.fullmatch(value) is not None


def check_text(value: str, where: str, *, max_bytes: int = MAX_STRING_BYTES) -> str:
    """`value` if it can be stored as text: bounded, no NUL, valid Unicode (no lone
    surrogates), none of the control or bidi-override characters core.validate refuses
    (Windows line ends become plain ones). One-line fields are checked further by
    core.validate, which knows which fields those are.

    Lone surrogates arrive through JSON escapes like "\\ud800"; they cannot be written
    as UTF-8 and would fail later, inside the store's transaction, so refuse them here.
    """
    if len(value) > max_bytes:
        raise ValidationError(f"text longer than {max_bytes:,} bytes", where=where)
    if "\x00" in value:
        raise ValidationError("text contains a NUL character", where=where)
    if not value.isascii():
        try:
            size = len(value.encode("utf-8"))
        except UnicodeEncodeError:
            raise ValidationError(
                "text contains an invalid character (a lone UTF-16 surrogate)", where=where
            ) from None
        if size > max_bytes:
            raise ValidationError(f"text longer than {max_bytes:,} bytes", where=where)
    return check_chars(value, where, multiline=True)


def check_url(value: str, where: str) -> str:
    """`value` if it is a web address; other schemes (javascript:, file:) are refused.

    Addresses end up as links in briefing PDFs and in the window, where a `file:` or
    `javascript:` link from an imported file would be a trap.
    """
    check_text(value, where, max_bytes=MAX_SHORT_STRING * 10)
    if not _URL_RE.fullmatch(value):
        raise ValidationError(
            f"{quote(value)} is not a web address: expected one starting with http:// or https://",
            where=where,
        )
    return value
