"""Narrative text by language (issue #15, item 1): which text a reader of each language
gets, and when it is a visible fallback."""

from __future__ import annotations

import pytest

from dossier.core.bilingual import text_in, written_in
from dossier.core.errors import ValidationError
from dossier.core.model import Case, Event
from dossier.core.validate import validate_case, validate_event


def test_the_version_in_the_language_wins():
    e = Event(
        note="Taken from his home by police.", translations={"note": {"zh": "被警方从家中带走。"}}
    )
    assert text_in(e, "note", "zh") == ("被警方从家中带走。", False)
    assert text_in(e, "note", "en") == ("Taken from his home by police.", False)


def test_falling_back_is_flagged_only_when_the_script_differs():
    e = Event(note="Taken from his home by police.")
    assert text_in(e, "note", "zh") == ("Taken from his home by police.", True)
    assert text_in(e, "note", "en") == ("Taken from his home by police.", False)
    zh = Event(note="被警方带走。")
    assert text_in(zh, "note", "en") == ("被警方带走。", True)
    only = Event(note=None, translations={"note": {"zh": "被警方带走。"}})
    assert text_in(only, "note", "en") == ("被警方带走。", True)
    assert text_in(Event(), "note", "zh") == (None, False)
    assert written_in("ئىلھام توختى", "ug")


def test_versions_are_checked_like_the_fields():
    c = validate_case(Case(name="X", translations={"summary": {"zh": " 摘要 ", "en": ""}}))
    assert c.translations == {"summary": {"zh": "摘要"}}
    with pytest.raises(ValidationError, match="has no versions by language"):
        validate_case(Case(name="X", translations={"name": {"zh": "某"}}))
    with pytest.raises(ValidationError, match="not a language tag"):
        validate_event(Event(type="release", date="2019", translations={"note": {"Chinese!": "x"}}))
