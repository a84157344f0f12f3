"""``make`` on a machine that lacks something: a French message, and never a broken ``.venv`` left.

Each test copies the Makefile into an empty folder and runs its ``venv`` step (the one every
``make run`` and ``make test`` goes through first) with a ``PYTHON`` that behaves like the broken
machine: Debian without python3-venv, an old Python, no Python at all.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = shutil.which("make")


def _base_python() -> str:
    """A real interpreter with venv and ensurepip (the one behind the project's .venv)."""
    version = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for candidate in (Path(sys.base_prefix) / "bin" / version, Path(sys._base_executable)):
        if candidate.is_file():
            return str(candidate)
    return sys.executable


def _script(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    assert MAKE, "make est nécessaire (README : sudo apt install make)"
    folder = tmp_path / "projet"
    folder.mkdir()
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    return folder


def _make_venv(folder: Path, python: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "VIRTUAL_ENV"}}
    return subprocess.run(
        [str(MAKE), "--no-print-directory", "venv", f"PYTHON={python}"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def _pip_runs(folder: Path) -> bool:
    python = folder / ".venv" / "bin" / "python"
    result = subprocess.run(
        [str(python), "-m", "pip", "--version"], capture_output=True, timeout=120, check=False
    )
    return result.returncode == 0


def test_without_python3_venv_no_half_made_venv_is_left(project: Path) -> None:
    # What Debian's python3 does without python3-venv: the folder and its python are made,
    # then ensurepip is missing and the command fails.
    fake = _script(
        project / "python-sans-venv",
        f"""#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  "{_base_python()}" -m venv --without-pip "$3"
  echo "The virtual environment was not created successfully because ensurepip is not"
  echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv"
  echo "package using the following command."
  echo "    apt install python3.11-venv"
  exit 1
fi
exec "{_base_python()}" "$@"
""",
    )
    result = _make_venv(project, str(fake))
    assert result.returncode != 0
    assert not (project / ".venv").exists(), "a broken .venv was left behind"
    assert "sudo apt install python3-venv" in result.stderr
    assert "le module venv de Python" in result.stderr
    # Python's own English detail is quoted after the French lines, not instead of them.
    assert result.stderr.index("sudo apt install") < result.stderr.index("ensurepip")


def test_a_venv_without_pip_is_rebuilt_by_the_next_make(project: Path) -> None:
    subprocess.run(
        [_base_python(), "-m", "venv", "--without-pip", str(project / ".venv")],
        check=True,
        timeout=120,
    )
    assert not _pip_runs(project)
    result = _make_venv(project, _base_python())
    assert result.returncode == 0, result.stderr
    assert "incomplet" in result.stdout
    assert _pip_runs(project)
    # A sound .venv is left alone by the next make.
    again = _make_venv(project, _base_python())
    assert again.returncode == 0 and "incomplet" not in again.stdout
    assert "Création" not in again.stdout


def test_a_venv_whose_python_was_removed_is_rebuilt(project: Path) -> None:
    bin_dir = project / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(project / "python-supprime")  # dangling
    result = _make_venv(project, _base_python())
    assert result.returncode == 0, result.stderr
    assert _pip_runs(project)


def test_no_python_says_what_to_install(project: Path) -> None:
    result = _make_venv(project, str(project / "pas-de-python3"))
    assert result.returncode != 0
    assert "Python est introuvable" in result.stderr
    assert "sudo apt install python3 python3-venv" in result.stderr
    assert not (project / ".venv").exists()


def test_an_old_python_is_named_with_its_version(project: Path) -> None:
    old = _script(
        project / "python3.9",
        """#!/bin/sh
case "$*" in
  *version_info*) exit 1 ;;
  *python_version*) echo 3.9.2 ;;
  *) exit 1 ;;
esac
""",
    )
    result = _make_venv(project, str(old))
    assert result.returncode != 0
    assert "Python 3.11 ou plus récent" in result.stderr
    assert "3.9.2" in result.stderr
    assert not (project / ".venv").exists()
