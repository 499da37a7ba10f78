"""Issue #14 item 4: one rule for what a front end shows for a failure (core.errors.present)."""

from __future__ import annotations

import pytest

from dossier.core.errors import DossierError, IntegrityError, ValidationError, present

RECORD_TEXT = "Wang Quanzhang, held at the Tianjin No. 2 detention centre"


def test_an_expected_error_shows_its_message_remedy_and_place():
    exc = ValidationError("not a date", where="row 3, column date", remedy="write 2016-07-10")
    assert present(exc) == "row 3, column date: not a date (write 2016-07-10)"
    assert present(exc, "zh") == present(exc)  # its own words, whatever the window's language
    assert present(IntegrityError("the store was tampered with")) == "the store was tampered with"


@pytest.mark.parametrize(
    "exc", [ValueError(RECORD_TEXT), KeyError(RECORD_TEXT), OSError(RECORD_TEXT)]
)
def test_an_unexpected_error_shows_its_type_never_its_text(exc):
    for lang in ("en", "zh", "zh_CN"):
        shown = present(exc, lang)
        assert type(exc).__name__ in shown
        assert "Wang" not in shown and "Tianjin" not in shown
    assert present(exc) == (
        f"internal error ({type(exc).__name__}); nothing was changed by the failed step."
    )
    assert present(exc, "zh").startswith("内部错误")


def test_a_subclass_of_dossier_error_is_expected():
    class Mine(DossierError):
        pass

    assert present(Mine("the case is gone")) == "the case is gone"
