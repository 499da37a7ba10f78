"""The packet as a reader gets it: content per audience, scripts, fonts, metadata,
structure (contents links, outline, page numbers), determinism and atomic writing."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from dossier.briefing import build_packet
from dossier.core.errors import DossierError, UsageError
from tests.briefing import samples
from tests.briefing.conftest import build, options

pypdf = pytest.importorskip("pypdf")


def test_diplomatic_sees_restricted_not_confidential(texts):
    t = texts[("en", "diplomatic")]
    assert samples.RESTRICTED in t
    assert samples.CONFIDENTIAL not in t
    assert samples.PROTECTED not in t  # protected source named only as confidential
    assert "Confidential source" in t
    assert "Restricted — for diplomatic use" in t
    assert "Withheld Person" not in t  # a confidential case never enters the layout


def test_public_sees_public_only(texts):
    t = texts[("en", "public")]
    assert samples.RESTRICTED not in t
    assert samples.CONFIDENTIAL not in t
    assert samples.PROTECTED not in t
    assert "Wang Quanzhang" in t and "Public" in t


def test_internal_sees_everything(texts):
    t = texts[("en", "internal")]
    for marker in (samples.RESTRICTED, samples.CONFIDENTIAL, samples.PROTECTED):
        assert marker in t
    assert "Internal — confidential" in t
    assert "Withheld Person" in t


def test_core_facts_are_printed(texts):
    t = texts[("en", "diplomatic")]
    assert "957 days" in t  # Wang Quanzhang in custody since 9 July 2015, as of 20 Feb 2018
    assert "2,669–2,699 days" in t  # Liu Xia, house arrest since "2010-10~"
    assert "Life imprisonment" in t
    assert "Inciting separatism" in t
    assert "No access to a lawyer" in t


def test_names_in_their_scripts_extract(texts):
    t = texts[("en", "diplomatic")]
    for name in ("刘霞", "王全璋", "桂民海", "余文生", "扎西文色", "伊力哈木"):
        assert name in t
    assert "\u0f56" in t  # Tibetan letter BA of བཀྲ་ཤིས (the first glyph maps back to it)
    arabic = [c for c in t if "\u0600" <= c <= "\u06ff" or "\ufb50" <= c <= "\ufeff"]
    assert len(arabic) >= 10  # Uyghur glyphs printed (shaped forms map to presentation forms)
    assert "\ufffd" not in t


def test_chinese_packet_labels(texts):
    t = texts[("zh", "diplomatic")]
    for label in ("案例概览", "限制级——仅供外交使用", "时间线", "重要事件", "957天", "无期徒刑"):
        assert label in t
    assert "Summary of cases" not in t


def _reader(path: Path):
    return pypdf.PdfReader(str(path))


def test_metadata_names_no_one(packets):
    meta = _reader(packets[("en", "diplomatic")]).metadata
    assert meta.title == "China: cases for HRC37"
    assert (meta.author or "") == ""
    assert meta.creator == "Dossier"
    assert meta.producer == "Dossier"
    raw = packets[("en", "diplomatic")].read_bytes()
    assert str(Path.home()).encode() not in raw
    assert b"ReportLab PDF Library" not in raw
    assert meta.get("/CreationDate", "").startswith("D:20180221090000")


def test_fonts_all_embedded(packets):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdffonts", str(packets[("en", "diplomatic")])], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # columns: name type encoding emb sub uni object ID — emb is the 4th from the end+2
        assert row.split()[-5] == "yes", row


def test_qpdf_check_clean(packets):
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    for p in packets.values():
        res = subprocess.run(["qpdf", "--check", str(p)], capture_output=True, text=True)
        assert res.returncode == 0, res.stdout + res.stderr
        assert "No syntax or stream encoding errors" in res.stdout


def test_structure_contents_outline_pages(packets):
    r = _reader(packets[("en", "diplomatic")])
    outline = [o.title if not isinstance(o, list) else [x.title for x in o] for o in r.outline]
    assert outline[:3] == ["Contents", "Summary of cases", "Cases"]
    assert outline[3] == [
        "Liu Xia · 刘霞",
        "Wang Quanzhang · 王全璋",
        "Gui Minhai · 桂民海",
        "Tashi Wangchuk · བཀྲ་ཤིས་དབང་ཕྱུག",
        "Yu Wensheng · 余文生",
        "Ilham Tohti · ئىلھام توختى",
    ]
    links = 0
    for page in r.pages:
        for annot in page.get("/Annots", []) or []:
            a = annot.get_object()
            assert "/URI" not in str(a.get("/A", "")), a
            if a.get("/Subtype") == "/Link":
                links += 1
    assert links >= 12  # contents rows and summary-table names link to their cases
    text2 = r.pages[1].extract_text()
    assert "Contents" in text2 and "Wang Quanzhang" in text2
    last = r.pages[-1].extract_text()
    assert f"of {len(r.pages)}" in last


def test_one_image_for_one_allowed_photo(packets):
    for key, expected in ((("en", "diplomatic"), 1), (("en", "public"), 1)):
        r = _reader(packets[key])
        images = 0
        for page in r.pages:
            xobjects = page.get("/Resources", {}).get("/XObject", {}) or {}
            for ref in xobjects.values():
                if ref.get_object().get("/Subtype") == "/Image":
                    images += 1
        assert images == expected
    raw = packets[("en", "diplomatic")].read_bytes()
    assert b"EXIF-SECRET" not in raw  # the photo is re-encoded without its metadata


def test_deterministic(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    ra, rb = build(a), build(b)
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    assert ra.document_id == rb.document_id
    assert str(tmp_path).encode() not in a.read_bytes()  # no path, not even the temp file's
    assert ra.page_count == len(pypdf.PdfReader(str(a)).pages)
    assert ra.case_count == 6


def test_document_id_follows_content_and_options(tmp_path):
    base = build(tmp_path / "a.pdf").document_id
    assert build(tmp_path / "b.pdf", audience="internal").document_id != base
    assert build(tmp_path / "c.pdf", title="Other").document_id != base
    cases = samples.cases()
    cases[0].summary = "Changed."
    assert build(tmp_path / "d.pdf", cases=cases).document_id != base


def test_progress_and_cancel(tmp_path):
    seen: list[tuple[int, int]] = []
    out = tmp_path / "p.pdf"
    build_packet(
        samples.cases(),
        samples.sources(),
        options(),
        out,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 6) and seen[-1] == (6, 6)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    stop = {"now": False}

    def note_progress(done: int, total: int) -> None:
        stop["now"] = done >= 2  # cancel while the third case is being laid out

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(DossierError, match="cancelled"):
        build_packet(
            samples.cases(),
            samples.sources(),
            options(),
            target,
            progress=note_progress,
            cancelled=lambda: stop["now"],
        )
    assert not target.exists()
    assert list(tmp_path.glob(".cancelled.pdf.*")) == []  # temp file removed


def test_existing_file_kept_on_failure(tmp_path):
    target = tmp_path / "keep.pdf"
    target.write_bytes(b"old packet")
    with pytest.raises(DossierError):
        build_packet(samples.cases(), samples.sources(), options(), target, cancelled=lambda: True)
    assert target.read_bytes() == b"old packet"


def test_a_stream_gets_the_same_bytes_as_a_file(tmp_path):
    """The window's preview builds into memory: the bytes are those the CLI writes to a
    path (deterministic with `created` fixed), and nothing is written beside anything."""
    photo = samples.photo_bytes()
    on_disk = build(tmp_path / "file.pdf")
    stream = io.BytesIO()
    res = build_packet(
        samples.cases(),
        samples.sources(),
        options(),
        stream,
        attachment_bytes=lambda i: photo if i == samples.PHOTO_ID else None,
    )
    assert res.path is None and res.document_id == on_disk.document_id
    assert res.page_count == on_disk.page_count > 3
    assert stream.getvalue() == (tmp_path / "file.pdf").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf"]


def test_bad_options_are_usage_errors(tmp_path):
    with pytest.raises(UsageError, match="language"):
        build_packet([], {}, options(lang="fr"), tmp_path / "x.pdf")
    with pytest.raises(UsageError, match="audience"):
        build_packet([], {}, options(audience="everyone"), tmp_path / "x.pdf")


def test_empty_packet_builds(tmp_path):
    res = build_packet([], {}, options(), tmp_path / "empty.pdf")
    assert res.case_count == 0 and res.page_count >= 3


def test_deterministic_across_processes(tmp_path):
    """Another process, with another hash seed and another history (it printed a packet
    with other Tibetan and Uyghur names first, as a long-running window may), gives
    the same bytes."""
    import os
    import sys

    here = tmp_path / "here.pdf"
    build(here)
    there = tmp_path / "there.pdf"
    code = (
        "import sys; from pathlib import Path; "
        "from dossier.core.model import Case, Name; "
        "from tests.briefing.conftest import build; "
        "other = [Case(id='o', name='Other', names=[Name('ཚེ་རིང་རྡོ་རྗེ་ སྒྲོལ་མ་', 'bo'), "
        "Name('گۈلشەن ئابباس راھىلە', 'ug')])]; "
        "build(Path(sys.argv[1] + '.other.pdf'), cases=other, sources={}); "
        "build(Path(sys.argv[1]))"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-c", code, str(there)], check=True, cwd=root, env=env)
    assert hashlib.sha256(here.read_bytes()).digest() == hashlib.sha256(there.read_bytes()).digest()
