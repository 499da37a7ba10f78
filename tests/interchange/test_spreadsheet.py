"""Spreadsheet import: English and Chinese headers, CSV encodings, xlsx, and refusals."""

from __future__ import annotations

import csv
import io
import uuid
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.errors import ValidationError
from dossier.interchange import limits
from dossier.interchange.spreadsheet import parse_spreadsheet, read_rows

FIXTURES = Path(__file__).parent / "fixtures"
HEADER_ZH = [
    "姓名",
    "原名",
    "语言",
    "标签",
    "事件",
    "日期",
    "结束日期",
    "地点",
    "机关",
    "罪名",
    "刑期",
    "备注",
    "来源",
    "来源链接",
    "敏感级别",
]


def _csv(
    tmp_path: Path,
    rows: list[list[str]],
    name: str = "sheet.csv",
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    p = tmp_path / name
    p.write_bytes(buf.getvalue().encode(encoding))
    return p


def _by_name(result, name):
    return next(c for c in result.new_cases if c.name == name)


# --- the committed fixtures -------------------------------------------------------


def test_english_headers():
    r = parse_spreadsheet(FIXTURES / "cases_en.csv")
    assert r.row_count == 7 and r.warnings == [] and r.events_for_existing == {}
    assert [c.name for c in r.new_cases] == [
        "Wang Quanzhang",
        "Tashi Wangchuk",
        "Ilham Tohti",
        "Yu Wensheng",
    ]
    wang = _by_name(r, "Wang Quanzhang")
    assert [(e.type, e.date, e.end, e.seq) for e in wang.events] == [
        ("disappearance", "2015-07-09", None, 0),
        ("rsdl", "2015-08-03", "2016-01-08", 1),
        ("verdict", "2019-01-28", None, 2),
    ]
    assert all(e.case_id == wang.id for e in wang.events)
    assert wang.tags == ["lawyers", "709 crackdown"]
    assert [(n.value, n.lang) for n in wang.names] == [("王全璋", "zh-Hans")]
    assert wang.events[1].charges == ["inciting_subversion"]
    assert wang.events[1].authority == "Tianjin Public Security Bureau"
    assert wang.events[2].sentence == "P4Y6M"
    assert wang.events[2].note == 'Closed trial; "state secrets" cited'
    # one source, reused by (title, url)
    letter = next(s for s in r.sources if s.title == "Joint NGO letter")
    assert wang.events[0].source_ids == wang.events[1].source_ids == [letter.id]
    assert letter.url == "https://www.hrw.org/news/2018/02/05/joint-letter"


def test_tibetan_and_uyghur_names_survive():
    r = parse_spreadsheet(FIXTURES / "cases_en.csv")
    tashi, ilham = _by_name(r, "Tashi Wangchuk"), _by_name(r, "Ilham Tohti")
    assert [(n.value, n.lang) for n in tashi.names] == [("བཀྲ་ཤིས་དབང་ཕྱུག", "bo")]
    assert [(n.value, n.lang) for n in ilham.names] == [("ئىلھام توختى", "ug")]


def test_sensitivities_of_cases_events_and_sources():
    r = parse_spreadsheet(FIXTURES / "cases_en.csv")
    ilham = _by_name(r, "Ilham Tohti")
    assert [e.sensitivity for e in ilham.events] == ["confidential", "public"]
    assert ilham.sensitivity == "public"  # one of its rows is public
    assert ilham.events[1].sentence == "life"
    interview = next(s for s in r.sources if s.title == "Interview with family")
    assert interview.sensitivity == "confidential" and interview.url is None
    yu = _by_name(r, "Yu Wensheng")  # a case-only row
    assert yu.events == [] and yu.sensitivity == "restricted" and yu.tags == ["lawyers"]


def test_chinese_headers_and_terms():
    r = parse_spreadsheet(FIXTURES / "cases_zh.csv")
    gui = _by_name(r, "Gui Minhai")
    assert [e.type for e in gui.events] == ["disappearance", "detention", "verdict"]
    assert gui.events[0].date == "2015-10"
    assert gui.events[1].charges == ["providing_secrets_abroad"]
    assert gui.events[2].charges == ["为境外非法提供情报罪"]  # unknown: kept as free text
    assert gui.events[2].sentence == "P10Y"
    assert gui.events[2].authority == "宁波市中级人民法院"
    assert gui.tags == ["出版人"]
    liu = _by_name(r, "Liu Xia")
    assert liu.events[0].type == "house_arrest" and liu.events[0].date == "2010-10~"
    assert liu.events[0].sensitivity == "restricted"
    assert liu.sensitivity == "restricted"  # its only row is restricted


def test_utf8_bom_is_stripped():
    r = parse_spreadsheet(FIXTURES / "cases_bom.csv")
    assert r.warnings == []
    assert r.new_cases[0].name == "Yu Wensheng"
    assert r.new_cases[0].events[0].type == "detention"
    assert list(read_rows(FIXTURES / "cases_bom.csv")[0]) == ["case", "event_type", "date"]


# --- encodings and dialects -------------------------------------------------------

_ROWS = [
    ["姓名", "原名", "事件", "日期"],
    ["Tashi Wangchuk", "བཀྲ་ཤིས་དབང་ཕྱུག", "刑事拘留", "2016-01-27"],
]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_variants(tmp_path, encoding):
    r = parse_spreadsheet(_csv(tmp_path, _ROWS, encoding=encoding))
    assert r.new_cases[0].names[0].value == "བཀྲ་ཤིས་དབང་ཕྱུག"


def test_gb18030_is_read_with_a_warning(tmp_path):
    rows = [["姓名", "原名", "事件", "日期"], ["Liu Xia", "刘霞", "软禁", "2010-10"]]
    r = parse_spreadsheet(_csv(tmp_path, rows, encoding="gb18030"))
    assert r.new_cases[0].names[0].value == "刘霞"
    assert r.new_cases[0].names[0].lang == "zh"  # guessed from the script
    assert any("GB18030" in w for w in r.warnings)


def test_undecodable_file_is_refused(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes(b"case,event_type\nabc\xff\xff\n")
    with pytest.raises(ValidationError, match="not text in UTF-8, UTF-16 or GB18030"):
        parse_spreadsheet(p)


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_semicolon_and_tab_separated(tmp_path, delimiter):
    rows = [
        ["case", "event_type", "date", "charges"],
        ["Yu Wensheng", "detention", "2018-01-19", "inciting_subversion;fraud"],
    ]
    r = parse_spreadsheet(_csv(tmp_path, rows, delimiter=delimiter))
    assert r.new_cases[0].events[0].charges == ["inciting_subversion", "fraud"]


def test_headers_are_matched_loosely(tmp_path):
    rows = [
        ["  CASE ", "Event Type", "DATE", "Native-Name", "Case ID"],
        ["Yu Wensheng", "Criminal detention", "2018-01-19", "余文生", ""],
    ]
    r = parse_spreadsheet(_csv(tmp_path, rows))
    assert r.new_cases[0].events[0].type == "detention"
    assert r.new_cases[0].names[0].value == "余文生"


# --- existing cases ---------------------------------------------------------------


def test_rows_for_existing_cases_by_name_and_id(tmp_path):
    wang_id, yu_id = str(uuid.uuid4()), str(uuid.uuid4())
    rows = [
        ["case", "case_id", "event_type", "date", "tags", "native_name", "lang", "sensitivity"],
        ["Wang Quanzhang", "", "release", "2020-04-05", "released", "", "", ""],
        ["Yu Wensheng (new spelling)", yu_id, "verdict", "2020-06-17", "", "", "", ""],
        ["Wang Quanzhang", "", "", "", "", "王全璋", "zh-Hans", "restricted"],
        ["Someone New", "", "detention", "2021", "", "", "", ""],
    ]
    existing = {"Wang Quanzhang": wang_id, wang_id: wang_id, yu_id: yu_id}
    r = parse_spreadsheet(_csv(tmp_path, rows), existing)
    assert [c.name for c in r.new_cases] == ["Someone New"]
    assert set(r.events_for_existing) == {wang_id, yu_id}
    (release,) = r.events_for_existing[wang_id]
    assert release.case_id == wang_id and release.type == "release" and release.seq == 0
    assert r.events_for_existing[yu_id][0].case_id == yu_id
    upd = r.updates_for_existing[wang_id]
    assert upd.tags == ["released"] and upd.sensitivity == "restricted"
    assert [(n.value, n.lang) for n in upd.names] == [("王全璋", "zh-Hans")]
    assert yu_id not in r.updates_for_existing


def test_unknown_case_id_creates_the_case_with_that_id(tmp_path):
    cid = str(uuid.uuid4())
    rows = [
        ["case", "case_id", "event_type", "date"],
        ["A", cid.upper(), "trial", "2019"],
        ["A", "", "verdict", "2019-12"],
    ]
    r = parse_spreadsheet(_csv(tmp_path, rows))
    assert [c.id for c in r.new_cases] == [cid]
    assert [e.seq for e in r.new_cases[0].events] == [0, 1]


def test_ambiguous_existing_name_asks_for_a_case_id(tmp_path):
    rows = [["case", "event_type", "date"], ["Zhang Wei", "detention", "2019"]]
    with pytest.raises(ValidationError, match="row 2, column case: several cases are named"):
        parse_spreadsheet(_csv(tmp_path, rows), {"Zhang Wei": None})


def test_existing_sources_are_reused(tmp_path):
    rows = [
        ["case", "event_type", "date", "source_title", "source_url"],
        ["A", "trial", "2019", "Joint letter", "https://hrw.org/l"],
    ]
    r = parse_spreadsheet(
        _csv(tmp_path, rows), existing_sources={("Joint letter", "https://hrw.org/l"): "src-1"}
    )
    assert r.sources == [] and r.new_cases[0].events[0].source_ids == ["src-1"]


# --- refusals ---------------------------------------------------------------------


def _zh_sheet_with_row7(tmp_path, **cells) -> Path:
    good = [
        "Wang Quanzhang",
        "",
        "",
        "",
        "刑事拘留",
        "2015-07-10",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    rows = [HEADER_ZH] + [list(good) for _ in range(6)]  # rows 2–7
    for k, v in cells.items():
        rows[6][HEADER_ZH.index(k)] = v
    return _csv(tmp_path, rows)


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ({"日期": "2015-13"}, 'row 7, column 日期 (date): "2015-13" is not a valid EDTF date'),
        ({"日期": ""}, "row 7, column 日期 (date): an event needs a date"),
        ({"结束日期": "2014"}, "row 7, column 结束日期 (end): end 2014 is before the date"),
        (
            {"事件": "kidnapping"},
            'row 7, column 事件 (event_type): unknown event type "kidnapping"',
        ),
        (
            {"刑期": "ten years-ish"},
            'row 7, column 刑期 (sentence): "ten years-ish" is not a valid sentence',
        ),
        ({"敏感级别": "secret"}, "row 7, column 敏感级别 (sensitivity): unknown sensitivity"),
        ({"来源链接": "javascript:alert(1)"}, "row 7, column 来源链接 (source_url): "),
        ({"语言": "zh-Hans"}, "row 7, column 语言 (lang): a language is given but no native_name"),
        (
            {"原名": "王全璋", "语言": "中文"},
            'row 7, column 语言 (lang): "中文" is not a language tag',
        ),
        ({"姓名": ""}, "row 7, column 姓名 (case): the case's name is missing"),
        (
            {"事件": "", "地点": "Tianjin"},
            "row 7, column 事件 (event_type): date, place given but no event type",
        ),
        ({"备注": "a\x00b"}, "row 7, column 备注 (note): text contains a NUL"),
    ],
)
def test_a_bad_row_rejects_the_file_naming_row_and_column(tmp_path, cells, message):
    with pytest.raises(ValidationError) as err:
        parse_spreadsheet(_zh_sheet_with_row7(tmp_path, **cells))
    assert message in str(err.value)


def test_missing_case_column(tmp_path):
    p = _csv(tmp_path, [["name", "event_type", "date"], ["Yu Wensheng", "detention", "2018"]])
    with pytest.raises(
        ValidationError, match='row 1: the required column "case" .姓名. is missing'
    ):
        parse_spreadsheet(p)


def test_unknown_columns_are_reported(tmp_path):
    p = _csv(
        tmp_path,
        [
            ["case", "event_type", "date", "colour", ""],
            ["Yu Wensheng", "detention", "2018", "red", "stray"],
        ],
    )
    r = parse_spreadsheet(p)
    assert r.warnings == [
        'unknown column "colour" (column D) was not imported',
        'unknown column "(column E)" (column E) was not imported',
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["case", "日期", "date"], ["A", "2018", "2018"]], "columns B and C both mean date"),
        ([["case", "note", "note"], ["A", "", ""]], 'the header "note" appears twice'),
        ([["case", "event_type"]], "a header but no rows"),
        ([], "the file is empty"),
        ([["case", "case_id"], ["A", "not-an-id"]], 'row 2, column case_id: "not-an-id"'),
    ],
)
def test_malformed_sheets(tmp_path, rows, message):
    with pytest.raises(ValidationError) as err:
        parse_spreadsheet(_csv(tmp_path, rows))
    assert message in str(err.value)


def test_unsupported_extension(tmp_path):
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ValidationError, match=r"cannot import \.xls files"):
        parse_spreadsheet(p)


def test_row_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 3)
    rows = [["case", "event_type", "date"]] + [["A", "trial", "2019"]] * 4
    with pytest.raises(ValidationError, match="more than 3 rows"):
        parse_spreadsheet(_csv(tmp_path, rows))


def test_blank_rows_are_skipped_but_keep_numbering(tmp_path):
    rows = [
        ["case", "event_type", "date"],
        ["A", "trial", "2019"],
        ["", "", ""],
        ["A", "verdict", "2019-99"],
    ]
    with pytest.raises(ValidationError, match="row 4, column date"):
        parse_spreadsheet(_csv(tmp_path, rows))


def test_leading_blank_rows_before_the_header(tmp_path):
    rows = [
        ["", "", ""],
        ["case", "event_type", "date"],
        ["A", "trial", "2019"],
        ["A", "verdict", "2019-99"],
    ]
    with pytest.raises(ValidationError, match="row 4, column date"):
        parse_spreadsheet(_csv(tmp_path, rows))
    assert read_rows(_csv(tmp_path, rows[:3]))[0] == {
        "case": "A",
        "event_type": "trial",
        "date": "2019",
    }


# --- xlsx -------------------------------------------------------------------------


def _xlsx(tmp_path: Path, rows: list[list], name: str = "sheet.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cases"
    for row in rows:
        ws.append(row)
    p = tmp_path / name
    wb.save(p)
    return p


def test_xlsx_with_typed_dates_and_scripts(tmp_path):
    rows = [
        HEADER_ZH,
        [
            "Tashi Wangchuk",
            "བཀྲ་ཤིས་དབང་ཕྱུག",
            "bo",
            "tibet",
            "刑事拘留",
            datetime(2016, 1, 27),
            None,
            "Yushu",
            None,
            "煽动分裂国家罪",
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "Ilham Tohti",
            "ئىلھام توختى",
            "ug",
            None,
            "判决",
            date(2014, 9, 23),
            None,
            None,
            None,
            "分裂国家罪",
            "无期徒刑",
            None,
            None,
            None,
            None,
        ],
        [None] * 15,
        [
            "Yu Wensheng",
            None,
            None,
            None,
            "刑事拘留",
            2018,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    p = _xlsx(tmp_path, rows)
    ws_month = openpyxl.load_workbook(p)
    cell = ws_month.active.cell(row=2, column=7, value=datetime(2017, 10, 1))
    cell.number_format = "yyyy-mm"  # Excel's way of keeping "2017-10"
    ws_month.save(p)
    r = parse_spreadsheet(p)
    tashi = _by_name(r, "Tashi Wangchuk")
    assert tashi.names[0].value == "བཀྲ་ཤིས་དབང་ཕྱུག"
    assert (tashi.events[0].date, tashi.events[0].end) == ("2016-01-27", "2017-10")
    assert tashi.events[0].charges == ["inciting_separatism"]
    ilham = _by_name(r, "Ilham Tohti")
    assert ilham.names[0].value == "ئىلھام توختى"
    assert ilham.events[0].date == "2014-09-23" and ilham.events[0].sentence == "life"
    assert _by_name(r, "Yu Wensheng").events[0].date == "2018"
    assert r.row_count == 3
    rows_read = read_rows(p)
    assert rows_read[0]["日期"] == "2016-01-27" and rows_read[2]["姓名"] == ""


def test_xlsx_formulas_are_never_evaluated(tmp_path):
    p = _xlsx(
        tmp_path,
        [["case", "event_type", "date", "note", "place"], ["A", "trial", "2019", "=1+1", "x"]],
    )
    wb = openpyxl.load_workbook(p)
    c = wb.active["E2"]
    c.value = '=HYPERLINK("http://evil.example","click")'
    c.data_type = "s"  # typed text that merely starts with "="
    wb.save(p)
    e = parse_spreadsheet(p).new_cases[0].events[0]
    assert e.note is None  # a formula with no saved value gives nothing, not "2"
    assert e.place == '=HYPERLINK("http://evil.example","click")'


def test_xlsx_bad_row_names_row_and_column(tmp_path):
    p = _xlsx(
        tmp_path,
        [
            ["case", "event_type", "日期"],
            ["A", "trial", "2019"],
            [None, None, None],
            ["A", "trial", "2019-13"],
        ],
    )
    with pytest.raises(ValidationError, match=r'row 4, column 日期 \(date\): "2019-13"'):
        parse_spreadsheet(p)


def test_xlsx_other_sheets_are_reported(tmp_path):
    p = _xlsx(tmp_path, [["case", "event_type", "date"], ["A", "trial", "2019"]])
    wb = openpyxl.load_workbook(p)
    wb.create_sheet("Notes")["A1"] = "hello"
    wb.save(p)
    assert any("only the first sheet (Cases)" in w for w in parse_spreadsheet(p).warnings)


def test_not_a_workbook(tmp_path):
    p = tmp_path / "fake.xlsx"
    p.write_bytes(b"case,event_type\n")
    with pytest.raises(ValidationError, match="not a readable .xlsx workbook"):
        parse_spreadsheet(p)
    z = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("hello.txt", "not a workbook")
    with pytest.raises(ValidationError, match="not a readable .xlsx workbook"):
        parse_spreadsheet(z)


def test_corrupted_workbooks_raise_only_validation_error(tmp_path):
    good = _xlsx(tmp_path, [["case", "event_type", "date"], ["A", "trial", "2019"]]).read_bytes()
    bad = tmp_path / "bad.xlsx"
    refused = 0
    for offset in range(0, len(good), max(1, len(good) // 150)):
        data = bytearray(good)
        data[offset] ^= 0xFF
        bad.write_bytes(bytes(data))
        try:
            parse_spreadsheet(bad)
        except ValidationError:
            refused += 1
    assert refused > 0


def test_zip_bomb_is_refused_before_inflating(tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as f:
        f.writestr("xl/sharedStrings.xml", b"\0" * (20 * 1024 * 1024))
    with pytest.raises(ValidationError, match="zip bomb"):
        parse_spreadsheet(p)


# --- property ---------------------------------------------------------------------

_CELL = st.text(max_size=12) | st.sampled_from(
    [
        "2015-07-09",
        "2015-13",
        "被迫失踪",
        "detention",
        "P4Y6M",
        "无期徒刑",
        "公开",
        "bo",
        "https://x.org",
        "煽动颠覆国家政权罪;fraud",
        "=1+1",
        "",
    ]
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.lists(_CELL, min_size=1, max_size=6), min_size=1, max_size=5),
    st.permutations(["case", "event_type", "date", "sentence", "charges", "lang"]),
)
def test_property_any_cells_raise_only_validation_error(tmp_path_factory, rows, header):
    p = _csv(tmp_path_factory.mktemp("h"), [header, *rows])
    try:
        r = parse_spreadsheet(p)
    except ValidationError as e:
        assert str(e)
        return
    for c in r.new_cases:
        assert c.name.strip() and all(e.case_id == c.id for e in c.events)


# --- issue #11: timeline columns ------------------------------------------------------


def test_timeline_columns_in_chinese_and_suspended_sentences(tmp_path):
    """报道日期 and the other schema-3 columns; `有期徒刑三年缓刑四年` and `exempt` in the
    sentence column are split into term, outcome and probation (Li Heping, Xie Yang)."""
    p = _csv(
        tmp_path,
        [
            [
                "姓名",
                "事件",
                "日期",
                "刑期",
                "报道日期",
                "下落",
                "法院",
                "羁押场所",
                "最后确认日期",
            ],
            [
                "Li Heping",
                "判决",
                "2017-04-28",
                "有期徒刑三年缓刑四年，剥夺政治权利四年",
                "2017-05-09",
                "known",
                "天津市第二中级人民法院",
                "",
                "",
            ],
            ["Xie Yang", "verdict", "2017-12-26", "exempt", "", "", "", "", ""],
            ["Liu Xia", "house_arrest", "2010-10", "", "", "", "", "Beijing home", "2018-05"],
        ],
    )
    r = parse_spreadsheet(p)
    li = _by_name(r, "Li Heping").events[0]
    assert (li.sentence, li.outcome, li.probation, li.political_rights) == (
        "P3Y",
        "suspended",
        "P4Y",
        "P4Y",
    )
    assert (li.reported, li.whereabouts, li.court) == (
        "2017-05-09",
        "known",
        "天津市第二中级人民法院",
    )
    xie = _by_name(r, "Xie Yang").events[0]
    assert (xie.sentence, xie.outcome) == (None, "exempt")
    liu = _by_name(r, "Liu Xia").events[0]
    assert (liu.facility, liu.last_confirmed) == ("Beijing home", "2018-05")


def test_old_headers_still_import(tmp_path):
    """A file with only the columns of schema 2 imports as before (issue #11, item 8)."""
    p = _csv(
        tmp_path,
        [
            HEADER_ZH,
            [
                "王全璋",
                "",
                "",
                "",
                "被迫失踪",
                "2015-07-09",
                "",
                "北京",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
    )
    e = parse_spreadsheet(p).new_cases[0].events[0]
    assert (e.type, e.reported, e.outcome) == ("disappearance", None, None)


def test_bad_reported_date_names_the_cell(tmp_path):
    p = _csv(
        tmp_path, [["case", "event_type", "date", "reported"], ["X", "detention", "2015", "soon"]]
    )
    with pytest.raises(ValidationError, match="row 2, column reported"):
        parse_spreadsheet(p)


# --- dates as researchers type them (issue #17) ---------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2015年7月9日", "2015-07-09"),
        ("2015/7/9", "2015-07-09"),
        ("2015.7.9", "2015-07-09"),
        ("9 July 2015", "2015-07-09"),
        ("2015年7月", "2015-07"),
        ("late 2017", "2017-09/2017-12"),
        ("2015年初", "2015-01/2015-04"),
        ("2015-10~", "2015-10~"),
    ],
)
def test_typed_dates_are_imported_as_edtf(tmp_path, typed, stored):
    rows = [["姓名", "事件", "日期", "结束日期"], ["王全璋", "刑事拘留", typed, "2018年"]]
    r = parse_spreadsheet(_csv(tmp_path, rows))
    assert [(e.date, e.end) for e in r.new_cases[0].events] == [(stored, "2018")]


def test_the_ambiguous_order_is_refused_with_its_place(tmp_path):
    rows = [["case", "event_type", "date"], ["A", "trial", "09/07/2015"]]
    with pytest.raises(ValidationError, match=r'row 2, column date: "09/07/2015" is ambiguous'):
        parse_spreadsheet(_csv(tmp_path, rows))


def test_a_future_date_is_imported_with_a_warning(tmp_path):
    rows = [
        ["case", "event_type", "date"],
        ["A", "detention", "2030年5月1日"],
        ["B", "trial", "2019"],
    ]
    r = parse_spreadsheet(_csv(tmp_path, rows))
    assert _by_name(r, "A").events[0].date == "2030-05-01"
    assert [w for w in r.warnings if "future" in w] == [
        f"row 2, column date: 2030-05-01 is in the future (today is {date.today().isoformat()}). Check the year."
    ]
