"""Two bases of one folder whose names differ only by their suffix (``mairie.sqlite`` and
``mairie.db``): each has its own backups. By the stem alone they shared them — one's thinning
deleted the other's, and restoring one offered, then put in place, the other's data."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from desktop_app.backups import list_backups_for, make_backup
from desktop_app.db import open_database
from desktop_app.services.structure import StructureInfo, get_structure, save_structure


def _base(path: Path, name: str) -> Path:
    db = open_database(path, allow_new=True)
    with db.session() as session:
        save_structure(session, StructureInfo(name=name))
    db.close()
    return path


def test_bases_differing_by_their_suffix_keep_apart_backups(tmp_path: Path) -> None:
    sqlite = _base(tmp_path / "mairie.sqlite", "Médiathèque")
    other = _base(tmp_path / "mairie.db", "Ludothèque")
    bare = _base(tmp_path / "mairie", "Bibliobus")
    made = {path: make_backup(path) for path in (sqlite, other, bare)}
    for path, backup in made.items():
        assert [b.path for b in list_backups_for(path)] == [backup]
    folder = tmp_path / "backups"
    for day in range(1, 400):  # a year of the other base's backups does not thin this one's
        taken = datetime.now() - timedelta(days=day)
        (folder / f"mairie(db)-{taken:%Y%m%d-%H%M%S}.sqlite").write_bytes(b"x")
    make_backup(other)
    assert made[sqlite].exists() and made[bare].exists()
    db = open_database(list_backups_for(sqlite)[0].path)
    try:
        with db.session() as session:
            assert get_structure(session).name == "Médiathèque"
    finally:
        db.close()


def test_backups_named_before_the_suffix_still_belong_to_their_base(tmp_path: Path) -> None:
    other = _base(tmp_path / "mairie.db", "Ludothèque")
    folder = tmp_path / "backups"
    folder.mkdir()
    old = folder / "mairie-20250101-120000.sqlite"  # made by an earlier version
    old.write_bytes(b"x")
    assert old in {b.path for b in list_backups_for(other)}
    _base(tmp_path / "mairie.sqlite", "Médiathèque")  # now they may be this one's
    assert old not in {b.path for b in list_backups_for(other)}


def test_a_missing_base_with_one_backup_is_said_in_good_french(tmp_path: Path) -> None:
    import pytest

    from desktop_app.db import DatabaseMissingError

    base = _base(tmp_path / "mairie.sqlite", "Médiathèque")
    make_backup(base)
    base.unlink()
    with pytest.raises(DatabaseMissingError) as info:
        open_database(base)
    assert "1 sauvegarde s'y trouve." in str(info.value)
