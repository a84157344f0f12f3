"""La Coop's files: the beneficiaries' export read back and checked against La Coop's import
rules, and the import of its "Activités" and "Bénéficiaires" exports.

The checks below are written from the reference description of La Coop (its template: sheet
« Bénéficiaires », headers in rows 2–3, data from row 4, columns A–J; its import rules; its
exports' columns), independently of the exporter. The test files are built here in La Coop's
layout (metadata rows above the table); no file of La Coop is copied.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.lacoop import importer
from desktop_app.services.lacoop.export import export_beneficiaries
from desktop_app.services.request import communes
from tests.workshops.helpers import add_person, add_session

TEMPLATE_HEADERS = {  # row 2 / row 3, as La Coop's template lays them out
    (2, 1): "Nom", (2, 2): "Prénom", (2, 3): "Année de naissance", (2, 4): "Commune",
    (3, 4): "Nom", (3, 5): "Code INSEE", (3, 6): "Code postal", (2, 7): "N° de téléphone",
    (2, 8): "E-mail", (2, 9): "Genre", (2, 10): "Notes supplémentaires",
}


def _la_coop_accepts(path: Path) -> list[list[object]]:
    """La Coop's import checks, row by row from row 4 until ten empty cells."""
    wb = load_workbook(path)
    assert "Bénéficiaires" in wb.sheetnames
    ws = wb["Bénéficiaires"]
    for (r, c), label in TEMPLATE_HEADERS.items():
        assert ws.cell(r, c).value == label, (r, c)
    rows = []
    r = 4
    this_year = date.today().year
    while True:
        cells = [ws.cell(r, c).value for c in range(1, 11)]
        if all(v is None or str(v).strip() == "" for v in cells):
            break
        nom, prenom, annee, commune, insee, cp, _tel, _mail, genre, _notes = cells
        assert str(nom or "").strip() and str(prenom or "").strip(), r
        assert annee is None or (isinstance(annee, int) and 1900 <= annee <= this_year), r
        if insee:
            found = communes.by_insee(str(insee))
            assert found is not None, r
            assert str(cp) in found.postal_codes, r
            assert str(commune).lower() == found.name.lower(), r
        for c in (4, 5, 6):  # plain values, no formula
            assert not str(ws.cell(r, c).value or "").startswith("="), (r, c)
        assert genre is None or str(genre)[:1] in "FMN", r
        rows.append(cells)
        r += 1
    return rows


def _came(db, pid: int, start: datetime) -> None:  # noqa: ANN001
    """``pid`` marked « Présent » at a session held at ``start``: a beneficiary."""
    sid = add_session(db, start)
    with db.session() as s:
        s.add(Registration(session_id=sid, participant_id=pid, attendance="present"))


def test_the_export_passes_la_coop_checks(db, tmp_path: Path) -> None:  # noqa: ANN001
    people = [
        add_person(db, "Hélène", "Brossard-Delacroix", birth_year=1951, gender="feminin",
                   postal_code="58240", insee_code="58264", phone="03 86 00 00 01"),
        add_person(db, "Marc", "Lebœuf", commune="Château-Chinon (Ville)", gender="masculin"),
        add_person(db, "Inès", "Ait", commune="Sainte-Colombe"),  # a name many communes bear
    ]
    for pid in people:
        _came(db, pid, datetime(2026, 3, 2, 10))
    out = tmp_path / "beneficiaires.xlsx"
    with db.session() as s:
        export_beneficiaries(s, out, now=datetime(2026, 3, 3, 9))
    rows = _la_coop_accepts(out)
    assert [r[0] for r in rows] == ["Ait", "Brossard-Delacroix", "Lebœuf"]
    helene = rows[1]
    assert helene[2:7] == [1951, "Saint-Pierre-le-Moûtier", "58264", "58240", "0386000001"]
    assert helene[8] == "Féminin"
    assert rows[2][3:6] == ["Château-Chinon (Ville)", "58062", "58120"]
    assert rows[0][3:6] == ["Sainte-Colombe", None, None]  # name alone, no guess
    assert rows[0][8] == "Non communiqué"


def test_export_command_since_a_date(db, db_path: Path, tmp_path: Path, capsys) -> None:  # noqa: ANN001
    old = add_person(db, "Ancien", "Usager")
    new = add_person(db, "Nouvelle", "Usagère")
    for pid, day in ((old, datetime(2025, 1, 6, 10)), (new, datetime(2026, 9, 7, 10))):
        _came(db, pid, day)
    out = tmp_path / "depuis.xlsx"
    assert main(["export-lacoop", "--db", str(db_path), "--out", str(out),
                 "--depuis", "2026-09-01"]) == 0
    assert [r[1] for r in _la_coop_accepts(out)] == ["Nouvelle"]
    assert "1 personne(s) accompagnée(s) depuis le 01/09/2026" in capsys.readouterr().out


ACTIVITY_HEADERS = [
    "Date", "Enregistré le", "Dernière modification le", "Type", "Participants",
    "Bénéficiaire", "Canaux d’accompagnement", "Nom du lieu", "Adresse", "Commune",
    "Code postal", "Code Insee", "Durée (min)", "Nom de l’atelier",
    "Matériel numérique utilisé", "Thématique(s) d’accompagnement", "Tags",
    "Nom de la démarche administrative", "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté", "Structure de redirection", "Commune du bénéficiaire",
    "Code postal du bénéficiaire", "Code Insee du bénéficiaire", "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire", "Statut du bénéficiaire", "Notes supplémentaires", "ID CRA",
]


def _activities_file(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Activités"
    ws.append(["Export des activités — La Coop de la médiation numérique"])
    ws.append(["Exporté le", "01/12/2026"])
    ws.append(["Médiateur", "Camille Martin"])
    ws.append([])
    ws.append(ACTIVITY_HEADERS)

    def row(**kw: object) -> list[object]:
        values = dict.fromkeys(ACTIVITY_HEADERS)
        values.update({k.replace("_", " "): v for k, v in kw.items()})
        return list(values.values())

    base = {"Date": datetime(2026, 10, 6, 0, 0), "Type": "Accompagnement individuel",
            "Canaux d’accompagnement": "Lieu d’activité", "Nom du lieu": "Médiathèque",
            "Durée (min)": 45, "Matériel numérique utilisé": "Ordinateur\nTéléphone",
            "Thématique(s) d’accompagnement":
                "Aide aux démarches administratives\nLogement\nArgent - Impôts",
            "Nom de la démarche administrative": "Demande d'APL",
            "Niveau d’autonomie (ou de l’atelier)": "Avec guidage",
            "Bénéficiaire réorienté": "Oui",
            "Structure de redirection":
                "Structure d’aide aux démarches administratives (France Services…)",
            "Commune du bénéficiaire": "Saint-Pierre-le-Moûtier",
            "Code postal du bénéficiaire": "58240", "Code Insee du bénéficiaire": "58264",
            "Genre du bénéficiaire": "Femme", "Tranche d’âge du bénéficiaire": "70 ans et plus",
            "Statut du bénéficiaire": "Retraité", "ID CRA": "cra-1"}
    ws.append(row(**{**base, "Bénéficiaire": "Hélène Brossard"}))
    workshop = {**base, "Type": "Atelier collectif", "Nom de l’atelier": "Tablette pas à pas",
                "Durée (min)": 120, "Thématique(s) d’accompagnement": "Prendre en main du matériel",
                "Niveau d’autonomie (ou de l’atelier)": "1/3", "Bénéficiaire réorienté": None,
                "Structure de redirection": None, "Nom de la démarche administrative": None,
                "Date": "08/10/2026", "ID CRA": "cra-2"}
    ws.append(row(**{**workshop, "Bénéficiaire": "Marc Lebœuf", "Genre du bénéficiaire": "Homme",
                     "Commune du bénéficiaire": "-", "Code postal du bénéficiaire": "-",
                     "Code Insee du bénéficiaire": "-"}))
    ws.append(row(**{**workshop, "Bénéficiaire": "-", "Genre du bénéficiaire": "Femme",
                     "Tranche d’âge du bénéficiaire": "60 - 69 ans"}))
    ws.append(row(**{**workshop, "Bénéficiaire": "-", "Genre du bénéficiaire": "Non communiqué",
                     "Tranche d’âge du bénéficiaire": "Non communiqué"}))
    ws.append(row(**{**base, "Date": "le 31 octobre", "ID CRA": "cra-3",
                     "Bénéficiaire": "Jean Dupont"}))  # damaged
    wb.save(path)


BENEFICIARY_HEADERS = ["Nom", "Prénom", "Année de naissance", "Nom de la commune", "Code INSEE",
                       "Code postal", "N° de téléphone", "E-mail", "Genre", "Tranche d’âge",
                       "Statut", "Nombre d’accompagnements", "Notes supplémentaires"]


def _beneficiaries_file(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Bénéficiaires"
    ws.append(["Export des bénéficiaires"])
    ws.append(["Exporté le", "01/12/2026"])
    ws.append([])
    ws.append(BENEFICIARY_HEADERS)
    ws.append(["Brossard", "Hélène", 1951, "Saint-Pierre-le-Moûtier", "58264", "58240",
               "0386000001", "-", "Femme", "70 ans et plus", "Retraité", 1, "-"])
    ws.append(["Noël", "Léa", 1988, "Château-Chinon (Ville)", "58062", "58120", "-",
               "lea@example.fr", "Femme", "25 - 39 ans", "En emploi", 2, "-"])
    ws.append(["Lebœuf", "Marc", 1960, "-", "-", "-", "-", "-", "Homme", "60 - 69 ans",
               "Retraité", 1, "-"])
    ws.append(["Sans", "Année", "dix-neuf cent", "-", "-", "-", "-", "-", "-", "-", "-", 0, "-"])
    wb.save(path)


def _counts(db) -> tuple[int, int, int]:  # noqa: ANN001
    with db.session() as s:
        return (
            s.scalar(select(func.count(Participant.id))),
            s.scalar(select(func.count(WorkshopSession.id))),
            s.scalar(select(func.count(Registration.id))),
        )


def test_importing_activities_then_beneficiaries_twice_makes_no_duplicate(
    db, db_path: Path, tmp_path: Path, capsys  # noqa: ANN001
) -> None:
    known = add_person(db, "Hélène", "Brossard", insee_code="58264", postal_code="58240")
    activities, people = tmp_path / "activites.xlsx", tmp_path / "beneficiaires.xlsx"
    _activities_file(activities)
    _beneficiaries_file(people)

    assert main(["import-lacoop", str(activities), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Refusé (ligne 10) : date « le 31 octobre » illisible" in out
    assert "Ajouté (ligne 6) : activité cra-1 du 06/10/2026 — Hélène Brossard" in out
    assert "2 activité(s) ajoutée(s)" in out
    with db.session() as s:
        individual = s.scalars(select(WorkshopSession).where(WorkshopSession.lacoop_id == "cra-1")).one()
        assert (individual.kind, individual.duration_min, individual.status) == ("individuel", 45, "realise")
        assert {t.theme for t in individual.themes} == {"demarches"}
        assert {t.theme for t in individual.admin_themes} == {"logement", "argent"}
        assert (individual.demarche_name, individual.referred, individual.redirection) == (
            "Demande d'APL", True, "aide_demarches")
        assert individual.autonomy == "guidage" and individual.lacoop_entered_at is not None
        assert [r.participant_id for r in s.scalars(select(Registration).where(
            Registration.session_id == individual.id))] == [known]
        group = s.scalars(select(WorkshopSession).where(WorkshopSession.lacoop_id == "cra-2")).one()
        assert (group.level, group.anonymous_count, group.start) == (
            "debutant", 2, datetime(2026, 10, 8))
        anon = {(a.dimension, a.value): a.count for a in group.anonymous}
        assert anon == {("gender", "feminin"): 1, ("age", "60_69"): 1, ("status", "retraite"): 2}

    assert main(["import-lacoop", str(people), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Mis à jour (ligne 5) : Hélène Brossard — année de naissance, téléphone" in out
    assert "Ajouté (ligne 6) : Léa Noël" in out
    # Marc came from the activities without birth year nor commune: to be reviewed
    assert "À vérifier (ligne 7) : Marc Lebœuf ressemble à Marc Lebœuf" in out
    assert "Refusé (ligne 8) : Année Sans : année de naissance « dix-neuf cent » illisible" in out
    after_first = _counts(db)

    for path in (activities, people):
        assert main(["import-lacoop", str(path), "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "0 activité(s) ajoutée(s), 0 personne(s) ajoutée(s)" in out
    assert "Déjà connu (ligne 6) : activité cra-1 du 06/10/2026, déjà dans l'historique." in out
    assert "Déjà connu (ligne 5) : Hélène Brossard, rien de nouveau." in out
    assert _counts(db) == after_first


def test_a_file_that_is_not_a_la_coop_export_is_refused(db, db_path: Path, tmp_path: Path,  # noqa: ANN001
                                                         capsys) -> None:
    bad = tmp_path / "autre.xlsx"
    wb = Workbook()
    wb.active.append(["Titre", "Auteur"])
    wb.save(bad)
    assert main(["import-lacoop", str(bad), "--db", str(db_path)]) != 0
    assert "n'est pas un export « Activités » ni « Bénéficiaires »" in capsys.readouterr().err
    text = tmp_path / "texte.xlsx"
    text.write_text("pas un classeur")
    assert main(["import-lacoop", str(text), "--db", str(db_path)]) != 0
    assert "n'est pas un classeur Excel (.xlsx) lisible" in capsys.readouterr().err


def test_review_of_a_doubtful_line(db, tmp_path: Path) -> None:  # noqa: ANN001
    marc = add_person(db, "Marc", "Lebœuf")
    people = tmp_path / "beneficiaires.xlsx"
    _beneficiaries_file(people)
    with db.session() as s:
        rep = importer.import_file(s, people)
        doubt = next(d for d in rep.doubts if d.incoming == "Marc Lebœuf")
        assert doubt.candidates[0][0] == marc
        assert importer.resolve_doubt(s, doubt, marc) == marc
        assert s.get(Participant, marc).birth_year == 1960
