"""Drafts of UN communications (WGEID, WGAD, Special Procedures) from a case."""

from dossier.briefing.un.elements import (
    MANDATES,
    MECHANISMS,
    WGAD_CATEGORIES,
    Draft,
    DraftOptions,
    build_draft,
)
from dossier.briefing.un.render import draft_pdf, draft_text

__all__ = [
    "MANDATES",
    "MECHANISMS",
    "WGAD_CATEGORIES",
    "Draft",
    "DraftOptions",
    "build_draft",
    "draft_pdf",
    "draft_text",
]
