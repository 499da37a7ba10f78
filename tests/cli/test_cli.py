"""The command-line contract of spec/cli.md, run as a user runs it: a real process,
exit codes, one-line errors without tracebacks, and the store unchanged on failure."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

import pytest

PASS = "pass phrase for cli tests"


def run(*args, env_extra=None, input_text=None):
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_KDF_FAST="1")
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        input=input_text,
        timeout=120,
    )


def digest(path) -> str:
    h = hashlib.sha256()
    for p in sorted(path.parent.iterdir()):
        if p.name.startswith(path.name):
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def assert_clean_failure(res, code, *words):
    assert res.returncode == code, (res.returncode, res.stdout, res.stderr)
    err = res.stderr.strip()
    assert "Traceback" not in err
    assert len(err.splitlines()) == 1, err
    for w in words:
        assert w.lower() in err.lower(), err


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "s.db"
    assert run("init", "--store", str(path)).returncode == 0
    res = run(
        "add-case",
        "--store",
        str(path),
        "--name",
        "Wang Quanzhang",
        "--native-name",
        "王全璋",
        "--lang",
        "zh-Hans",
        "--tag",
        "lawyers",
    )
    assert res.returncode == 0, res.stderr
    case_id = res.stdout.strip()
    res = run(
        "add-event",
        case_id,
        "--store",
        str(path),
        "--type",
        "disappearance",
        "--date",
        "2015-07-09",
        "--place",
        "Beijing",
        "--charge",
        "inciting_subversion",
    )
    assert res.returncode == 0, res.stderr
    return path, case_id


def test_show_json_matches_the_spec_example(store):
    path, cid = store
    res = run("show", "Wang Quanzhang", "--as-of", "2018-02-03", "--json", "--store", str(path))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["id"] == cid and doc["name"] == "Wang Quanzhang"
    assert doc["names"][0] == {"value": "王全璋", "lang": "zh-Hans", "kind": "legal"}
    assert doc["status"] == "disappeared"
    assert doc["custody_since"] == {"earliest": "2015-07-09", "latest": "2015-07-09"}
    assert doc["days_in_custody"] == {"min": 940, "max": 940}
    assert doc["days_disappeared"] == {"min": 940, "max": 940}
    assert doc["days_in_house_arrest"] is None
    assert doc["charges"] == ["inciting_subversion"]
    assert doc["sentence"] is None and doc["expected_release"] is None
    assert doc["alerts"][0]["rule"] == "disappeared_over_limit"
    assert doc["alerts"][0]["since"] == "2015-07-10" and doc["alerts"][0]["until"] is None
    ev = doc["events"][0]
    assert ev["type"] == "disappearance" and ev["date"] == "2015-07-09" and ev["end"] is None
    assert ev["place"] == "Beijing" and ev["sources"] == []


def test_case_by_prefix_and_list_json(store):
    path, cid = store
    res = run("show", cid[:8], "--json", "--store", str(path))
    assert json.loads(res.stdout)["id"] == cid
    res = run("list", "--json", "--as-of", "2018-02-03", "--store", str(path))
    rows = json.loads(res.stdout)
    assert rows[0]["status"] == "disappeared" and "events" not in rows[0]
    assert rows[0]["days_in_custody"] == {"min": 940, "max": 940}
    res = run("list", "--json", "--status", "released", "--store", str(path))
    assert json.loads(res.stdout) == []


def test_search_in_chinese(store):
    path, cid = store
    res = run("search", "全璋", "--json", "--store", str(path))
    assert any(h["case_id"] == cid for h in json.loads(res.stdout))


def test_wrong_passphrase_exit_3_store_unchanged(store):
    path, _ = store
    before = digest(path)
    res = run("list", "--store", str(path), env_extra={"DOSSIER_PASSPHRASE": "wrong"})
    assert_clean_failure(res, 3, "passphrase")
    assert digest(path) == before


def test_no_passphrase_without_a_terminal(store):
    path, _ = store
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_PASSPHRASE"}
    res = subprocess.run(
        [sys.executable, "-m", "dossier", "list", "--store", str(path)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert_clean_failure(res, 3, "passphrase")


def test_passphrase_file(store, tmp_path):
    path, _ = store
    pf = tmp_path / "pf"
    pf.write_text(PASS + "\nsecond line ignored\n")
    res = run(
        "list",
        "--store",
        str(path),
        "--passphrase-file",
        str(pf),
        env_extra={"DOSSIER_PASSPHRASE": ""},
    )
    assert res.returncode == 0, res.stderr


@pytest.mark.parametrize(
    "args, words",
    [
        (["add-event", "Wang Quanzhang", "--type", "detention", "--date", "2015-13"], ["2015-13"]),
        (["add-event", "Wang Quanzhang", "--type", "kidnapping", "--date", "2015"], ["kidnapping"]),
        (["add-event", "Nobody At All", "--type", "detention", "--date", "2015"], ["no case"]),
        (
            [
                "add-event",
                "Wang Quanzhang",
                "--type",
                "verdict",
                "--date",
                "2016",
                "--sentence",
                "forever",
            ],
            ["forever"],
        ),
        (["show", "Nobody At All"], ["no case"]),
        (["list", "--as-of", "yesterday"], ["--as-of"]),
        (
            [
                "add-event",
                "Wang Quanzhang",
                "--type",
                "detention",
                "--date",
                "2016",
                "--source",
                "0" * 36,
            ],
            ["source"],
        ),
    ],
)
def test_bad_input_one_line_store_unchanged(store, args, words):
    path, _ = store
    before = digest(path)
    res = run(*args, "--store", str(path))
    assert_clean_failure(res, 1, *words)
    assert digest(path) == before


def test_usage_error_exit_2(store):
    path, _ = store
    res = run("add-event", "--store", str(path))
    assert_clean_failure(res, 2, "required")
    assert_clean_failure(run("no-such-command"), 2, "no-such-command")


def test_init_refuses_to_overwrite(store):
    path, _ = store
    before = digest(path)
    res = run("init", "--store", str(path))
    assert_clean_failure(res, 1, "exists")
    assert digest(path) == before


def test_verify_backup_passwd(tmp_path):
    path = tmp_path / "v.db"
    assert run("demo", str(path)).returncode == 0
    res = run("verify", "--store", str(path))
    assert res.returncode == 0 and "ok" in res.stdout
    bk = tmp_path / "backup.db"
    res = run("backup", "-o", str(bk), "--store", str(path))
    assert res.returncode == 0, res.stderr
    res = run("list", "--json", "--store", str(bk))
    assert len(json.loads(res.stdout)) == 5
    res = run("passwd", "--store", str(path), env_extra={"DOSSIER_NEW_PASSPHRASE": "a new one"})
    assert res.returncode == 0, res.stderr
    assert run("list", "--store", str(path)).returncode == 3
    assert (
        run("list", "--store", str(path), env_extra={"DOSSIER_PASSPHRASE": "a new one"}).returncode
        == 0
    )
    # the backup still opens with the old passphrase
    assert run("verify", "--store", str(bk)).returncode == 0


def test_verify_flags_a_changed_byte(tmp_path):
    path = tmp_path / "t.db"
    assert run("demo", str(path)).returncode == 0
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    res = run("verify", "--store", str(path))
    assert_clean_failure(res, 4)


def test_demo_store_answers(tmp_path):
    path = tmp_path / "demo.db"
    assert run("demo", str(path)).returncode == 0
    rows = {
        r["name"]: r
        for r in json.loads(
            run("list", "--json", "--as-of", "2018-02-03", "--store", str(path)).stdout
        )
    }
    assert set(rows) == {"Liu Xia", "Wang Quanzhang", "Gui Minhai", "Tashi Wangchuk", "Yu Wensheng"}
    assert rows["Liu Xia"]["status"] == "house_arrest"
    assert rows["Wang Quanzhang"]["days_disappeared"] == {"min": 940, "max": 940}
    assert rows["Tashi Wangchuk"]["charges"] == ["inciting_separatism"]
    names = {r["name"]: r["names"] for r in rows.values()}
    assert {"value": "བཀྲ་ཤིས་དབང་ཕྱུག", "lang": "bo"} in names["Tashi Wangchuk"]
    later = {
        r["name"]: r
        for r in json.loads(
            run("list", "--json", "--as-of", "2018-08-01", "--store", str(path)).stdout
        )
    }
    assert later["Liu Xia"]["status"] == "released"


def test_export_json_warns_and_filters(tmp_path):
    path = tmp_path / "e.db"
    assert run("demo", str(path)).returncode == 0
    out = tmp_path / "out.json"
    res = run("export-json", "-o", str(out), "--audience", "public", "--store", str(path))
    assert res.returncode == 0, res.stderr
    assert "not encrypted" in res.stderr.lower()
    text = out.read_text(encoding="utf-8")
    assert "Wang Quanzhang" in text
    assert "Family member (interview)" not in text  # confidential source stays home
    assert "severe depression" not in text  # restricted event stays home
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_add_event_timeline_flags(tmp_path):
    """Issue #11: add-event takes the schema-3 fields, and a suspended sentence is split."""
    path = tmp_path / "t.db"
    assert run("init", "--store", str(path)).returncode == 0
    assert run("add-case", "--store", str(path), "--name", "Li Heping").returncode == 0
    res = run(
        "add-event",
        "Li Heping",
        "--store",
        str(path),
        "--type",
        "verdict",
        "--date",
        "2017-04-28",
        "--sentence",
        "P3Y suspended P4Y",
        "--political-rights",
        "P4Y",
        "--reported",
        "2017-04-28",
        "--court",
        "Tianjin No. 2 Intermediate People's Court",
        "--judge",
        "—",
        "--facility",
        "Tianjin",
        "--whereabouts",
        "known",
        "--json",
    )
    assert res.returncode == 0, res.stderr
    ev = json.loads(res.stdout)
    assert (ev["sentence"], ev["outcome"], ev["probation"], ev["political_rights"]) == (
        "P3Y",
        "suspended",
        "P4Y",
        "P4Y",
    )
    assert (ev["reported"], ev["whereabouts"], ev["facility"]) == ("2017-04-28", "known", "Tianjin")
    res = run(
        "add-event",
        "Li Heping",
        "--store",
        str(path),
        "--type",
        "house_arrest",
        "--date",
        "2017-05",
        "--last-confirmed",
        "2017-06-01",
        "--json",
    )
    assert res.returncode == 0 and json.loads(res.stdout)["last_confirmed"] == "2017-06-01"
    before = digest(path)
    res = run(
        "add-event",
        "Li Heping",
        "--store",
        str(path),
        "--type",
        "verdict",
        "--date",
        "2017",
        "--outcome",
        "upheld",
    )
    assert_clean_failure(res, 4 if res.returncode == 4 else res.returncode, "outcome")
    assert res.returncode != 0 and digest(path) == before


def test_as_known_on_stage_filter_and_basis_in_show(tmp_path):
    """Issue #11: --as-known-on leaves out later reports (Rahile Dawut's verdict, made
    public by Dui Hua on 21 Sep 2023 — RFA, 21 Sep 2023); list --stage; show prints the
    stage, whereabouts and each alert's legal basis (Peter Dahlin, deported 25 Jan 2016 —
    Quartz, 26 Jan 2016)."""
    path = tmp_path / "k.db"
    s = ["--store", str(path)]
    assert run("init", *s).returncode == 0
    for name in ("Rahile Dawut", "Peter Dahlin"):
        assert run("add-case", *s, "--name", name).returncode == 0
    for args in (
        ["Rahile Dawut", "--type", "disappearance", "--date", "2017-12"],
        [
            "Rahile Dawut",
            "--type",
            "verdict",
            "--date",
            "2018-12",
            "--sentence",
            "life",
            "--reported",
            "2023-09-21",
        ],
        ["Peter Dahlin", "--type", "disappearance", "--date", "2016-01-03/2016-01-04"],
        ["Peter Dahlin", "--type", "deportation", "--date", "2016-01-25"],
    ):
        res = run("add-event", *s, *args)
        assert res.returncode == 0, res.stderr
    then = json.loads(
        run("show", "Rahile Dawut", *s, "--as-known-on", "2019-12-31", "--json").stdout
    )
    assert (then["as_of"], then["known_on"], then["stage"], then["sentence"]) == (
        "2019-12-31",
        "2019-12-31",
        "disappeared",
        None,
    )
    assert [e["type"] for e in then["events"]] == ["disappearance"]
    now = json.loads(run("show", "Rahile Dawut", *s, "--as-of", "2019-12-31", "--json").stdout)
    assert (now["stage"], now["sentence"], now["whereabouts"], now["in_custody"]) == (
        "sentenced",
        "life",
        "unknown",
        True,
    )
    listed = json.loads(run("list", *s, "--stage", "deported", "--json").stdout)
    assert [r["name"] for r in listed] == ["Peter Dahlin"] and listed[0]["stage"] == "deported"
    res = run(
        "list",
        *s,
        "--as-of",
        "2019-12-31",
        "--as-known-on",
        "2019-12-31",
        "--stage",
        "sentenced",
        "--json",
    )
    assert json.loads(res.stdout) == []
    text = run("show", "Peter Dahlin", *s, "--as-of", "2016-02-01").stdout
    assert "stage: deported; in custody: no; whereabouts: known" in text
    assert "basis: Criminal Procedure Law (2018 revision), arts. 75, 85, 93" in text
    doc = json.loads(run("show", "Peter Dahlin", *s, "--as-of", "2016-02-01", "--json").stdout)
    a = doc["alerts"][0]
    assert (
        a["rule"],
        a["certainty"],
        a["basis"]["law"],
        a["basis"]["revision"],
        a["basis"]["articles"],
    ) == ("disappeared_over_limit", "certain", "CPL", 2018, [75, 85, 93])
    res = run("show", "Peter Dahlin", *s, "--as-known-on", "soon")
    assert_clean_failure(res, res.returncode, "--as-known-on")
    assert res.returncode != 0


def test_show_last_confirmed_says_at_least(tmp_path):
    """Issue #11: an open-ended measure does not count up past its last confirmation."""
    path = tmp_path / "lc.db"
    s = ["--store", str(path)]
    assert run("init", *s).returncode == 0
    assert run("add-case", *s, "--name", "Test Person").returncode == 0
    assert (
        run(
            "add-event",
            "Test Person",
            *s,
            "--type",
            "house_arrest",
            "--date",
            "2010-10",
            "--last-confirmed",
            "2018-05-01",
        ).returncode
        == 0
    )
    text = run("show", "Test Person", *s, "--as-of", "2020-01-01").stdout
    assert "  days under house arrest: at least 2,739 days (last confirmed 1 May 2018)" in text
    doc = json.loads(run("show", "Test Person", *s, "--as-of", "2020-01-01", "--json").stdout)
    assert doc["last_confirmed"] == "2018-05-01" and doc["days_in_house_arrest"] == {
        "min": 2739,
        "max": 2769,
    }
