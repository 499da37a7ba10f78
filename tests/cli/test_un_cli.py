"""`dossier un-draft` and `un-sent` end to end on the demo store."""

from __future__ import annotations

import json

import pytest

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("un") / "demo.db"
    assert run("demo", str(path)).returncode == 0
    return path


def test_draft_checklist_options_remembered_and_sent_logged(demo, tmp_path):
    store = ["--store", str(demo)]
    res = run("un-draft", "Wang Quanzhang", "--mechanism", "wgeid", "--json", *store)
    assert res.returncode == 0, res.stderr
    first = json.loads(res.stdout)
    assert first["complete"] is False
    assert "Person or organisation submitting (name and address)" in first["missing"]
    res = run(
        "un-draft",
        "Wang Quanzhang",
        "--mechanism",
        "wgeid",
        "--organisation",
        "Example NGO, Geneva",
        "--family-steps",
        "Inquiries with the police.",
        "--json",
        *store,
    )
    assert res.returncode == 0, res.stderr
    # what was given is remembered for the next draft of this case
    again = json.loads(
        run("un-draft", "Wang Quanzhang", "--mechanism", "wgeid", "--json", *store).stdout
    )
    assert "Person or organisation submitting (name and address)" not in again["missing"]
    text = run("un-draft", "Wang Quanzhang", "--mechanism", "wgeid", *store).stdout
    assert text.startswith("DRAFT — Working Group on Enforced or Involuntary Disappearances")
    assert "Inquiries with the police." in text
    out = tmp_path / "d.pdf"
    res = run("un-draft", "Wang Quanzhang", "--mechanism", "wgad", "-o", str(out), *store)
    assert res.returncode == 0 and out.read_bytes().startswith(b"%PDF")
    assert "NOT encrypted" in res.stderr
    res = run(
        "un-sent",
        "Wang Quanzhang",
        "--mechanism",
        "wgad",
        "--date",
        "2018-03-01",
        "--reference",
        "Opinion No. 62/2018",
        *store,
    )
    assert res.returncode == 0, res.stderr
    shown = json.loads(run("show", "Wang Quanzhang", "--json", *store).stdout)
    sent = [e for e in shown["events"] if e["type"] == "un_action" and e["date"] == "2018-03-01"]
    assert sent and "Opinion No. 62/2018" in sent[0]["note"]


def test_unknown_mandate_is_a_clear_error(demo):
    res = run(
        "un-draft",
        "Wang Quanzhang",
        "--mechanism",
        "ua",
        "--mandate",
        "weather",
        "--store",
        str(demo),
    )
    assert res.returncode == 1 and "unknown mandate 'weather'" in res.stderr


def test_consent_is_recorded_on_the_case_and_travels_in_json(demo, tmp_path):
    store = ["--store", str(demo)]
    res = run(
        "un-draft", "Gui Minhai", "--mechanism", "wgeid", "--consent", "given", "--json", *store
    )
    assert res.returncode == 0, res.stderr
    assert "The family's consent to this submission" not in json.loads(res.stdout)["missing"]
    out = tmp_path / "x.json"
    assert run("export-json", "-o", str(out), "--cases", "Gui Minhai", *store).returncode == 0
    assert json.loads(out.read_text())["cases"][0]["family_consent"] == "given"
    bad = run("un-draft", "Gui Minhai", "--mechanism", "wgeid", "--consent", "maybe", *store)
    assert bad.returncode == 2
