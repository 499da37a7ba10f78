"""`dossier draft FILE`: drafts as JSON, a summary and a question before `--apply`
writes, `--yes` for scripts, and clean one-line failures that change nothing."""

from __future__ import annotations

import json

import pytest

from .test_cli import assert_clean_failure, digest, run

STATEMENT = """Statement on Gao Yiming

12 March 2024

Labour activist Gao Yiming (高一鸣) was criminally detained on 2 November 2022 on suspicion of picking quarrels.
He was tried in August 2023. The weather was cold.
"""


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.db"
    assert run("init", "--store", str(path)).returncode == 0
    res = run("add-case", "--store", str(path), "--name", "Gao Yi-ming")
    assert res.returncode == 0, res.stderr
    f = tmp_path / "statement.txt"
    f.write_text(STATEMENT, encoding="utf-8")
    return path, res.stdout.strip(), f


def test_draft_json_matches_existing_cases_and_lists_unused_sentences(store):
    path, cid, f = store
    res = run("draft", str(f), "--json", "--store", str(path))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["statement_date"] == "2024-03-12"
    (case,) = doc["cases"]
    assert case["match"]["case_id"] == cid and case["native_name"] == "高一鸣"
    got = [(e["type"], e["date"], e["charges"], e["trigger"]["text"]) for e in case["events"]]
    assert got == [
        ("detention", "2022-11-02", ["picking_quarrels"], "was criminally detained"),
        ("trial", "2023-08", [], "was tried"),
    ]
    assert {"span", "name", "rule", "confidence"} <= set(doc["people"][0])
    unused = [s["text"] for s in doc["sentences"] if not s["used"]]
    assert "The weather was cold." in unused


def test_apply_asks_and_a_no_writes_nothing(store):
    path, _, f = store
    before = digest(path)
    res = run("draft", str(f), "--apply", "--store", str(path))
    assert_clean_failure(res, 2, "--yes")  # not at a terminal
    assert "New case" not in res.stdout and "Existing case: Gao Yi-ming" in res.stdout
    assert digest(path) == before


def test_apply_yes_writes_source_events_and_cites_it(store):
    path, cid, f = store
    res = run(
        "draft", str(f), "--apply", "--yes", "--json", "--store", str(path), "--publisher", "An NGO"
    )
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["events"] == 2 and summary["updated_cases"] == [{"id": cid, "events": 2}]
    sid = summary["source"]["id"]
    assert summary["source"] == {
        "id": sid,
        "title": "Statement on Gao Yiming",
        "date": "2024-03-12",
    }
    shown = json.loads(run("show", cid, "--json", "--store", str(path)).stdout)
    cited = [e for e in shown["events"] if sid in e["sources"]]
    assert [(e["type"], e["date"]) for e in cited] == [
        ("detention", "2022-11-02"),
        ("trial", "2023-08"),
    ]


def test_bad_input_fails_cleanly(store, tmp_path):
    path, _, f = store
    before = digest(path)
    assert_clean_failure(
        run("draft", str(tmp_path / "nope.txt"), "--store", str(path)), 1, "no such file"
    )
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Zhou était détenu".encode("latin-1"))
    assert_clean_failure(run("draft", str(bad), "--store", str(path)), 1, "UTF-8")
    assert_clean_failure(run("draft", str(f), "--date", "12/3/2024", "--no-store"), 1, "--date")
    assert_clean_failure(run("draft", str(f), "--apply", "--no-store"), 2, "--no-store")
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing happened here.", encoding="utf-8")
    assert_clean_failure(
        run("draft", str(empty), "--apply", "--yes", "--store", str(path)), 1, "nothing to write"
    )
    assert digest(path) == before


def test_no_store_drafts_offline_in_chinese(tmp_path):
    f = tmp_path / "zh.txt"
    f.write_text(
        "维权人士高一鸣于2022年11月2日被刑事拘留。去年3月，他被正式逮捕。", encoding="utf-8"
    )
    res = run("draft", str(f), "--no-store", "--date", "2024-01-10", "--json")
    assert res.returncode == 0, res.stderr
    (case,) = json.loads(res.stdout)["cases"]
    assert case["name"] == "高一鸣" and case["match"] is None
    assert [(e["type"], e["date"]) for e in case["events"]] == [
        ("detention", "2022-11-02"),
        ("arrest", "2023-03"),
    ]
