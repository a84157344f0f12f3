"""Check the Linux package the way a user gets it: unpack it, then run the frozen program.

Run by ``make installer-check`` after ``make installer`` (and, with ``--dossier``, by the Windows
workflow on the frozen folder and on the installed program). In a temporary folder it:
1. unpacks ``dist/cnum-biblio-<version>-linux-x86_64.tar.gz`` and reports the unpacked size;
2. checks that the package carries the application's metadata with the project's version (so
   that ``--version`` and "À propos" do not fall back on a built-in number);
3. checks that every shared library in the package finds the libraries it links to
   (``ldd``: "not found" means a library was left out);
4. runs ``cnum-biblio --version`` (must print the project's version) and
   ``cnum-biblio --self-test`` (must end with exit code 0), offscreen, with a throw-away data
   folder so that the user's own data is never touched.
Exit code 0 only when everything passed.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import freeze_plan  # noqa: E402

MB = 1024 * 1024
# What the frozen program is asked to do, in order, when the command line does not say (the
# arguments after "--", one run each): each must exit with 0.
FROZEN_RUNS: tuple[tuple[str, ...], ...] = (("--version",), ("--self-test",))
RUN_TIMEOUT_S = 600
# Libraries of the desktop itself (X11 and Wayland helpers, like libGL they are not bundled): a
# build machine without a desktop may lack them and still produce a good package.
DESKTOP_LIBRARIES = ("libxcb-keysyms", "libxcb-icccm", "libwayland-")


def unpack(archive: Path, into: Path) -> Path:
    """Unpack the archive; return its single top folder."""
    with tarfile.open(archive, "r:gz") as tar:
        tops = {Path(member.name).parts[0] for member in tar.getmembers()}
        if len(tops) != 1:
            raise RuntimeError(f"l'archive doit contenir un seul dossier, pas {sorted(tops)}")
        if hasattr(tarfile, "data_filter"):
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - Python < 3.11.4
            tar.extractall(into)  # noqa: S202 - our own archive
    return into / tops.pop()


def unpacked_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of the unpacked folder, symbolic links not counted twice."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def metadata_version(folder: Path) -> str | None:
    """The version written in the bundled package metadata of cnum-biblio, if any."""
    for pattern in (
        "_internal/cnum_biblio-*.dist-info/METADATA",
        "_internal/cnum_biblio*.egg-info/PKG-INFO",
    ):
        for path in folder.glob(pattern):
            match = re.search(r"^Version: (\S+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
            if match:
                return match.group(1)
    return None


def missing_libraries(folder: Path) -> list[str]:
    """Shared libraries of the package whose own dependencies cannot be found (Linux, ldd)."""
    if not shutil.which("ldd"):
        return []
    internal = folder / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    problems = []
    for path in sorted(folder.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        result = subprocess.run(
            ["ldd", str(path)], capture_output=True, text=True, env=env, check=False
        )
        for line in result.stdout.splitlines():
            if "not found" in line:
                problems.append(f"{path.relative_to(folder)} : {line.strip()}")
    return problems


def program_path(folder: Path) -> Path:
    return folder / (freeze_plan.EXE_NAME + (".exe" if sys.platform == "win32" else ""))


def run_frozen(program: Path, args: tuple[str, ...], home: Path) -> tuple[int, str, float]:
    """Run the frozen program offscreen; return (exit code, output, seconds)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        CNUM_BIBLIO_HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),  # Qt settings (Linux): not the user's own
    )
    for name in ("PYTHONPATH", "PYTHONHOME", "PYTHONUTF8", "PYTHONIOENCODING"):
        env.pop(name, None)  # run the program as a user's session would
    started = time.monotonic()
    result = subprocess.run(
        [str(program), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",  # installers/rthooks/utf8_output.py
        errors="replace",
        env=env,
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    output = result.stdout + (("\n" + result.stderr) if result.stderr.strip() else "")
    return result.returncode, output.strip(), time.monotonic() - started


class _Report:
    def __init__(self) -> None:
        self.failures = 0

    def __call__(self, ok: bool, text: str) -> None:
        self.failures += 0 if ok else 1
        print(("OK     " if ok else "ÉCHEC  ") + text, flush=True)


def check_folder(
    folder: Path,
    version: str,
    tmp: Path,
    report: _Report,
    *,
    ignored_libraries: tuple[str, ...] = (),
    runs: tuple[tuple[str, ...], ...] = FROZEN_RUNS,
) -> None:
    """The checks of a frozen folder: size, metadata, libraries, then the program's own runs."""
    size, count = unpacked_size(folder)
    print(f"Taille du dossier gelé : {size / MB:.1f} Mo ({count} fichiers)")
    found = metadata_version(folder)
    report(found == version, f"métadonnées du paquet : version {found} (attendue {version})")
    missing = [
        line
        for line in missing_libraries(folder)
        if not line.split(" : ")[-1].startswith(ignored_libraries)
    ]
    report(
        not missing,
        "bibliothèques partagées complètes"
        if not missing
        else "bibliothèques manquantes :\n        " + "\n        ".join(missing[:20]),
    )
    program = program_path(folder)
    for args in runs:
        shown = " ".join(args)
        if not program.is_file():
            report(False, f"programme introuvable : {program}")
            break
        code, output, seconds = run_frozen(program, args, tmp / "donnees")
        print(f"--- {program.name} {shown} ({seconds:.1f} s, code {code})")
        print(output)
        ok = code == 0
        if args == ("--version",):
            ok = ok and output.splitlines()[:1] == [f"{freeze_plan.APP_NAME} {version}"]
        report(ok, f"{program.name} {shown}")


def check(
    archive: Path,
    version: str,
    *,
    ignored_libraries: tuple[str, ...] = (),
    runs: tuple[tuple[str, ...], ...] = FROZEN_RUNS,
) -> int:
    """Every check on one Linux archive; prints a report and returns the number of failures."""
    report = _Report()
    if not archive.is_file():
        report(False, f"paquet introuvable : {archive} (lancer d'abord « make installer »)")
        return report.failures
    print(f"Paquet : {archive.name} ({archive.stat().st_size / MB:.1f} Mo)")
    with tempfile.TemporaryDirectory(prefix="cnum-installer-check-") as tmp:
        folder = unpack(archive, Path(tmp) / "paquet")
        for name in ("cnum-biblio", "cnum-biblio.desktop", "cnum-biblio.png", "LISEZMOI.txt"):
            report((folder / name).is_file(), f"le paquet contient {name}")
        check_folder(
            folder, version, Path(tmp), report, ignored_libraries=ignored_libraries, runs=runs
        )
    _conclude(report)
    return report.failures


def check_installed(
    folder: Path, version: str, runs: tuple[tuple[str, ...], ...] = FROZEN_RUNS
) -> int:
    """The same checks on a frozen folder as it is (Windows build, or an installed copy)."""
    report = _Report()
    with tempfile.TemporaryDirectory(prefix="cnum-installer-check-") as tmp:
        check_folder(
            folder, version, Path(tmp), report, ignored_libraries=DESKTOP_LIBRARIES, runs=runs
        )
    _conclude(report)
    return report.failures


def _conclude(report: _Report) -> None:
    print("Contrôle réussi." if not report.failures else f"Contrôle : {report.failures} échec(s).")


def main(argv: list[str] | None = None) -> int:
    """``check_frozen.py [ARCHIVE | --dossier DOSSIER] [-- ARG...]``: each ARG is one run."""
    for stream in (sys.stdout, sys.stderr):  # the report quotes the program's UTF-8 output
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    argv = list(sys.argv[1:] if argv is None else argv)
    own, runs = argv, FROZEN_RUNS
    if "--" in argv:
        cut = argv.index("--")
        own, runs = argv[:cut], tuple((arg,) for arg in argv[cut + 1 :]) or FROZEN_RUNS
    version = freeze_plan.project_version()
    default = freeze_plan.ROOT / "dist" / freeze_plan.linux_archive_name(version)
    parser = argparse.ArgumentParser(description="Vérifie le programme gelé de CNum Biblio.")
    parser.add_argument("archive", nargs="?", type=Path, default=default, help="paquet .tar.gz")
    parser.add_argument("--version-attendue", dest="version", default=version)
    parser.add_argument(
        "--dossier", type=Path, help="vérifier ce dossier gelé (ou installé) au lieu d'un paquet"
    )
    args = parser.parse_args(own)
    if args.dossier:
        return 1 if check_installed(args.dossier, args.version, runs) else 0
    failures = check(args.archive, args.version, ignored_libraries=DESKTOP_LIBRARIES, runs=runs)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
