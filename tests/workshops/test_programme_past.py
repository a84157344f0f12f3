"""A programme printed during its month does not offer seats in workshops already held: they
read « Terminé » (« En cours » for one under way), later ones still show their places left."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pypdf import PdfReader

from desktop_app.db import Database
from desktop_app.services.workshops.printing import write_programme
from tests.workshops.reports_data import small_dataset


def _text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_programme_printed_mid_month_marks_held_workshops(db: Database, tmp_path: Path) -> None:
    small_dataset(db)  # March 2026: S1 on the 3rd (2 places left), S2, S5 cancelled, S8 on the 31st
    out = tmp_path / "programme.pdf"
    with db.session() as session:
        data = write_programme(session, out, 2026, 3, now=datetime(2026, 3, 20, 9, 0))
    text = _text(out)
    starts = {s.id: s.start for s in data.sessions}
    assert starts[1] < datetime(2026, 3, 20) < starts[8]
    assert "Terminé" in text
    assert "2 places restantes" not in text  # S1 was held on the 3rd: no seats to offer
    assert "Annulé" in text  # a cancelled one stays « Annulé »


def test_programme_printed_before_its_month_offers_every_seat(
    db: Database, tmp_path: Path
) -> None:
    small_dataset(db)
    out = tmp_path / "programme.pdf"
    with db.session() as session:
        write_programme(session, out, 2026, 3, now=datetime(2026, 2, 25, 9, 0))
    text = _text(out)
    assert "Terminé" not in text and "2 places restantes" in text
