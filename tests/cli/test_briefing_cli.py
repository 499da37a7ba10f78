"""`dossier briefing` end to end: the PDF from a store, per audience, reproducible."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

from tests.cli.test_cli import assert_clean_failure, run

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def _text(pdf) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("brief") / "demo.db"
    assert run("demo", str(path)).returncode == 0
    return path


def test_briefing_per_audience_and_reproducible(demo, tmp_path):
    common = [
        "--all",
        "--as-of",
        "2018-02-03",
        "--created",
        "2018-02-05T09:00:00",
        "--store",
        str(demo),
    ]
    pub, dip, internal, again = (tmp_path / f"{n}.pdf" for n in ("pub", "dip", "int", "again"))
    for out, aud in (
        (pub, "public"),
        (dip, "diplomatic"),
        (internal, "internal"),
        (again, "diplomatic"),
    ):
        res = run("briefing", "-o", str(out), "--audience", aud, "--json", *common)
        assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["cases"] == 5
    h = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert h(dip) == h(again)
    t_pub, t_dip, t_int = _text(pub), _text(dip), _text(internal)
    for t in (t_pub, t_dip, t_int):
        assert "Wang Quanzhang" in t and "王全璋" in t
    assert "severe depression" not in t_pub  # restricted event
    assert "severe depression" in t_dip
    assert "Family member (interview)" not in t_dip  # protected, confidential source
    assert "Family member (interview)" in t_int


def test_briefing_in_chinese(demo, tmp_path):
    out = tmp_path / "zh.pdf"
    res = run(
        "briefing",
        "-o",
        str(out),
        "--cases",
        "Wang Quanzhang,Tashi Wangchuk",
        "--lang",
        "zh",
        "--as-of",
        "2018-02-03",
        "--store",
        str(demo),
    )
    assert res.returncode == 0, res.stderr
    # like export-json, it says the PDF is a plain file (issue #17 item 4)
    assert f"{out} is NOT encrypted" in res.stderr
    t = _text(out)
    assert "王全璋" in t and "被迫失踪" in t


def test_briefing_needs_a_choice_and_a_real_case(demo, tmp_path):
    out = tmp_path / "x.pdf"
    assert_clean_failure(run("briefing", "-o", str(out), "--store", str(demo)), 1, "--all")
    assert_clean_failure(
        run("briefing", "-o", str(out), "--cases", "Nobody", "--store", str(demo)), 1, "no case"
    )
    assert not out.exists()


def test_cover_settings_are_remembered_per_store(demo, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    common = ["--cases", "Wang Quanzhang", "--store", str(demo), "--created", "2018-02-05T09:00:00"]
    res = run(
        "briefing",
        "-o",
        str(first),
        "--title",
        "HRC37 — cases of concern",
        "--organisation",
        "Coalition of NGOs",
        "--organisation",
        "PEN America",
        "--ask",
        "Release Wang Quanzhang.",
        *common,
    )
    assert res.returncode == 0, res.stderr
    assert run("briefing", "-o", str(second), *common).returncode == 0
    for pdf in (first, second):
        t = " ".join(_text(pdf).split())
        assert "HRC37 — cases of concern" in t and "PEN America" in t
        assert "What we ask" in t and "Release Wang Quanzhang." in t
    # what is given replaces what was remembered; the rest stays
    third = tmp_path / "c.pdf"
    assert run("briefing", "-o", str(third), "--title", "Other", *common).returncode == 0
    t = " ".join(_text(third).split())
    assert "Other" in t and "HRC37" not in t and "Release Wang Quanzhang." in t
