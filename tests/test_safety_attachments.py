"""Attachments: the data folder is the only place written or opened; stored paths are never
trusted; links are refused; nothing outside the folder is written, deleted or opened."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from desktop_app.models.profiles import Profile
from desktop_app.paths import files_dir
from desktop_app.services.profiles import records

TODAY = date(2026, 3, 2)


def _profile(db) -> int:  # noqa: ANN001
    with db.session() as s:
        return records.add_profile(
            s,
            records.ProfileInput(
                last_name="Martin", first_name="Camille", email="camille@exemple.fr",
                postal_code="58120",
            ),
            TODAY,
        )


def _pdf(folder: Path, name: str = "cv.pdf", body: bytes = b"%PDF-1.4\n% cv\n") -> Path:
    path = folder / name
    path.write_bytes(body)
    return path


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_a_symlink_under_the_cv_name_is_replaced_not_written_through(db, tmp_path: Path) -> None:
    pid = _profile(db)
    outside = tmp_path / "dehors.txt"
    outside.write_text("à ne pas toucher", encoding="utf-8")
    folder = files_dir() / "cv"
    folder.mkdir(parents=True, exist_ok=True)
    planted = folder / f"cv-{pid}-camille-martin.pdf"
    planted.symlink_to(outside)
    with db.session() as s:
        target = records.attach_cv(s, pid, _pdf(tmp_path), TODAY)
    assert target == planted and not target.is_symlink()
    assert target.read_bytes().startswith(b"%PDF-")
    assert outside.read_text(encoding="utf-8") == "à ne pas toucher"


def test_a_hostile_stored_name_never_deletes_outside_the_folder(db, tmp_path: Path) -> None:
    pid = _profile(db)
    victim = tmp_path / "x"
    victim.write_text("précieux", encoding="utf-8")
    relative = os.path.relpath(victim, files_dir())
    for stored in (relative, str(victim)):
        with db.session() as s:
            s.get(Profile, pid).cv_file = stored
        with db.session() as s:
            records.attach_cv(s, pid, _pdf(tmp_path), TODAY)
        assert victim.read_text(encoding="utf-8") == "précieux"


def test_cv_path_refuses_anything_outside_the_folder(tmp_path: Path) -> None:
    assert records.cv_path("/etc/passwd") is None
    assert records.cv_path("../../etc/passwd") is None
    assert records.cv_path("cv/../../secret.pdf") is None
    assert records.cv_path("cv/a\x00b.pdf") is None
    folder = files_dir() / "cv"
    folder.mkdir(parents=True, exist_ok=True)
    good = _pdf(folder, "cv-1-a.pdf")
    assert records.cv_path("cv/cv-1-a.pdf") == good
    if hasattr(os, "symlink"):
        outside = _pdf(tmp_path, "ailleurs.pdf")
        (folder / "lien.pdf").symlink_to(outside)
        assert records.cv_path("cv/lien.pdf") is None


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="liens symboliques")
def test_a_cv_folder_that_is_a_link_is_refused(db, tmp_path: Path) -> None:
    pid = _profile(db)
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    files_dir().mkdir(parents=True, exist_ok=True)
    (files_dir() / "cv").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(records.FormError), db.session() as s:
        records.attach_cv(s, pid, _pdf(tmp_path), TODAY)
    assert list(elsewhere.iterdir()) == []
