"""Build the Linux package: ``dist/cnum-biblio-<version>-linux-x86_64.tar.gz``.

Run by ``make installer`` with the project's virtual environment (PyInstaller comes from the
``build`` extra). Steps:
1. PyInstaller freezes the program with ``installers/cnum-biblio.spec`` into
   ``build/pyinstaller/dist/cnum-biblio/``;
2. debugging symbols are removed from the libraries that carry them (Python's own library is
   built with them: about 20 MB for nothing), but only from files no wheel has patched (no
   ``$ORIGIN`` search path), because ``strip`` can damage libraries rewritten by ``patchelf``;
3. the folder is packed as ``cnum-biblio-<version>/`` with the menu entry (``.desktop``), the
   icon, the script that adds the menu entry, and a short note in French (``LISEZMOI.txt``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import freeze_plan  # noqa: E402

ROOT = freeze_plan.ROOT
LINUX_DIR = ROOT / "installers" / "linux"
WORK = ROOT / "build" / "pyinstaller"
FROZEN = WORK / "dist" / freeze_plan.EXE_NAME


def freeze() -> Path:
    """Run PyInstaller; return the frozen folder."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--log-level=WARN",
        "--distpath",
        str(WORK / "dist"),
        "--workpath",
        str(WORK / "work"),
        str(ROOT / "installers" / "cnum-biblio.spec"),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    return FROZEN


def _elf_sections(path: Path) -> str:
    result = subprocess.run(
        ["readelf", "-S", "-d", "-W", str(path)], capture_output=True, text=True, check=False
    )
    return result.stdout if result.returncode == 0 else ""


def strip_debug_info(folder: Path) -> int:
    """Remove debugging sections from unpatched ELF files; return the bytes saved."""
    if not shutil.which("strip") or not shutil.which("readelf"):
        print("strip/readelf absents : symboles de débogage conservés")
        return 0
    saved = 0
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file() or ".so" not in path.name:
            continue
        info = _elf_sections(path)
        if ".debug_info" not in info or "$ORIGIN" in info:
            continue
        before = path.stat().st_size
        subprocess.run(["strip", "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def _add_file(archive: tarfile.TarFile, source: Path, name: str, mode: int) -> None:
    info = archive.gettarinfo(str(source), arcname=name)
    info.mode = mode
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with source.open("rb") as handle:
        archive.addfile(info, handle)


def _normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def pack(frozen: Path, version: str, dist: Path) -> Path:
    """Write the .tar.gz: one top folder with the program, its menu entry and icon."""
    dist.mkdir(parents=True, exist_ok=True)
    target = dist / freeze_plan.linux_archive_name(version)
    top = f"{freeze_plan.EXE_NAME}-{version}"
    partial = target.with_name(target.name + ".partiel")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(str(frozen), arcname=top, filter=_normalise)
        _add_file(archive, LINUX_DIR / "cnum-biblio.desktop", f"{top}/cnum-biblio.desktop", 0o644)
        _add_file(
            archive,
            ROOT / "resources" / "icons" / "cnum-biblio-256.png",
            f"{top}/cnum-biblio.png",
            0o644,
        )
        _add_file(archive, LINUX_DIR / "installer-menu.sh", f"{top}/installer-menu.sh", 0o755)
        note = (
            (LINUX_DIR / "LISEZMOI.txt").read_text(encoding="utf-8").replace("{version}", version)
        )
        note_path = WORK / "LISEZMOI.txt"
        note_path.write_text(note, encoding="utf-8")
        _add_file(archive, note_path, f"{top}/LISEZMOI.txt", 0o644)
    os.replace(partial, target)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le paquet Linux de CNum Biblio.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="dossier de sortie")
    args = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print(
            "Ce script construit le paquet Linux ; sous Windows, voir le README.", file=sys.stderr
        )
        return 2
    version = freeze_plan.project_version()
    started = time.monotonic()
    frozen = freeze()
    frozen_at = time.monotonic()
    saved = strip_debug_info(frozen)
    archive = pack(frozen, version, args.dist)
    done = time.monotonic()
    mb = 1024 * 1024
    print(f"PyInstaller : {frozen_at - started:.0f} s ; paquet : {done - frozen_at:.0f} s")
    print(f"Symboles de débogage retirés : {saved / mb:.1f} Mo")
    print(f"Dossier gelé : {folder_size(frozen) / mb:.1f} Mo")
    print(
        f"Paquet : {archive.relative_to(ROOT) if archive.is_relative_to(ROOT) else archive} "
        f"({archive.stat().st_size / mb:.1f} Mo)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
