"""Command-line subcommands and self-test checks, one module per area.

Each area module offers:
- ``register(sub, pdf_sub)``: adds its subcommands to ``sub`` (e.g. ``import-profiles``) and its
  document kinds to ``pdf_sub`` (``cnum-biblio pdf <kind>``); each parser sets ``func`` to a
  callable taking the parsed arguments and returning the exit code;
- ``self_checks()``: the checks ``--self-test`` runs for the area (render every PDF, write every
  export), each a ``SelfCheck``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop_app.db import Database


@dataclass
class SelfTestContext:
    db: Database
    workdir: Path


@dataclass
class SelfCheck:
    name: str
    run: Callable[[SelfTestContext], str | None]  # returns a short detail, raises on failure


class CommandError(Exception):
    """A command-line failure; ``str(error)`` is the one French line printed on stderr."""


def existing_file(value: str) -> Path:
    """An existing file; a folder given instead is named as such (« n'existe pas » sent the
    user looking for a file that is right there, as a folder)."""
    path = Path(value)
    if path.is_dir():
        raise argparse.ArgumentTypeError(
            f"« {value} » est un dossier, pas un fichier ; indiquez le fichier qu'il contient"
        )
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"le fichier « {value} » n'existe pas")
    return path


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", type=existing_file, required=True, metavar="CHEMIN", help="fichier de la base"
    )


def add_out_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, metavar="FICHIER", help="fichier à écrire")


def area_modules() -> list:
    from desktop_app.commands import kit, lacoop, personal_data, profiles, request, workshops

    return [request, profiles, workshops, lacoop, kit, personal_data]
