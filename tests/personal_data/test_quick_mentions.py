"""The dialog's quick look at the notes (``mentions_of(..., narrowed=True)``): the database keeps
the notes LIKE a word of the name, the e-mail or the phone's digits, then each is checked
exactly. It finds what reading every note finds, accents of French and any case included."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
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
        s.add_all(
            [
                WorkshopSession(
                    kind="collectif",
                    title="Courriels",
                    start=day,
                    duration_min=60,
                    status="realise",
                    notes="GWENAËLLE KERBRAT-DUFRESNOY est venue",
                ),
                WorkshopSession(
                    kind="collectif",
                    title="Banque",
                    start=day,
                    duration_min=60,
                    status="realise",
                    referral="rappeler le 06.71.82.93.04",
                ),
                WorkshopSession(
                    kind="collectif",
                    title="Impôts",
                    start=day,
                    duration_min=60,
                    status="realise",
                    notes="écrire à Gwen.Kerbrat@exemple-rgpd.fr",
                ),
                WorkshopSession(
                    kind="collectif",
                    title="Rien",
                    start=day,
                    duration_min=60,
                    status="realise",
                    notes="Kerbrat seul ne nomme personne",
                ),
                WorkshopSession(
                    kind="collectif",
                    title="Mairie",
                    start=day,
                    duration_min=60,
                    status="realise",
                    notes="MADAME  Kerbrat a rappelé",
                ),
            ]
        )
        item_id = s.scalars(select(KitItem.id)).first()
        s.add(
            KitEvent(item_id=item_id, at=day, kind="note", detail="Rendu par Mme Kerbrat-Dufresnoy")
        )
    with db.session() as s:
        match = person(s, f"C{world.profile_id}")
        full = mentions_of(s, match)
        quick = mentions_of(s, match, narrowed=True)
    db.close()
    assert len(full) >= 6  # the helpers' session note, the notes above but « Rien »
    assert _keys(quick) == _keys(full)
    assert [m.source for m in quick] == [m.source for m in full]
    assert not any("seul ne nomme" in m.text for m in quick)


def test_like_patterns_leave_french_accents_and_escape_wildcards() -> None:
    patterns = identity.like_patterns(
        [("dupont", "helene")], ["h_dupont@ex.fr"], ["0671829304", "+44 20 7946"]
    )
    # a phone not written in the French way has no pattern; « helene » fixes three letters
    # only (h, l, n): looked for after a civility (the whole name has « dupont »)
    assert sorted(patterns)[:2] == [("%6%7%1%8%2%9%3%0%4%",), ("%d_p_nt%",)]
    assert sorted(patterns)[2][0] == "%m%h_l_n_%" and len(patterns) == 3
    # the e-mail « h_dupont@ex.fr » has no pattern of its own: « %d_p_nt% » finds it already;
    # one that names no word of the name keeps its own, « _ » escaped
    assert ("%h\\_d@_x.fr%",) in identity.like_patterns([("dupont", "helene")], ["h_d@ex.fr"], [])
    assert ("%m_rt_n%",) in identity.like_patterns([("agnes", "martin")], ["agnes.martin@ex.fr"], [])
    assert len(identity.like_patterns([("agnes", "martin")], ["agnes.martin@ex.fr"], [])) == 2
    # a name of short words only: whole, or after a civility
    found = sorted(identity.like_patterns([("ange", "roy")], [], []))
    assert found[0] == ("%_ng_%", "%r__%")
    assert found[1] == (
        "%m%_ng_%",
        (
            "%m.%_ng_%",
            "%m_d_m_%_ng_%",
            "%m_d_m__s_ll_%_ng_%",
            "%m_ns___r%_ng_%",
            "%mll_%_ng_%",
            "%mm_%_ng_%",
            "%mr%_ng_%",
        ),
    )
    assert found[2][0] == "%m%r__%" and len(found) == 3
    assert identity.like_patterns([], [], []) == []


def test_short_names_are_found_after_a_civility_or_whole(tmp_path: Path) -> None:
    """« Ange Roy »: no word fixes four letters; « Mme Roy » and « Roy Ange » are found, the
    « rallonge » of another note is not taken for her."""
    from desktop_app.models.workshops import Participant

    db = open_database(tmp_path / "b.sqlite")
    day = datetime(2024, 5, 2, 14, 0)
    with db.session() as s:
        s.add(
            Participant(
                first_name="Ange",
                last_name="Roy",
                age_bracket="60_69",
                social_status="retraite",
                created_at=day,
            )
        )
        for title, note in (
            ("A", "Mme   Roy a rappelé"),
            ("B", "Prévoir la rallonge"),
            ("C", "inscrite par ROY Ange"),
            ("D", "M.Roy viendra"),
        ):
            s.add(
                WorkshopSession(
                    kind="collectif",
                    title=title,
                    start=day,
                    duration_min=60,
                    status="realise",
                    notes=note,
                )
            )
    with db.session() as s:
        match = person(s, "P1")
        full = mentions_of(s, match)
        quick = mentions_of(s, match, narrowed=True)
    db.close()
    assert {m.text for m in quick} == {
        "Mme   Roy a rappelé",
        "inscrite par ROY Ange",
        "M.Roy viendra",
    }
    assert _keys(quick) == _keys(full)


def test_a_reading_told_to_stop_stops(tmp_path: Path) -> None:
    """The dialog stops the reading of a person another choice replaced: ``collect`` and
    ``mentions_of`` ask ``progress`` between steps and end with ``Cancelled``."""
    from desktop_app.services.personal_data.collect import collect
    from desktop_app.services.progress import Cancelled

    db = open_database(tmp_path / "b.sqlite")
    world = build(db, tmp_path)
    asked: list[tuple[int, int]] = []

    def stop_at_the_third(done: int, total: int) -> bool:
        asked.append((done, total))
        return len(asked) < 3

    with db.session() as s:
        match = person(s, f"C{world.profile_id}")
        with pytest.raises(Cancelled):
            collect(s, match, narrowed=True, progress=stop_at_the_third)
        assert len(asked) == 3
        # told to go on, it finds what it finds unasked
        going_on = mentions_of(s, match, narrowed=True, progress=lambda _d, _t: True)
        assert _keys(going_on) == _keys(mentions_of(s, match, narrowed=True)) != []
    db.close()
