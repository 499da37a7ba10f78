"""`link`, `unlink` and `lawyer …` from the command line, as a user runs them."""

from __future__ import annotations

import json

import pytest

from .test_cli import assert_clean_failure, digest, run


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.db"
    assert run("init", "--store", str(path)).returncode == 0
    for name in ("Yu Wensheng", "Xu Yan"):
        assert run("add-case", "--store", str(path), "--name", name).returncode == 0
    return path


def test_link_lawyers_and_show(store):
    s = ("--store", str(store))
    res = run("link", "Xu Yan", "Yu Wensheng", "--relation", "spouse", *s)
    assert res.returncode == 0, res.stderr
    res = run("lawyer", "add", "Yu Wensheng", "Lin Qilei", "--role", "family_appointed", *s)
    assert res.returncode == 0, res.stderr
    assert (
        run("lawyer", "add", "Yu Wensheng", "Imposed", "--role", "state_imposed", *s).returncode
        == 0
    )
    assert (
        run("lawyer", "role", "Yu Wensheng", "imposed", "--role", "dismissed", *s).returncode == 0
    )
    doc = json.loads(run("show", "Yu Wensheng", "--json", *s).stdout)
    rel = {r["name"]: r for r in doc["relations"]}
    assert rel["Lin Qilei"]["role"] == "family_appointed" and rel["Imposed"]["role"] == "dismissed"
    assert rel["Xu Yan"]["relation"] == "spouse" and rel["Xu Yan"]["other_case"] == "Xu Yan"
    assert set(rel["Xu Yan"]) == {
        "id",
        "name",
        "relation",
        "role",
        "other_case_id",
        "other_case",
        "note",
    }
    text = run("show", "Yu Wensheng", *s).stdout
    assert (
        "people:" in text
        and "lawyer Lin Qilei [family_appointed]" in text
        and "spouse Xu Yan → case Xu Yan" in text
    )
    listed = json.loads(run("lawyer", "list", "Xu Yan", "--json", *s).stdout)
    assert [(r["relation"], r["other_case"]) for r in listed] == [("spouse", "Yu Wensheng")]
    assert run("unlink", "Yu Wensheng", "Xu Yan", *s).returncode == 0
    assert json.loads(run("lawyer", "list", "Xu Yan", "--json", *s).stdout) == []


def test_refusals_are_one_line_and_change_nothing(store):
    s = ("--store", str(store))
    assert run("link", "Xu Yan", "Yu Wensheng", "--relation", "spouse", *s).returncode == 0
    before = digest(store)
    assert_clean_failure(
        run("link", "Yu Wensheng", "Xu Yan", "--relation", "spouse", *s), 1, "already linked"
    )
    assert_clean_failure(
        run("link", "Yu Wensheng", "Yu Wensheng", "--relation", "spouse", *s), 1, "itself"
    )
    assert_clean_failure(run("lawyer", "add", "Yu Wensheng", "X", "--role", "hired", *s), 2, "role")
    assert_clean_failure(
        run("lawyer", "role", "Yu Wensheng", "nobody", "--role", "dismissed", *s), 1, "nobody"
    )
    assert digest(store) == before
