"""Undo for linking two cases: one command that changed two cases (the link both
ways), undone by putting both back as they were (issue #11 item 7)."""

from __future__ import annotations

import copy

from PySide6.QtCore import QCoreApplication

from dossier.core.model import Case
from dossier.gui.undo import Command, ErrorSink
from dossier.services import people


class LinkCases(Command):
    """`people.link_cases` (both ways unless one_way); undo restores both cases."""

    def __init__(
        self,
        backend,
        case_id: str,
        other_id: str,
        relation: str,
        note: str | None = None,
        both_ways: bool = True,
        on_error: ErrorSink | None = None,
        names: tuple[str, str] = ("", ""),
    ) -> None:
        words = QCoreApplication.translate("Undo", "Link {a} and {b}").format(
            a=names[0] or case_id[:8], b=names[1] or other_id[:8]
        )
        super().__init__(backend, words, on_error)
        self.args = (case_id, other_id, relation, note, both_ways)
        self.before: list[Case] = []
        self.after: list[Case] = []

    def forward(self):
        if not self.after:
            a, b, relation, note, both = self.args

            def link(d):
                _, before = people.link_cases(d, a, b, relation, note=note, both_ways=both)
                return before, [d.get_case(c.id) for c in before]

            return link
        after = copy.deepcopy(self.after)
        return lambda d: _put_back(d, after)

    def after_forward(self, result) -> None:
        if not self.after and result is not None:
            self.before, self.after = result

    def backward(self):
        before = copy.deepcopy(self.before)
        return lambda d: _put_back(d, before)


def _put_back(d, cases: list[Case]) -> None:
    """Both cases of a link as they were (undo) or as the link left them (redo)."""
    for c in cases:
        d.update_case(c)
