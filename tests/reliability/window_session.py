"""The window's half of the leak scan: a researcher's session in the real main window.

Run by test_leak_scan.py in its own process with the LeakTree's environment (HOME, XDG_*,
TMPDIR in a private tree; QT_QPA_PLATFORM=offscreen), so every file the window writes as
the user -- QSettings, recent stores, caches, the crash log, decrypted copies of
attachments, briefing scratch -- lands where the scan looks. The markers arrive as JSON on
argv; every edit goes through the window's own undo commands and panels, the way the
menus do it. Prints one JSON line of what it did.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

PASS = "leak scan window passphrase"


def main(argv: list[str]) -> int:
    markers = json.loads(argv[0])
    store, doc, exports = Path(argv[1]), Path(argv[2]), Path(argv[3])

    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QApplication

    from dossier.core.model import Case, Event, Name, Source
    from dossier.gui import crash, undo
    from dossier.gui.app import make_application
    from dossier.gui.backend import Backend
    from dossier.gui.i18n import Translations
    from dossier.gui.main_window import MainWindow
    from dossier.gui.settings import Settings
    from dossier.services import briefing, sharing

    opened: list[str] = []
    QDesktopServices.openUrl = staticmethod(lambda url: opened.append(url.toLocalFile()) or True)
    app = make_application()
    crash.install(app)  # faulthandler's log file: it must hold no case data either
    settings = Settings()
    backend = Backend()
    window = MainWindow(backend, settings, Translations(app))
    window.show()

    def settle(timeout: float = 60.0) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            app.processEvents()
            if not backend.busy:
                app.processEvents()
                if not backend.busy:
                    return
            time.sleep(0.01)
        raise TimeoutError("the window's worker did not settle")

    done: list[str] = []
    window.open_with_passphrase(store, PASS, create=True)
    settle()
    assert backend.is_open, "the store did not open"
    done.append("create store")

    case = Case(
        name=markers["name"],
        tags=[markers["tag"]],
        summary=markers["summary"],
        names=[Name(value=f"刘{markers['native']}霞", lang="zh-Hans", kind="legal")],
    )
    window.undo_stack.push(undo.AddCase(backend, case))
    settle()
    source = Source(
        title=markers["source"],
        publisher=markers["publisher"],
        url=f"https://example.org/{markers['url']}",
    )
    window.undo_stack.push(undo.AddSource(backend, source, [doc]))
    settle()
    event = Event(
        type="detention",
        date="2020-02-15",
        place=markers["place"],
        authority=markers["authority"],
        charges=[markers["charge"]],
        note=markers["note"],
        source_ids=[source.id],
    )
    window.undo_stack.push(undo.AddEvent(backend, case.id, event))
    settle()
    window.undo_stack.undo()
    settle()
    window.undo_stack.redo()
    settle()
    done += ["add case", "add source with a file", "add event", "undo", "redo"]

    panel = window.list_panel
    panel.search.setText(markers["note"])  # typed into the search box
    time.sleep(0.3)
    settle()
    assert case.id in panel.model.ids(), "search did not find the case"
    window.show_case_id(case.id)
    settle()
    window.case_commands.copy_name()  # through the clipboard guard
    done += ["search", "show case", "copy name"]

    sources = window.case_view.sources
    att_id = backend.call_sync(lambda d: d.get_source(source.id).attachments[0].id)
    data = backend.call_sync(lambda d, a: d.attachment_bytes(a), att_id)
    att = backend.call_sync(lambda d: d.get_source(source.id).attachments[0])
    sources._open(att, data)  # a decrypted copy for the system viewer, in the private folder
    settle()
    assert opened and Path(opened[0]).exists(), "no decrypted copy was handed to the viewer"
    done.append("open attachment")

    pdf = exports / "window-briefing.pdf"
    backend.call_sync(lambda d: briefing.make_briefing(d, pdf, [case.id], title="Briefing"))
    backend.call_sync(sharing.create_identity)
    me = backend.call_sync(sharing.identity_info)
    backend.call_sync(
        lambda d: sharing.export_share(
            d, exports / "window-share.age", [case.id], to=[me.recipient]
        )
    )
    done += ["briefing", "identity", "share export"]

    window.lock()
    settle()
    assert not Path(opened[0]).exists(), "the decrypted copy outlived the lock"
    done.append("lock")
    window.close()
    QApplication.processEvents()
    print(json.dumps({"steps": done, "pdf": str(pdf)}))
    return 0


if __name__ == "__main__":
    try:
        code = main(sys.argv[1:])
    except BaseException:  # not the crash dialog: it would wait for a click that never comes
        import os
        import traceback

        traceback.print_exc()
        os._exit(1)
    sys.exit(code)
