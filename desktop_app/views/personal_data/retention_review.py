"""The start-up review of what is past its retention date: one list, each line ticked, the user
unticks what must stay and confirms; « Plus tard » changes nothing. Never silent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.personal_data import retention
from desktop_app.services.personal_data.retention import KIND_TITLES, DueItem
from desktop_app.services.personal_data.settings import get_retention
from desktop_app.views.common.forms import info
from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.operations import run_operation, start_operation

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext


def due_now(ctx: AppContext) -> list[DueItem]:
    """What is due today by the context's clock."""
    with ctx.db.session() as session:
        return retention.due_items(session, ctx.today(), get_retention(session))


class RetentionReviewDialog(QDialog):
    def __init__(self, ctx: AppContext, items: list[DueItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_input_safety()
        self.ctx = ctx
        self.items = items
        self.setWindowTitle("Durées de conservation dépassées")
        self.setObjectName("retentionReview")
        self.resize(760, 520)
        with ctx.db.session() as session:
            durations = get_retention(session)
        summary = QLabel(retention.summary(items, durations) + " : anonymiser ?")
        summary.setWordWrap(True)
        explain = QLabel(
            "Les lignes cochées seront anonymisées : nom, coordonnées et notes disparaissent, "
            "les chiffres des bilans restent. Décochez ce qui doit être gardé (par exemple une "
            "personne revenue sans être inscrite). Les durées se règlent dans le menu RGPD.")
        explain.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("retentionItems")
        kind = ""
        for item in items:
            if item.ref.kind != kind:
                kind = item.ref.kind
                header = QListWidgetItem(KIND_TITLES[kind])
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
            line = QListWidgetItem(item.text)
            line.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                          | Qt.ItemFlag.ItemIsSelectable)
            line.setCheckState(Qt.CheckState.Checked)
            line.setData(Qt.ItemDataRole.UserRole, item.ref.token)
            self.list.addItem(line)
        buttons = QDialogButtonBox()
        self.anonymise_button = buttons.addButton("&Anonymiser les lignes cochées",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        later = buttons.addButton("&Plus tard", QDialogButtonBox.ButtonRole.RejectRole)
        later.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(explain)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.anonymised = 0

    def ticked(self) -> list[DueItem]:
        tokens = {
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
            and self.list.item(i).data(Qt.ItemDataRole.UserRole)
        }
        return [i for i in self.items if i.ref.token in tokens]

    def accept(self) -> None:
        chosen = self.ticked()
        if not chosen:
            super().reject()
            return

        def work(job) -> int:  # noqa: ANN001
            from desktop_app.services.personal_data.erase import vacuum_after_change

            with job.db.session() as session:
                done = retention.anonymise(session, chosen)
            vacuum_after_change(job.db)  # the old values leave the file's free pages too
            return done

        outcome = run_operation(self, work, label="Anonymisation…", ctx=self.ctx,
                                changes=("profiles", "workshops", "kit"), cancellable=False,
                                error_title="Anonymisation impossible")
        if not outcome.ok:
            return
        self.anonymised = int(outcome.value or 0)
        info(self, "Anonymisation faite",
             f"{self.anonymised} fiche(s) anonymisée(s). Les sauvegardes plus anciennes les "
             "contiennent encore ; elles disparaissent au fil des sauvegardes automatiques.")
        super().accept()


def review_retention(parent: QWidget | None, ctx: AppContext, *, quiet: bool = True) -> int:
    """Show the review when something is due; how many records were anonymised. ``quiet``:
    say nothing when nothing is due (at start-up)."""
    if ctx.db.read_only:
        return 0
    items = due_now(ctx)
    if not items:
        if not quiet:
            info(parent, "Durées de conservation", "Aucune donnée n'a dépassé sa durée de "
                 "conservation.")
        return 0
    dialog = RetentionReviewDialog(ctx, items, parent)
    dialog.exec()
    return dialog.anonymised


def review_at_start(parent: QWidget, ctx: AppContext) -> None:
    """The same review at start-up, window-modal without blocking (the main window stays the
    one that decides when the application ends). What is due is read in the background: on a
    large base, going through every person's last activity takes about half a second, which
    froze the window just after it appeared."""
    if ctx.db.read_only:
        return
    today = ctx.today()

    def work(job):  # noqa: ANN001, ANN202 - a Job, the due items
        with job.db.session() as session:
            return retention.due_items(session, today, get_retention(session))

    def done(outcome) -> None:  # noqa: ANN001 - an Outcome
        if outcome.ok and outcome.value and parent.isVisible():
            RetentionReviewDialog(ctx, outcome.value, parent).open()

    start_operation(work, ctx=ctx, on_done=done)
