"""`dossier import`: spreadsheets with English or Chinese headers, all or nothing."""

from __future__ import annotations

import json

from tests.cli.test_cli import assert_clean_failure, digest, run

GOOD = """case,native_name,lang,tags,event_type,date,place,charges,source_title
Wang Quanzhang,王全璋,zh-Hans,lawyers,disappearance,2015-07-09,Beijing,,Joint letter
Wang Quanzhang,,,,arrest,2016-01,Tianjin,subversion,Joint letter
Tashi Wangchuk,བཀྲ་ཤིས་དབང་ཕྱུག,bo,tibetans,detention,2016-01-27,Yushu,,
"""

ZH = """姓名,原名,语言,事件,日期,罪名,刑期
余文生,余文生,zh-Hans,刑事拘留,2018-01-19,,
余文生,,,判决,2020-06-17,煽动颠覆国家政权罪,有期徒刑四年
"""


def test_import_csv_english_and_chinese_headers(tmp_path):
    store = tmp_path / "i.db"
    assert run("init", "--store", str(store)).returncode == 0
    f = tmp_path / "cases.csv"
    f.write_text(GOOD, encoding="utf-8")
    res = run("import", str(f), "--store", str(store), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["cases_added"] == 2
    doc = json.loads(run("show", "Wang Quanzhang", "--json", "--store", str(store)).stdout)
    assert [e["type"] for e in doc["events"]] == ["disappearance", "arrest"]
    assert doc["charges"] == ["subversion"] and doc["events"][0]["sources"]
    z = tmp_path / "zh.csv"
    z.write_text(ZH, encoding="utf-8-sig")
    res = run("import", str(z), "--store", str(store))
    assert res.returncode == 0, res.stderr
    doc = json.loads(run("show", "余文生", "--json", "--store", str(store)).stdout)
    assert doc["status"] == "sentenced" and doc["sentence"] == "P4Y"
    assert doc["charges"] == ["inciting_subversion"]
    # a second file naming an existing case adds to it instead of duplicating it
    more = tmp_path / "more.csv"
    more.write_text("case,event_type,date\nWang Quanzhang,release,2020-04-05\n", encoding="utf-8")
    assert run("import", str(more), "--store", str(store)).returncode == 0
    doc = json.loads(run("show", "Wang Quanzhang", "--json", "--store", str(store)).stdout)
    assert doc["status"] == "released" and len(doc["events"]) == 3


def test_bad_row_rejects_whole_file(tmp_path):
    store = tmp_path / "b.db"
    assert run("init", "--store", str(store)).returncode == 0
    bad = tmp_path / "bad.csv"
    bad.write_text(GOOD + "Yu Wensheng,,,,detention,2018-13-01,,,\n", encoding="utf-8")
    before = digest(store)
    res = run("import", str(bad), "--store", str(store))
    assert_clean_failure(res, 1, "row 5", "date", "2018-13-01")
    assert digest(store) == before
    assert json.loads(run("list", "--json", "--store", str(store)).stdout) == []


def test_unsupported_file_type(tmp_path):
    store = tmp_path / "u.db"
    assert run("init", "--store", str(store)).returncode == 0
    f = tmp_path / "notes.txt"
    f.write_text("hello")
    assert_clean_failure(run("import", str(f), "--store", str(store)), 1, ".csv")


def test_export_json_then_import_elsewhere(tmp_path):
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    assert run("demo", str(a)).returncode == 0
    assert run("init", "--store", str(b)).returncode == 0
    out = tmp_path / "all.json"
    assert run("export-json", "-o", str(out), "--store", str(a)).returncode == 0
    res = run("import", str(out), "--store", str(b), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["cases_added"] == 5
    show_a = json.loads(
        run("show", "Tashi Wangchuk", "--json", "--as-of", "2018-02-03", "--store", str(a)).stdout
    )
    show_b = json.loads(
        run("show", "Tashi Wangchuk", "--json", "--as-of", "2018-02-03", "--store", str(b)).stdout
    )
    assert show_a == show_b
    # importing the same file again changes nothing
    res = run("import", str(out), "--store", str(b), "--json")
    assert res.returncode == 0 and json.loads(res.stdout)["cases_added"] == 0
