"""Import of the platform's candidate export: well-formed and damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.db import Database
from desktop_app.models.profiles import Profile, ProfileBatch
from desktop_app.services.profiles.importer import (
    ImportFileError,
    apply_import,
    import_file,
    read_import_bytes,
)
from tests.profiles.helpers import ROWS, platform_csv, spreadsheet_csv


def _count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Profile.id))) or 0


def test_platform_file_preview_then_apply(db: Database) -> None:
    with db.session() as s:
        preview = read_import_bytes(platform_csv(), "candidats.csv", s)
    assert [r.email for r in preview.to_add] == [r["Email"] for r in ROWS]
    assert preview.encoding == "utf-8-sig" and preview.separator == ";"
    assert _count(db) == 0  # nothing written by the preview
    with db.session() as s:
        result = apply_import(s, preview)
    assert (result.added, result.updated, result.rejected) == (3, 0, 0)
    with db.session() as s:
        p = s.scalar(select(Profile).where(Profile.email == "eleonore.lefevre@exemple.fr"))
        assert p.first_name == "Éléonore" and p.ccp1 and p.pix_shared and p.cv_on_platform
        assert p.status == "nouvelle" and p.batch_id == result.batch_id
        assert p.events[0].label == "Nouvelle candidature"
        batch = s.get(ProfileBatch, result.batch_id)
        assert (batch.file_name, batch.added_count) == ("candidats.csv", 3)


def test_second_import_updates_by_email(db: Database) -> None:
    with db.session() as s:
        apply_import(s, read_import_bytes(platform_csv(), "a.csv", s))
    rows = [dict(ROWS[0], **{"Code postal": "58130", "Email": "ELEONORE.Lefevre@exemple.fr"}),
            {"Nom": "Roux", "Prénom": "Zoé", "Email": "zoe.roux@exemple.fr",
             "Code postal": "58300", "Formation CCP1": "non", "Expérience": "non",
             "Test PIX": "non", "CV": "non"}]
    with db.session() as s:
        preview = read_import_bytes(platform_csv(rows), "b.csv", s)
        assert [r.email for r in preview.to_add] == ["zoe.roux@exemple.fr"]
        assert len(preview.to_update) == 1
        assert "Code postal : 58120 → 58130" in preview.to_update[0].changes
        apply_import(s, preview)
    assert _count(db) == 4
    with db.session() as s:
        p = s.scalar(select(Profile).where(Profile.last_name == "Lefèvre-Château"))
        assert p.postal_code == "58130"
        assert p.events[-1].label == "Profil mis à jour par un import"


def test_older_header_without_ccp1(db: Database) -> None:
    with db.session() as s:
        preview = read_import_bytes(platform_csv(older=True), "ancien.csv", s)
    assert len(preview.to_add) == 3 and not preview.rejected
    assert "Formation CCP1" not in preview.columns
    assert any("Ancien format" in n for n in preview.notes)


def test_spreadsheet_resaved_file(db: Database) -> None:
    with db.session() as s:
        preview = read_import_bytes(spreadsheet_csv(), "excel.csv", s)
        assert preview.encoding == "cp1252" and preview.separator == ","
        assert not preview.rejected
        assert {r.first_name for r in preview.to_add} == {"Éléonore", "François", "Maïté"}
        apply_import(s, preview)
    with db.session() as s:
        p = s.scalar(select(Profile).where(Profile.first_name == "Maïté"))
        assert p.postal_code == "89200" and p.experience and not p.ccp1


def test_utf8_without_bom_and_mojibake_header(db: Database) -> None:
    text = "Nom;PrÃ©nom;Email;Code postal;Formation CCP1;ExpÃ©rience;Test PIX;CV\n"
    text += "Martin;Camille;camille.martin@exemple.fr;1000;oui;non;non;oui\n"
    with db.session() as s:
        preview = read_import_bytes(text.encode("utf-8"), "x.csv", s)
    assert preview.encoding == "utf-8"
    assert preview.to_add[0].postal_code == "01000"  # leading zero restored


def test_bad_rows_rejected_with_line_and_reason(db: Database) -> None:
    text = (
        "Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV\n"
        "\n"
        "Bernard;Loïc;loic.bernard@exemple.fr;58000;oui;non;non;oui\n"
        "Petit;Anaïs;anais.petit@;58000;oui;non;non;oui\n"
        "Moreau;Jean;jean.moreau@exemple.fr;58A00;oui;non;non;oui\n"
        "Roux;Léa;lea.roux@exemple.fr;58000;peut-être;non;non;oui\n"
        "Blanc;Noé;noe.blanc@exemple.fr;58000\n"
        "Bernard;Loïc;LOIC.bernard@exemple.fr;58000;oui;non;non;oui\n"
    )
    with db.session() as s:
        preview = read_import_bytes(text.encode(), "x.csv", s)
    assert [r.email for r in preview.to_add] == ["loic.bernard@exemple.fr"]
    reasons = {r.line: r.reason for r in preview.rejected}
    assert set(reasons) == {4, 5, 6, 7, 8}
    assert "anais.petit@" in reasons[4] and "adresse e-mail" in reasons[4]
    assert "code postal" in reasons[5]
    assert "« oui » ou « non »" in reasons[6]
    assert "colonnes au lieu de 8" in reasons[7]
    assert "déjà présente ligne 3" in reasons[8]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "vide"),
        (b"\xef\xbb\xbf\r\n\r\n", "vide"),
        (b"%PDF-1.4\x00\x01\x02\x03binary\x00\xff\xfe", "pas un fichier texte CSV"),
        ("Titre;Auteur\nLes Misérables;Hugo\n".encode(), "il manque"),
    ],
)
def test_unreadable_files_write_nothing(db: Database, data: bytes, message: str) -> None:
    with db.session() as s, pytest.raises(ImportFileError, match=message):
        read_import_bytes(data, "x.csv", s)
    assert _count(db) == 0


def test_import_file_is_one_transaction(db: Database, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(platform_csv())
    import desktop_app.services.profiles.importer as importer

    real = importer._write_batch
    calls = {"n": 0}

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls["n"] += 1
        if calls["n"] == 3:  # the third batch of one row: two were already written
            raise OSError("disque plein")
        return real(*args, **kwargs)

    monkeypatch.setattr(importer, "BATCH_ROWS", 1)
    monkeypatch.setattr(importer, "_write_batch", failing)
    with pytest.raises(OSError), db.session() as s:
        import_file(s, path)
    assert _count(db) == 0
    with db.session() as s:
        assert s.scalar(select(func.count(ProfileBatch.id))) == 0
