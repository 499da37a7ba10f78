"""core.validate.check_chars: the one rule for control and bidi-override characters,
and cli.common.printable, its counterpart on terminal output."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.cli.common import printable
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Relation, Source
from dossier.core.validate import check_chars, validate_case, validate_source

UYGHUR = "ئىلھام توختى"  # Ilham Tohti, Uyghur in Arabic script


@pytest.mark.parametrize(
    "ch",
    [
        "\x1b",
        "\r",
        "\x07",
        "\x7f",
        "\x9b",
        "\x85",
        "\u202e",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\x0c",
    ],
)
def test_refused_everywhere(ch):
    for multiline in (False, True):
        with pytest.raises(ValidationError, match=rf"^field: contains U\+{ord(ch):04X}"):
            check_chars(f"a{ch}b", "field", multiline=multiline)


@pytest.mark.parametrize("ch", ["\n", "\t", "\u2028", "\u2029"])
def test_line_breaks_only_where_a_field_allows_them(ch):
    with pytest.raises(ValidationError):
        check_chars(f"a{ch}b", "name")
    assert check_chars(f"a{ch}b", "note", multiline=True) == f"a{ch}b"


def test_windows_line_ends_become_plain_in_multiline_fields():
    assert check_chars("a\r\nb", "note", multiline=True) == "a\nb"


@pytest.mark.parametrize(
    "text", [UYGHUR, "刘晓波", "བཀྲ་ཤིས་", "שלום", "a\u200fb\u200e", "می\u200cخواهم", "\u061cx"]
)
def test_legitimate_scripts_and_marks_pass(text):
    assert check_chars(text, "name") == text
    assert printable(text) == text


def test_records_name_the_field():
    with pytest.raises(ValidationError, match=r"^relations\[0\]\.name"):
        validate_case(Case(name="x", relations=[Relation(name="a\x1bb")]))
    with pytest.raises(ValidationError, match=r"^publisher"):
        validate_source(Source(title="t", publisher="\u202eevil"))


def test_printable_escapes_what_a_terminal_acts_on():
    assert printable("a\x1b[2Jb\rc\u202ed\x9b") == "a\\x1b[2Jb\\x0dc\\u202ed\\x9b"
    assert printable("a\nb\tc") == "a\nb\tc"
    assert printable("a\nb", newlines=False) == "a\\nb"


@given(st.text())
def test_printable_output_holds_nothing_unsafe(text):
    out = printable(text)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert not any(
        0x7F <= ord(c) <= 0x9F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
        for c in out
    )
