"""SECURITY.md items 7 and 9 (and issue 6, item 5): hostile input never raises an untyped
exception. Every parser a file or a user can feed -- EDTF dates, sentences, CSV/XLSX
sheets, interchange JSON, the key header, the share manifest, container and sync member --
gets random and mutated input; only DossierError (with its exit code) may come out.

A fixed, derandomized budget (max_examples, no deadline) keeps this inside `make test`;
each test has a `_full` twin, marked slow, with ten times the examples drawn at random
(`make test-reliability`).
"""

from __future__ import annotations

import io
import json
import os
import struct
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core.errors import DossierError

EXAMPLES = 200
FULL_EXAMPLES = 2000
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


def fuzz_pair(examples: int = EXAMPLES, **strategies):
    """Two tests from one body: the fixed quick budget (derandomized, in `make test`) and a
    ten times larger random one, marked slow (`make test-reliability`), which the loop at
    the end of this module publishes as `<name>_full`."""

    def wrap(body):
        quick = settings(
            max_examples=examples, deadline=None, derandomize=True, suppress_health_check=_HEALTH
        )(given(**strategies)(body))
        full = settings(
            max_examples=examples * FULL_EXAMPLES // EXAMPLES,
            deadline=None,
            suppress_health_check=_HEALTH,
        )(given(**strategies)(body))
        quick.full_variant = pytest.mark.slow(full)
        return quick

    return wrap


def only_dossier_errors(fn, *args) -> object:
    """Call `fn`; a DossierError is a fine answer, anything else fails the test."""
    try:
        return fn(*args)
    except DossierError as exc:
        assert str(exc).strip(), "a DossierError must carry a message"
        assert isinstance(exc.exit_code, int)
        return exc


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=30,
)


def mutate(draw, doc):
    """Replace one node of a JSON document (found by a random walk) with a random value."""
    if isinstance(doc, dict) and doc and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(doc)))
        return {**doc, key: mutate(draw, doc[key])}
    if isinstance(doc, list) and doc and draw(st.booleans()):
        i = draw(st.integers(0, len(doc) - 1))
        return doc[:i] + [mutate(draw, doc[i])] + doc[i + 1 :]
    return draw(json_values)


# --- dates and sentences --------------------------------------------------------------------

EDTF_CHARS = "0123456789-/?~%XuU.ESYT:+ []{},^'"


@fuzz_pair(text=st.one_of(st.text(alphabet=EDTF_CHARS, max_size=32), st.text(max_size=32)))
def test_parse_edtf(text):
    from dossier.core.dates import describe, parse_edtf

    got = only_dossier_errors(parse_edtf, text)
    if not isinstance(got, DossierError):
        assert got.earliest <= got.latest
        only_dossier_errors(describe, text, "zh")


SENTENCE_CHARS = "0123456789PYMWDT有期徒刑年个月零一二三四五六七八九十百千万两无死缓期执行拘役管制lifedeath-suspended "


@fuzz_pair(text=st.one_of(st.text(alphabet=SENTENCE_CHARS, max_size=24), st.text(max_size=24)))
def test_normalize_sentence(text):
    from dossier.core.sentence import describe_sentence, normalize_sentence

    got = only_dossier_errors(normalize_sentence, text)
    if isinstance(got, str):
        only_dossier_errors(describe_sentence, got, "zh")


# --- spreadsheets ---------------------------------------------------------------------------

HEADERS = [
    "case",
    "case_id",
    "native_name",
    "lang",
    "tags",
    "event_type",
    "date",
    "end",
    "place",
    "authority",
    "charges",
    "sentence",
    "note",
    "source_title",
    "source_url",
    "sensitivity",
    "姓名",
    "事件",
    "日期",
    "刑期",
    "unknown column",
    "",
]
CELLS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "detention",
            "rsdl",
            "逮捕",
            "2015-07-09",
            "2015-10~",
            "P4Y6M",
            "无期徒刑",
            "public",
            '=HYPERLINK("x")',
            "zh-Hans",
            "a;b；c",
            "https://example.org",
            "\x00",
            "\ufeff",
        ]
    ),
)


def _parse_sheet(data: bytes, suffix: str):
    from dossier.interchange import spreadsheet

    fd, name = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return only_dossier_errors(
            spreadsheet.parse_spreadsheet, Path(name), {"Existing": "e" * 36}
        )
    finally:
        os.unlink(name)


@st.composite
def csv_files(draw) -> bytes:
    import csv

    heads = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(heads) + 1), max_size=6))
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(heads)
    w.writerows(rows)
    enc = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "gb18030"]))
    return out.getvalue().encode(enc, errors="replace")


@fuzz_pair(data=st.one_of(csv_files(), st.binary(max_size=400)))
def test_spreadsheet_csv(data):
    _parse_sheet(data, ".csv")


@st.composite
def zip_like(draw) -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in draw(
            st.lists(
                st.sampled_from(
                    [
                        "[Content_Types].xml",
                        "xl/workbook.xml",
                        "xl/worksheets/sheet1.xml",
                        "../evil",
                        "xl/_rels/workbook.xml.rels",
                    ]
                ),
                max_size=4,
                unique=True,
            )
        ):
            z.writestr(name, draw(st.binary(max_size=60)))
    return buf.getvalue()


@fuzz_pair(examples=50, data=st.one_of(zip_like(), st.binary(max_size=300)))
def test_spreadsheet_xlsx(data):
    _parse_sheet(data, ".xlsx")


# --- interchange JSON -----------------------------------------------------------------------


def _valid_bundle_doc() -> dict:
    from dossier.core.model import Case, Event, Name, Source
    from dossier.interchange import json_format

    src = Source(title="Report", url="https://example.org/r", date="2018-02")
    case = Case(
        name="Wang Quanzhang",
        names=[Name("王全璋", "zh-Hans")],
        tags=["lawyers"],
        events=[
            Event(type="disappearance", date="2015-07-09", place="Beijing", source_ids=[src.id]),
            Event(type="verdict", date="2019-01-28", sentence="P4Y6M", charges=["subversion"]),
        ],
    )
    return json.loads(
        json_format.dumps(json_format.Bundle(cases=[case], sources=[src], organisations=[]))
    )


VALID_BUNDLE = _valid_bundle_doc()


@fuzz_pair(data=st.data())
def test_json_interchange(data):
    from dossier.interchange import json_format

    choice = data.draw(st.integers(0, 3))
    if choice == 0:
        doc = mutate(data.draw, VALID_BUNDLE)
        payload = json.dumps(doc).encode()
    elif choice == 1:
        payload = json.dumps(data.draw(json_values)).encode()
    elif choice == 2:
        raw = bytearray(json.dumps(VALID_BUNDLE).encode())
        for _ in range(data.draw(st.integers(1, 4))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        payload = bytes(raw)
    else:
        payload = data.draw(st.binary(max_size=200))
    only_dossier_errors(json_format.load, payload)


# --- the key header ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def header_bytes() -> bytes:
    from dossier.crypto import keyheader
    from dossier.crypto.kdf import MIN_PARAMS

    header, _ = keyheader.create_header("fuzz", MIN_PARAMS)
    return keyheader.encode(header)


@fuzz_pair(data=st.data())
def test_key_header_decode(header_bytes, data):
    from dossier.crypto import keyheader

    choice = data.draw(st.integers(0, 2))
    if choice == 0:
        raw = bytearray(header_bytes)
        for _ in range(data.draw(st.integers(1, 3))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
        raw = bytes(raw)
    elif choice == 1:
        raw = json.dumps(mutate(data.draw, json.loads(header_bytes))).encode()
    else:
        raw = data.draw(st.binary(max_size=600))
    only_dossier_errors(keyheader.decode, raw)


# --- share files: manifest, container, sync member --------------------------------------------


@pytest.fixture(scope="module")
def manifest_doc() -> dict:
    pytest.importorskip("dossier.share.manifest")
    from dossier.crypto import keys
    from dossier.share.container import Member
    from dossier.share.manifest import Recipient, new_manifest

    ident = keys.Identity.generate()
    m = new_manifest(
        ident.signing_key,
        [Recipient(ident.recipient, ident.fingerprint)],
        False,
        "internal",
        {"cases": 1},
        [Member("records.json", 10, "0" * 64), Member("sync.json", 5, "1" * 64)],
    )
    return json.loads(m.to_bytes())


@fuzz_pair(data=st.data())
def test_share_manifest(manifest_doc, data):
    from dossier.share import manifest

    if data.draw(st.booleans()):
        doc = mutate(data.draw, manifest_doc)
        raw = json.dumps(doc, ensure_ascii=False).encode()
    else:
        raw = data.draw(st.binary(max_size=300))
    only_dossier_errors(manifest.parse, raw)


@pytest.mark.parametrize("audience", [[], {}, ["internal"]])
def test_share_manifest_with_a_non_string_audience(manifest_doc, audience):
    """Found by the fuzzer above: a list or object as the audience raised TypeError
    (unhashable) before the signature was checked. Kept as a regression test."""
    from dossier.share import manifest

    raw = json.dumps({**manifest_doc, "audience": audience}).encode()
    with pytest.raises(DossierError):
        manifest.parse(raw)


@fuzz_pair(data=st.data())
def test_share_container(data):
    container = pytest.importorskip("dossier.share.container")
    from dossier.share.container import MAGIC, ContainerReader, Member

    manifest = data.draw(st.binary(max_size=40))
    head = MAGIC + struct.pack(">I", len(manifest)) + manifest
    tail = data.draw(st.binary(max_size=120))
    raw = data.draw(
        st.sampled_from([head + tail, data.draw(st.binary(max_size=200)), MAGIC[:6] + tail])
    )
    members = [
        Member(
            f"m{i}", data.draw(st.integers(0, 64)), data.draw(st.sampled_from(["0" * 64, "f" * 64]))
        )
        for i in range(data.draw(st.integers(0, 3)))
    ]

    def read_all() -> None:
        reader = ContainerReader(io.BytesIO(raw))
        reader.head()
        for m in reader.members(members):
            m.read(data.draw(st.integers(-1, 80)))
        reader.finish()

    assert container.SIGNATURE_LENGTH == 64
    only_dossier_errors(read_all)


@fuzz_pair(data=st.data())
def test_share_sync_member(data):
    package = pytest.importorskip("dossier.share.package")
    doc = {"format": package.SYNC_FORMAT, "version": 1, "ancestors": {"u1": ["a" * 64]}}
    if data.draw(st.booleans()):
        raw = json.dumps(mutate(data.draw, doc)).encode()
    else:
        raw = data.draw(st.binary(max_size=200))
    only_dossier_errors(package.decode_sync, raw, {"u1", "u2"})


# The slow, ten-times-larger variant of every fuzz test above.
for _name, _test in list(globals().items()):
    if _name.startswith("test_") and hasattr(_test, "full_variant"):
        globals()[f"{_name}_full"] = _test.full_variant
