"""A fresh clone with nothing beside it has every file its tests read.

The checkout where the team works has a ``shared/`` folder next to it; a newcomer's clone does
not. The tests that read reference data are run again inside a clone of the committed HEAD, in
an empty temporary folder, with the current interpreter (no new environment, so it stays fast).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
# A path into the folder beside the checkout: dot-dot then the folder's name, or that name as a path segment.
OUTSIDE = re.compile(r"\.\./" + "shared" + r"|[\"']" + "shared" + r"[\"']")
# How a test names the reference data of the repository.
USES_DATA = re.compile(r"[\"']data[\"']|tests/data")


def _test_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("test_*.py")) + sorted(folder.rglob("conftest.py"))


def test_no_test_reads_outside_the_repository() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in _test_files(TESTS)
        if path.name != Path(__file__).name and OUTSIDE.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _data_tests(tests: Path) -> list[Path]:
    return [
        path
        for path in sorted(tests.rglob("test_*.py"))
        if path.name != Path(__file__).name and USES_DATA.search(path.read_text(encoding="utf-8"))
    ]


def test_reference_data_tests_pass_in_a_clone_with_nothing_beside_it(tmp_path: Path) -> None:
    git = shutil.which("git")
    assert git, "git est nécessaire pour cloner le dépôt"
    alone = tmp_path / "seul"
    alone.mkdir()
    clone = alone / "cnum-biblio"
    subprocess.run(
        [git, "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert sorted(p.name for p in alone.iterdir()) == ["cnum-biblio"]
    selected = _data_tests(clone / "tests")
    names = [str(p.relative_to(clone)) for p in selected]
    assert "tests/test_mednum.py" in names, names
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
        "PYTHONPATH": str(clone),  # the clone's desktop_app, not the checkout's
        "QT_QPA_PLATFORM": "offscreen",
        "CNUM_BIBLIO_HOME": str(tmp_path / "donnees"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import desktop_app; print(desktop_app.__file__)"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(clone), where.stdout
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *names],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout[-500:]
    assert " failed" not in result.stdout and " skipped" not in result.stdout
