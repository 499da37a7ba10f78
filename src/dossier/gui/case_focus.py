"""What the menu commands ask of the window about the case in view.

A Protocol rather than the window's class: the commands are built by the window
(gui.main_window.MainWindow, which satisfies it), so they must not import it — that
would be an import cycle — and they need only these four things of it. Tests can
hand a command object a small stand-in instead of a whole window.
"""

from __future__ import annotations

from datetime import date
from typing import Protocol, runtime_checkable


@runtime_checkable  # the tests check that the window is one
class CaseFocus(Protocol):
    def current_case_id(self) -> str | None:
        """The case selected in the list, if any."""
        ...

    def as_of_day(self) -> date:
        """The day the window shows facts as of (the "As of" box)."""
        ...

    def show_case_id(self, case_id: str) -> None:
        """Bring a case up in the list and the case view."""
        ...

    def show_case_tab(self) -> None:
        """Switch to the Case tab (from the Overview), keeping the selection."""
        ...
