"""Check the Windows installer script under wine, with the real Inno Setup compiler.

``make installer-check-windows``, on Linux (Debian: ``wine``, ``wine32``, ``xvfb``; Inno Setup
6.4.1 from the npm package ``innosetup``, fetched once with ``npm pack`` into
``build/innosetup``). In a fresh wine prefix (Windows 10, 64 bits, on a virtual X server,
since Inno Setup's hidden wizard still needs a display):

1. compiles ``installers/windows/cnum-biblio.iss`` with ISCC against a stand-in of the frozen
   layout (``cnum-biblio.exe`` is a small Windows program of wine, ``_internal/`` holds the
   repository's ``resources/``): the Windows build itself needs Windows (the hosted workflow);
2. a silent install with a ``/DIR`` inside the data folder must end with an error code, without
   waiting for a click on a hidden box;
3. installs silently for the current user (``/VERYSILENT /SUPPRESSMSGBOXES``) and checks the
   program files, the Start-menu shortcut, no Desktop shortcut (unchecked task) and the
   uninstall entry (name, version, per-user key);
4. uninstalls silently and checks the program, its shortcut and its entry are gone while the
   data folder (a witness file in ``backups``) is kept.
"""

from __future__ import annotations

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

ROOT = freeze_plan.ROOT
ISS = ROOT / "installers" / "windows" / "cnum-biblio.iss"
INNO_VERSION = "6.4.1"
INNO = ROOT / "build" / "innosetup"
ISCC = INNO / "package" / "bin" / "ISCC.exe"
APP_ID = "{94EC57BE-E49B-4507-B9EA-4A8E240EB09D}_is1"
DISPLAY_NUMBER = 89
STAND_IN_EXE = "hostname.exe"


class Report:
    def __init__(self) -> None:
        self.failures = 0

    def __call__(self, ok: bool, text: str) -> None:
        self.failures += 0 if ok else 1
        print(("OK     " if ok else "ÉCHEC  ") + text, flush=True)


def missing_tools() -> list[str]:
    problems = []
    for tool, package in (("wine", "wine wine32"), ("Xvfb", "xvfb"), ("npm", "npm")):
        if not shutil.which(tool):
            problems.append(f"{tool} manque : sudo apt install {package}")
    return problems


def inno_compiler() -> Path:
    """ISCC.exe of the npm package ``innosetup`` (downloaded once with the npm client)."""
    if ISCC.is_file():
        return ISCC
    INNO.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["npm", "pack", f"innosetup@{INNO_VERSION}", "--silent"],
        cwd=INNO,
        check=True,
        timeout=300,
        capture_output=True,
    )
    with tarfile.open(INNO / f"innosetup-{INNO_VERSION}.tgz") as tar:
        tar.extractall(INNO, filter="data")
    return ISCC


def stand_in_exe() -> Path:
    for folder in ("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows", "/usr/lib/wine/x86_64-windows"):
        path = Path(folder) / STAND_IN_EXE
        if path.is_file():
            return path
    raise RuntimeError(f"{STAND_IN_EXE} de wine (64 bits) introuvable")


def make_layout(folder: Path) -> Path:
    frozen = folder / freeze_plan.EXE_NAME
    shutil.copytree(ROOT / "resources", frozen / "_internal" / "resources")
    shutil.copyfile(stand_in_exe(), frozen / f"{freeze_plan.EXE_NAME}.exe")
    return frozen


def windows_path(path: Path) -> str:
    return "Z:" + str(path).replace("/", "\\")


class Wine:
    def __init__(self, prefix: Path, display: str) -> None:
        self.env = {
            **os.environ,
            "WINEPREFIX": str(prefix),
            "WINEARCH": "win64",
            "WINEDEBUG": "-all",
            "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko download prompt
            "DISPLAY": display,
        }
        self.prefix = prefix

    def run(self, *args: str, timeout: float = 300, cwd: Path | None = None) -> int:
        result = subprocess.run(
            ["wine", *args],
            env=self.env,
            cwd=cwd,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            check=False,
        )
        self.wait()
        return result.returncode

    def wait(self) -> None:
        """wineserver -w: every program of the prefix has ended (the uninstaller re-launches)."""
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=300, check=False)

    def user_dir(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        return users[0]

    def user_registry(self) -> str:
        self.run("reg", "query", r"HKCU\Software")  # makes wine write user.reg now
        return (self.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")


def uninstall_entry(registry: str) -> dict[str, str]:
    key = r"[Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\" + APP_ID.replace("\\", "")
    start = registry.find(key)
    if start < 0:
        return {}
    block = registry[start:].split("\n\n", 1)[0]
    return dict(re.findall(r'^"([^"]+)"="((?:[^"\\]|\\.)*)"', block, re.MULTILINE))


def check(report: Report, work: Path) -> None:
    iscc = inno_compiler()
    version = freeze_plan.project_version()
    numeric = ".".join(str(n) for n in freeze_plan.version_tuple(version))
    layout = make_layout(work / "gele")
    out = work / "sortie"
    out.mkdir()
    server = subprocess.Popen(  # noqa: S603 - our own command
        ["Xvfb", f":{DISPLAY_NUMBER}", "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1)
        wine = Wine(work / "prefixe", f":{DISPLAY_NUMBER}")
        started = time.monotonic()
        subprocess.run(["wineboot", "-i"], env=wine.env, capture_output=True, timeout=300)
        wine.run("winecfg", "-v", "win10")
        print(f"Préfixe wine (Windows 10, 64 bits) : {time.monotonic() - started:.0f} s")

        started = time.monotonic()
        code = wine.run(
            str(iscc),
            "/Q",
            f"/DAppVersion={version}",
            f"/DAppVersionNumeric={numeric}",
            f"/DFrozenDir={windows_path(layout)}",
            f"/DOutputDir={windows_path(out)}",
            ISS.name,
            cwd=ISS.parent,
        )
        setup = out / f"cnum-biblio-{version}-installation-windows.exe"
        report(
            code == 0 and setup.is_file(),
            f"compilation ISCC {INNO_VERSION} : {setup.name} ({time.monotonic() - started:.0f} s)",
        )
        if not setup.is_file():
            return
        user = wine.user_dir()
        local = user / "AppData" / "Local"
        data = local / "CNum Biblio"
        witness = data / "backups" / "temoin.txt"
        witness.parent.mkdir(parents=True)
        witness.write_text("à garder\n", encoding="utf-8")
        silent = ("/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART")

        started = time.monotonic()
        # The data folder as Windows names it (C:\users\…), the way a user would type it.
        data_dir = rf"C:\users\{user.name}\AppData\Local\CNum Biblio"
        code = wine.run(str(setup), *silent, f"/DIR={data_dir}", timeout=120)
        report(
            code != 0 and not (data / "cnum-biblio.exe").exists(),
            f"installation silencieuse dans le dossier des données refusée (code {code}, "
            f"{time.monotonic() - started:.0f} s, sans attendre)",
        )

        started = time.monotonic()
        code = wine.run(str(setup), *silent, f"/LOG={windows_path(work / 'installation.log')}")
        program = local / "Programs" / "CNum Biblio"
        report(
            code == 0,
            f"installation silencieuse pour l'utilisateur (code {code}, "
            f"{time.monotonic() - started:.0f} s)",
        )
        expected = ["cnum-biblio.exe", "unins000.exe", "_internal/resources/fonts/DejaVuSans.ttf"]
        present = [name for name in expected if (program / name).is_file()]
        report(
            present == expected, f"fichiers installés dans {program.relative_to(user)} : {present}"
        )
        start_menu = user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs/CNum Biblio.lnk"
        report(start_menu.is_file(), "raccourci du menu Démarrer")
        desktops = list(user.glob("*/CNum Biblio.lnk"))
        report(not desktops, "pas d'icône sur le Bureau (tâche décochée par défaut)")
        entry = uninstall_entry(wine.user_registry())
        report(
            entry.get("DisplayName") == f"CNum Biblio {version}"
            and entry.get("DisplayVersion") == version,
            "entrée « Applications installées » (HKCU) : "
            f"{entry.get('DisplayName')!r}, version {entry.get('DisplayVersion')!r}",
        )

        started = time.monotonic()
        code = wine.run(str(program / "unins000.exe"), *silent)
        report(
            code == 0 and not (program / "cnum-biblio.exe").exists(),
            f"désinstallation silencieuse (code {code}, {time.monotonic() - started:.0f} s)",
        )
        report(not start_menu.exists(), "raccourci du menu Démarrer retiré")
        report(not uninstall_entry(wine.user_registry()), "entrée de désinstallation retirée")
        report(
            witness.is_file() and witness.read_text(encoding="utf-8") == "à garder\n",
            "dossier des données gardé (backups/temoin.txt)",
        )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> int:
    problems = missing_tools()
    if problems:
        print("Vérification Windows sous wine impossible : " + " ; ".join(problems))
        return 1
    report = Report()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cnum-windows-check-") as tmp:
        check(report, Path(tmp))
    print(f"Durée : {time.monotonic() - started:.0f} s")
    print("Contrôle réussi." if not report.failures else f"Contrôle : {report.failures} échec(s).")
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
