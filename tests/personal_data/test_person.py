"""One person as candidate, participant and borrower: found by one search, exported with every
field, corrected, erased without a trace in any table nor in the file's bytes, and the activity
report's figures unchanged."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.backups import make_backup
from desktop_app.db import Database
from desktop_app.services.personal_data import erase as erasing
from desktop_app.services.personal_data import printing
from desktop_app.services.personal_data.collect import as_json, attributes, person_data
from desktop_app.services.personal_data.records import PersonNotFound, find_people
from desktop_app.services.profiles.records import cv_path
from desktop_app.services.workshops.periods import Period
from desktop_app.services.workshops.stats import compute_report
from tests.personal_data.helpers import EMAIL, FIRST, LAST, NOTE, PHONE, build

NOW = datetime(2026, 3, 2, 9, 0)


def _report(db: Database) -> dict:
    with db.session() as s:
        report = asdict(compute_report(s, Period(date(2024, 1, 1), date(2024, 12, 31))))
    report.pop("counted_until")  # when it was computed, not a figure
    return report


@pytest.mark.parametrize("query", ["kerbrat", "GWENAELLE", "gwen.kerbrat@", "06 71 82",
                                   "sans domicile", "Dufresnoy Gwenaëlle"])
def test_one_search_finds_every_record_of_the_person(db: Database, tmp_path: Path,
                                                     query: str) -> None:
    world = build(db, tmp_path)
    with db.session() as s:
        people = find_people(s, query)
    assert len(people) == 1
    found = {r.ref.token for r in people[0].rows}
    assert found == {f"C{world.profile_id}", f"P{world.participant_id}", f"E{world.loan_id}"}
    assert people[0].token == f"C{world.profile_id}"


def test_search_refuses_one_letter_and_unknown_token(db: Database) -> None:
    with db.session() as s, pytest.raises(PersonNotFound):
        find_people(s, "a")
    with db.session() as s, pytest.raises(PersonNotFound, match="C999"):
        person_data(s, "C999")


def test_export_holds_every_field_with_its_source(db: Database, tmp_path: Path) -> None:
    world = build(db, tmp_path)
    with db.session() as s:
        data = person_data(s, f"P{world.participant_id}")
    exported = as_json(data, NOW)
    dump = json.dumps(exported, ensure_ascii=False)
    tables = {src["table"] for src in exported["sources"]}
    assert tables == {"profile", "participant", "kit_loan"}
    from desktop_app.models.kit import KitLoan
    from desktop_app.models.profiles import Profile
    from desktop_app.models.workshops import Participant

    for source, model in zip(exported["sources"], (Profile, Participant, KitLoan), strict=True):
        assert set(source["donnees"]) == set(attributes(model))
        assert len(source["donnees"]) == len(model.__table__.columns)
    participant = exported["sources"][1]
    assert [e["donnees"]["attendance"] for e in participant["elements"]] == ["present", "absent"]
    for value in (FIRST, LAST, EMAIL, PHONE, NOTE, "Licence pro", "Quimper", "Pièce d'identité"):
        assert value.lower() in dump.lower(), value
    assert any("séance" in m["source"] for m in exported["mentions_dans_des_notes"])
    assert exported["fichiers_joints"] == [f"cv/{world.cv.name}"]

    pdf = printing.write_access_pdf(db, f"P{world.participant_id}", tmp_path / "acces.pdf", NOW)
    assert pdf.read_bytes().startswith(b"%PDF")
    js = printing.write_access_json(db, f"P{world.participant_id}", tmp_path / "acces.json", NOW)
    assert json.loads(js.read_text(encoding="utf-8"))["personne"] == f"{FIRST} {LAST.upper()}"


def test_correction_applies_to_every_record(db: Database, tmp_path: Path) -> None:
    world = build(db, tmp_path)
    with db.session() as s, pytest.raises(erasing.CorrectionError):
        erasing.correct(s, f"C{world.profile_id}",
                        erasing.Correction(FIRST, "", "pas-un-mail", ""))
    with db.session() as s:
        erasing.correct(s, f"C{world.profile_id}",
                        erasing.Correction(FIRST, "Kerbrat", "gwen@exemple-rgpd.fr", PHONE))
    with db.session() as s:
        people = find_people(s, "gwen@exemple-rgpd.fr")
    assert len(people) == 1 and len(people[0].rows) == 3
    assert {r.name for r in people[0].rows} == {f"{FIRST} Kerbrat"}


def _all_text(db: Database) -> str:
    """Every text value of every table, for a search of the person's identifiers."""
    chunks = []
    with db.engine.connect() as conn:
        tables = [r[0] for r in conn.execute(text(
            "SELECT name FROM sqlite_master WHERE type='table'"))]
        for table in tables:
            for row in conn.execute(text(f'SELECT * FROM "{table}"')):
                chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks).lower()


def test_erasure_leaves_no_trace_and_keeps_the_figures(db: Database, tmp_path: Path) -> None:
    world = build(db, tmp_path)
    before = _report(db)
    old_backup = make_backup(db.path)
    assert LAST.encode() in db.path.read_bytes() + _wal(db)
    result = erasing.erase(db, f"E{world.loan_id}", datetime.now().replace(microsecond=0))
    assert result.records == 3 and result.mentions == 1 and result.cv_left == []  # the session note
    assert cv_path(f"cv/{world.cv.name}") is None and not world.cv.exists()
    assert _report(db) == before  # sessions, attendance, age brackets, statuses: all kept
    everything = _all_text(db)
    identifiers = [FIRST.lower(), LAST.lower(), "kerbrat", "dufresnoy", EMAIL, "gwen",
                   "71 82 93", "0671829304", "sans domicile", "quimper"]
    for needle in identifiers:
        assert needle not in everything, needle
    raw = db.path.read_bytes() + _wal(db)
    for needle in ("Kerbrat", "KERBRAT", "Dufresnoy", "Gwena", "exemple-rgpd", "71 82 93",
                   "0671829304", "sans domicile"):
        assert needle.encode() not in raw, needle
        assert needle.encode("utf-16-le") not in raw, needle
    with db.session() as s:
        assert find_people(s, "kerbrat") == []
        kept = s.execute(text("SELECT count(*) FROM registration WHERE participant_id = :p"),
                         {"p": world.participant_id}).scalar()
        assert kept == 2
        assert s.execute(text("SELECT label FROM profile_event WHERE label LIKE '%non retenu%'")
                         ).scalar() == "Candidat non retenu"
        when = erasing.last_erasure(s)
    older = erasing.backups_before(db.path, when)
    assert [b.path for b in older] == [old_backup]
    assert erasing.purge_backups(older) == [] and not old_backup.exists()


def _wal(db: Database) -> bytes:
    wal = db.path.with_name(db.path.name + "-wal")
    return wal.read_bytes() if wal.exists() else b""


def test_a_failed_clean_up_is_said_and_retried(db: Database, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    world = build(db, tmp_path)
    original = erasing.vacuum

    def busy(_db: Database) -> None:
        try:
            raise sqlite3.OperationalError("database is locked")
        except sqlite3.Error as exc:
            raise erasing.VacuumError({}, "nettoyage impossible") from exc

    monkeypatch.setattr(erasing, "vacuum", busy)
    with pytest.raises(erasing.VacuumError):
        erasing.erase(db, f"P{world.participant_id}", NOW)
    with db.session() as s:
        assert find_people(s, "kerbrat") == []  # the erasure itself is saved
    monkeypatch.setattr(erasing, "vacuum", original)
    assert erasing.vacuum_if_pending(db)
    assert not erasing.vacuum_if_pending(db)
    assert LAST.encode() not in db.path.read_bytes() + _wal(db)
