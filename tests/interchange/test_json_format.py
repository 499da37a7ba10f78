"""The interchange JSON: round trips, redaction by audience, and refusal of bad input."""

from __future__ import annotations

import copy
import json
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.core import vocab
from dossier.core.dates import parse_edtf
from dossier.core.errors import ValidationError
from dossier.core.model import (
    Ask,
    Attachment,
    Case,
    Event,
    Name,
    Organisation,
    Relation,
    Source,
)
from dossier.interchange import json_format, limits
from dossier.interchange.json_format import Bundle, dump, dumps, load

T0 = "2018-02-03T10:00:00Z"


def _bundle() -> Bundle:
    """A small dossier touching every record type and every sensitivity."""
    org = Organisation(
        name="International Campaign for Tibet", kind="ngo", url="https://savetibet.org/"
    )
    hrw = Source(
        title="Joint NGO letter",
        url="https://www.hrw.org/letter",
        date="2018-02",
        publisher="Human Rights Watch",
        created=T0,
        updated=T0,
    )
    rfa = Source(title="Diplomat's notes", sensitivity="restricted", created=T0, updated=T0)
    cellmate = Source(
        title="Interview with former cellmate Zhang",
        url="https://example.org/z",
        publisher="private",
        note="met in Bangkok",
        protected=True,
        date="2017-11",
        created=T0,
        updated=T0,
    )
    cellmate.attachments = [
        Attachment(
            source_id=cellmate.id,
            filename="interview.m4a",
            media_type="audio/mp4",
            size=123456,
            sha256="ab" * 32,
            created=T0,
        )
    ]
    wang = Case(
        name="Wang Quanzhang",
        names=[Name("王全璋", "zh-Hans")],
        tags=["lawyers"],
        summary="Rights lawyer.",
        organisation_ids=[org.id],
        created=T0,
        updated=T0,
    )
    wang.events = [
        Event(
            case_id=wang.id,
            type="disappearance",
            date="2015-07-09",
            place="Beijing",
            source_ids=[hrw.id, cellmate.id],
            seq=0,
            created=T0,
            updated=T0,
        ),
        Event(
            case_id=wang.id,
            type="rsdl",
            date="2015-08-03",
            end="2016-01-08",
            charges=["inciting_subversion"],
            source_ids=[rfa.id],
            seq=1,
            sensitivity="restricted",
            confidence="reported",
            created=T0,
            updated=T0,
        ),
        Event(
            case_id=wang.id,
            type="verdict",
            date="2019-01-28",
            sentence="P4Y6M",
            charges=["subversion", "free-text charge"],
            seq=2,
            created=T0,
            updated=T0,
        ),
        Event(
            case_id=wang.id,
            type="health_concern",
            date="2019~",
            seq=3,
            note="seen by a source inside",
            sensitivity="confidential",
            created=T0,
            updated=T0,
        ),
    ]
    secret = Case(name="Secret Person", sensitivity="confidential", created=T0, updated=T0)
    wang.relations = [
        Relation(case_id=wang.id, name="Li Wenzu", relation="spouse"),
        Relation(case_id=wang.id, name="Secret Person", relation="client", other_case_id=secret.id),
    ]
    wang.asks = [
        Ask(case_id=wang.id, text="Release him", addressee="PRC authorities", created=T0),
        Ask(case_id=wang.id, text="Raise quietly", sensitivity="restricted", created=T0),
    ]
    tashi = Case(
        name="Tashi Wangchuk",
        names=[Name("བཀྲ་ཤིས་དབང་ཕྱུག", "bo"), Name("扎西文色", "zh-Hans", "alias")],
        created=T0,
        updated=T0,
    )
    ilham = Case(
        name="Ilham Tohti",
        names=[Name("ئىلھام توختى", "ug")],
        birth_year="1969",
        created=T0,
        updated=T0,
    )
    return Bundle(
        cases=[wang, secret, tashi, ilham], sources=[hrw, rfa, cellmate], organisations=[org]
    )


def _case(doc: dict, name: str) -> dict | None:
    return next((c for c in doc["cases"] if c["name"] == name), None)


# --- round trip and format --------------------------------------------------------


def test_round_trip_keeps_everything():
    b = _bundle()
    assert load(dumps(b)) == b
    assert load(dump(b)) == b
    assert load(dumps(b).decode("utf-8")) == b


def test_dumps_is_deterministic_sorted_and_readable():
    b = _bundle()
    data = dumps(b)
    assert data == dumps(copy.deepcopy(b))
    text = data.decode("utf-8")
    assert "王全璋" in text and "བཀྲ་ཤིས་དབང་ཕྱུག" in text and "ئىلھام توختى" in text
    assert "\\u" not in text
    doc = json.loads(text)
    assert doc["format"] == "dossier-interchange" and doc["version"] == 1
    assert list(doc) == sorted(doc)
    assert list(doc["cases"][0]) == sorted(doc["cases"][0])


def test_load_fills_parent_ids_from_nesting():
    b = load(dumps(_bundle()))
    wang = b.cases[0]
    assert all(e.case_id == wang.id for e in wang.events)
    assert all(a.case_id == wang.id for a in wang.asks)
    cellmate = b.sources[2]
    assert cellmate.attachments[0].source_id == cellmate.id


def test_load_normalises_charge_terms_and_sentences():
    doc = dump(_bundle())
    ev = doc["cases"][0]["events"][2]
    ev["charges"] = ["颠覆国家政权罪", "Fraud", "something else"]
    ev["sentence"] = "有期徒刑四年六个月"
    e = load(doc).cases[0].events[2]
    assert e.charges == ["subversion", "fraud", "something else"]
    assert e.sentence == "P4Y6M"


def test_uppercase_uuids_are_canonicalised():
    doc = dump(_bundle())
    doc["cases"][2]["id"] = doc["cases"][2]["id"].upper()
    assert load(doc).cases[2].id == _bundle_ids(doc)[2].lower()


def _bundle_ids(doc: dict) -> list[str]:
    return [c["id"] for c in doc["cases"]]


def test_optional_fields_may_be_left_out():
    doc = {
        "format": "dossier-interchange",
        "version": 1,
        "cases": [
            {
                "id": str(uuid.uuid4()),
                "name": "Yu Wensheng",
                "events": [{"id": str(uuid.uuid4()), "type": "detention", "date": "2018-01-19"}],
            }
        ],
    }
    b = load(doc)
    assert b.cases[0].events[0].type == "detention"
    assert b.cases[0].sensitivity == "public" and b.sources == []


def test_the_documented_example_loads_and_round_trips():
    doc_path = Path(__file__).parents[2] / "docs" / "interchange.md"
    example = doc_path.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    b = load(example.encode())
    assert b.cases[0].names[0].value == "王全璋"
    assert json.loads(dumps(b)) == json.loads(example)


# --- audience ---------------------------------------------------------------------


def test_diplomatic_dump_drops_confidential_records():
    doc = dump(_bundle(), audience="diplomatic")
    data = dumps(_bundle(), audience="diplomatic").decode()
    assert _case(doc, "Secret Person") is None
    wang = _case(doc, "Wang Quanzhang")
    assert [e["type"] for e in wang["events"]] == ["disappearance", "rsdl", "verdict"]
    assert "seen by a source inside" not in data
    assert [a["text"] for a in wang["asks"]] == ["Release him", "Raise quietly"]
    # the relation stays, but no longer points at the dropped case
    assert [r["other_case_id"] for r in wang["relations"]] == [None, None]
    assert doc["audience"] == "diplomatic"
    load(doc)  # what was written is itself a valid file


def test_public_dump_drops_restricted_sources_and_their_references():
    b = _bundle()
    doc = dump(b, audience="public")
    titles = [s["title"] for s in doc["sources"]]
    assert "Diplomat's notes" not in titles
    wang = _case(doc, "Wang Quanzhang")
    assert [e["type"] for e in wang["events"]] == ["disappearance", "verdict"]
    assert [a["text"] for a in wang["asks"]] == ["Release him"]
    rfa_id = b.sources[1].id
    assert all(rfa_id not in e["source_ids"] for e in wang["events"])
    load(doc)


@pytest.mark.parametrize("audience", ["public", "diplomatic"])
def test_protected_source_is_renamed_below_internal(audience):
    b = _bundle()
    data = dumps(b, audience=audience).decode()
    doc = json.loads(data)
    src = next(s for s in doc["sources"] if s["id"] == b.sources[2].id)
    assert src["title"] == "confidential source"
    assert src["url"] is None and src["publisher"] is None and src["note"] is None
    assert src["attachments"] == [] and src["date"] is None
    for secret in ("cellmate", "Zhang", "example.org", "Bangkok", "interview.m4a"):
        assert secret not in data
    # the event still cites it, as "a confidential source"
    assert b.sources[2].id in _case(doc, "Wang Quanzhang")["events"][0]["source_ids"]
    assert b.sources[2].title.startswith("Interview")  # the input is not modified


def test_internal_and_unfiltered_dumps_keep_everything():
    b = _bundle()
    assert load(dump(b, audience="internal")) == b
    assert "Interview with former cellmate" in dumps(b).decode()


def test_unknown_audience_is_refused():
    with pytest.raises(ValidationError, match="unknown audience"):
        dump(_bundle(), audience="everyone")


# --- validation -------------------------------------------------------------------


def _set(path: str, value):
    """A mutation of the dumped test bundle: set `path` (dots and [i]) to `value`."""

    def apply(doc):
        keys = [
            int(k) if k.isdigit() else k for k in path.replace("[", ".").replace("]", "").split(".")
        ]
        target = doc
        for k in keys[:-1]:
            target = target[k]
        if value is _DELETE:
            del target[keys[-1]]
        else:
            target[keys[-1]] = value
        return doc

    return apply


_DELETE = object()
_SOME_ID = "0a8e0c8e-1b7e-4a3e-9d7e-5c0f2e4c9a11"

BAD = [
    (
        "cases[0].events[1].date",
        "2015-13",
        'cases[0].events[1].date: "2015-13" is not a valid EDTF date',
    ),
    (
        "cases[0].events[0].type",
        "kidnapping",
        'cases[0].events[0].type: unknown event type "kidnapping"',
    ),
    ("cases[0].events[0].type", "被迫失踪", "cases[0].events[0].type: unknown event type"),
    ("cases[0].sensitivity", "secret", 'cases[0].sensitivity: unknown sensitivity "secret"'),
    ("sources[1].sensitivity", 3, "sources[1].sensitivity: unknown sensitivity 3"),
    (
        "cases[0].events[2].sentence",
        "ten years-ish",
        'cases[0].events[2].sentence: "ten years-ish" is not a valid sentence',
    ),
    ("cases[1].id", "abc", 'cases[1].id: "abc" is not a UUID'),
    (
        "cases[0].events[0].source_ids[0]",
        _SOME_ID,
        f"cases[0].events[0].source_ids[0]: source {_SOME_ID} is not in the file's sources",
    ),
    ("cases[0].organisation_ids[0]", _SOME_ID, "cases[0].organisation_ids[0]: organisation"),
    ("cases[0].photo_attachment_id", "photo.jpg", "cases[0].photo_attachment_id: "),
    ("cases[0].name", _DELETE, "cases[0].name: required field is missing"),
    ("cases[0].name", "   ", "cases[0].name: must not be empty"),
    ("cases[0].name", 7, "cases[0].name: expected text, got 7"),
    ("cases[0].colour", "red", "cases[0].colour: unknown field"),
    ("cases[0].names[0].lang", "中文", 'cases[0].names[0].lang: "中文" is not a BCP 47'),
    ("cases[0].names[0].kind", "nickname", "cases[0].names[0].kind: unknown kind"),
    ("cases[0].tags", "lawyers", 'cases[0].tags: expected a list, got "lawyers"'),
    ("cases[0].tags[0]", "", "cases[0].tags[0]: expected non-empty text"),
    ("cases[0].events", {}, "cases[0].events: expected a list"),
    ("cases[0].events[0]", [], "cases[0].events[0]: expected an object"),
    ("cases[0].events[1].end", "2014", "cases[0].events[1].end: end 2014 is before"),
    ("cases[0].events[0].seq", -1, "cases[0].events[0].seq: expected a whole number"),
    ("cases[0].events[0].seq", True, "cases[0].events[0].seq: expected a whole number"),
    ("cases[0].events[0].confidence", "certain", "cases[0].events[0].confidence: unknown"),
    (
        "cases[0].events[0].created",
        "yesterday",
        'cases[0].events[0].created: "yesterday" is not a UTC time',
    ),
    ("cases[0].events[0].note", "a\x00b", "cases[0].events[0].note: text contains a NUL"),
    ("cases[0].birth_year", "sixties", 'cases[0].birth_year: "sixties" is not a valid EDTF'),
    ("cases[0].asks[0].text", None, "cases[0].asks[0].text: required field is missing"),
    ("sources[0].url", "javascript:alert(1)", 'sources[0].url: "javascript:alert(1)" is not a web'),
    ("sources[0].protected", "yes", "sources[0].protected: expected true or false"),
    (
        "sources[2].attachments[0].filename",
        "../../etc/passwd",
        'sources[2].attachments[0].filename: "../../etc/passwd" is not a plain file name',
    ),
    ("sources[2].attachments[0].sha256", "AB" * 32, "sources[2].attachments[0].sha256"),
    ("sources[2].attachments[0].size", -5, "sources[2].attachments[0].size"),
    ("sources[2].attachments[0].media_type", "audio", "sources[2].attachments[0].media_type"),
    ("organisations[0].url", "file:///etc/passwd", "organisations[0].url"),
    ("cases", {"a": 1}, "cases: expected a list"),
    ("audience", "everyone", "audience: unknown audience"),
    ("version", "1", 'version: unknown interchange version "1"'),
]


@pytest.mark.parametrize(("path", "value", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_field_is_refused_with_its_path(path, value, message):
    doc = _set(path, value)(dump(_bundle()))
    with pytest.raises(ValidationError) as err:
        load(json.dumps(doc).encode())
    assert message in str(err.value)


def test_duplicate_ids_are_refused():
    doc = dump(_bundle())
    doc["cases"][2]["id"] = doc["cases"][0]["events"][0]["id"]
    with pytest.raises(ValidationError, match=r"cases\[2\]\.id: id .* is used by another record"):
        load(doc)


def test_duplicate_reference_is_refused():
    doc = dump(_bundle())
    ids = doc["cases"][0]["events"][0]["source_ids"]
    ids.append(ids[0])
    with pytest.raises(ValidationError, match="listed twice"):
        load(doc)


def test_newer_version_is_refused_clearly():
    doc = dump(_bundle())
    doc["version"] = 2
    with pytest.raises(ValidationError, match="made by a newer Dossier") as err:
        load(doc)
    assert "update Dossier" in str(err.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not valid JSON"),
        (b"{", "not valid JSON"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"[]", "not a Dossier interchange file"),
        (b'{"format": "something-else", "version": 1}', "not a Dossier interchange file"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (
            b'{"format": "dossier-interchange", "version": 1, "cases": [{"id": "\\ud800", "name": "x"}]}',
            "cases[0].id",
        ),
        (
            b'{"format": "dossier-interchange", "version": 1, "cases": [{"id": "'
            + str(uuid.uuid4()).encode()
            + b'", "name": "\\ud800x"}]}',
            "cases[0].name: text contains an invalid character",
        ),
        (
            b'{"format": "dossier-interchange", "version": 1, "cases": 1' + b"0" * 5000 + b"}",
            "not valid JSON",
        ),
    ],
)
def test_malformed_files_are_refused(data, message):
    with pytest.raises(ValidationError) as err:
        load(data)
    assert message in str(err.value)


def test_limits_on_counts_and_sizes(monkeypatch):
    doc = dump(_bundle())
    monkeypatch.setattr(limits, "MAX_CASES", 3)
    with pytest.raises(ValidationError, match="cases: more than 3 entries"):
        load(doc)
    monkeypatch.setattr(limits, "MAX_CASES", 100)
    extra = dict(doc["cases"][0]["events"][0], id=str(uuid.uuid4()), source_ids=[])
    doc["cases"][2]["events"] = [extra]  # 4 + 1 events, no case over the limit alone
    monkeypatch.setattr(limits, "MAX_EVENTS", 4)
    with pytest.raises(ValidationError, match=r"cases\[2\]\.events: the file holds more than 4"):
        load(doc)
    monkeypatch.setattr(limits, "MAX_JSON_BYTES", 100)
    with pytest.raises(ValidationError, match="larger than"):
        load(dumps(_bundle()))


def test_a_string_over_one_megabyte_is_refused():
    doc = dump(_bundle())
    doc["cases"][0]["summary"] = "字" * (limits.MAX_STRING_BYTES // 3 + 1)
    with pytest.raises(ValidationError, match=r"cases\[0\]\.summary: text longer than"):
        load(doc)


# --- properties -------------------------------------------------------------------

# Any text stored text may hold: no controls (Cc), line separators or bidi overrides
# (core.validate refuses those on every way in; tests/core/test_text_safety.py).
_TEXT = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
            blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
        ),
        min_size=1,
        max_size=12,
    )
    .map(str.strip)
    .filter(bool)
)
_OPT_TEXT = st.none() | _TEXT
_STAMP = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2030, 12, 31),
).map(lambda d: d.replace(microsecond=0).isoformat() + "Z")
_DAY = st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31))
_EDTF = st.one_of(
    _DAY.map(lambda d: d.isoformat()),
    _DAY.map(lambda d: d.isoformat()[:7]),
    _DAY.map(lambda d: d.isoformat()[:4] + "~"),
    _DAY.map(lambda d: d.isoformat()[:7] + "?"),
    st.sampled_from(["201X", "2015-10-17/2017-10-17", "2015-10/..", "2016-21"]),
)
_SENS = st.sampled_from(list(vocab.SENSITIVITIES))
_CHARGE = st.sampled_from(list(vocab.CHARGES)) | _TEXT.filter(lambda t: vocab.charge_id(t) is None)


@st.composite
def bundles(draw) -> Bundle:
    counter = iter(range(1, 10**9))

    def new_id() -> str:
        return str(uuid.UUID(int=next(counter) * 7919, version=4))

    orgs = [
        Organisation(
            id=new_id(),
            name=draw(_TEXT),
            kind=draw(_OPT_TEXT),
            url=draw(st.none() | st.just("https://example.org/o")),
            note=draw(_OPT_TEXT),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    sources = []
    for _ in range(draw(st.integers(0, 3))):
        s = Source(
            id=new_id(),
            title=draw(_TEXT),
            url=draw(st.none() | st.just("http://a.b/c")),
            date=draw(st.none() | _EDTF),
            publisher=draw(_OPT_TEXT),
            reliability=draw(_OPT_TEXT),
            protected=draw(st.booleans()),
            sensitivity=draw(_SENS),
            note=draw(_OPT_TEXT),
            created=draw(_STAMP),
            updated=draw(_STAMP),
            author=draw(_OPT_TEXT),
        )
        s.attachments = [
            Attachment(
                id=new_id(),
                source_id=s.id,
                filename=draw(
                    _TEXT.filter(
                        lambda t: (
                            not any(c in t for c in "/\\")
                            and t not in (".", "..")
                            and all(ord(c) >= 32 for c in t)
                        )
                    )
                ),
                media_type=draw(st.sampled_from(["application/pdf", "image/jpeg"])),
                size=draw(st.integers(0, 2**40)),
                sha256=draw(st.binary(min_size=32, max_size=32)).hex(),
                created=draw(_STAMP),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        sources.append(s)
    cases = []
    for _ in range(draw(st.integers(0, 3))):
        c = Case(
            id=new_id(),
            name=draw(_TEXT),
            names=[
                Name(
                    draw(_TEXT),
                    draw(st.sampled_from(["zh-Hans", "bo", "ug", "en"])),
                    draw(st.sampled_from(list(vocab.NAME_KINDS))),
                )
                for _ in range(draw(st.integers(0, 2)))
            ],
            tags=draw(st.lists(_TEXT, max_size=3, unique=True)),
            sensitivity=draw(_SENS),
            summary=draw(_OPT_TEXT),
            gender=draw(_OPT_TEXT),
            birth_year=draw(st.none() | _EDTF),
            occupation=draw(_OPT_TEXT),
            nationality=draw(_OPT_TEXT),
            photo_attachment_id=draw(st.none() | st.just(new_id())),
            organisation_ids=draw(st.lists(st.sampled_from([o.id for o in orgs]), unique=True))
            if orgs
            else [],
            created=draw(_STAMP),
            updated=draw(_STAMP),
            author=draw(_OPT_TEXT),
        )
        for seq in range(draw(st.integers(0, 4))):
            start = draw(_EDTF)
            end = draw(
                st.none()
                | _EDTF.filter(lambda e, s=start: parse_edtf(e).latest >= parse_edtf(s).earliest)
            )
            c.events.append(
                Event(
                    id=new_id(),
                    case_id=c.id,
                    type=draw(st.sampled_from(list(vocab.EVENT_TYPES))),
                    date=start,
                    end=end,
                    place=draw(_OPT_TEXT),
                    authority=draw(_OPT_TEXT),
                    charges=draw(st.lists(_CHARGE, max_size=3, unique=True)),
                    sentence=draw(
                        st.sampled_from(
                            [
                                None,
                                "P4Y6M",
                                "P18M",
                                "P30D",
                                "P1Y2W",
                                "life",
                                "death",
                                "death-suspended",
                            ]
                        )
                    ),
                    note=draw(_OPT_TEXT),
                    source_ids=draw(st.lists(st.sampled_from([s.id for s in sources]), unique=True))
                    if sources
                    else [],
                    confidence=draw(st.sampled_from([None, *json_format.CONFIDENCES])),
                    sensitivity=draw(_SENS),
                    seq=seq,
                    created=draw(_STAMP),
                    updated=draw(_STAMP),
                    author=draw(_OPT_TEXT),
                )
            )
        c.relations = [
            Relation(
                id=new_id(),
                case_id=c.id,
                name=draw(_TEXT),
                relation=draw(st.sampled_from(["", "spouse"])),
                other_case_id=draw(st.none() | st.just(new_id())),
                note=draw(_OPT_TEXT),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        c.asks = [
            Ask(
                id=new_id(),
                case_id=c.id,
                text=draw(_TEXT),
                addressee=draw(_OPT_TEXT),
                sensitivity=draw(_SENS),
                created=draw(_STAMP),
            )
            for _ in range(draw(st.integers(0, 2)))
        ]
        cases.append(c)
    return Bundle(cases=cases, sources=sources, organisations=orgs)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_property_load_dump_round_trips(bundle):
    assert load(dumps(bundle)) == bundle


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles(), st.sampled_from(list(vocab.AUDIENCES)))
def test_property_redacted_dumps_load_and_hold_nothing_above_the_audience(bundle, audience):
    out = load(dumps(bundle, audience=audience))
    ok = {s for s, r in vocab.SENSITIVITY_RANK.items() if r <= vocab.AUDIENCE_CEILING[audience]}
    assert all(c.sensitivity in ok for c in out.cases)
    assert all(e.sensitivity in ok for c in out.cases for e in c.events)
    assert all(a.sensitivity in ok for c in out.cases for a in c.asks)
    assert all(s.sensitivity in ok for s in out.sources)
    if audience != "internal":
        assert all(s.title == "confidential source" for s in out.sources if s.protected)


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_JSONISH)
def test_property_arbitrary_json_raises_only_validation_error(value):
    for data in (
        value,
        {"format": "dossier-interchange", "version": 1, "cases": value},
        {"format": "dossier-interchange", "version": 1, "cases": [value]},
    ):
        try:
            load(data)
        except ValidationError:
            pass


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, (*prefix, i))


_VALID_DOC = dump(_bundle())
_ALL_PATHS = [p for p in _paths(_VALID_DOC) if p]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_ALL_PATHS), _JSONISH)
def test_property_any_field_replaced_by_anything_raises_only_validation_error(path, value):
    doc = copy.deepcopy(_VALID_DOC)
    target = doc
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    try:
        load(json.dumps(doc).encode())
    except ValidationError as e:
        assert str(e)
