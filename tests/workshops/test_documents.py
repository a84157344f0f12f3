"""The printed documents read back with pypdf: the right people, titles and pages."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.models.workshops import Participant, Registration, WorkshopSession
from desktop_app.services.progress import Cancelled
from desktop_app.services.workshops.attestations import NoCertificateError, load_certificates
from desktop_app.services.workshops.periods import month_period
from desktop_app.services.workshops.printing import (
    write_certificates,
    write_report_pdf,
)
from desktop_app.services.workshops.printing import write_programme as write_programme_pdf
from desktop_app.services.workshops.printing import write_sign_in as write_sign_in_pdf
from tests.workshops.reports_data import SMALL_EXPECTED, small_dataset

MARCH = month_period(2026, 3)


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_programme_lists_the_month_workshops(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    out = tmp_path / "programme.pdf"
    with db.session() as session:
        data = write_programme_pdf(session, out, 2026, 3)
    assert [s.id for s in data.sessions] == [1, 2, 5, 8]  # collective workshops of March only
    text = " ".join(_pages(out))
    assert "Programme des ateliers numériques" in text and "Mars 2026" in text
    assert "Premiers pas sur la tablette" in text
    assert "Se protéger des arnaques en ligne" in text
    assert "Mar. 3 mars" in text and "Sam. 7 mars" not in text  # weekday of the date block
    assert "2 places restantes" in text  # 6 seats, 4 registered (the waiting list does not count)
    assert "Annulé" in text  # session 5
    assert "Atelier d'avril" not in text and "Atelier de février" not in text
    assert "Horaires d'ouverture" in text and "Mer. 09:00–12:00" in text
    assert "Salle des fêtes de Saint-Éloi" in text
    meta = PdfReader(out).metadata
    assert meta.title == "Programme des ateliers numériques — Mars 2026"
    assert meta.author == "Commune de Saint-Léger-de-Fougeret"


def test_programme_of_an_empty_month(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    out = tmp_path / "vide.pdf"
    with db.session() as session:
        data = write_programme_pdf(session, out, 2026, 8)
    assert data.sessions == []
    pages = _pages(out)
    assert len(pages) == 1 and "Page 1" not in pages[0]
    assert "Août 2026" in pages[0] and "Aucun atelier n'est programmé ce mois-ci" in pages[0]
    assert "Horaires d'ouverture" in pages[0]


def test_sign_in_sheet_names_and_page_numbers(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    out = tmp_path / "emargement.pdf"
    with db.session() as session:
        write_sign_in_pdf(session, out, 1)
    pages = _pages(out)
    text = " ".join(pages)
    assert "Feuille d'émargement" in text and "Premiers pas sur la tablette" in text
    for name in ("AUBERT", "BESNARD", "CHEVALIER", "DUFOUR"):
        assert name in text
    assert "Liste d'attente : Émile ÉTIENNE" in text
    assert "mardi 3 mars 2026" in text and "de 14:00 à 15:30" in text

    # a long list runs over several pages, each numbered
    with db.session() as session:
        big = WorkshopSession(
            id=50, title="Grand atelier", start=datetime(2026, 3, 6, 14), capacity=60
        )
        session.add(big)
        session.flush()
        for i in range(45):
            person = Participant(first_name="Personne", last_name=f"Nom-{i:02d}")
            session.add(person)
            session.flush()
            session.add(Registration(session_id=50, participant_id=person.id))
    with db.session() as session:
        write_sign_in_pdf(session, out, 50)
    pages = _pages(out)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} / {len(pages)}" in page
    assert "NOM-00" in pages[0] and "NOM-44" in " ".join(pages)


def test_certificates_only_for_present_people(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    with db.session() as session:
        batch = load_certificates(session, period=MARCH, issued=date(2026, 4, 1))
    got = {(c.first_name, c.summary.id) for c in batch.items}
    assert got == SMALL_EXPECTED["certificates"]
    out = tmp_path / "attestations.pdf"
    seen: list[tuple[int, int]] = []
    pages = write_certificates(out, batch, progress=lambda done, total: seen.append((done, total)))
    assert pages == 5 and seen[-1] == (5, 5)
    texts = _pages(out)
    assert len(texts) == 5
    for text in texts:
        assert "Attestation de participation" in text
        assert "Page 1" not in text  # each certificate stands alone
        assert "Fait à Saint-Léger-de-Fougeret, le 1er avril 2026" in text
    everything = " ".join(texts)
    for absent in ("CHEVALIER", "DUFOUR", "ÉTIENNE", "GAILLARD", "HERVÉ"):
        assert absent not in everything
    assert "Alice AUBERT" in texts[0] and "Premiers pas sur la tablette" in texts[0]
    assert "Iris IDRISSI" in texts[-1] and "Soirée culture numérique" in texts[-1]
    assert "L'intelligence artificielle au quotidien" not in everything  # cancelled session

    with db.session() as session:
        one = load_certificates(session, session_id=1)
    assert sorted(c.first_name for c in one.items) == ["Alice", "Bruno"]


def test_certificates_cancel_and_empty(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    with db.session() as session:
        batch = load_certificates(session, period=MARCH)
        empty = load_certificates(session, session_id=4)
    out = tmp_path / "attestations.pdf"
    out.write_bytes(b"previous file")
    calls = []

    def progress(_done: int, _total: int) -> bool:
        calls.append(1)
        return len(calls) < 3  # "Annuler" pressed after the second page

    with pytest.raises(Cancelled):
        write_certificates(out, batch, progress=progress)
    assert out.read_bytes() == b"previous file"  # left untouched
    assert sorted(p.name for p in tmp_path.glob("attestations*")) == ["attestations.pdf"]
    with pytest.raises(NoCertificateError, match="Présent"):
        write_certificates(out, empty)


def test_activity_report_pdf(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    out = tmp_path / "bilan.pdf"
    with db.session() as session:
        write_report_pdf(session, out, MARCH)
    text = " ".join(_pages(out))
    assert "Bilan d'activité" in text and "du 1er mars 2026 au 31 mars 2026" in text
    for label in (
        "30 min à 1 h",
        "2 h et plus",
        "Non communiqué ou hétérogène",
        "70 ans et plus",
        "Prévention en sécurité numérique",
        "À domicile",
        "Participations par thématique",
    ):
        assert label in text, label
    assert PdfReader(out).metadata.title == "Bilan d'activité — du 01/03/2026 au 31/03/2026"
