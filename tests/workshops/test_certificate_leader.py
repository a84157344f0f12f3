"""A certificate names who actually led the session: the session's own conseiller, a named
mediator without the title « conseiller numérique », or — for a session that names nobody —
the structure's sole recruited conseiller. It never names a recruited conseiller for a session
someone else led."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.models.profiles import Profile
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.workshops.attestations import load_certificates
from desktop_app.services.workshops.periods import month_period
from desktop_app.services.workshops.printing import write_certificates
from tests.workshops.reports_data import small_dataset


def _pages(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_each_certificate_names_the_session_leader(db: Database, tmp_path: Path) -> None:
    small_dataset(db)
    with db.session() as s:
        camille = Profile(
            first_name="Camille", last_name="Martin-Lefèvre", email="c@x.fr", status="recrute"
        )
        s.add(camille)
        s.flush()
        # S1 led by a mediator who is not a recruited conseiller
        s.get(WorkshopSession, 1).conseiller_name = "Jeanne Lebœuf"
        # S2 led by the recruited conseiller, chosen in the list
        s2 = s.get(WorkshopSession, 2)
        s2.conseiller_profile_id = camille.id
        s2.conseiller_name = "Camille Martin-Lefèvre"
        # S8 names nobody (a session from before conseillers were recorded)
    with db.session() as s:
        batch = load_certificates(s, period=month_period(2026, 3), issued=date(2026, 4, 1))
    out = tmp_path / "attestations.pdf"
    write_certificates(out, batch)
    pages = _pages(out)
    by_session = {}
    for item, text in zip(batch.items, pages, strict=True):
        by_session.setdefault(item.summary.id, []).append(text)
    for text in by_session[1]:
        assert "Animé par Jeanne Lebœuf" in text
        assert "Jeanne Lebœuf, conseiller numérique" not in text  # not her title
        assert "Martin-Lefèvre" not in text  # the conseiller did not lead it
        assert "L'intervenant(e) — Jeanne Lebœuf" in text
    for text in by_session[2]:
        assert "Animé par Camille Martin-Lefèvre, conseiller numérique" in text
        assert "Le conseiller numérique — Camille Martin-Lefèvre" in text
    for text in by_session[8]:  # nobody recorded: the sole recruited conseiller, as before
        assert "Animé par Camille Martin-Lefèvre, conseiller numérique" in text


def test_a_session_naming_nobody_leaves_a_line_when_several_conseillers(
    db: Database, tmp_path: Path
) -> None:
    small_dataset(db)
    with db.session() as s:
        s.add(Profile(first_name="Camille", last_name="Martin", email="c@x.fr", status="recrute"))
        s.add(Profile(first_name="Yanis", last_name="Roussel", email="y@x.fr", status="recrute"))
        s.get(WorkshopSession, 2).conseiller_name = "Yanis Roussel"
    with db.session() as s:
        batch = load_certificates(s, period=month_period(2026, 3), issued=date(2026, 4, 1))
    out = tmp_path / "attestations.pdf"
    write_certificates(out, batch)
    for item, text in zip(batch.items, _pages(out), strict=True):
        if item.summary.id == 2:
            assert "Animé par Yanis Roussel" in text
        else:
            assert "Animé par ……" in text and "Camille" not in text
