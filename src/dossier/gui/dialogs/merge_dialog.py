"""Case → Find duplicates and Case → Merge cases…: one person entered twice, folded
into one case.

The work runs on the backend's worker (a merge is one transaction over two cases, their
events, the search index and the facts cache; finding duplicates among 50,000 cases
takes seconds), never on the UI thread. A merge is one undoable command: undo puts both
cases back exactly (services.merging.unmerge), also on the worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier.services import merging
from dossier.services.merging import MergePlan, MergeResult

from ..backend import Backend
from ..undo import Command, ErrorSink, push_done
from ..workers import run_with_progress
from .passphrase import error_message

translate = QCoreApplication.translate


def field_label(field: str) -> str:
    labels = {
        "name": translate("Merge", "Name"),
        "sensitivity": translate("Merge", "Sensitivity"),
        "summary": translate("Merge", "Summary"),
        "gender": translate("Merge", "Gender"),
        "birth_year": translate("Merge", "Born"),
        "occupation": translate("Merge", "Occupation"),
        "nationality": translate("Merge", "Nationality"),
        "photo_attachment_id": translate("Merge", "Photo"),
    }
    return labels.get(field, field)


class MergeCases(Command):
    """A merge already done on the worker; undo and redo also run there."""

    def __init__(
        self,
        backend,
        result: MergeResult,
        choices: dict[str, str],
        on_error: ErrorSink | None = None,
    ) -> None:
        words = translate("Undo", "Merge {b} into {a}").format(
            a=result.plan.a.name, b=result.plan.b.name
        )
        super().__init__(backend, words, on_error)
        self.result = result
        self.choices = dict(choices)

    def forward(self):
        a, b, choices = self.result.a_before.id, self.result.b_before.id, dict(self.choices)
        return lambda d: merging.merge_cases(d, a, b, choices)

    def after_forward(self, result: MergeResult) -> None:
        self.result = result

    def backward(self):
        result = self.result
        return lambda d: merging.unmerge(d, result)


class MergeDialog(QDialog):
    """Two cases side by side: what is united, and a choice for each conflicting field."""

    merged = Signal(str, str)  # surviving id, merged-away id

    def __init__(
        self,
        backend,
        stack,
        keep_id: str,
        other_id: str,
        parent: QWidget | None = None,
        on_error: ErrorSink | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend, self.stack, self.on_error = backend, stack, on_error
        self.ids = (keep_id, other_id)
        self.plan: MergePlan | None = None
        self.groups: dict[str, QButtonGroup] = {}
        self.setWindowTitle(self.tr("Merge cases"))
        self.resize(720, 420)
        lay = QVBoxLayout(self)
        self.intro = QLabel(self.tr("Comparing the two cases…"))
        self.intro.setWordWrap(True)
        lay.addWidget(self.intro)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        lay.addWidget(self.grid_host)
        self.united = QLabel()
        self.united.setWordWrap(True)
        lay.addWidget(self.united)
        lay.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.swap_button = self.buttons.addButton(
            self.tr("&Swap"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.swap_button.setToolTip(self.tr("Keep the other case instead"))
        self.merge_button = self.buttons.addButton(
            self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.merge_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self._merge)
        self.swap_button.clicked.connect(self._swap)
        lay.addWidget(self.buttons)
        self._load()

    # -- loading the plan ----------------------------------------------------------------------
    def _load(self) -> None:
        self.merge_button.setEnabled(False)
        self.backend.run(
            merging.plan_merge, *self.ids, on_done=self._show, on_error=self._failed, context=self
        )

    def _swap(self) -> None:
        self.ids = (self.ids[1], self.ids[0])
        self._load()

    def _show(self, plan: MergePlan) -> None:
        self.plan = plan
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.groups.clear()
        self.intro.setText(
            self.tr(
                "Keep <b>%1</b> and fold <b>%2</b> into it: names, tags, relations and requests are "
                "united, and %3 events move over with their sources. The folded case's id keeps "
                "working in shares from colleagues."
            )
            .replace("%1", _esc(plan.a.name))
            .replace("%2", _esc(plan.b.name))
            .replace("%3", str(len(plan.b.events)))
        )
        if plan.conflicts:
            self.grid.addWidget(
                QLabel(self.tr("<b>Both cases fill these differently; choose:</b>")), 0, 0, 1, 3
            )
            self.grid.addWidget(QLabel(f"<b>{_esc(plan.a.name)}</b>"), 1, 1)
            self.grid.addWidget(QLabel(f"<b>{_esc(plan.b.name)}</b>"), 1, 2)
        for row, c in enumerate(plan.conflicts, start=2):
            self.grid.addWidget(QLabel(field_label(c.field)), row, 0)
            group = QButtonGroup(self)
            for col, (side, value) in enumerate((("A", c.a), ("B", c.b)), start=1):
                rb = QRadioButton(_short(value))
                rb.setToolTip(str(value))
                rb.setProperty("side", side)
                rb.setObjectName(f"choice_{c.field}_{side}")
                group.addButton(rb)
                self.grid.addWidget(rb, row, col)
                if c.choice == side:
                    rb.setChecked(True)
            group.buttonToggled.connect(lambda *_: self._update_ok())
            self.groups[c.field] = group
        names = ", ".join(n.value for n in plan.merged.names)
        self.united.setText(self.tr("Names after the merge: %1").replace("%1", _esc(names) or "—"))
        self._update_ok()

    def choices(self) -> dict[str, str]:
        out = {}
        for f, g in self.groups.items():
            b = g.checkedButton()
            if b is not None:
                out[f] = b.property("side")
        return out

    def _update_ok(self) -> None:
        self.merge_button.setEnabled(
            self.plan is not None and len(self.choices()) == len(self.groups)
        )

    def choose(self, field: str, side: str) -> None:
        """Pick a side for one field (what a click on its radio button does)."""
        for b in self.groups[field].buttons():
            if b.property("side") == side:
                b.setChecked(True)

    # -- merging ----------------------------------------------------------------------------
    def _merge(self) -> None:
        choices = self.choices()
        self.merge_button.setEnabled(False)
        self.swap_button.setEnabled(False)

        def done(res: MergeResult) -> None:
            push_done(self.stack, MergeCases(self.backend, res, choices, on_error=self.on_error))
            self.merged.emit(res.a_before.id, res.b_before.id)
            self.accept()

        def failed(message: str) -> None:
            self.swap_button.setEnabled(True)
            self._update_ok()
            QMessageBox.warning(self, self.tr("Merge cases"), message)

        self.backend.perform(
            merging.merge_cases,
            *self.ids,
            choices,
            label="merge cases",
            on_done=done,
            on_error=failed,
            context=self,
        )

    def _failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Merge cases"), error_message(exc))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _short(value) -> str:
    text = "—" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= 70 else text[:67] + "…"


class DuplicatesDialog(QDialog):
    """Pairs of cases that look like one person, with a Merge… button for each."""

    def __init__(
        self,
        backend,
        stack,
        parent: QWidget | None = None,
        on_error: ErrorSink | None = None,
        on_merged: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.backend, self.stack, self.on_error, self.on_merged = (
            backend,
            stack,
            on_error,
            on_merged,
        )
        self.pairs: list = []
        self.setWindowTitle(self.tr("Likely duplicates"))
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        self.info = QLabel(self.tr("Looking for cases that look like one person…"))
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Alike"), self.tr("Case"), self.tr("Case"), self.tr("Why")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.doubleClicked.connect(lambda _i: self.merge_selected())
        lay.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = QPushButton(self.tr("&Merge…"))
        self.merge_button.setEnabled(False)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(self.merge_selected)
        lay.addWidget(buttons)

    def start(self) -> None:
        run_with_progress(
            self,
            self.backend,
            merging.find_duplicates,
            title=self.tr("Find duplicates"),
            label=self.tr("Comparing the names of every case…"),
            on_done=self._show,
            on_error=lambda e: QMessageBox.warning(self, "Dossier", error_message(e)),
        )

    def _show(self, pairs: list) -> None:
        self.pairs = list(pairs)
        self.table.setRowCount(len(self.pairs))
        for r, p in enumerate(self.pairs):
            if p.score >= 100:
                why = self.tr("the same spelling in pinyin (%1)").replace("%1", p.key)
            else:
                why = (
                    self.tr("%1% alike in pinyin (%2)")
                    .replace("%1", str(p.score))
                    .replace("%2", p.key)
                )
            for c, text in enumerate((f"{p.score}%", p.incoming_name, p.local_name, why)):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        if self.pairs:
            self.info.setText(
                self.tr(
                    "Pairs of cases that look like one person: %1. Merging is never "
                    "automatic: two people can share a name."
                ).replace("%1", str(len(self.pairs)))
            )
        else:
            self.info.setText(self.tr("No likely duplicates."))

    def _selection(self) -> None:
        self.merge_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def merge_selected(self) -> MergeDialog | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        p = self.pairs[rows[0].row()]
        dlg = MergeDialog(
            self.backend, self.stack, p.local_id, p.incoming_id, self, on_error=self.on_error
        )
        dlg.merged.connect(self._merged)
        dlg.open()
        return dlg

    def _merged(self, keep: str, gone: str) -> None:
        keep_rows = [p for p in self.pairs if gone not in (p.incoming_id, p.local_id)]
        self._show(keep_rows)
        if self.on_merged is not None:
            self.on_merged(keep)


def open_duplicates(
    parent: QWidget,
    backend: Backend,
    undo_stack: QUndoStack,
    show_case: Callable[[str], None],
) -> DuplicatesDialog | None:
    """Case ▸ Find duplicates…: the dialog over `parent`; a merge shows the kept case."""
    if not backend.is_open:
        return None
    dlg = DuplicatesDialog(
        backend,
        undo_stack,
        parent,
        on_error=lambda m: QMessageBox.warning(parent, "Dossier", m),
        on_merged=show_case,
    )
    dlg.open()
    dlg.start()
    return dlg


def open_merge(
    parent: QWidget,
    backend: Backend,
    undo_stack: QUndoStack,
    keep: str,
    show_case: Callable[[str], None],
) -> None:
    """Merge another case into `keep` (the selected one): ask which (a name or id), then
    compare."""
    if not backend.is_open:
        return
    text, ok = QInputDialog.getText(
        parent,
        translate("Merge", "Merge cases"),
        translate(
            "Merge", "Fold which case into the selected one? Its name (in any script) or id:"
        ),
    )
    if not ok or not text.strip():
        return
    start_merge(parent, backend, undo_stack, keep, text.strip(), show_case)


def start_merge(
    parent: QWidget,
    backend: Backend,
    undo_stack: QUndoStack,
    keep: str,
    ref: str,
    show_case: Callable[[str], None],
) -> None:
    def found(other: str) -> None:
        if other == keep:
            QMessageBox.information(
                parent, "Dossier", translate("Merge", "That is the selected case itself.")
            )
            return
        dlg = MergeDialog(
            backend,
            undo_stack,
            keep,
            other,
            parent,
            on_error=lambda m: QMessageBox.warning(parent, "Dossier", m),
        )
        dlg.merged.connect(lambda a, _b: show_case(a))
        dlg.open()

    backend.run(
        lambda d, r: d.resolve_case(r),
        ref,
        on_done=found,
        context=parent,
        on_error=lambda e: QMessageBox.warning(parent, "Dossier", error_message(e)),
    )
