"""SECURITY.md measure 12: after a session with marker strings, zero hits on disk outside
the store and the files the user chose to export.

A scripted CLI session -- the real `dossier` program, one process per command, as a
researcher would type it -- puts a unique marker in every field (name, native name, tag,
summary, place, authority, charge, note, source title, publisher, URL, an attachment's
bytes and its file name, a spreadsheet import), then searches, shows, exports JSON,
makes a briefing PDF and a share file when those commands exist, backs up, verifies and
changes the passphrase. HOME, every XDG folder and TMPDIR point into a private tree;
afterwards every file in it (and every file the session may have left in the system temp
folder) is scanned for every marker in UTF-8 and UTF-16.

Allowed to hold markers: the files the researcher brought (the attachment, the CSV) and
the plaintext files they chose to write (the JSON export, the briefing PDF). Not allowed:
anything else, including the store, the backup and the share file (encrypted) and the
settings, state, cache and temp folders. The window's part of this scan
(`window_session.py`, run in its own process) uses the same `leak_tree` fixture.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossier.core import hardening

PASS = "leak scan passphrase"


def _run(tree, *args: str, extra: dict[str, str] | None = None) -> str:
    env = dict(tree.env, DOSSIER_PASSPHRASE=PASS, **(extra or {}))
    res = subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree.home,
        timeout=180,
    )
    assert res.returncode == 0, (args, res.stdout, res.stderr)
    return res.stdout


def _has_cli(module: str) -> bool:
    return importlib.util.find_spec(f"dossier.cli.{module}") is not None


def test_cli_session_leaves_no_case_data_outside_the_store(leak_tree, figures):
    t = leak_tree
    m = t.markers
    home = t.home
    exports = home / "Exports"
    exports.mkdir()
    # What the researcher brings: a document to attach (marker in its name and bytes), a sheet.
    doc = home / "Documents" / f"{m['filename']}.txt"
    doc.parent.mkdir()
    doc.write_bytes(f"witness statement {m['attachment']}\n".encode("utf-16") * 20)
    sheet = home / "Documents" / "cases.csv"
    with open(sheet, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["case", "event_type", "date", "note"])
        w.writerow([f"Imported {m['csv']}", "detention", "2019-01-04", f"csv note {m['csv']}"])
    t.allow(doc)
    t.allow(sheet)

    _run(t, "init")
    store = home / ".local" / "share" / "Dossier" / "dossier.db"
    assert store.exists(), "the default store lives in XDG_DATA_HOME"
    case = _run(
        t,
        "add-case",
        "--name",
        m["name"],
        "--native-name",
        f"刘{m['native']}霞",
        "--lang",
        "zh-Hans",
        "--tag",
        m["tag"],
        "--summary",
        m["summary"],
        "--sensitivity",
        "confidential",
    ).strip()
    src = json.loads(
        _run(
            t,
            "add-source",
            "--title",
            m["source"],
            "--publisher",
            m["publisher"],
            "--url",
            f"https://example.org/{m['url']}",
            "--file",
            str(doc),
            "--json",
        )
    )["id"]
    _run(
        t,
        "add-event",
        case,
        "--type",
        "detention",
        "--date",
        "2020-02-15",
        "--place",
        m["place"],
        "--authority",
        m["authority"],
        "--charge",
        m["charge"],
        "--note",
        m["note"],
        "--source",
        src,
    )
    _run(t, "import", str(sheet))
    assert m["note"] in _run(t, "search", m["note"])
    assert m["name"] in _run(t, "show", case)
    _run(t, "list", "--json")
    export = exports / "chosen-export.json"
    _run(t, "export-json", "-o", str(export))
    t.allow(export)
    assert m["note"].encode() in export.read_bytes(), (
        "the export must hold the data (the scan works)"
    )
    steps = [
        "init",
        "add-case",
        "add-source",
        "add-event",
        "import",
        "search",
        "show",
        "list",
        "export-json",
    ]
    if _has_cli("briefing_cmds"):
        pdf = exports / "briefing.pdf"
        _run(t, "briefing", "-o", str(pdf), "--all", "--audience", "internal")
        t.allow(pdf)
        steps.append("briefing")
    if _has_cli("share_cmds"):
        _run(t, "identity", "create")
        me = json.loads(_run(t, "identity", "show", "--json"))["recipient"]
        _run(t, "share", "export", "-o", str(exports / "cases.age"), "--all", "--to", me)
        steps += ["identity", "share export"]  # the share file is encrypted: not allowed
    (home / "Backups").mkdir()
    _run(
        t, "backup", "-o", str(home / "Backups" / "b.db")
    )  # encrypted: not allowed to hold markers
    _run(t, "verify")
    _run(t, "passwd", extra={"DOSSIER_NEW_PASSPHRASE": "a new leak scan passphrase"})
    steps += ["backup", "verify", "passwd"]

    # The attachment's body lives in encrypted blobs beside the store and the backup
    # (issue 13); the scan below covers those folders like every other file.
    for folder in (store.with_name(store.name + ".blobs"), home / "Backups" / "b.db.blobs"):
        assert [p for p in folder.iterdir() if p.is_file()], f"{folder} holds the attachment's blob"
    hits = t.scan()
    files = sum(1 for p in t.root.rglob("*") if p.is_file())
    figures("leak scan", commands=len(steps), markers=len(m), files_scanned=files, hits=len(hits))
    print("steps:", ", ".join(steps))
    assert hits == [], "case data found outside the store and the exports:\n" + "\n".join(hits)


def test_the_scan_finds_what_it_should(leak_tree):
    """The scanner itself: a marker in UTF-16 in a cache file, one in a file name, one in a
    file of the system temp folder -- all found; the allowed file is not reported."""
    import tempfile

    t = leak_tree
    cache = t.home / ".cache" / "Dossier" / "thumbs.bin"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"\x00" + t.markers["note"].encode("utf-16-le") + b"\x00")
    (t.home / f"recent-{t.markers['name'].lower()}").write_bytes(b"")
    allowed = t.home / "export.json"
    allowed.write_text(t.markers["place"])
    t.allow(allowed)
    with tempfile.NamedTemporaryFile(dir=tempfile.gettempdir(), suffix=".tmp") as fh:
        fh.write(t.markers["summary"].encode())
        fh.flush()
        hits = t.scan()
    assert any("thumbs.bin: note" in h for h in hits)
    assert any("name (file name)" in h for h in hits)
    assert any(h.startswith(fh.name) and "summary" in h for h in hits)
    assert not any("place" in h for h in hits)


# --- core dumps ------------------------------------------------------------------------------


def test_process_hardening_disables_core_dumps():
    """Run in a child: the limits are per process, and the test runner must keep its own."""
    code = (
        "import json, resource; from dossier.core import hardening as h; r = h.harden_process();"
        "print(json.dumps([r.core_dumps_disabled, r.not_dumpable, r.complete,"
        " resource.getrlimit(resource.RLIMIT_CORE), h.is_dumpable()]))"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    core_off, not_dumpable, complete, limit, dumpable = json.loads(res.stdout)
    assert core_off and limit == [0, 0]
    if sys.platform.startswith("linux"):
        assert not_dumpable and dumpable is False and complete
    assert hardening.is_dumpable() in (True, None), "the test runner itself was left untouched"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux-only")
def test_a_hardened_process_that_crashes_leaves_no_core(tmp_path):
    """SIGSEGV after hardening: the child dies by the signal, no core file appears."""
    code = (
        "import os, ctypes; from dossier.core.hardening import harden_process;"
        "os.chdir(os.environ['WHERE']); harden_process(); ctypes.string_at(0)"
    )
    res = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        timeout=60,
        env={"WHERE": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert res.returncode < 0, "the child should have died of its signal"
    assert not [p for p in Path(tmp_path).iterdir() if p.name.startswith("core")]


def test_window_session_leaves_no_case_data_outside_the_store(leak_tree, figures):
    """The same scan after a session in the main window (tests/reliability/window_session.py):
    settings, recent stores, the crash log, the clipboard guard, a decrypted copy of an
    attachment opened for the system viewer (gone after the lock), a briefing and a share."""
    t = leak_tree
    m = t.markers
    home = t.home
    exports = home / "Exports"
    exports.mkdir()
    doc = home / "Documents" / f"{m['filename']}.odt"  # not shown inline: a decrypted copy is made
    doc.parent.mkdir()
    doc.write_bytes(f"witness statement {m['attachment']}\n".encode("utf-16") * 20)
    t.allow(doc)
    store = home / "Dossiers" / "window.db"
    store.parent.mkdir()
    env = dict(t.env, QT_QPA_PLATFORM="offscreen")
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.reliability.window_session",
            json.dumps(m),
            str(store),
            str(doc),
            str(exports),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        timeout=300,
    )
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    report = json.loads(res.stdout.strip().splitlines()[-1])
    pdf = Path(report["pdf"])
    assert pdf.exists() and pdf.stat().st_size > 1000, "the briefing was not written"
    t.allow(pdf)
    assert store.exists() and (exports / "window-share.age").exists()
    assert list((home / ".config").rglob("*.conf")), (
        "the window's settings were not written into the tree"
    )
    hits = t.scan()
    files = sum(1 for p in t.root.rglob("*") if p.is_file())
    figures(
        "leak scan (window)",
        steps=len(report["steps"]),
        markers=len(m),
        files_scanned=files,
        hits=len(hits),
    )
    assert hits == [], "case data found outside the store and the exports:\n" + "\n".join(hits)
