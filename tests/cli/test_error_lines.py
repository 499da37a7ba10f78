"""Issue #14 item 4: the command line's error lines, now made by core.errors.present, read
as they always did -- and an unexpected error never prints its (record-bearing) text."""

from __future__ import annotations

import contextlib
import io

from dossier.cli import main, store_cmds
from dossier.core.errors import NotFoundError


def _run(monkeypatch, exc: BaseException) -> tuple[int, str]:
    def fail(args):
        raise exc

    monkeypatch.setattr(store_cmds, "cmd_verify", fail)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["verify", "--store", "/nonexistent/s.db"])
    return code, err.getvalue()


def test_an_expected_error_is_one_line_with_its_remedy(monkeypatch):
    code, err = _run(monkeypatch, NotFoundError("no case 'Li\nXia'", remedy="check the name"))
    assert code == 1
    assert err.startswith("dossier: error: no case 'Li")
    assert err.endswith("(check the name)\n") and err.count("\n") == 1


def test_an_unexpected_error_prints_its_type_and_nothing_of_its_text(monkeypatch):
    code, err = _run(monkeypatch, ValueError("Wang Quanzhang, Tianjin No. 2 detention centre"))
    assert code == 1
    assert err == (
        "dossier: internal error (ValueError); nothing was changed by the failed step. "
        "Run again with --debug for details.\n"
    )


def test_list_takes_only_an_alert_rule_the_core_knows():
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(["list", "--alert", "rsdl_over_limt", "--store", "/nonexistent/s.db"])
        except SystemExit as exc:
            code = exc.code
    assert code == 2
    assert "invalid choice: 'rsdl_over_limt'" in err.getvalue()
    assert "rsdl_over_limit" in err.getvalue() and "trial_over_limit" in err.getvalue()
