"""Check the Linux package on a fresh Debian system, not only on the build machine.

The build machine has every library the build needed; a user's fresh desktop may not. This
script runs the frozen program in a minimal Debian 12 made from Debian's own packages
(``debootstrap --variant=minbase``: no X11, no OpenGL, no fonts, no fontconfig configuration):

1. a pristine base is made once in ``build/minbase-bookworm`` (about 35 s, 210 MB, kept);
2. each run works on a fresh copy of it, where the package is unpacked as a user would;
3. ``cnum-biblio --version`` must work there as it is;
4. the libraries ``LISEZMOI.txt`` tells users to install (its ``sudo apt install`` line) are
   installed with apt, and nothing else;
5. ``cnum-biblio --self-test`` (offscreen) must then pass, without a fontconfig error;
6. the window's start-up check must find every library of the X11 platform; when the build
   machine has ``Xvfb``, the window is really opened on it (through the X11 socket) and closed.

It needs root (chroot, mounts) and debootstrap; with ``--si-possible`` it says what it could
not do and exits 0 instead of failing (``make installer-check`` as a normal user).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_frozen  # noqa: E402
import freeze_plan  # noqa: E402

ROOT = freeze_plan.ROOT
SUITE = "bookworm"
MIRROR = "http://deb.debian.org/debian"
BASE = ROOT / "build" / f"minbase-{SUITE}"
WORK = ROOT / "build" / f"minbase-{SUITE}-verif"
NOTE = ROOT / "installers" / "linux" / "LISEZMOI.txt"
INSIDE = "/opt/cnum-biblio"
DISPLAY_NUMBER = 87


def note_packages(note: Path = NOTE) -> list[str]:
    """The packages of the note's ``sudo apt install`` line (the one users are told to type)."""
    found = re.search(r"sudo apt install ([^\n]+)", note.read_text(encoding="utf-8"))
    if not found:
        raise RuntimeError(f"{note.name} : pas de ligne « sudo apt install »")
    return found.group(1).split()


def missing_prerequisites() -> list[str]:
    """What this machine lacks to run the check, in French."""
    problems = []
    if not sys.platform.startswith("linux"):
        problems.append("Linux est nécessaire")
    elif os.geteuid() != 0:
        problems.append("les droits root sont nécessaires (chroot) : sudo make installer-check")
    if not shutil.which("debootstrap"):
        problems.append("debootstrap manque : sudo apt install debootstrap")
    return problems


def _run(command: list[str], *, timeout: float = 900, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run(command, timeout=timeout, check=False, **kwargs)


def make_base(report: check_frozen._Report) -> bool:
    """The pristine minimal system (made once; a half-made one is removed first)."""
    done = BASE / ".complet"
    if done.is_file():
        return True
    shutil.rmtree(BASE, ignore_errors=True)
    BASE.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    result = _run(
        ["debootstrap", "--variant=minbase", SUITE, str(BASE), MIRROR],
        capture_output=True,
        text=True,
    )
    report(
        result.returncode == 0,
        f"système Debian minimal ({SUITE}, minbase) créé en {time.monotonic() - started:.0f} s",
    )
    if result.returncode != 0:
        print(result.stdout[-2000:] + result.stderr[-2000:])
        return False
    done.write_text(time.strftime("%Y-%m-%d %H:%M\n"), encoding="utf-8")
    return True


def mounts_under(folder: Path) -> list[str]:
    """Mount points inside the folder (never delete through a bind mount of the host)."""
    try:
        lines = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    inside = str(folder.resolve()) + "/"
    return [line.split()[1] for line in lines if line.split()[1].startswith(inside)]


def remove_copy() -> None:
    mounted = mounts_under(WORK)
    if mounted:
        raise RuntimeError(f"copie non supprimée, encore montée : {', '.join(mounted)}")
    shutil.rmtree(WORK, ignore_errors=True)


def fresh_copy() -> Path:
    remove_copy()
    subprocess.run(["cp", "-a", "--reflink=auto", str(BASE), str(WORK)], check=True)
    resolv = Path("/etc/resolv.conf")
    if resolv.is_file():
        shutil.copyfile(resolv, WORK / "etc" / "resolv.conf")
    return WORK


def unpack_inside(archive: Path, system: Path) -> str:
    """Unpack the package into the copy; return the program's path inside it."""
    target = system / INSIDE.lstrip("/")
    target.mkdir(parents=True)
    folder = check_frozen.unpack(archive, target)
    return f"{INSIDE}/{folder.name}/{freeze_plan.EXE_NAME}"


def in_chroot(
    system: Path, command: list[str], env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    base_env = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8"}
    return _run(
        [
            "chroot",
            str(system),
            "/usr/bin/env",
            "-i",
            *(f"{k}={v}" for k, v in {**base_env, **env}.items()),
            *command,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
    )


def _show(result: subprocess.CompletedProcess[str], lines: int = 12) -> None:
    text = (result.stdout + result.stderr).strip().splitlines()
    for line in text[-lines:]:
        print("        " + line)


def _window_on_xvfb(system: Path, program: str, report: check_frozen._Report) -> None:
    """Open the window on a virtual X server of the build machine, then close it."""
    xvfb = shutil.which("Xvfb")
    if not xvfb:
        print("(Xvfb absent de cette machine : fenêtre non ouverte ; sudo apt install xvfb)")
        return
    socket_dir = system / "tmp" / ".X11-unix"
    socket_dir.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(  # noqa: S603 - our own command
        [xvfb, f":{DISPLAY_NUMBER}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    mounted = False
    try:
        host_socket = Path(f"/tmp/.X11-unix/X{DISPLAY_NUMBER}")
        for _ in range(100):
            if host_socket.exists():
                break
            time.sleep(0.1)
        mounted = _run(["mount", "--bind", "/tmp/.X11-unix", str(socket_dir)]).returncode == 0
        result = in_chroot(
            system,
            [program, "--demo"],
            {
                "DISPLAY": f":{DISPLAY_NUMBER}",
                "QT_QPA_PLATFORM": "xcb",
                "CNUM_BIBLIO_HOME": "/tmp/donnees-fenetre",
                "CNUM_BIBLIO_QUIT_AFTER_MS": "1500",
            },
            timeout=180,
        )
        report(
            mounted and result.returncode == 0,
            f"fenêtre ouverte puis fermée sur X11 (Xvfb), code {result.returncode}",
        )
        if result.returncode != 0:
            _show(result)
    finally:
        if mounted:
            _run(["umount", str(socket_dir)])
        server.terminate()
        server.wait(timeout=30)


def check(archive: Path, report: check_frozen._Report) -> None:
    if not make_base(report):
        return
    system = fresh_copy()
    program = unpack_inside(archive, system)
    offscreen = {"QT_QPA_PLATFORM": "offscreen", "CNUM_BIBLIO_HOME": "/tmp/donnees"}

    version = in_chroot(system, [program, "--version"], {})
    report(
        version.returncode == 0 and version.stdout.startswith(freeze_plan.APP_NAME),
        f"--version sur le système nu : {version.stdout.strip() or version.stderr.strip()[-200:]}",
    )
    bare = in_chroot(system, [program, "--self-test"], offscreen)
    needs = sorted(set(re.findall(r"lib[\w.+-]+\.so\.\d+", bare.stdout + bare.stderr)))
    print(
        f"--self-test sur le système nu : code {bare.returncode}"
        + (f" (manque : {', '.join(needs)})" if needs else "")
    )

    packages = note_packages()
    started = time.monotonic()
    install = in_chroot(
        system,
        [
            "sh",
            "-c",
            "apt-get update -qq && apt-get install -y -qq --no-install-recommends "
            + " ".join(packages),
        ],
        {"DEBIAN_FRONTEND": "noninteractive"},
    )
    report(
        install.returncode == 0,
        f"paquets de LISEZMOI.txt installés ({' '.join(packages)}) en "
        f"{time.monotonic() - started:.0f} s",
    )
    if install.returncode != 0:
        _show(install)
        return

    self_test = in_chroot(system, [program, "--self-test"], offscreen)
    output = self_test.stdout + self_test.stderr
    report(
        self_test.returncode == 0,
        f"--self-test après l'installation de LISEZMOI.txt (code {self_test.returncode})",
    )
    if self_test.returncode != 0:
        _show(self_test, 30)
    report(
        "Fontconfig error" not in output, "polices : configuration fontconfig du paquet utilisée"
    )

    # The window's own check (desktop_app.system_check), X11 asked for, no server needed.
    gui = in_chroot(
        system,
        [program, "--demo"],
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":0", "CNUM_BIBLIO_HOME": "/tmp/donnees-x11"},
        timeout=120,
    )
    missing = "bibliothèques du système manquent" in gui.stderr
    report(not missing, "bibliothèques de la fenêtre X11 toutes présentes")
    if missing:
        _show(gui)
    _window_on_xvfb(system, program, report)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie le paquet Linux sur un Debian minimal.")
    version = freeze_plan.project_version()
    default = ROOT / "dist" / freeze_plan.linux_archive_name(version)
    parser.add_argument("archive", nargs="?", type=Path, default=default, help="paquet .tar.gz")
    parser.add_argument(
        "--si-possible",
        action="store_true",
        help="sans root ni debootstrap : le dire et réussir quand même",
    )
    parser.add_argument("--garder", action="store_true", help="garder la copie vérifiée")
    args = parser.parse_args(argv)
    problems = missing_prerequisites()
    if problems:
        print("Vérification sur un Debian minimal NON FAITE : " + " ; ".join(problems))
        return 0 if args.si_possible else 1
    report = check_frozen._Report()
    if not args.archive.is_file():
        report(False, f"paquet introuvable : {args.archive} (lancer d'abord « make installer »)")
        return 1
    print(f"Paquet : {args.archive.name}, sur un Debian {SUITE} minimal (debootstrap minbase)")
    started = time.monotonic()
    try:
        check(args.archive, report)
    finally:
        if not args.garder:
            remove_copy()
    print(f"Durée : {time.monotonic() - started:.0f} s")
    check_frozen._conclude(report)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
