"""Issue #17 item 12 on the command line: duplicates, merge, and editing or deleting
what the CLI can add — each refusal one clear line, the store unchanged."""

from __future__ import annotations

import json

import pytest

from .test_cli import assert_clean_failure, digest, run


def ok(res):
    assert res.returncode == 0, (res.returncode, res.stdout, res.stderr)
    return res.stdout.strip()


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.db"
    ok(run("init", str(path)))
    s = ["--store", str(path)]
    a = ok(
        run(
            "add-case",
            *s,
            "--name",
            "Wang Quanzhang",
            "--native-name",
            "王全璋",
            "--lang",
            "zh-Hans",
            "--tag",
            "lawyers",
            "--summary",
            "A lawyer.",
        )
    )
    b = ok(
        run(
            "add-case",
            *s,
            "--name",
            "Wang Quan-zhang",
            "--tag",
            "709",
            "--summary",
            "Rights lawyer.",
        )
    )
    src = ok(run("add-source", *s, "--title", "RFA report", "--url", "https://www.rfa.org/x"))
    ev = ok(
        run("add-event", b, *s, "--type", "disappearance", "--date", "2015-08-03", "--source", src)
    )
    ok(run("add-case", *s, "--name", "Liu Xia"))
    return path, s, a, b, src, ev


def test_duplicates_lists_the_pair(store):
    _path, s, a, b, *_ = store
    pairs = json.loads(ok(run("duplicates", *s, "--json")))
    assert [{p["a"]["id"], p["b"]["id"]} for p in pairs] == [{a, b}]
    assert pairs[0]["score"] == 100 and "pinyin" in pairs[0]["reason"]
    assert a[:8] in ok(run("duplicates", *s))


def test_merge_lists_conflicts_then_merges_by_choice(store):
    path, s, a, b, _src, ev = store
    before = digest(path)
    res = run("merge", a, b, *s, "--json")
    assert res.returncode == 2 and "summary" in res.stderr
    doc = json.loads(res.stdout)
    conflicts = {c["field"]: c for c in doc["conflicts"]}
    assert (
        conflicts["summary"]["a"] == "A lawyer." and conflicts["summary"]["b"] == "Rights lawyer."
    )
    assert doc["merged"] is False and digest(path) == before
    assert_clean_failure(
        run("merge", a, b, *s, "--keep", "name=A", "--keep", "summary=B"), 2, "--yes"
    )
    assert digest(path) == before  # no terminal, no --yes: not confirmed
    assert_clean_failure(run("merge", a, b, *s, "--keep", "colour=A", "--yes"), 1, "colour")
    doc = json.loads(
        ok(run("merge", a, b, *s, "--keep", "name=A", "--keep", "summary=B", "--yes", "--json"))
    )
    assert doc["merged"] is True
    case = json.loads(ok(run("show", "王全璋", *s, "--json")))
    assert (
        case["id"] == a
        and case["summary"] == "Rights lawyer."
        and case["tags"] == ["709", "lawyers"]
    )
    assert [e["id"] for e in case["events"]] == [ev]
    assert json.loads(ok(run("show", b, *s, "--json")))["id"] == a  # the old id leads on
    assert json.loads(ok(run("duplicates", *s, "--json"))) == []


def test_edit_case_and_event(store):
    path, s, a, _b, src, ev = store
    ok(
        run(
            "edit-case",
            a,
            *s,
            "--occupation",
            "lawyer",
            "--add-name",
            "王全璋律师",
            "--lang",
            "zh-Hans",
            "--remove-tag",
            "lawyers",
            "--add-tag",
            "709",
            "--summary",
            "",
        )
    )
    case = json.loads(ok(run("show", a, *s, "--json")))
    assert case["tags"] == ["709"] and case["summary"] is None
    assert "王全璋律师" in [n["value"] for n in case["names"]]
    e = json.loads(
        ok(
            run(
                "edit-event",
                ev[:8],
                *s,
                "--type",
                "刑事拘留",
                "--place",
                "Tianjin",
                "--source",
                "",
                "--json",
            )
        )
    )
    assert (e["type"], e["place"], e["sources"]) == ("detention", "Tianjin", [])
    doc = json.loads(
        ok(
            run(
                "edit-source",
                src[:8],
                *s,
                "--publisher",
                "Radio Free Asia",
                "--url",
                "",
                "--protected",
                "--json",
            )
        )
    )
    assert (doc["publisher"], doc["url"], doc["protected"]) == ("Radio Free Asia", None, True)
    before = digest(path)
    assert_clean_failure(run("edit-source", src, *s, "--date", "yesterday"), 1, "date")
    assert_clean_failure(run("edit-event", ev, *s, "--date", "2015-13-45"), 1, "date")
    assert_clean_failure(run("edit-event", ev, *s, "--type", "picnic"), 1, "picnic")
    assert_clean_failure(run("edit-case", a, *s, "--name", ""), 1, "name")
    assert_clean_failure(run("edit-event", "ffffffff", *s, "--note", "x"), 1, "no event")
    assert_clean_failure(run("edit-case", a, *s), 2, "nothing to change")
    assert digest(path) == before


def test_delete_event_case_and_source(store):
    path, s, a, b, src, ev = store
    before = digest(path)
    assert_clean_failure(run("delete-case", a, *s), 2, "--yes")
    assert_clean_failure(run("delete-source", src, *s, "--yes"), 1, "cited")
    assert digest(path) == before
    assert "deleted" in ok(run("delete-event", ev, *s, "--yes"))
    ok(run("delete-source", src[:8], *s, "--yes"))
    ok(run("delete-case", "wang quan-zhang", *s, "-y"))
    ids = [c["id"] for c in json.loads(ok(run("list", *s, "--json")))]
    assert b not in ids and a in ids
    assert_clean_failure(run("show", b, *s), 1, "no case")


def test_merge_asks_at_a_terminal(store):
    """With a terminal, each conflict is asked (A or B), then the merge is confirmed."""
    import os
    import pty
    import subprocess
    import sys

    _path, s, a, b, *_ = store
    primary, secondary = pty.openpty()
    env = dict(os.environ, DOSSIER_PASSPHRASE="pass phrase for cli tests", DOSSIER_KDF_FAST="1")
    proc = subprocess.Popen(
        [sys.executable, "-m", "dossier", "merge", a, b, *s],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    os.close(secondary)
    os.write(primary, b"x\nA\nB\ny\n")  # a wrong answer is asked again
    out, err = proc.communicate(timeout=120)
    os.close(primary)
    assert proc.returncode == 0, (out, err)
    assert b"keep which name?" in err and b"keep which summary?" in err and b"[y/N]" in err
    case = json.loads(ok(run("show", a, *s, "--json")))
    assert case["name"] == "Wang Quanzhang" and case["summary"] == "Rights lawyer."
