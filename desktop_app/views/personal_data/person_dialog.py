"""« Données d'une personne » : one search across every area, everything held shown with
where it comes from, and the person's rights: export (PDF for reading, JSON for a machine),
correct, erase. The rules live in ``services.personal_data``; this dialog only asks and shows.

``open_person_data(parent, ctx, search_text)`` is the one entry point: the menu opens it empty,
a tab opens it on the person it shows.

Namesakes are separate people (``services.personal_data.identity``): each is a row of its own,
with what tells it apart (commune, contact, area) and the numbers of the others of the same
name, and the detail pane says who is left out. Export and erasure act on the selected person
only, and only if their records are still those shown; the erasure's question lists each record
and each note it will change. The detail pane is in the Tab order (list → detail → buttons) and
read with the keyboard: arrows, Page up/down, Ctrl+Home/End.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
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
from desktop_app.services.personal_data.collect import PersonData, collect, person_data
from desktop_app.services.personal_data.records import (
    PersonMatch,
    PersonNotFound,
    find_people,
    person,
)
from desktop_app.services.text import slug
from desktop_app.views.common import files
from desktop_app.views.common.forms import FormDialog, ask_with_details, info, summarise, warn
from desktop_app.views.common.input_safety import install_input_safety
from desktop_app.views.common.labels import escape
from desktop_app.views.common.operations import Outcome, Running, run_operation, start_operation
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
        self.resize(1280, 680)
        self.people: list[PersonMatch] = []
        self.current: PersonData | None = None
        self._reading = 0  # the latest reading asked for; an older one's result is dropped
        self._running: Running | None = None  # that reading, stopped when another replaces it

        self.search = QLineEdit(search_text)
        self.search.setObjectName("personSearch")
        self.search.setPlaceholderText("Nom, e-mail, téléphone ou mot d'une note")
        search_label = QLabel("&Chercher :")
        search_label.setBuddy(self.search)
        self.search_button = QPushButton("&Rechercher")
        # Entrée in the field: the default button, once (a returnPressed slot as well would
        # search twice, and without a default the dialog's first button would take Entrée)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.run_search)
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.search_button)

        self.model: RowsModel[PersonMatch] = RowsModel(
            [Column("N°", lambda m: m.token), Column("Nom", lambda m: m.name),
             Column("Commune", lambda m: ", ".join(m.places)),
             Column("Contact", lambda m: ", ".join([*m.emails, *m.phones])),
             Column("Présent dans", lambda m: m.areas),
             Column("Homonymes", lambda m: ", ".join(o.token for o in m.namesakes))],
            _row_id,
        )
        # long French names (« Marie-Françoise Lacroix-Sainte-Honorine… ») need the room most: the
        # name column is the widest; every cell's full text is in its tooltip
        self.table = rows_table("personResults", self.model, widths=(55, 235, 140, 150, 95))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.table.setAccessibleName("Personnes trouvées")
        self.details = QTextBrowser()
        self.details.setObjectName("personDetails")
        self.details.setAccessibleName("Données de la personne choisie")
        self.details.setOpenLinks(False)
        # a person's data is nearly always taller than the pane: with the scroll bar always
        # there, the text is laid out once at its width instead of again when the bar appears
        self.details.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        # in the Tab order, Tab leaving it (not moving between links), a caret for the keys
        self.details.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.details.setTabChangesFocus(True)
        self.details.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        split.addWidget(_labelled("Personnes &trouvées :", self.table))
        split.addWidget(_labelled("&Détail de la personne choisie :", self.details))
        split.setSizes([790, 470])
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
        self.status.setText(results_text(self.people, text))
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
        """Read the chosen person's records in the background and show them: the look through
        every note (tens of milliseconds at ``--scale 100``) never holds the window; a choice
        made meanwhile wins over the reading it replaces, which stops at its next step instead
        of sharing the processor with the one wanted (arrows held down). The erasure lists
        what it changes from a full reading of its own first."""
        match = self.selected()
        self.current = None
        self._reading += 1
        ticket = self._reading
        if self._running is not None:
            self._running.cancel()
            self._running = None
        self._enable()
        if match is None:
            self.details.clear()
            return
        self.details.setPlainText(f"Lecture des données de {match.name}…")

        def work(job) -> PersonData:  # noqa: ANN001 - an operations job
            with job.db.session() as session:
                return collect(session, match, narrowed=True, progress=job.progress)

        def shown(outcome: Outcome[PersonData]) -> None:
            if ticket != self._reading or not shiboken6.isValid(self):
                return  # another person chosen since (this reading stopped), or dialog closed
            self._running = None
            if outcome.ok and outcome.value is not None:
                self.current = outcome.value
                self.details.setHtml(render(self.current))
            else:
                self.details.setPlainText(outcome.message or "Lecture impossible.")
            self._enable()

        self._running = start_operation(work, db=self.ctx.db, on_done=shown)

    def reading_done(self) -> bool:
        """True once the chosen person's records are shown (or nobody is chosen)."""
        return self.current is not None or self.selected() is None

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
        shown = self.current.match.refs if self.current.match is not None else None
        db = self.ctx.db
        base = f"donnees-{slug(name, fallback='personne')}-{token.lower()}"
        if kind == "pdf":
            files.save_pdf(self, lambda tmp: printing.write_access_pdf(db, token, tmp, now, shown),
                           f"{base}.pdf", label="Préparation du document…")
            return
        target = files.ask_save_path(self, "rgpd", "Exporter les données (JSON)", f"{base}.json",
                                     "Fichiers JSON (*.json)")
        if target is not None:
            files.write_file(self, lambda tmp: printing.write_access_json(
                db, token, tmp, now, shown), target, label="Export des données…")

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
        token, shown = match.token, match.refs

        def read_all(job) -> PersonData:  # noqa: ANN001 - an operations job
            # every note read (the click's quick look may miss an unusual accent), and refused
            # if the records changed since they were shown
            with job.db.session() as session:
                return person_data(session, token, shown)

        outcome = run_operation(self, read_all, label="Liste de ce qui sera effacé…",
                                ctx=self.ctx, cancellable=False,
                                error_title="Effacement impossible")
        if not outcome.ok or outcome.value is None:
            return
        records, details = erasing.erasure_lines(outcome.value, match)
        count = len(records)
        kept = ""
        if match.namesakes:
            kept = ("\n\nNe sont pas touchées, car ce sont d'autres personnes du même nom : "
                    + ", ".join(o.token for o in match.namesakes) + ".")
        if not ask_with_details(
            self, "Effacer une personne",
            f"Effacer {match.name} ({match.token}) ? {count} fiche{'s' if count > 1 else ''} "
            f"anonymisée{'s' if count > 1 else ''} :\n{summarise(records)}{kept}\n\nSon "
            "identité, ses coordonnées, ses notes et son CV disparaissent ; les chiffres des "
            "bilans restent (séances, présences, tranche d'âge, statut). Cette action ne peut "
            "pas être annulée : pensez à exporter ses données d'abord si la personne les "
            "demande. Le détail liste tout ce qui sera effacé.",
            details, yes="&Effacer", no="&Annuler", icon=QMessageBox.Icon.Warning,
        ):
            return
        now = self.ctx.now()
        outcome = run_operation(self, lambda job: erasing.erase(job.db, match.token, now, shown),
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


def _labelled(text: str, widget: QWidget) -> QWidget:
    """``widget`` under a label whose Alt letter reaches it."""
    box = QWidget()
    label = QLabel(text)
    label.setBuddy(widget)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count > 1 else ''}"


def results_text(people: list[PersonMatch], text: str) -> str:
    """The status line of a search: how many people, and a word on namesakes when there are."""
    if not people:
        return f"Personne ne correspond à « {text.strip()} »."
    count = len(people)
    said = f"{_plural(count, 'personne')} trouvée{'s' if count > 1 else ''}."
    found = {m.token for m in people}
    if any(o.token in found for m in people for o in m.namesakes):
        return (f"{said} Certaines portent le même nom : ce sont des personnes distinctes "
                "(rien ne relie leurs fiches : ni e-mail ni téléphone communs). Choisissez la "
                "bonne d'après la commune, le contact et la provenance ; l'export et "
                "l'effacement ne concernent que la personne choisie.")
    others = sorted({o.token for m in people for o in m.namesakes})
    if others:
        return (f"{said} D'autres personnes portent le même nom ({', '.join(others)}) : elles "
                "ne sont comprises ni dans l'export ni dans l'effacement.")
    return said


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

    def items(lines: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"

    match = data.match
    if match is not None:
        count = len(match.rows)
        heading = ("<b>Ses fiches</b> (celles que l'export et l'effacement concernent)"
                   if count > 1 else
                   "<b>Sa fiche</b> (celle que l'export et l'effacement concernent)")
        parts.append(f"<p>{heading} :</p>{items([r.summary for r in match.rows])}")
        if match.linked_by:
            parts.append("<p>Reliées par : " + escape(" ; ".join(match.linked_by)) + ".</p>")
        if match.namesakes:
            parts.append("<p><b>Autres personnes du même nom, non comprises :</b></p>"
                         + items([o.rows[0].summary if len(o.rows) == 1 else
                                  f"{o.token} — {', '.join([o.name, *o.places, *o.emails, *o.phones])} "
                                  f"({len(o.rows)} fiches)" for o in match.namesakes]))

    for section in data.sections:
        parts.append(f"<h3>{escape(section.source)}</h3>{table(section.fields)}")
        for child in section.children:
            parts.append(f"<p><i>{escape(child.source)}</i></p>{table(child.fields)}")
    if data.mentions:
        parts.append("<h3>Mentions dans d'autres notes</h3>")
        parts.append(table([(m.source, m.text) for m in data.mentions]))
    if data.files:
        parts.append("<h3>Fichiers joints</h3>" + "<br/>".join(escape(f) for f in data.files))
    if data.shared_mentions:
        parts.append("<h3>Notes à vérifier : ce nom est porté par une autre personne</h3><p>Elles "
                     "peuvent concerner l'homonyme : elles ne sont pas dans l'export ; "
                     "l'effacement en retire le nom.</p>")
        parts.append(table([(m.source, m.text) for m in data.shared_mentions]))
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
