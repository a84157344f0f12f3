"""« À saisir dans La Coop »: the activities held and not yet typed into La Coop, one at a time
in La Coop's field order and wording, with the mark that says it was typed there.

La Coop cannot import activities, so this page is where the conseiller copies them across; the
list and its rules (what is held, what is late) live in ``services/lacoop/entry.py``. The
beneficiaries' export and the import of La Coop's own exports run through the operation runner;
the import's line-by-line report is shown whole in a scrollable box, and each doubtful match is
answered in a small dialog (same person, or someone else).

The page sits in a hidden sub-tab: it reads the list when first shown, and again when shown
after the workshops changed (or the clock moved on), never while hidden. The list is a model
over light lines (thousands at ``--scale 100``); the chosen activity's whole form is read when
it is chosen.

With the keyboard: Tab goes conseiller → list → detail → « Saisi dans La Coop » → export →
import. Marking (or unmarking) keeps the conseiller's place: the same activity while it is still
listed (entered this week, it moves down among the entered ones), else the line that took its
place (or the last one); it is scrolled into view, its detail shown, and the focus stays on the
button, so the conseiller goes on from there.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.french import typography
from desktop_app.services.lacoop import conseillers as cs
from desktop_app.services.lacoop import entry, importer
from desktop_app.services.lacoop import export as lacoop_export
from desktop_app.views.common import files
from desktop_app.views.common.forms import info, warn
from desktop_app.views.common.operations import run_operation
from desktop_app.views.common.tables import (
    ID_ROLE,
    Column,
    RowsModel,
    RowsProxy,
    select_id,
    selected_id,
)
from desktop_app.views.context import AppContext

ALL = "__all__"
PURPOSE = "lacoop"


class ReportDialog(QDialog):
    """The import's summary, then every line's verdict, scrollable."""

    def __init__(self, parent: QWidget | None, summary: str, lines: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import de La Coop : compte rendu")
        layout = QVBoxLayout(self)
        head = QLabel(summary)
        head.setWordWrap(True)
        self.text = QPlainTextEdit("\n".join(lines) or "Aucune ligne lue.")
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Compte rendu ligne par ligne")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fermer")
        buttons.rejected.connect(self.reject)
        layout.addWidget(head)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 480)


class DoubtDialog(QDialog):
    """One doubtful line: the same person as one of the candidates, or someone else."""

    def __init__(self, parent: QWidget | None, doubt: importer.Doubt) -> None:
        super().__init__(parent)
        self.setWindowTitle("Personne à vérifier")
        layout = QVBoxLayout(self)
        text = QLabel(f"Ligne {doubt.line} : {doubt.incoming}\n\nEst-ce la même personne que :")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.choices: list[tuple[QRadioButton, int | None]] = []
        for pid, description in doubt.candidates:
            button = QRadioButton(description)
            layout.addWidget(button)
            self.choices.append((button, pid))
        other = QRadioButton("&Non, c'est une autre personne (créer sa fiche)")
        layout.addWidget(other)
        self.choices.append((other, None))
        self.choices[0][0].setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Valider")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("&Plus tard")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> int | None:
        return next(pid for button, pid in self.choices if button.isChecked())


class LacoopPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lacoopPage")
        self.data = entry.EntryLines([], 0, 0)
        self.item: entry.EntryItem | None = None  # the chosen activity's whole form
        self._dirty = True  # read when shown (see showEvent)
        self._read_at = None  # the clock's minute the list was read at
        self._conseillers_filled = False
        self._filling = False  # the list is being refilled: the detail waits for its end
        self.conseiller = QComboBox()
        self.conseiller.setAccessibleName("Conseiller")
        self.conseiller.addItem("Toute la structure", ALL)
        self.conseiller.currentIndexChanged.connect(lambda _i: self.refresh(keep_place=False))
        who = QLabel("&Conseiller")
        who.setBuddy(self.conseiller)
        self.count = QLabel()
        self.count.setObjectName("lacoopCount")
        self.export_button = QPushButton("&Exporter pour La Coop (.xlsx)…")
        self.export_button.clicked.connect(self.export)
        self.import_button = QPushButton("&Importer un export de La Coop…")
        self.import_button.clicked.connect(self.import_file)
        top = QHBoxLayout()
        top.addWidget(who)
        top.addWidget(self.conseiller)
        top.addWidget(self.count, 1)
        top.addWidget(self.export_button)
        top.addWidget(self.import_button)

        # one column: the mark and the heading; its tooltip shows a cut title whole
        self.model: RowsModel[entry.EntryLine] = RowsModel(
            [Column("Activité", lambda line: line.text)], lambda line: line.session_id, self
        )
        self.model.search_text = lambda _line, _texts: ""  # no typed filter on this list
        # seen through the toolkit's proxy, which holds the rows' positions itself: the list's
        # layout asks for an index of every line (thousands), and each index of the model alone
        # cost two calls into Python (its row and column counts)
        self.proxy = RowsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.items = QListView()
        self.items.setModel(self.proxy)
        self.items.setAccessibleName("Activités à saisir dans La Coop")
        self.items.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.items.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.items.setUniformItemSizes(True)  # no measuring of thousands of lines
        self.items.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setTabChangesFocus(True)
        self.detail.setAccessibleName("Champs de La Coop pour l'activité choisie")
        self.mark_button = QPushButton("&Saisi dans La Coop")
        self.mark_button.setCheckable(True)
        self.mark_button.setToolTip("Cochez quand l'activité est saisie ; décochez pour annuler")
        self.mark_button.clicked.connect(self.toggle_mark)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.detail, 1)
        rl.addWidget(self.mark_button)
        splitter = QSplitter()
        splitter.addWidget(self.items)
        splitter.addWidget(right)
        splitter.setSizes([420, 700])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        # the order the eye follows: who, the list, the chosen activity, its mark, then the files
        chain = (self.conseiller, self.items, self.detail, self.mark_button,
                 self.export_button, self.import_button)
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_if_dirty)
        ctx.changed.connect(self._on_changed)

    # -- when to read --
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty or self._read_at != self.ctx.now():
            self.refresh()

    def _on_changed(self, area: str) -> None:
        if area in ("workshops", "profiles", "structure"):
            self._dirty = True
            self._conseillers_filled = False  # a conseiller may have been recruited or named
            if self.isVisible():  # once, after the announcements of one action
                self._refresh_timer.start()

    def _refresh_if_dirty(self) -> None:
        if self._dirty and self.isVisible():
            self.refresh()

    def _fill_conseillers(self) -> None:
        from desktop_app.views.workshops.conseiller_choice import set_conseillers

        with self.ctx.db.session() as s:
            holders = cs.holders(s)
        self._conseillers_filled = True
        set_conseillers(self.conseiller, [(h.label, h.key) for h in holders])

    def chosen_conseiller(self) -> str | None:
        key = self.conseiller.currentData()
        return None if key in (ALL, None) else key

    def refresh(self, *, keep_place: bool = True) -> None:
        """Read the list again and keep the chosen activity, or (``keep_place``) the line that
        took its place; the first line when the conseiller changed."""
        if not self._conseillers_filled:
            self._fill_conseillers()
        now = self.ctx.now()
        current = self.current_id()
        place = self.items.currentIndex().row() if keep_place else 0
        with self.ctx.db.session() as s:
            self.data = entry.entry_lines(
                s, now, conseiller=self.chosen_conseiller(),
                include_entered_since=now.date() - timedelta(days=7),
            )
        self._dirty, self._read_at = False, now
        self.item = None
        self._filling = True  # no detail (nor disabled button, which would lose the focus) meanwhile
        try:
            self.model.set_rows(self.data.lines)
            if (current is None or self.model.row_of_id(current) is None) and self.data.lines:
                current = self.data.lines[min(max(place, 0), len(self.data.lines) - 1)].session_id
            select_id(self.items, current)  # chosen and scrolled into view
        finally:
            self._filling = False
        n = self.data.to_enter
        self.count.setText(
            f"{n} activité{'s' if n > 1 else ''} à saisir, dont {self.data.late} en retard"
            if n else "Tout est saisi dans La Coop."
        )
        self._show_current()

    def current_id(self) -> int | None:
        index = self.items.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else selected_id(self.items)

    def _current(self) -> entry.EntryItem | None:
        sid = self.current_id()
        if sid is None:
            return None
        if self.item is None or self.item.session_id != sid:
            with self.ctx.db.session() as s:
                self.item = entry.entry_item(s, sid, self._read_at or self.ctx.now())
        return self.item

    def _show_current(self) -> None:
        if self._filling:
            return
        item = self._current()
        self.mark_button.setEnabled(item is not None)
        if item is None:
            self.detail.setPlainText("")
            self.mark_button.setChecked(False)
            return
        text = entry.as_text(item)
        if item.to_check:
            text += "\n\nÀ compléter avant la saisie :\n" + "\n".join(f"• {t}" for t in item.to_check)
        if item.late and not item.entered_at:
            text += "\n\nEn retard : La Coop demande la saisie le jour de l'activité."
        self.detail.setPlainText(text)
        self.mark_button.setChecked(item.entered_at is not None)

    def toggle_mark(self) -> None:
        """Mark the current activity as typed into La Coop, or take the mark back."""
        item = self._current()
        if item is None:
            return
        entered, sid, now = item.entered_at is None, item.session_id, self.ctx.now()
        keep_focus = self.mark_button.hasFocus()

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                return entry.mark_entered(s, [sid], now, entered=entered)

        run_operation(self, work, label="Enregistrement…", ctx=self.ctx,
                      changes=("workshops",), initiator=self)
        self.refresh()  # at once (the announcement's refresh then finds nothing to do)
        if keep_focus and self.mark_button.isEnabled():
            self.mark_button.setFocus(Qt.FocusReason.OtherFocusReason)  # to go on from there

    # -- files --
    def export(self) -> None:
        path = files.ask_save_path(self, PURPOSE, "Exporter les bénéficiaires pour La Coop",
                                   "beneficiaires-la-coop.xlsx", "Classeur Excel (*.xlsx)")
        if path is None:
            return
        now = self.ctx.now()

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                return len(lacoop_export.export_beneficiaries(s, path, now=now))

        outcome = run_operation(self, work, label="Export pour La Coop…", ctx=self.ctx,
                                show_error=False)
        if not outcome.ok:
            warn(self, "Export non fait", outcome.message or "L'export n'a pas pu être écrit.")
            return
        info(self, "Export pour La Coop", typography(
             f"{outcome.value} personne(s) exportée(s) dans {Path(path).name} : celles notées "
             "« Présent » à une séance déjà passée (les inscrits absents, excusés ou attendus "
             "à une séance à venir n'y sont pas). "
             "Importez ce fichier dans La Coop (Bénéficiaires › Importer)."))

    def import_file(self) -> None:
        path = files.ask_open_path(self, PURPOSE, "Importer un export de La Coop",
                                   "Classeur Excel (*.xlsx)")
        if path is None:
            return

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                return importer.import_file(s, path, progress=job.progress)

        outcome = run_operation(self, work, label="Import de La Coop…", ctx=self.ctx,
                                changes=("workshops",), initiator=self, show_error=False)
        if not outcome.ok:
            warn(self, "Import non fait", outcome.message or "Le fichier n'a pas pu être lu.")
            return
        report: importer.ImportReport = outcome.value  # type: ignore[assignment]
        self.show_report(report.summary, [str(v) for v in report.lines])
        for doubt in report.doubts:
            if doubt.person is None:
                continue
            answer = self.review_doubt(doubt)
            if answer is False:
                break  # the rest stays to check at the next import
            self._resolve(doubt, answer)
        self._fill_conseillers()
        self.refresh()

    def show_report(self, summary: str, lines: list[str]) -> None:
        """Shown modally; tests replace this."""
        ReportDialog(self, summary, lines).exec()

    def review_doubt(self, doubt: importer.Doubt) -> int | None | bool:
        """The participant the line is, None for someone else, False to stop; tests replace
        this."""
        dialog = DoubtDialog(self, doubt)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return dialog.chosen()

    def _resolve(self, doubt: importer.Doubt, participant_id: int | None | bool) -> None:
        pid = None if participant_id is None or participant_id is False else participant_id

        def work(job):  # noqa: ANN001, ANN202 - a Job
            with job.db.session() as s:
                return importer.resolve_doubt(s, doubt, pid)

        run_operation(self, work, label="Enregistrement…", ctx=self.ctx,
                      changes=("workshops",), initiator=self)
