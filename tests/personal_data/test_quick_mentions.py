"""The dialog's quick look at the notes (``mentions_of(..., narrowed=True)``): the database keeps
the notes LIKE a word of the name, the e-mail or the phone's digits, then each is checked
exactly. It finds what reading every note finds, accents of French and any case included."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from desktop_app.db import open_database
from desktop_app.models.kit import KitEvent, KitItem
from desktop_app.models.workshops import WorkshopSession
from desktop_app.services.personal_data import identity
from desktop_app.services.personal_data.records import mentions_of, person
from tests.personal_data.helpers import build


def _keys(found: list) -> list[tuple[str, int, str, bool]]:
    return [(m.table, m.row_id, m.column, m.shared_name) for m in found]


def test_quick_look_finds_what_a_full_reading_finds(tmp_path: Path) -> None:
    db = open_database(tmp_path / "b.sqlite")
    world = build(db, tmp_path)
    with db.session() as s:
        day = datetime(2024, 5, 2, 14, 0)
        s.add_all([
            WorkshopSession(kind="collectif", title="Courriels", start=day, duration_min=60,
                            status="realise", notes="GWENAËLLE KERBRAT-DUFRESNOY est venue"),
            WorkshopSession(kind="collectif", title="Banque", start=day, duration_min=60,
                            status="realise", referral="rappeler le 06.71.82.93.04"),
            WorkshopSession(kind="collectif", title="Impôts", start=day, duration_min=60,
                            status="realise", notes="écrire à Gwen.Kerbrat@exemple-rgpd.fr"),
            WorkshopSession(kind="collectif", title="Rien", start=day, duration_min=60,
                            status="realise", notes="Kerbrat seul ne nomme personne"),
        ])
        item_id = s.scalars(select(KitItem.id)).first()
        s.add(KitEvent(item_id=item_id, at=day, kind="note",
                       detail="Rendu par Mme Kerbrat-Dufresnoy"))
    with db.session() as s:
        match = person(s, f"C{world.profile_id}")
        full = mentions_of(s, match)
        quick = mentions_of(s, match, narrowed=True)
    db.close()
    assert len(full) >= 5  # the helpers' session note, the four notes above but the last
    assert _keys(quick) == _keys(full)
    assert [m.source for m in quick] == [m.source for m in full]
    assert not any("seul ne nomme" in m.text for m in quick)


def test_like_patterns_leave_french_accents_and_escape_wildcards() -> None:
    patterns = identity.like_patterns([("dupont", "helene")], ["h_dupont@ex.fr"],
                                      ["0671829304", "+44 20 7946"])
    assert "%h_l___%" in patterns and "%d_p__t%" in patterns
    assert "%h\\_d_p__t@_x.fr%" in patterns
    assert "%6%7%1%8%2%9%3%0%4%" in patterns
    assert len(patterns) == 4  # a phone not written in the French way has no pattern
