"""Before Qt starts on Linux: are the system libraries of its platform plugin there?

When a library of the X11 platform plugin is missing, Qt only says "xcb-cursor0 or
libxcb-cursor0 is needed to load the Qt xcb platform plugin", even when that one is installed
and the missing pieces are others (libxkbcommon-x11, libxcb-icccm…); the real names show only
with QT_DEBUG_PLUGINS=1. This check asks the system's dynamic loader for each library first, and
names the Debian/Ubuntu packages to install in one French line, with the command to type.

It imports nothing from Qt, so it can also run before Qt is imported at all (then the libraries
of QtGui itself, such as libGL or libEGL, are checked too).
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SKIP_VARIABLE = "CNUM_BIBLIO_SANS_VERIFICATION_SYSTEME"


@dataclass(frozen=True)
class Library:
    soname: str
    package: str  # Debian and Ubuntu package that ships it


# What libQt6Gui, libQt6Widgets, libQt6DBus and the offscreen plugin of the PySide6 wheels link
# to outside the wheel (readelf -d: NEEDED), with the Debian package of each; a test compares
# this list with the installed PySide6. The C and C++ runtimes are always there.
QT_GUI_LIBRARIES: tuple[Library, ...] = (
    Library("libglib-2.0.so.0", "libglib2.0-0"),
    Library("libgthread-2.0.so.0", "libglib2.0-0"),
    Library("libGL.so.1", "libgl1"),
    Library("libEGL.so.1", "libegl1"),
    Library("libfontconfig.so.1", "libfontconfig1"),
    Library("libfreetype.so.6", "libfreetype6"),
    Library("libxkbcommon.so.0", "libxkbcommon0"),
    Library("libX11.so.6", "libx11-6"),
    Library("libdbus-1.so.3", "libdbus-1-3"),
)
# What the X11 ("xcb") platform plugin and libQt6XcbQpa add.
XCB_LIBRARIES: tuple[Library, ...] = (
    Library("libxcb.so.1", "libxcb1"),
    Library("libX11-xcb.so.1", "libx11-xcb1"),
    Library("libxcb-cursor.so.0", "libxcb-cursor0"),
    Library("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    Library("libxcb-icccm.so.4", "libxcb-icccm4"),
    Library("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    Library("libxcb-shape.so.0", "libxcb-shape0"),
    Library("libxcb-image.so.0", "libxcb-image0"),
    Library("libxcb-util.so.1", "libxcb-util1"),
    Library("libxcb-randr.so.0", "libxcb-randr0"),
    Library("libxcb-render.so.0", "libxcb-render0"),
    Library("libxcb-render-util.so.0", "libxcb-render-util0"),
    Library("libxcb-shm.so.0", "libxcb-shm0"),
    Library("libxcb-sync.so.1", "libxcb-sync1"),
    Library("libxcb-xfixes.so.0", "libxcb-xfixes0"),
    Library("libxcb-xkb.so.1", "libxcb-xkb1"),
)
PACKAGES: dict[str, str] = {lib.soname: lib.package for lib in QT_GUI_LIBRARIES + XCB_LIBRARIES}
# Platforms that need no display server library of their own.
_NO_DISPLAY_LIBRARIES = {"offscreen", "minimal", "vnc", "linuxfb", "eglfs", "minimalegl"}


def bundled_folders() -> list[Path]:
    """Where a library may ship with the program instead of the system (frozen, or the wheel)."""
    folders: list[Path] = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders.append(Path(frozen))
    try:
        import importlib.util

        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        folders.append(Path(spec.origin).parent / "Qt" / "lib")
    return folders


def system_loader(soname: str) -> bool:
    """True when the dynamic loader can open the library (and the libraries it needs)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_libraries(
    libraries: Iterable[Library],
    loader: Callable[[str], bool] | None = None,
    folders: Iterable[Path] | None = None,
) -> list[Library]:
    """The libraries neither the system nor the program's own folders provide."""
    loader = loader or system_loader
    where = list(bundled_folders() if folders is None else folders)
    return [
        lib
        for lib in libraries
        if not any((folder / lib.soname).exists() for folder in where) and not loader(lib.soname)
    ]


def platform_to_check(environ: Mapping[str, str]) -> str:
    """The Qt platform plugin that will be loaded: "xcb", "wayland", "offscreen"…"""
    chosen = environ.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    # Qt's choice on Linux when nothing is said: Wayland in a Wayland session (falling back to
    # X11), otherwise X11.
    return "wayland" if environ.get("WAYLAND_DISPLAY") else "xcb"


def libraries_needed(environ: Mapping[str, str], *, qt_imported: bool) -> tuple[Library, ...]:
    """What to check for the coming start of Qt."""
    needed: tuple[Library, ...] = () if qt_imported else QT_GUI_LIBRARIES
    if platform_to_check(environ) == "xcb":
        needed += XCB_LIBRARIES
    return needed


def packages_of(missing: Iterable[Library]) -> list[str]:
    """Each package once, in the order of the list above."""
    return list(dict.fromkeys(lib.package for lib in missing))


def message(missing: list[Library]) -> str:
    """Two French lines: what is missing, and the command that installs it."""
    names = ", ".join(lib.soname for lib in missing)
    packages = " ".join(packages_of(missing))
    return (
        f"cnum-biblio : des bibliothèques du système manquent pour afficher la fenêtre ({names}).\n"
        f"Sous Debian ou Ubuntu, installez-les puis relancez : sudo apt install {packages}\n"
    )


def soname_in_error(error: BaseException) -> str | None:
    """The library named by a loader error ("libEGL.so.1: cannot open shared object file")."""
    found = re.search(r"(lib[\w.+-]+?\.so(?:\.\d+)*)", str(error))
    return found.group(1) if found else None


def message_for_import_error(error: ImportError) -> str | None:
    """A French message for Qt failing to import because of a system library, else None."""
    soname = soname_in_error(error)
    if soname is None:
        return None
    package = PACKAGES.get(soname)
    hint = (
        f"sudo apt install {package}"
        if package
        else f"cherchez le paquet qui la contient : apt-file search {soname}"
    )
    return (
        f"cnum-biblio : la bibliothèque du système {soname} manque pour afficher la fenêtre.\n"
        f"Sous Debian ou Ubuntu, installez-la puis relancez : {hint}\n"
    )


def check_gui_libraries(
    environ: Mapping[str, str] | None = None,
    *,
    loader: Callable[[str], bool] | None = None,
    platform: str = sys.platform,
    qt_imported: bool | None = None,
    stream: TextIO | None = None,
) -> bool:
    """True when Qt can start; otherwise writes the French message to ``stream`` (stderr)."""
    environ = os.environ if environ is None else environ
    if not platform.startswith("linux") or environ.get(SKIP_VARIABLE):
        return True
    if qt_imported is None:
        qt_imported = "PySide6.QtGui" in sys.modules
    missing = missing_libraries(libraries_needed(environ, qt_imported=qt_imported), loader)
    if not missing:
        return True
    (stream or sys.stderr).write(message(missing))
    return False


def require_gui_libraries() -> None:
    """Stops the program (exit code 1) with the French message when Qt cannot start."""
    if not check_gui_libraries():
        raise SystemExit(1)
