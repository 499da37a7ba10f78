"""Issue #11: "the window, the CLI and the briefing show the same stage, whereabouts,
days and alerts for the same case and day — one test drives all three".

Wang Quanzhang as of the NGO letter (5 Feb 2018): indicted, in custody, whereabouts
unknown, 942 days, the disappearance alert certain; Tashi Wangchuk the same day has a
*possible* alert (vague dates) that all three must call possible."""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_KDF_FAST", "1")

import pytest  # noqa: E402

from dossier.core.facts import Basis  # noqa: E402
from dossier.core.law import basis_citation  # noqa: E402
from dossier.core.vocab import STAGES, WHEREABOUTS  # noqa: E402
from dossier.gui.views.case_view import CaseView  # noqa: E402

from ..briefing.conftest import pdftotext  # noqa: E402
from .conftest import DEMO_PASSPHRASE, settle  # noqa: E402

DAY = "2018-02-05"


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DOSSIER_PASSPHRASE=DEMO_PASSPHRASE, DOSSIER_KDF_FAST="1")
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", ["Wang Quanzhang", "Tashi Wangchuk"])
def test_cli_window_and_briefing_agree(qtbot, backend, stack, demo_store, tmp_path, name):
    from datetime import date

    from dossier.services.dossier import Dossier

    # 1. The command line: the values.
    res = _cli("show", name, "--as-of", DAY, "--json", "--store", str(demo_store))
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    stage, where = STAGES[doc["stage"]].en, WHEREABOUTS[doc["whereabouts"]].en
    days = doc["days_in_custody"]
    days_words = (
        f"{days['min']:,} days"
        if days["min"] == days["max"]
        else f"{days['min']:,}–{days['max']:,} days"
    )
    alerts = [
        (
            a["text"],
            a["certainty"],
            basis_citation(
                Basis(a["basis"]["law"], a["basis"]["revision"], tuple(a["basis"]["articles"]))
            ),
        )
        for a in doc["alerts"]
    ]
    if name == "Wang Quanzhang":
        assert (doc["stage"], doc["in_custody"], doc["whereabouts"], days["min"]) == (
            "indicted",
            True,
            "unknown",
            942,
        )
        assert alerts[0][1] == "certain" and "arts. 75, 85, 93" in alerts[0][2]
    else:
        assert any(c == "possible" for _, c, _ in alerts)

    # 2. The briefing (as a user makes it), as text.
    pdf = tmp_path / "b.pdf"
    res = _cli(
        "briefing", "--store", str(demo_store), "-o", str(pdf), "--cases", doc["id"], "--as-of", DAY
    )
    assert res.returncode == 0, res.stderr
    text = _flat(pdftotext(pdf))
    assert (
        f"Legal stage {stage}" in text
        and f"Whereabouts {where}" in text
        and f"Days {days_words}" in text
    )
    for alert_text, certainty, cite in alerts:
        mark = "•" if certainty == "certain" else "?"
        assert _flat(f"{mark} {alert_text} — Legal basis: {cite}") in text, alert_text

    # 3. The window's case view.
    d = Dossier.open(demo_store, DEMO_PASSPHRASE)
    backend.adopt(d)
    v = CaseView(backend, stack)
    qtbot.addWidget(v)
    v.set_as_of(date.fromisoformat(DAY))
    v.show_case(doc["id"])
    settle(backend)
    shown = v.standing_strip.texts()
    assert (shown["Legal stage"], shown["Whereabouts"], shown["Days"]) == (stage, where, days_words)
    assert [(a.text, a.certainty, a.basis) for a in v.alerts.lines] == alerts
