"""Issue #12, item 4: a share's author chooses attachment names.

A stranger (or a colleague's stolen key) sends a share whose source carries
`ruling.pdf.exe`, `notice.hta`, `CON` or a name with a right-to-left override. After
the import, opening them in the window must never hand a program or shortcut type to
the system (before the fix, anything not an image or text went to the system viewer
from a plain `mkdtemp()` folder), and what is opened goes to a private scratch folder
under a name Windows, macOS and Linux all accept.
"""

from __future__ import annotations

import hashlib
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from dossier.core.model import Attachment, Case, Event, Source  # noqa: E402
from dossier.crypto import keys  # noqa: E402
from dossier.interchange import json_format  # noqa: E402
from dossier.services import sharing  # noqa: E402
from dossier.services.dossier import Dossier  # noqa: E402
from dossier.share import package  # noqa: E402
from dossier.share.manifest import Recipient  # noqa: E402

pytestmark = pytest.mark.attack  # kept by `make test-reliability`

PASS = "hostile attachments passphrase 许志永"
NAMES = ["ruling.pdf.exe", "notice.hta", "CON", "photo.jpg.scr", "open-me.desktop", "verdict.pdf"]
BODY = b"MZ\x90\x00 not really a program"


@pytest.fixture
def victim(tmp_path):
    d = Dossier.create(tmp_path / "v.db", PASS)
    sharing.create_identity(d)
    yield d
    d.close()


def _share(victim: Dossier, out, names=NAMES) -> None:
    me = sharing.identity_info(victim).recipient
    sha = hashlib.sha256(BODY).hexdigest()
    src = Source(title="Court documents")
    src.attachments = [
        Attachment(
            source_id=src.id, filename=n, media_type="application/pdf", size=len(BODY), sha256=sha
        )
        for n in names
    ]
    case = Case(name="Example Person (fictional)")
    case.events = [Event(case_id=case.id, type="verdict", date="2020-01-02", source_ids=[src.id])]
    bundle = json_format.Bundle(cases=[case], sources=[src])
    records = json_format.dumps(bundle)
    package.write_share(
        out,
        identity=keys.Identity.generate(),
        recipients=[Recipient(me)],
        passphrase=None,
        audience="internal",
        records=records,
        sync=package.encode_sync({}),
        bundle=bundle,
        attachment_body=lambda _id: [BODY],
    )


def test_hostile_names_are_never_handed_to_the_system(
    qtbot, victim, tmp_path, monkeypatch, figures
):
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QMessageBox

    from dossier.gui.backend import Backend
    from dossier.gui.views import sources_panel

    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    _share(victim, tmp_path / "hostile.age")
    sharing.import_share(victim, tmp_path / "hostile.age", accept_unknown_signer=True)
    [src] = victim.sources().values()
    assert sorted(a.filename for a in src.attachments) == sorted(NAMES)

    opened: list = []
    warned: list = []
    monkeypatch.setattr(sources_panel.QDesktopServices, "openUrl", lambda url: opened.append(url))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: warned.append(box.text()) or 0)
    backend = Backend()
    try:
        backend.adopt(victim)
        panel = sources_panel.SourcesPanel(backend, QUndoStack())
        qtbot.addWidget(panel)
        for att in src.attachments:
            panel._open(att, BODY)
        risky = [n for n in NAMES if n not in ("CON", "verdict.pdf")]
        assert len(warned) == len(risky)  # one warning each, nothing saved (Cancel)
        names = sorted(os.path.basename(u.toLocalFile()) for u in opened)
        assert names == ["_CON", "verdict.pdf"]
        assert all(u.toLocalFile().startswith(str(tmp_path / "run")) for u in opened)
        figures("hostile attachments", attacks=len(risky), refused=len(warned))
        backend.lock()
        assert not any(os.path.exists(u.toLocalFile()) for u in opened)
    finally:
        backend.shutdown()


def test_a_name_with_a_direction_override_is_refused_at_import(victim, tmp_path, figures):
    from dossier.core.errors import ValidationError

    _share(victim, tmp_path / "rlo.age", names=["court\u202efdp.exe"])  # shows as court-exe.pdf
    with pytest.raises(ValidationError, match=r"attachments\[0\]\.filename: contains U\+202E"):
        sharing.import_share(victim, tmp_path / "rlo.age", accept_unknown_signer=True)
    assert victim.source_count() == 0 and victim.case_count() == 0
    figures("hostile attachments", attacks=1, refused=1)
