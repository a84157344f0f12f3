"""Imports that must be questioned: missing columns named and refused unless agreed, a dropped
leading zero restored only into a real postal code, CCP1 « inconnu » for the older format; and
the import streams (a preview bounded whatever the file's size, counts exact)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.cli import main
from desktop_app.db import Database, open_database
from desktop_app.models.profiles import Profile
from desktop_app.services.profiles import importer
from desktop_app.services.profiles.importer import (
    ImportFileError,
    apply_import,
    read_import,
    read_import_bytes,
)
from desktop_app.views.profiles.columns import PROFILE_COLUMNS
from tests.profiles.helpers import platform_csv

ONLY_THREE = "\ufeffNom;Prénom;Email\r\nMartin;Claire;claire@exemple.fr\r\n".encode()


def _count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Profile.id))) or 0


def test_missing_columns_are_named_and_refused_unless_agreed(db: Database) -> None:
    with db.session() as s:
        preview = read_import_bytes(ONLY_THREE, "trois.csv", s)
        assert preview.missing_columns == ["Code postal", "Expérience", "Test PIX", "CV"]
        for name in preview.missing_columns:
            assert f"« {name} »" in preview.missing_text
        with pytest.raises(ImportFileError, match="Il manque 4 colonne"):
            apply_import(s, preview)
    assert _count(db) == 0
    with db.session() as s:
        result = apply_import(s, read_import_bytes(ONLY_THREE, "trois.csv", s),
                              accept_missing=True)
    assert result.added == 1 and _count(db) == 1


def test_cli_refuses_missing_columns_then_imports_with_agreement(tmp_path: Path,
                                                                 capsys) -> None:  # noqa: ANN001
    base = tmp_path / "base.sqlite"
    open_database(base).close()
    path = tmp_path / "trois.csv"
    path.write_bytes(ONLY_THREE)
    assert main(["import-profiles", str(path), "--db", str(base)]) == 1
    err = capsys.readouterr().err
    assert "« Code postal », « Expérience », « Test PIX », « CV »" in err
    assert "--accepter-colonnes-manquantes" in err
    assert main(["import-profiles", str(path), "--db", str(base),
                 "--accepter-colonnes-manquantes"]) == 0
    assert "1 ajouté(s)" in capsys.readouterr().out


def test_a_leading_zero_is_restored_only_into_a_real_postal_code(db: Database) -> None:
    text = ("Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV\r\n"
            "Martin;Claire;claire@exemple.fr;8966;oui;non;oui;non\r\n"
            "Durand;Paul;paul@exemple.fr;1000;oui;non;oui;non\r\n")
    with db.session() as s:
        preview = read_import_bytes(text.encode(), "cp.csv", s)
    assert [r.postal_code for r in preview.to_add] == ["01000"]  # Bourg-en-Bresse
    assert len(preview.rejected) == 1 and preview.rejected[0].line == 2
    assert "« 8966 »" in preview.rejected[0].reason
    assert "« 08966 » n'est pas un code postal existant" in preview.rejected[0].reason


def test_the_older_format_leaves_ccp1_unknown(db: Database) -> None:
    with db.session() as s:
        apply_import(s, read_import_bytes(platform_csv(older=True), "ancien.csv", s))
    with db.session() as s:
        assert {p.ccp1 for p in s.scalars(select(Profile))} == {None}
        from desktop_app.services.profiles.records import list_rows

        rows = list_rows(s)
    assert {PROFILE_COLUMNS[3].text(r) for r in rows} == {"inconnu"}  # not « Non »


def test_the_preview_is_bounded_and_the_counts_exact(db: Database, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "BATCH_ROWS", 7)  # several batches on a small file
    path = tmp_path / "gros.csv"
    lines = ["Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV"]
    lines += [f"N{i};P;p{i}@exemple.fr;58120;oui;non;oui;non" for i in range(importer.SAMPLE_ROWS + 50)]
    lines += ["X;Y;pas-une-adresse;58120;oui;non;oui;non", "N3;P;p3@exemple.fr;58120;oui;non;oui;non"]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with db.session() as s:
        preview = read_import(path, s)
        assert len(preview.to_add) == importer.SAMPLE_ROWS
        assert (preview.added_total, preview.rejected_total) == (importer.SAMPLE_ROWS + 50, 2)
        assert "déjà présente ligne 5" in preview.rejected[1].reason
        result = apply_import(s, preview)
    assert (result.added, result.updated, result.rejected) == (importer.SAMPLE_ROWS + 50, 0, 2)
    assert _count(db) == importer.SAMPLE_ROWS + 50
    with db.session() as s:  # the same file again: every row is an update, none added
        preview = read_import(path, s)
        assert (preview.added_total, preview.updated_total) == (0, importer.SAMPLE_ROWS + 50)


def test_a_text_field_over_its_length_is_refused_by_the_service(db: Database) -> None:
    from desktop_app.services.profiles.records import FormError, ProfileInput, add_profile

    data = ProfileInput(last_name="Martin", first_name="Claire", email="c@exemple.fr",
                        notes="x" * 5001, experience_details="y" * 2001)
    with db.session() as s, pytest.raises(FormError) as error:
        add_profile(s, data, __import__("datetime").date(2026, 12, 1))
    assert "5000 caractères" in error.value.errors["notes"]
    assert "2000 caractères" in error.value.errors["experience_details"]
