"""The import's batched paths: e-mails looked up by chunks (past the flush of the seen ones to
their table), new profiles and history written by plain executemany, known ones updated."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.db import Database, open_database
from desktop_app.models.profiles import STATUS_NEW, Profile, ProfileEvent
from desktop_app.services.profiles import importer
from desktop_app.services.profiles.importer import apply_import, import_file, read_import

HEADER = "Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV"
RECEIVED = datetime(2026, 3, 2, 9, 30)


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join([HEADER, *lines]) + "\r\n", encoding="utf-8")
    return path


def test_duplicates_are_found_across_chunks_and_flushes(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "CHECK_CHUNK", 3)
    monkeypatch.setattr(importer._Seen, "FLUSH", 4)  # the seen e-mails go to their table
    lines = [f"N{i};P;p{i}@exemple.fr;58120;oui;non;oui;non" for i in range(20)]
    # line numbers: the header is line 1, p0 line 2, p5 line 7, p17 line 19
    lines += [
        "D;P;P5@Exemple.fr;58120;oui;non;oui;non",  # an old one, in the table by now
        "D;P;p17@exemple.fr;58120;oui;non;oui;non",  # a recent one, still in the dict
        "N20;P;p20@exemple.fr;58120;oui;non;oui;non",
        "D;P;p20@exemple.fr;58120;oui;non;oui;non",
    ]  # in the same chunk
    path = _write(tmp_path / "doublons.csv", lines)
    heard: list[tuple[str, int]] = []
    with db.session() as s:
        preview = read_import(path, s)
        reasons = [r.reason for r in preview.rejected]
        result = apply_import(s, preview, report=lambda kind, row: heard.append((kind, row.line)))
    assert [r.line for r in preview.rejected] == [22, 23, 25]
    assert "déjà présente ligne 7" in reasons[0]
    assert "déjà présente ligne 19" in reasons[1]
    assert "déjà présente ligne 24" in reasons[2]
    assert (result.added, result.updated, result.rejected) == (21, 0, 3)
    # every line reported once, none lost
    assert sorted(line for _kind, line in heard) == list(range(2, 26))
    assert [line for kind, line in heard if kind == "refusé"] == [22, 23, 25]


def test_new_profiles_get_the_defaults_and_their_history(db: Database, tmp_path: Path) -> None:
    path = _write(
        tmp_path / "a.csv",
        [
            "Martin;Claire;claire@exemple.fr;58120;oui;non;oui;non",
            "Roux;Zoé;zoe@exemple.fr;;non;oui;non;oui",
        ],
    )
    with db.session() as s:
        _preview, result = import_file(s, path, received_at=RECEIVED)
    with db.session() as s:
        claire = s.scalar(select(Profile).where(Profile.email == "claire@exemple.fr"))
        zoe = s.scalar(select(Profile).where(Profile.email == "zoe@exemple.fr"))
        assert (claire.ccp1, claire.experience, claire.pix_shared, claire.cv_on_platform) == (
            True,
            False,
            True,
            False,
        )
        assert (zoe.ccp1, zoe.experience, zoe.pix_shared, zoe.cv_on_platform) == (
            False,
            True,
            False,
            True,
        )
        assert (claire.phone, claire.notes, claire.commune, claire.cv_file) == ("", "", "", "")
        assert claire.status == STATUS_NEW and claire.status_changed_on == date(2026, 3, 2)
        assert claire.batch_id == result.batch_id and claire.created_at == RECEIVED
        assert claire.pix_level is None and claire.availability_date is None
        events = s.scalars(select(ProfileEvent).order_by(ProfileEvent.id)).all()
        assert [(e.profile_id, e.label, e.event_date, e.at) for e in events] == [
            (claire.id, "Nouvelle candidature", date(2026, 3, 2), RECEIVED),
            (zoe.id, "Nouvelle candidature", date(2026, 3, 2), RECEIVED),
        ]
        assert events[0].detail == "Lot reçu le 02/03/2026 (a.csv)"


def test_a_file_mixing_new_and_known_candidates(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 2)
    first = _write(tmp_path / "a.csv", ["Martin;Claire;claire@exemple.fr;58120;oui;non;oui;non"])
    with db.session() as s:
        import_file(s, first, received_at=RECEIVED)
    second = _write(
        tmp_path / "b.csv",
        [
            "Roux;Zoé;zoe@exemple.fr;58300;non;non;non;non",
            "Martin-Roy;Claire;CLAIRE@exemple.fr;58130;oui;non;oui;oui",
            "Petit;Léa;lea@exemple.fr;58000;non;non;non;non",
        ],
    )
    heard: list[tuple[str, int, str]] = []
    with db.session() as s:
        _preview, result = import_file(
            s,
            second,
            received_at=RECEIVED,
            report=lambda kind, row: heard.append((kind, row.line, row.email)),
        )
    assert (result.added, result.updated, result.rejected) == (2, 1, 0)
    assert sorted(heard) == [
        ("ajouté", 2, "zoe@exemple.fr"),
        ("ajouté", 4, "lea@exemple.fr"),
        ("mis à jour", 3, "CLAIRE@exemple.fr"),
    ]
    with db.session() as s:
        claire = s.scalar(select(Profile).where(Profile.email == "claire@exemple.fr"))
        assert (claire.last_name, claire.postal_code, claire.cv_on_platform) == (
            "Martin-Roy",
            "58130",
            True,
        )
        last = s.scalars(
            select(ProfileEvent)
            .where(ProfileEvent.profile_id == claire.id)
            .order_by(ProfileEvent.id)
        ).all()[-1]
        assert last.label == "Profil mis à jour par un import"
        assert "Nom : Martin → Martin-Roy" in last.detail
        assert "Code postal : 58120 → 58130" in last.detail
        names = {p.email: p.id for p in s.scalars(select(Profile))}
        for email in ("zoe@exemple.fr", "lea@exemple.fr"):
            labels = s.scalars(
                select(ProfileEvent.label).where(ProfileEvent.profile_id == names[email])
            ).all()
            assert labels == ["Nouvelle candidature"]


def test_the_command_unfreezes_the_collector_even_when_it_refuses(tmp_path: Path) -> None:
    import gc

    from desktop_app.cli import main

    db_path = tmp_path / "base.sqlite"
    open_database(db_path).close()
    good = _write(tmp_path / "a.csv", ["Martin;Claire;claire@exemple.fr;58120;oui;non;oui;non"])
    bad = tmp_path / "vide.csv"
    bad.write_bytes(b"")
    assert main(["import-profiles", str(good), "--db", str(db_path)]) == 0
    assert gc.get_freeze_count() == 0
    assert main(["import-profiles", str(bad), "--db", str(db_path)]) == 1
    assert gc.get_freeze_count() == 0
