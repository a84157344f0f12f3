"""The "Bilan d'activité" counts only what took place, and every total agrees with its
breakdown in the tab, the CSV and every section of the PDF.

The data set is ``reports_data.small_dataset`` plus one past session without a theme, read at
a pinned moment (15 March 2026, noon), counted by hand below.
"""

from __future__ import annotations

import csv
import re
from datetime import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.structure import get_structure
from desktop_app.services.workshops.periods import month_period
from desktop_app.services.workshops.printable import NO_THEME
from desktop_app.services.workshops.printing import write_report
from desktop_app.services.workshops.stats import compute_report, write_report_csv
from desktop_app.views.workshops.reports import ReportsPanel
from tests.workshops.reports_data import small_dataset

MARCH = month_period(2026, 3)
NOW = datetime(2026, 3, 15, 12, 0)

# Counted at NOW (begun before it, not cancelled):
# S1 collectif 90 min lieu_activite [materiel, navigation] "Réalisé": Alice, Bruno  → 2
# S2 collectif 120 min autre_lieu [securite] "Réalisé", 3 anonymous + Alice, Fatou   → 5
# S3 individuel 25 min domicile [demarches] "Réalisé", Gérard                        → 1
# S9 collectif 60 min lieu_activite, no theme, still "Planifié" but past, 2 anonymous → 2
# Not counted: S4 (20/03, to come), S8 (31/03, marked "Réalisé" ahead of time: to come),
# S5 cancelled; S6 and S7 are outside March.
EXPECTED = {
    "workshops": 3,
    "individual": 1,
    "sessions": 4,
    "minutes": 90 + 120 + 25 + 60,
    "participations": 10,
    "anonymous": 5,
    "people": 4,  # Alice, Bruno, Fatou, Gérard
    "planned": 2,
    "cancelled": 1,
}
THEMES = {"materiel": (1, 2), "navigation": (1, 2), "securite": (1, 5), "demarches": (1, 1)}
PLACES = {"lieu_activite": (2, 4), "autre_lieu": (1, 5), "domicile": (1, 1), "distance": (0, 0)}
DURATIONS = {"moins_30": (1, 1), "30_60": (0, 0), "60_120": (2, 4), "120_plus": (1, 5)}
AGES = {"60_69": (1, 2), "25_39": (1, 1), "40_59": (1, 1), "70_plus": (1, 1), "nc": (0, 5)}


def _dataset(db: Database) -> None:
    small_dataset(db)
    with db.session() as s:
        s.add(
            WorkshopSession(
                id=9,
                title="Atelier libre",
                start=datetime(2026, 3, 14, 10),
                duration_min=60,
                status="planifie",
                anonymous_count=2,
            )
        )


@pytest.fixture
def report(db: Database):  # noqa: ANN201
    _dataset(db)
    with db.session() as session:
        return compute_report(session, MARCH, NOW)


def _pairs(report, column: str, people: bool = False) -> dict[str, tuple[int, int]]:  # noqa: ANN001
    return {
        r.key: ((r.people if people else r.sessions), r.participations)
        for r in report.breakdown(column).rows
        if r.sessions or r.participations or r.people
    }


def test_only_what_took_place_is_counted(report) -> None:  # noqa: ANN001
    for name, value in EXPECTED.items():
        assert getattr(report, name) == value, name
    assert _pairs(report, "Thématique") == {**THEMES, "": (1, 2)}
    assert report.breakdown("Thématique").rows[-1].label == NO_THEME
    assert _pairs(report, "Lieu") == {k: v for k, v in PLACES.items() if v != (0, 0)}
    assert _pairs(report, "Durée") == {k: v for k, v in DURATIONS.items() if v != (0, 0)}
    assert _pairs(report, "Tranche d'âge", people=True) == AGES
    figures = dict(report.key_figures())
    assert figures["Séances à venir (non comptées)"] == "2"
    assert figures["Heures d'activité"] == "4,9"  # 295 minutes
    assert "commencées avant le 15/03/2026 à 12:00" in report.counting_rule()


def test_a_month_of_planned_sessions_is_empty_of_held_activity(db: Database) -> None:
    _dataset(db)
    with db.session() as session:
        report = compute_report(session, MARCH, datetime(2026, 2, 1, 9))
    assert (report.sessions, report.participations, report.people, report.minutes) == (0,) * 4
    assert report.planned == 6  # S1, S2, S3, S4, S8, S9: all still to come
    assert report.cancelled == 1
    for breakdown in report.breakdowns:
        assert breakdown.total("sessions") == breakdown.total("participations") == 0


def _expected_totals() -> dict[str, list[tuple[str, int, int]]]:
    """(label, count, participations) of the total line(s) of each table, by hand."""
    s, p, people = EXPECTED["sessions"], EXPECTED["participations"], EXPECTED["people"]
    return {
        "Thématique": [
            ("Somme des lignes (une séance à plusieurs thématiques compte pour chacune)", 5, 12),
            ("Total (séances distinctes)", s, p),
        ],
        "Lieu": [("Total", s, p)],
        "Durée": [("Total", s, p)],
        "Tranche d'âge": [("Total", people, p)],
        "Statut": [("Total", people, p)],
    }


def test_csv_totals_agree_with_the_key_figures(report, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "bilan.csv"
    write_report_csv(report, out, "Commune test")
    rows = list(csv.reader(out.read_text("utf-8-sig").splitlines(), delimiter=";"))
    figures = {r[0]: r[1] for r in rows if len(r) == 2}
    assert figures["Ateliers collectifs"] == "3"
    assert figures["Accompagnements individuels"] == "1"
    assert figures["Participations (présences)"] == "10"
    assert figures["Séances à venir (non comptées)"] == "2"
    assert "commencées avant le 15/03/2026" in figures["Méthode"]
    # each block: its header, its rows, then its total line(s), which add up its rows
    blocks: dict[str, list[list[str]]] = {}
    current = None
    for row in rows:
        if len(row) == 4 and row[1] in ("Séances", "Personnes"):
            current = blocks.setdefault(row[0], [])
        elif len(row) == 4 and current is not None:
            current.append(row)
        else:
            current = None
    for column, totals in _expected_totals().items():
        body = blocks[column]
        found = [(r[0], int(r[1]), int(r[2])) for r in body[-len(totals):]]
        assert found == totals, column
        lines = body[: -len(totals)]
        assert sum(int(r[1]) for r in lines) == totals[0][1], column
        assert sum(int(r[2]) for r in lines) == totals[0][2], column


def test_every_pdf_section_agrees(report, db: Database, tmp_path: Path) -> None:  # noqa: ANN001
    out = tmp_path / "bilan.pdf"
    with db.session() as session:
        structure = get_structure(session)
    write_report(out, report, structure)
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Ateliers collectifs 3" in flat
    assert "Séances à venir (non comptées) 2" in flat
    assert "commencées avant le 15/03/2026 à 12:00" in flat
    for column, totals in _expected_totals().items():
        for label, count, participations in totals:
            pattern = re.escape(label).replace(r"\ ", r"\s+") + rf"\s+{count}\s+{participations}\b"
            assert re.search(pattern, text), (column, label)
    # places, durations (4 sessions) and ages, statuses (4 people): 10 participations each
    assert flat.count("Total 4 10") == 4
    assert "Total 5 " not in flat  # no table's total counts more sessions than took place


def test_the_tab_shows_the_same_totals(qtbot, ctx) -> None:  # noqa: ANN001
    _dataset(ctx.db)
    ctx.clock = lambda: NOW
    panel = ReportsPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_period(MARCH.start, MARCH.end)
    values = {key: f.value.text() for key, f in panel.figures.items()}
    assert values == {
        "workshops": "3",
        "individual": "1",
        "people": "4",
        "participations": "10",
        "hours": "4,9",
    }
    assert "commencées avant le 15/03/2026 à 12:00" in panel.note.text()
    assert "2 séances à venir dans la période, non comptées" in panel.note.text()
    for column, totals in _expected_totals().items():
        panel.breakdown_combo.setCurrentIndex(panel.breakdown_combo.findData(column))
        model = panel.table.model()
        rows = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        assert sum(int(r[1]) for r in rows) == totals[0][1], column
        assert sum(int(r[2]) for r in rows) == totals[0][2], column
        shown = panel.totals.text().replace("\xa0", " ").splitlines()  # number and noun bound
        assert len(shown) == len(totals), column
        for line, (label, count, participations) in zip(shown, totals, strict=True):
            assert line.startswith(f"{label} : {count} "), line
            noun = "participation" if participations < 2 else "participations"
            assert line.endswith(f", {participations} {noun}"), line
