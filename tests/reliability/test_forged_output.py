"""Issue #12, item 3: forged terminal output.

A share's author (a stranger, or a colleague whose key was stolen) and anyone who can
put text into a store (an imported spreadsheet, a pasted note) must not be able to
make `share inspect`, `list`, `search` or `show` print something other than what the
file holds: an ANSI escape that moves the cursor up and rewrites the "UNKNOWN signer"
line as "signed by: alice (…, verified in person)", a carriage return, or a
right-to-left override that turns "ruling.exe.pdf" around.

Each attack below failed (was printed raw, or stored) before the fix:
* a share whose recipient fingerprint holds escape sequences is refused as malformed;
* ESC and U+202E are refused on every way in -- the CLI, CSV, XLSX, JSON, share records
  -- with a message naming the field (and the row for spreadsheets);
* text already in a store (written before this rule) is printed escaped;
* legitimate right-to-left text (Uyghur in Arabic script) goes in and out unchanged.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
from pathlib import Path
from unittest import mock

import pytest

from dossier.cli import main
from dossier.core.model import Case, Event, Name
from dossier.crypto import keys
from dossier.interchange import json_format
from dossier.services.dossier import Dossier
from dossier.share import package
from dossier.share.manifest import Recipient
from dossier.store import repo

pytestmark = pytest.mark.attack  # kept by `make test-reliability`

PASS = "forged output test passphrase 伊力哈木"
ESC = "\x1b"
RLO = "\u202e"
# Ilham Tohti's name in Uyghur (Arabic script), as Uyghur PEN and the Ilham Tohti
# Initiative write it: right-to-left text that must survive untouched.
UYGHUR = "ئىلھام توختى"
FORGED = f"{ESC}[8A\r{ESC}[2Ksigned by: alice (AAAA-BBBB-CCCC-DDDD, verified)"


def run(store: Path, *args, stdin: str | None = None):
    """`dossier ARGS` in this process; a CompletedProcess-like result."""
    out, err = io.StringIO(), io.StringIO()
    env = dict(os.environ, DOSSIER_PASSPHRASE=PASS, DOSSIER_STORE=str(store))
    env.pop("DOSSIER_SHARE_PASSPHRASE", None)
    with (
        mock.patch.dict(os.environ, env, clear=True),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        mock.patch("sys.stdin", io.StringIO(stdin or "")),
    ):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def _raw(text: str) -> bool:
    """True when `text` holds a character a terminal would act on."""
    return any(c in text for c in (ESC, "\r", "\x07", "\x7f", "\x9b", RLO))


@pytest.fixture
def store(tmp_path) -> Path:
    path = tmp_path / "victim.db"
    res = run(path, "init")
    assert res.returncode == 0, res.stderr
    assert run(path, "identity", "create").returncode == 0
    return path


def _cases(store: Path) -> int:
    with Dossier.open(store, PASS) as d:
        return d.case_count()


# --- a stranger's share --------------------------------------------------------------------


def _stranger_share(
    store: Path,
    out: Path,
    *,
    fingerprint: str | None = None,
    bundle: json_format.Bundle | None = None,
) -> None:
    """A share signed by a key the victim does not know, for the victim (and, with
    `fingerprint`, for a second recipient whose 'fingerprint' is that text)."""
    with Dossier.open(store, PASS) as d:
        from dossier.services import sharing

        me = sharing.identity_info(d).recipient
    stranger = keys.Identity.generate()
    other = keys.Identity.generate()
    bundle = bundle or json_format.Bundle()
    records = json_format.dumps(bundle)
    recipients = [Recipient(me)]
    if fingerprint is not None:
        recipients.append(Recipient(other.recipient, fingerprint))
    package.write_share(
        out,
        identity=stranger,
        recipients=recipients,
        passphrase=None,
        audience="internal",
        records=records,
        sync=package.encode_sync({}),
        bundle=bundle,
        attachment_body=lambda _id: [],
    )


def test_a_strangers_share_cannot_print_a_fake_verified_signer_line(store, tmp_path, figures):
    share = tmp_path / "forged.dossier"
    assert len(FORGED) <= 64  # what the old length-only check let through
    _stranger_share(store, share, fingerprint=FORGED)
    res = run(store, "share", "inspect", str(share))
    assert res.returncode == 4, (res.stdout, res.stderr)
    assert "fingerprint" in res.stderr and "malformed" in res.stderr
    assert not _raw(res.stdout + res.stderr)
    assert "signed by: alice" not in res.stdout
    figures("forged output", attacks=1, refused=1)


def test_an_honest_strangers_share_still_says_unknown(store, tmp_path):
    share = tmp_path / "honest.dossier"
    _stranger_share(store, share, fingerprint=keys.Identity.generate().fingerprint)
    res = run(store, "share", "inspect", str(share))
    assert res.returncode == 0, res.stderr
    assert res.stdout.splitlines()[0].startswith("signed by: an UNKNOWN signer")


def test_share_records_with_escapes_are_refused_naming_the_field(store, tmp_path, figures):
    share = tmp_path / "escapes.dossier"
    bundle = json_format.Bundle(cases=[Case(name=f"Tashi{ESC}]0;pwned{ESC}\\", names=[])])
    _stranger_share(store, share, bundle=bundle)
    res = run(store, "share", "import", str(share), "--accept-unknown-signer")
    assert res.returncode == 1
    assert "cases[0].name" in res.stderr and "U+001B" in res.stderr
    assert not _raw(res.stderr)
    assert _cases(store) == 0
    figures("forged output", attacks=1, refused=1)


# --- every way in ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["add-case", "--name", f"Ilham{ESC}[2J"], "name"),
        (["add-case", "--name", "Ilham", "--summary", f"fine{RLO}txt.exe"], "summary"),
        (["add-case", "--name", "Ilham", "--native-name", f"{UYGHUR}{RLO}"], "names[0]"),
        (["add-case", "--name", "Ilham", "--tag", "a\rb"], "tags"),
    ],
)
def test_cli_refuses_control_characters_naming_the_field(store, args, field, figures):
    res = run(store, *args)
    assert res.returncode == 1, (res.stdout, res.stderr)
    assert f"{field}: contains U+" in res.stderr
    assert not _raw(res.stderr)
    assert _cases(store) == 0
    figures("forged output", attacks=1, refused=1)


def test_cli_refuses_an_override_in_an_event_note(store, figures):
    cid = run(store, "add-case", "--name", "Ilham Tohti").stdout.strip()
    res = run(
        store,
        "add-event",
        cid,
        "--type",
        "detention",
        "--date",
        "2014-01-15",
        "--note",
        f"see {RLO}fdp.exe",
    )
    assert res.returncode == 1
    assert "note: contains U+202E right-to-left override" in res.stderr
    with Dossier.open(store, PASS) as d:
        assert d.get_case(cid).events == []
    figures("forged output", attacks=1, refused=1)


def test_csv_import_names_row_and_column(store, tmp_path, figures):
    sheet = tmp_path / "cases.csv"
    sheet.write_text(
        "case,event_type,date,note\n"
        "Ilham Tohti,detention,2014-01-15,ok\n"
        f"Ilham Tohti,trial,2014-09-17,{ESC}[1A{ESC}[2Kforged\n",
        encoding="utf-8",
    )
    res = run(store, "import", str(sheet))
    assert res.returncode == 1
    assert "row 3, column note" in res.stderr and "U+001B" in res.stderr
    assert _cases(store) == 0
    figures("forged output", attacks=1, refused=1)


def test_xlsx_import_names_row_and_column(store, tmp_path, figures):
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "cases.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["case", "event_type", "date", "place"])
    ws.append([f"Ilham{RLO}Tohti", "detention", "2014-01-15", "Beijing"])
    wb.save(sheet)
    res = run(store, "import", str(sheet))
    assert res.returncode == 1
    assert "row 2, column case" in res.stderr and "U+202E" in res.stderr
    assert _cases(store) == 0
    figures("forged output", attacks=1, refused=1)


def test_json_import_names_the_path(store, tmp_path, figures):
    doc = json.loads(json_format.dumps(json_format.Bundle(cases=[Case(name="Ilham Tohti")])))
    doc["cases"][0]["events"] = [
        {
            "id": "00000000-0000-4000-8000-000000000001",
            "type": "detention",
            "date": "2014-01-15",
            "place": f"Beijing{ESC}[0m",
        }
    ]
    f = tmp_path / "in.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    res = run(store, "import", str(f))
    assert res.returncode == 1
    assert "cases[0].events[0].place" in res.stderr and "U+001B" in res.stderr
    assert _cases(store) == 0
    figures("forged output", attacks=1, refused=1)


def test_window_path_refuses_too(store):
    """The window saves through services.Dossier, as the CLI does: the same rule."""
    from dossier.core.errors import ValidationError

    with Dossier.open(store, PASS) as d:
        with pytest.raises(ValidationError, match=r"^occupation: contains U\+009B"):
            d.add_case(Case(name="Ilham Tohti", occupation="economist\x9b2J"))
        c = d.add_case(Case(name="Ilham Tohti"))
        with pytest.raises(ValidationError, match=r"^authority: contains U\+2066"):
            d.add_event(c.id, Event(type="detention", date="2014-01-15", authority="\u2066x"))


# --- what is already stored is printed escaped ----------------------------------------------


def test_old_text_with_escapes_is_printed_escaped(store):
    """A store written before the rule (or by a tool that bypasses it) may hold
    control characters: list, search and show print them as \\x1b, never raw."""
    with Dossier.open(store, PASS) as d:
        c = d.add_case(Case(name="Ilham Tohti", summary="economist"))
        with d.store.write() as s:  # straight to the store, as old versions allowed
            c.name = f"Ilham{ESC}[2J{ESC}[Hsigned by: alice"
            c.summary = f"line{RLO}cod.exe\rover"
            repo.put_case_row(s, c)
    for args in (["list"], ["show", c.id], ["list", "--json"], ["show", c.id, "--json"]):
        res = run(store, *args)
        assert res.returncode == 0, res.stderr
        assert not _raw(res.stdout), args
        assert "Ilham" in res.stdout
    assert "\\x1b[2J" in run(store, "show", c.id).stdout
    assert json.loads(run(store, "show", c.id, "--json").stdout)["name"].startswith(f"Ilham{ESC}")


# --- right-to-left text is legitimate ---------------------------------------------------------


def test_uyghur_round_trips(store, tmp_path):
    cid = run(
        store,
        "add-case",
        "--name",
        "Ilham Tohti",
        "--native-name",
        UYGHUR,
        "--lang",
        "ug",
        "--summary",
        f"{UYGHUR}\nUyghur economist",
    ).stdout.strip()
    shown = run(store, "show", cid)
    assert shown.returncode == 0 and UYGHUR in shown.stdout
    doc = json.loads(run(store, "show", cid, "--json").stdout)
    assert any(n["value"] == UYGHUR for n in doc["names"])
    assert UYGHUR in run(store, "search", "توختى").stdout or UYGHUR in run(store, "list").stdout
    out = tmp_path / "out.json"
    assert run(store, "export-json", "-o", str(out)).returncode == 0
    with Dossier.open(store, PASS) as d:
        case = d.get_case(cid)
    assert case.names == [Name(UYGHUR, "ug", "legal")]
    assert case.summary == f"{UYGHUR}\nUyghur economist"
    assert json_format.load(out.read_bytes()).cases[0].names[0].value == UYGHUR


def test_contact_names_refuse_escapes(store, figures):
    rec = keys.Identity.generate().recipient
    res = run(store, "contacts", "add", f"alice{ESC}[1A verified", rec)
    assert res.returncode == 1 and "contact name: contains U+001B" in res.stderr
    assert run(store, "contacts", "list").stdout == ""
    figures("forged output", attacks=1, refused=1)
