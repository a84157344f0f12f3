"""« Données d'une personne » : one search across every area, everything held shown with
where it comes from, and the person's rights: export (PDF for reading, JSON for a machine),
correct, erase. The rules live in ``services.personal_data``; this dialog only asks and shows.

``open_person_data(parent, ctx, search_text)`` is the one entry point: the menu opens it empty,
a tab opens it on the person it shows.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.personal_data import erase as erasing
from desktop_app.services.personal_data import printing
from desktop_app.services.personal_data.collect import PersonData, person_data
from desktop_app.services.personal_data.records import (
    PersonMatch,
    PersonNotFound,
    find_people,
    person,
)
from desktop_app.services.text import slug
from desktop_app.views.common import files
from desktop_app.views.common.forms import FormDialog, ask_with_details, info, warn
from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.operations import run_operation
from desktop_app.views.common.tables import Column, RowsModel, rows_table, selected_id

if TYPE_CHECKING:
    from desktop_app.views.context import AppContext

AREAS = ("profiles", "workshops", "kit", "request")


def _row_id(match: PersonMatch) -> int:
    """A table id for a person: the kind's position and the record's id, both kept."""
    return "CPED".index(match.token[0]) * 10_000_000 + int(match.token[1:])


class PersonDataDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, search_text: str = "") -> None:
        super().__init__(parent)
        install_input_safety()
        self.ctx = ctx
        self.setWindowTitle("Données d'une personne")
        self.setObjectName("personDataDialog")
        self.resize(1100, 680)
        self.people: list[PersonMatch] = []
        self.current: PersonData | None = None

        self.search = QLineEdit(search_text)
        self.search.setObjectName("personSearch")
        self.search.setPlaceholderText("Nom, e-mail, téléphone ou mot d'une note")
        self.search.returnPressed.connect(self.run_search)
        search_label = QLabel("&Chercher :")
        search_label.setBuddy(self.search)
        self.search_button = QPushButton("&Rechercher")
        self.search_button.clicked.connect(self.run_search)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.search_button)

        self.model: RowsModel[PersonMatch] = RowsModel(
            [Column("N°", lambda m: m.token), Column("Nom", lambda m: m.name),
             Column("Présent dans", lambda m: m.sources),
             Column("Contact", lambda m: ", ".join([*m.emails, *m.phones]))],
            _row_id,
        )
        self.table = rows_table("personResults", self.model, widths=(50, 190, 330))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.details = QTextBrowser()
        self.details.setObjectName("personDetails")
        self.details.setOpenLinks(False)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([560, 520])
        self.status = QLabel()
        self.status.setWordWrap(True)

        self.pdf_button = QPushButton("Exporter en &PDF…")
        self.json_button = QPushButton("Exporter en &JSON…")
        self.correct_button = QPushButton("C&orriger…")
        self.erase_button = QPushButton("&Effacer…")
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.json_button.clicked.connect(lambda: self.export("json"))
        self.correct_button.clicked.connect(self.correct)
        self.erase_button.clicked.connect(self.erase)
        buttons = QDialogButtonBox()
        for button in (self.pdf_button, self.json_button, self.correct_button, self.erase_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText("&Fermer")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._enable()
        if search_text.strip():
            self.run_search()

    # -- searching and showing
    def run_search(self) -> None:
        text = self.search.text()
        outcome = run_operation(self, lambda job: _find(job.db, text), label="Recherche…",
                                ctx=self.ctx, show_error=False, cancellable=False)
        if not outcome.ok:
            error = outcome.error
            message = (" ".join(error.errors.values()) if isinstance(error, PersonNotFound)
                       else outcome.message or "")
            self.status.setText(message)
            return
        self.people = list(outcome.value or [])
        self.model.set_rows(self.people)
        count = len(self.people)
        self.status.setText(
            f"{count} personne{'s' if count > 1 else ''} trouvée{'s' if count > 1 else ''}."
            if count else f"Personne ne correspond à « {text.strip()} ».")
        if self.people:
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self.current = None
            self.details.clear()
        self._enable()

    def selected(self) -> PersonMatch | None:
        row_id = selected_id(self.table)
        return next((m for m in self.people if _row_id(m) == row_id), None)

    def show_selected(self) -> None:
        match = self.selected()
        self.current = None
        if match is not None:
            with self.ctx.db.session() as session:
                self.current = person_data(session, match.token)
        self.details.setHtml(render(self.current) if self.current else "")
        self._enable()

    def _enable(self) -> None:
        has = self.current is not None
        writable = has and not self.ctx.db.read_only
        for button in (self.pdf_button, self.json_button):
            button.setEnabled(has)
        for button in (self.correct_button, self.erase_button):
            button.setEnabled(writable)

    # -- rights
    def export(self, kind: str) -> None:
        if self.current is None:
            return
        token, name, now = self.current.token, self.current.name, self.ctx.now()
        base = f"donnees-{slug(name, fallback='personne')}"
        if kind == "pdf":
            files.save_pdf(self, lambda tmp: printing.write_access_pdf(self.ctx.db, token, tmp, now),
                           f"{base}.pdf", label="Préparation du document…")
            return
        target = files.ask_save_path(self, "rgpd", "Exporter les données (JSON)", f"{base}.json",
                                     "Fichiers JSON (*.json)")
        if target is not None:
            files.write_file(self, lambda tmp: printing.write_access_json(
                self.ctx.db, token, tmp, now), target, label="Export des données…")

    def correct(self) -> None:
        match = self.selected()
        if match is None:
            return
        dialog = CorrectionDialog(self.ctx, match, self)
        if dialog.exec():
            self.search.setText(dialog.last_name.text())
            self.run_search()

    def erase(self) -> None:
        match = self.selected()
        if match is None or self.current is None:
            return
        details = [s.source for s in self.current.sections]
        details += [f"Mention : {m.source}" for m in self.current.mentions]
        details += [f"Fichier joint supprimé : {f}" for f in self.current.files]
        if not ask_with_details(
            self, "Effacer une personne",
            f"Effacer {match.name} ({match.sources}) ?\n\nSon identité, ses coordonnées, ses "
            "notes et son CV disparaissent ; les chiffres des bilans restent (séances, "
            "présences, tranche d'âge, statut). Cette action ne peut pas être annulée : "
            "pensez à exporter ses données d'abord si la personne les demande.",
            details, yes="&Effacer", no="&Annuler", icon=QMessageBox.Icon.Warning,
        ):
            return
        now = self.ctx.now()
        outcome = run_operation(self, lambda job: erasing.erase(job.db, match.token, now),
                                label="Effacement en cours…", ctx=self.ctx, changes=AREAS,
                                cancellable=False, error_title="Effacement impossible")
        if not outcome.ok or outcome.value is None:
            return
        result = outcome.value
        text = (f"{match.name} est effacé(e) : {result.records} fiche(s) anonymisée(s), "
                f"{result.mentions} note(s) corrigée(s).")
        if result.cv_left:
            text += " Un CV n'a pas pu être supprimé du dossier « fichiers » : supprimez-le."
        info(self, "Personne effacée", text)
        offer_backup_purge(self, self.ctx, now)
        self.run_search()


def offer_backup_purge(parent: QWidget, ctx: AppContext, since: object) -> None:
    """Backups older than the erasure still hold the person: list them, offer to delete."""
    older = erasing.backups_before(ctx.db.path, since)  # type: ignore[arg-type]
    if not older:
        return
    lines = [f"{b.taken_at:%d/%m/%Y %H:%M} — {b.path.name}" for b in older]
    count = len(older)
    if not ask_with_details(
        parent, "Sauvegardes plus anciennes",
        f"{count} sauvegarde{'s' if count > 1 else ''} antérieure{'s' if count > 1 else ''} à "
        "l'effacement contien" + ("nent" if count > 1 else "t") + " encore ces données. Les "
        "supprimer ? (Les sauvegardes faites désormais n'en contiennent plus.)",
        lines, yes="&Supprimer les sauvegardes", no="&Garder", icon=QMessageBox.Icon.Warning,
    ):
        return
    left = erasing.purge_backups(older)
    if left:
        warn(parent, "Sauvegardes", "Certaines sauvegardes n'ont pas pu être supprimées :\n"
             + "\n".join(str(p) for p in left))


def _find(db, text: str) -> list[PersonMatch]:  # noqa: ANN001 - a Database
    """A person's number (« C12 », as a tab or « chercher » gives it) opens that person;
    anything else is searched."""
    with db.session() as session:
        try:
            return [person(session, text)]
        except PersonNotFound:
            return find_people(session, text)


def render(data: PersonData) -> str:
    """The person's data as HTML for the detail pane (every field, empty ones as « — »)."""
    parts = [f"<h2>{escape(data.name)} <small>({escape(data.token)})</small></h2>"]

    def table(fields: list[tuple[str, str]]) -> str:
        rows = "".join(f"<tr><td><b>{escape(k)}</b></td><td>{escape(v) or '—'}</td></tr>"
                       for k, v in fields)
        return f"<table cellspacing='0' cellpadding='2'>{rows}</table>"

    for section in data.sections:
        parts.append(f"<h3>{escape(section.source)}</h3>{table(section.fields)}")
        for child in section.children:
            parts.append(f"<p><i>{escape(child.source)}</i></p>{table(child.fields)}")
    if data.mentions:
        parts.append("<h3>Mentions dans d'autres notes</h3>")
        parts.append(table([(m.source, m.text) for m in data.mentions]))
    if data.files:
        parts.append("<h3>Fichiers joints</h3>" + "<br/>".join(escape(f) for f in data.files))
    return "".join(parts)


class CorrectionDialog(FormDialog):
    """The same name, e-mail and phone written on every record of the person."""

    def __init__(self, ctx: AppContext, match: PersonMatch, parent: QWidget | None = None) -> None:
        super().__init__("Corriger les données", parent, ctx=ctx)
        self.match = match
        with ctx.db.session() as session:
            first, last = _names(session, match)
        self.first_name = self.row("first_name", "&Prénom :", QLineEdit(first))
        self.last_name = self.row("last_name", "&Nom :", QLineEdit(last))
        self.email = self.row("email", "&E-mail :", QLineEdit(next(iter(match.emails), "")))
        self.phone = self.row("phone", "&Téléphone :", QLineEdit(next(iter(match.phones), "")))
        note = QLabel(f"La correction s'applique à chaque fiche de la personne : {match.sources}.")
        note.setWordWrap(True)
        self.add_widget(note)

    def accept(self) -> None:
        data = erasing.Correction(self.first_name.text(), self.last_name.text(),
                                  self.email.text(), self.phone.text())
        token, db = self.match.token, self.ctx.db

        def save() -> int:
            with db.session() as session:
                return erasing.correct(session, token, data)

        if self.run_save(save, changes=AREAS):
            self.accept_saved()


def _names(session, match: PersonMatch) -> tuple[str, str]:  # noqa: ANN001
    from desktop_app.models.profiles import Profile
    from desktop_app.models.workshops import Participant

    for ref in match.refs:
        model = {"C": Profile, "P": Participant}.get(ref.kind)
        if model is not None and (row := session.get(model, ref.row_id)) is not None:
            return row.first_name, row.last_name
    words = match.name.split()
    return (" ".join(words[:-1]), words[-1]) if len(words) > 1 else ("", match.name)


def open_person_data(parent: QWidget | None, ctx: AppContext, search_text: str = "") -> None:
    PersonDataDialog(ctx, parent, search_text).exec()
