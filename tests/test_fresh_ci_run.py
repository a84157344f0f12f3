"""``.ci/run`` installs what the README lists for tests, also for a normal user, then runs the
README's commands in a clean clone.

The system tools it calls (dpkg, apt-get, id, sudo, git) are replaced by small scripts that
record how they were called: nothing is installed.
"""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CI_RUN = ROOT / ".ci" / "run"


def _ci_packages() -> list[str]:
    found = re.search(r'^pkgs="([^"]+)"', CI_RUN.read_text(encoding="utf-8"), re.MULTILINE)
    assert found
    return found.group(1).split()


PDF_READING_TOOLS = ("poppler-utils", "zbar-tools")


def _readme_install_lines() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [line.split()[3:] for line in re.findall(r"^sudo apt install .+$", text, re.MULTILINE)]


def test_ci_installs_exactly_the_readme_s_list_for_tests() -> None:
    full, tests_only = _readme_install_lines()[:2]
    assert _ci_packages() == tests_only
    # the tests also read PDFs back (pages, barcodes); running the application does not
    to_run = [p for p in tests_only if p not in PDF_READING_TOOLS]
    assert full[: len(to_run)] == to_run
    assert full[len(to_run) :] == [
        "libxcb-cursor0",
        "libxkbcommon-x11-0",
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-shape0",
    ]


def test_poppler_is_installed_exactly_when_a_test_renders_pdf_pages() -> None:
    # A test that calls poppler's programs needs poppler-utils in .ci/run (and the README).
    callers = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path.name != Path(__file__).name
        and re.search(r"pdftoppm|pdftotext|pdftocairo|pdfinfo", path.read_text(encoding="utf-8"))
    ]
    assert ("poppler-utils" in _ci_packages()) == bool(callers), callers


def _fake(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _fake_system(tmp_path: Path, *, sudo: bool) -> tuple[Path, Path]:
    """A PATH with dpkg saying nothing is installed, a normal user, and a git that stops."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "appels.txt"
    for tool in ("dirname", "env", "mktemp", "rm", "cat"):
        found = shutil.which(tool)
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    _fake(bin_dir, "dpkg", "exit 1\n")  # every package missing
    _fake(bin_dir, "id", "echo 1000\n")  # not root
    _fake(bin_dir, "apt-get", f'echo "apt-get $*" >> "{log}"\n')
    _fake(bin_dir, "git", f'echo "git $*" >> "{log}"\nexit 3\n')  # stop before the clone
    if sudo:
        _fake(bin_dir, "sudo", f'echo "sudo $*" >> "{log}"\n"$@"\n')
    return bin_dir, log


def _run_ci(bin_dir: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    assert bash
    return subprocess.run(
        [bash, str(CI_RUN)],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path), "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_normal_user_without_sudo_is_told_what_to_install(tmp_path: Path) -> None:
    bin_dir, log = _fake_system(tmp_path, sudo=False)
    result = _run_ci(bin_dir, tmp_path)
    assert result.returncode == 1
    assert "Paquets système manquants : " + " ".join(_ci_packages()) in result.stderr
    assert "apt-get install " + " ".join(_ci_packages()) in result.stderr
    assert not log.exists()  # neither apt-get nor git was run


def test_a_normal_user_with_sudo_installs_through_sudo_then_clones(tmp_path: Path) -> None:
    bin_dir, log = _fake_system(tmp_path, sudo=True)
    result = _run_ci(bin_dir, tmp_path)
    assert result.returncode == 3, result.stderr  # the fake git's exit code
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0] == "sudo apt-get update -qq"
    assert calls[2].startswith("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ")
    assert calls[2].endswith(" ".join(_ci_packages()))
    assert calls[-1].startswith("git clone --quiet --no-hardlinks . ")
