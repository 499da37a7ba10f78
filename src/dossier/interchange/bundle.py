"""What the interchange reader and writer share: the format's name and version, the
Bundle they carry, and small helpers. A leaf module, so the writer (json_format) and
the hostile-input reader (json_reader) import it rather than each other."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from dossier.core.model import Case, Organisation, Source

FORMAT = "dossier-interchange"
VERSION = 1
PROTECTED_TITLE = "confidential source"
CONFIDENCES = ("confirmed", "reported", "disputed")


@dataclass
class Bundle:
    """What one interchange file holds. Events, relations and asks live inside their case;
    attachments (metadata only) inside their source."""

    cases: list[Case] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)


# Event fields added with schema 3 (issue #11), optional in files.
EVENT_TIMELINE_FIELDS = (
    "reported",
    "outcome",
    "probation",
    "political_rights",
    "whereabouts",
    "last_confirmed",
    "court",
    "judge",
    "facility",
)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a million small objects makes the cyclic GC rescan them over and over
    (about 40% of the time of a large load); nothing here makes cycles worth
    collecting meanwhile, so collection waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
