"""Hostile import files: a header far too wide is refused at once; a line with a NUL byte or an
over-long value is refused on its own, with a French reason, and the other lines go on."""

from __future__ import annotations

import time

import pytest

from desktop_app.services.profiles.importer import (
    MAX_FIELD_CHARS,
    ImportFileError,
    read_import_bytes,
)

HEADER = "Nom;Prénom;Email;Code postal;Formation CCP1;Expérience;Test PIX;CV\r\n"
GOOD = "Martin;Claire;claire@exemple.fr;58120;oui;non;oui;non\r\n"


def test_a_header_of_a_million_columns_is_refused_quickly(db) -> None:  # noqa: ANN001
    data = (HEADER.rstrip("\r\n") + ";x" * 1_000_000 + "\r\n" + GOOD).encode("utf-8")
    started = time.perf_counter()
    with db.session() as session, pytest.raises(ImportFileError, match="colonnes"):
        read_import_bytes(data, "enorme.csv", session)
    assert time.perf_counter() - started < 5


def test_nul_bytes_and_long_values_are_refused_line_by_line(db) -> None:  # noqa: ANN001
    nul = "Dur\x00and;Paul;paul@exemple.fr;58120;oui;non;oui;non\r\n"
    long_name = "A" * (MAX_FIELD_CHARS + 1)
    too_long = f"{long_name};Léa;lea@exemple.fr;58120;oui;non;oui;non\r\n"
    padding = "\r\n" * 5000  # past the first 8 KB, where a NUL makes the whole file "binary"
    data = (HEADER + GOOD + padding + nul + too_long).encode("utf-8")
    with db.session() as session:
        preview = read_import_bytes(data, "profils.csv", session)
    assert [r.email for r in preview.to_add] == ["claire@exemple.fr"]
    reasons = [r.reason for r in preview.rejected]
    assert len(reasons) == 2
    assert any("caractère nul" in r for r in reasons)
    assert any(f"dépasse {MAX_FIELD_CHARS} caractères" in r for r in reasons)
