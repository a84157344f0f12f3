"""A person's contact is listed once per number or address, however each record wrote it: the
dialog's « Contact » column and « personne chercher » showed « +33 6 71 82 93 04, 06 71 82 93
04, 0671829304 » for one phone."""

from __future__ import annotations

from pathlib import Path

from desktop_app.db import open_database
from desktop_app.services.personal_data.records import person
from tests.personal_data.helpers import EMAIL, build


def test_one_phone_and_one_email_however_written(tmp_path: Path) -> None:
    db = open_database(tmp_path / "b.sqlite")
    world = build(db, tmp_path)
    with db.session() as s:
        match = person(s, f"C{world.profile_id}")
    db.close()
    assert len(match.rows) == 3  # the profile, the participant, the loan
    # still two spellings (a new loan stores the French form, as the workshops do)
    assert len({r.phone for r in match.rows}) >= 2
    assert len(match.phones) == 1
    assert [e.lower() for e in match.emails] == [EMAIL]


def test_a_commune_is_listed_once_with_or_without_its_postal_code(tmp_path: Path) -> None:
    from desktop_app.services.personal_data.records import IdentityRow, PersonMatch, RecordRef

    rows = [
        IdentityRow(RecordRef("C", 1), "Anne Roy", place="71990 Saint-Léger"),
        IdentityRow(RecordRef("P", 2), "Anne Roy", place="Saint-Léger"),
        IdentityRow(RecordRef("P", 3), "Anne Roy", place="Luzy"),
    ]
    assert PersonMatch("C1", "Anne Roy", rows).places == ["71990 Saint-Léger", "Luzy"]
