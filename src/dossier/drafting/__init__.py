"""Draft cases from a pasted statement: offline, explainable rules (issue #16).

`extract(text, statement_date=…, known=[…])` returns a `Draft`: the statement's
sentences, draft cases with dated, typed events (each with the words it came from and
a confidence) and the sentences nothing was taken from. Nothing is written: the
services' `drafting.apply` does that after review.
"""

from __future__ import annotations

from .assemble import extract
from .model import Draft, DraftCase, DraftEvent, Sentence, Span
from .people import Known

__all__ = ["Draft", "DraftCase", "DraftEvent", "Known", "Sentence", "Span", "extract"]
