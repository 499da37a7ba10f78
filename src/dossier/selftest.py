"""`dossier --self-test`: prove that an installed (or frozen) Dossier works end to end.

A bundle that lacks one file (the SQLCipher library, a font, a Qt plugin) still
starts, and fails only when a researcher first needs that part. The self-test walks
every part once, in a private temporary folder that it removes afterwards: an
encrypted store with a real key, a case with names in Chinese, Tibetan and Uyghur,
a one-page briefing whose fonts must be embedded, a share file from one identity to
another, and the main window built offscreen. It prints `SELF-TEST OK` (exit 0) or
`SELF-TEST FAILED: <step>: <message>` (exit 1). Where there is no console (the
windowed Windows build) the result also goes to a file in the user's log folder.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

RESULT_FILE = "self-test.txt"
_PASSPHRASES = ("self-test: a long passphrase 一二三", "self-test: another passphrase ཀཁག")
# Names the packet must print in their own scripts (Han, Tibetan, Uyghur Arabic).
_ZH, _BO, _UG = "伊力哈木·土赫提", "བློ་བཟང་ཚེ་རིང་", "ئىلھام توختى"


class StepFailed(Exception):
    """A self-test step found something wrong; the message says what (no traceback)."""


def _fast_params():
    """The KDF floor: a real Argon2id key (64 MiB, 3 passes), without calibrating."""
    from dossier.crypto.kdf import MIN_PARAMS

    return MIN_PARAMS


def _step_store(work: Path) -> tuple[Path, str]:
    """Create an encrypted store, write a case, reopen it and read the case back."""
    from dossier.core.model import Case, Event, Name
    from dossier.services.dossier import Dossier

    path = work / "alice.db"
    case = Case(
        name="Ilham Tohti",
        names=[Name(_ZH, "zh-Hans"), Name(_UG, "ug"), Name(_BO, "bo", "alias")],
        summary=f"Self-test case. {_ZH} · {_BO} · {_UG}",
        events=[Event(type="detention", date="2014-01-15", place="北京 · ཕོ་བྲང · ئۈرۈمچى")],
    )
    with Dossier.create(path, _PASSPHRASES[0], _fast_params()) as d:
        d.add_case(case)
    if b"SQLite format 3" in path.read_bytes()[:16]:
        raise StepFailed("the store file is not encrypted")
    with Dossier.open(path, _PASSPHRASES[0]) as d:
        back = d.get_case(case.id)
    got = {n.value for n in back.names}
    if got != {_ZH, _UG, _BO} or back.events[0].place != case.events[0].place:
        raise StepFailed("the case read back differs from the case written")
    return path, case.id


def _embedded_fonts_raw(data: bytes) -> int:
    """Embedded font programs counted in the raw PDF (reportlab writes font descriptors
    as plain objects), for bundles that ship without pypdf."""
    return len(re.findall(rb"/FontFile[23]?\b", data))


def _fonts_with_pypdf(pdf: Path) -> tuple[set[str], set[str]]:
    """(every font name used, the names whose programs are embedded), page by page."""
    from pypdf import PdfReader

    used: set[str] = set()
    embedded: set[str] = set()
    for page in PdfReader(str(pdf)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            font = ref.get_object()
            descs = [font.get("/FontDescriptor")]
            descs += [
                f.get_object().get("/FontDescriptor") for f in font.get("/DescendantFonts") or []
            ]
            name = str(font.get("/BaseFont"))
            used.add(name)
            for desc in descs:
                desc = desc.get_object() if desc is not None else None
                if desc is not None and any(
                    k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")
                ):
                    embedded.add(name)
    return used, embedded


def _step_briefing(store: Path, case_id: str, work: Path) -> str:
    """Render a one-page briefing with Chinese, Tibetan and Uyghur text; fonts embedded."""
    from dossier.services.briefing import make_briefing
    from dossier.services.dossier import Dossier

    out = work / "briefing.pdf"
    with Dossier.open(store, _PASSPHRASES[0]) as d:
        result = make_briefing(
            d, out, [case_id], title="Self-test 自检 རང་བརྟག ئۆزىنى تەكشۈرۈش", audience="public"
        )
    data = out.read_bytes()
    if not data.startswith(b"%PDF") or len(data) < 1000:
        raise StepFailed("the briefing is not a PDF")
    if result.page_count < 1:
        raise StepFailed("the briefing has no page")
    raw = _embedded_fonts_raw(data)
    if raw < 3:
        raise StepFailed(
            f"the briefing embeds {raw} font(s); Latin, CJK, Tibetan and Arabic need more"
        )
    try:
        used, embedded = _fonts_with_pypdf(out)
    except ImportError:  # the frozen app ships without pypdf: the raw count stands
        return f"{result.page_count} page(s), {raw} embedded fonts"
    missing = sorted(used - embedded)
    if missing:
        raise StepFailed(f"fonts not embedded: {', '.join(missing)}")
    for script, mark in (("Tibetan", "Tibetan"), ("Arabic", "Arabic")):
        if not any(mark.lower() in n.lower() for n in used):
            raise StepFailed(f"no {script} font in the briefing (fonts: {', '.join(sorted(used))})")
    return f"{result.page_count} page(s), {len(embedded)} embedded fonts"


def _step_share(store: Path, case_id: str, work: Path) -> str:
    """Alice shares the case to Bob (signed, encrypted to him); Bob imports it."""
    from dossier.services import sharing
    from dossier.services.dossier import Dossier

    bob_path = work / "bob.db"
    out = work / "case.dossier-share"
    with (
        Dossier.open(store, _PASSPHRASES[0]) as alice,
        Dossier.create(bob_path, _PASSPHRASES[1], _fast_params()) as bob,
    ):
        a, b = sharing.create_identity(alice), sharing.create_identity(bob)
        sharing.add_contact(alice, "bob", b.recipient, b.signing_key, verified=True)
        sharing.add_contact(bob, "alice", a.recipient, a.signing_key, verified=True)
        sharing.export_share(alice, out, [case_id], to=["bob"])
        report = sharing.import_share(bob, out)
        back = bob.get_case(case_id)
    if {n.value for n in back.names} != {_ZH, _UG, _BO}:
        raise StepFailed("the case received differs from the case shared")
    if report.signer.name != "alice":
        raise StepFailed("the share's signature was not recognised as Alice's")
    return f"{out.stat().st_size} bytes"


def _step_window(store: Path, work: Path) -> str:
    """Build the main window offscreen, unlock the store in it, load the dialogs it
    defers and preview the briefing with QtPdf.

    Imported here, not at the top: importing the self-test (or running its other steps
    where no Qt is installed) must not load Qt.
    """
    from dossier.gui.selftest_window import check_main_window

    return check_main_window(store, _PASSPHRASES[0], work, pdf=work / "briefing.pdf")


def _log_result(text: str) -> Path | None:
    """Write the result to the user's log folder (for builds without a console)."""
    try:
        import platformdirs

        folder = Path(platformdirs.user_log_dir("Dossier", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / RESULT_FILE
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        return None


def _has_console() -> bool:
    stream = sys.stdout
    return stream is not None and not getattr(stream, "closed", False)


def run_self_test(verbose: bool = False) -> int:
    """Run every step; print `SELF-TEST OK` and return 0, or name the failing step and return 1."""
    lines: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="dossier-selftest-"))
    status = 1
    step = "setup"
    try:
        store, case_id = Path(), ""

        def store_step() -> str:
            nonlocal store, case_id
            store, case_id = _step_store(work)
            return "encrypted store written and read"

        steps: list[tuple[str, Callable[[], str]]] = [
            ("store", store_step),
            ("briefing", lambda: _step_briefing(store, case_id, work)),
            ("share", lambda: _step_share(store, case_id, work)),
            ("window", lambda: _step_window(store, work)),
        ]
        for step, fn in steps:
            t0 = time.perf_counter()
            detail = fn()
            lines.append(f"  {step}: ok ({detail}; {time.perf_counter() - t0:.1f} s)")
        lines.append("SELF-TEST OK")
        status = 0
    except StepFailed as exc:
        lines.append(f"SELF-TEST FAILED: {step}: {exc}")
    except Exception as exc:  # anything else is a broken install; say where and what
        lines.append(f"SELF-TEST FAILED: {step}: {type(exc).__name__}: {exc}")
        if verbose:
            lines.append(traceback.format_exc())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    if _has_console():
        sys.stdout.write(text if verbose or status else lines[-1] + "\n")
        sys.stdout.flush()
    else:
        _log_result(text)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_self_test(verbose="-v" in sys.argv))
