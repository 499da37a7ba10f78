"""Shared fixtures: packets built once per session, and PDF inspection helpers."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from dossier.briefing import BriefingOptions, build_packet
from tests.briefing import samples

AS_OF = date(2018, 2, 20)
CREATED = datetime(2018, 2, 21, 9, 0, tzinfo=UTC)


def options(**kw) -> BriefingOptions:
    base = dict(
        title="China: cases for HRC37",
        organisation="Coalition of NGOs",
        audience="diplomatic",
        lang="en",
        as_of=AS_OF,
        created=CREATED,
    )
    base.update(kw)
    return BriefingOptions(**base)


def build(path: Path, cases=None, sources=None, **kw):
    photo = samples.photo_bytes()
    return build_packet(
        samples.cases() if cases is None else cases,
        samples.sources() if sources is None else sources,
        options(**kw),
        path,
        attachment_bytes=lambda i: photo if i == samples.PHOTO_ID else None,
    )


def pdftotext(path: Path) -> str:
    """Text of the PDF via poppler's pdftotext (skips the test when it is missing)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True
    )
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="session")
def packets(tmp_path_factory) -> dict[tuple[str, str], Path]:
    """The sample packet for every audience in English, and diplomatic in Chinese."""
    folder = tmp_path_factory.mktemp("packets")
    out: dict[tuple[str, str], Path] = {}
    for audience in ("public", "diplomatic", "internal"):
        p = folder / f"en-{audience}.pdf"
        build(p, audience=audience)
        out[("en", audience)] = p
    p = folder / "zh-diplomatic.pdf"
    build(p, lang="zh", title="中国：人权理事会第37届会议个案")
    out[("zh", "diplomatic")] = p
    return out


@pytest.fixture(scope="session")
def texts(packets) -> dict[tuple[str, str], str]:
    return {k: pdftotext(p) for k, p in packets.items()}
