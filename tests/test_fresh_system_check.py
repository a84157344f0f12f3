"""A desktop without Qt's system libraries gets a French line naming the Debian packages.

The loader is patched (a library is "missing" when the test says so); one test reads the
installed PySide6 to check the list of libraries is the one Qt really links to.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app import system_check
from desktop_app.system_check import (
    QT_GUI_LIBRARIES,
    XCB_LIBRARIES,
    Library,
    check_gui_libraries,
    message_for_import_error,
    missing_libraries,
    platform_to_check,
)

ROOT = Path(__file__).resolve().parents[1]
# What the issue saw missing on a fresh Debian 12 desktop, after installing xcb-cursor0.
DESKTOP_GAP = {
    "libxcb-cursor.so.0",
    "libxkbcommon-x11.so.0",
    "libxcb-icccm.so.4",
    "libxcb-keysyms.so.1",
    "libxcb-shape.so.0",
}


def _loader_without(sonames: set[str]):  # noqa: ANN202
    def loader(soname: str) -> bool:
        return soname not in sonames

    return loader


def _check(environ: dict[str, str], missing: set[str], **kwargs) -> tuple[bool, str]:  # noqa: ANN003
    out = io.StringIO()
    ok = check_gui_libraries(
        environ, loader=_loader_without(missing), platform="linux", stream=out, **kwargs
    )
    return ok, out.getvalue()


def test_the_packages_of_the_missing_x11_libraries_are_named(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(system_check, "bundled_folders", lambda: [])
    ok, text = _check({"DISPLAY": ":0"}, DESKTOP_GAP, qt_imported=True)
    assert not ok
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("cnum-biblio : des bibliothèques du système manquent")
    assert lines[1].endswith(
        "sudo apt install libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 "
        "libxcb-shape0"
    )
    assert "is needed" not in text and "xcb-cursor0 or" not in text


def test_everything_present_says_nothing() -> None:
    ok, text = _check({"DISPLAY": ":0"}, set(), qt_imported=False)
    assert ok and text == ""


def test_before_qt_is_imported_its_own_libraries_are_checked_too(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(system_check, "bundled_folders", lambda: [])
    missing = {"libGL.so.1", "libEGL.so.1", "libglib-2.0.so.0", "libgthread-2.0.so.0"}
    ok, text = _check({"QT_QPA_PLATFORM": "offscreen"}, missing, qt_imported=False)
    assert not ok
    # One package per line of the install command, even when it ships two of the libraries.
    assert text.rstrip().endswith("sudo apt install libglib2.0-0 libgl1 libegl1")
    # Once Qt is imported those are evidently there: only the platform plugin is checked.
    assert _check({"QT_QPA_PLATFORM": "offscreen"}, missing, qt_imported=True) == (True, "")


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({}, "xcb"),
        ({"DISPLAY": ":0"}, "xcb"),
        ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "wayland"),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "xcb"),
        ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "wayland"),
        ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "vnc"),
    ],
)
def test_the_platform_qt_will_load(environ: dict[str, str], platform: str) -> None:
    assert platform_to_check(environ) == platform


def test_x11_libraries_are_not_required_off_x11() -> None:
    for environ in ({"QT_QPA_PLATFORM": "offscreen"}, {"WAYLAND_DISPLAY": "wayland-0"}):
        assert _check(environ, DESKTOP_GAP, qt_imported=True) == (True, "")


def test_not_linux_or_asked_to_skip_checks_nothing() -> None:
    out = io.StringIO()
    assert check_gui_libraries({}, loader=lambda _: False, platform="win32", stream=out)
    skip = {system_check.SKIP_VARIABLE: "1"}
    assert check_gui_libraries(skip, loader=lambda _: False, platform="linux", stream=out)
    assert out.getvalue() == ""


def test_a_library_shipped_with_the_program_counts_as_present(tmp_path: Path) -> None:
    (tmp_path / "libxcb-cursor.so.0").write_bytes(b"")
    libraries = [Library("libxcb-cursor.so.0", "libxcb-cursor0"), Library("libx.so.1", "libx1")]
    missing = missing_libraries(libraries, loader=lambda _: False, folders=[tmp_path])
    assert [lib.soname for lib in missing] == ["libx.so.1"]


def test_the_real_loader_finds_the_c_library_and_not_an_invented_one() -> None:
    assert system_check.system_loader("libc.so.6")
    assert not system_check.system_loader("libcnum-nexiste-pas.so.7")


def test_an_import_error_of_qt_becomes_a_french_line() -> None:
    error = ImportError("libEGL.so.1: cannot open shared object file: No such file or directory")
    text = message_for_import_error(error) or ""
    assert "libEGL.so.1 manque" in text and "sudo apt install libegl1" in text
    unknown = ImportError("libtruc.so.3: cannot open shared object file")
    assert "apt-file search libtruc.so.3" in (message_for_import_error(unknown) or "")
    assert message_for_import_error(ImportError("No module named 'PySide6'")) is None


def test_the_gui_start_stops_with_the_message_before_qt(tmp_path: Path) -> None:
    # The real start-up path (cnum-biblio --demo) in its own interpreter, the X11 plugin asked
    # for and two of its libraries reported missing by the loader.
    script = textwrap.dedent(
        """
        import sys
        from desktop_app import system_check
        system_check.system_loader = lambda soname: soname not in {
            "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"}
        system_check.bundled_folders = lambda: []
        from desktop_app.cli import main
        sys.exit(main(["--demo"]))
        """
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": ":99",
        "CNUM_BIBLIO_HOME": str(tmp_path),
    }
    env.pop(system_check.SKIP_VARIABLE, None)
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    assert "sudo apt install libxcb-cursor0 libxkbcommon-x11-0" in result.stderr
    assert "qt.qpa" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "cnum-biblio-demo.sqlite").exists()  # stopped before anything else


# -- The list is the one the installed Qt links to ---------------------------------------------


def elf_needed(path: Path) -> list[str]:
    """The DT_NEEDED entries of a 64-bit little-endian ELF file (what ``readelf -d`` lists)."""
    data = path.read_bytes()
    assert data[:4] == b"\x7fELF" and data[4] == 2 and data[5] == 1, path
    shoff = struct.unpack_from("<Q", data, 0x28)[0]
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [
        struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)
    ]
    names: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[link][4]
        for entry in range(offset, offset + size, 16):
            tag, value = struct.unpack_from("<qQ", data, entry)
            if tag == 1:  # DT_NEEDED
                end = data.index(b"\0", strtab + value)
                names.append(data[strtab + value : end].decode())
    return names


# Always on a Linux system (C and C++ runtimes, zlib, zstd), whatever the desktop.
RUNTIME = (
    "libc.so",
    "libm.so",
    "libstdc++.so",
    "libgcc_s.so",
    "ld-linux",
    "libz.so",
    "libzstd.so",
    "libpthread.so",
    "libdl.so",
    "librt.so",
)


def _outside_the_wheel(binaries: list[Path], qt_lib: Path) -> set[str]:
    found: set[str] = set()
    for binary in binaries:
        for name in elf_needed(binary):
            shipped = (qt_lib / name).exists() or (binary.parent / name).exists()
            if (
                not shipped
                and not name.startswith(RUNTIME)
                and not name.startswith(("libpyside6", "libshiboken6"))
            ):
                found.add(name)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux only")
def test_the_list_covers_what_the_installed_qt_links_to() -> None:
    import PySide6

    package = Path(PySide6.__file__).parent
    qt_lib = package / "Qt" / "lib"
    plugins = package / "Qt" / "plugins" / "platforms"
    gui = [package / "QtGui.abi3.so", package / "QtWidgets.abi3.so", plugins / "libqoffscreen.so"]
    gui += [qt_lib / f"libQt6{name}.so.6" for name in ("Core", "Gui", "Widgets", "DBus")]
    xcb = [plugins / "libqxcb.so", qt_lib / "libQt6XcbQpa.so.6"]
    assert all(path.is_file() for path in gui + xcb)
    listed_gui = {lib.soname for lib in QT_GUI_LIBRARIES}
    listed_xcb = {lib.soname for lib in XCB_LIBRARIES}
    assert _outside_the_wheel(gui, qt_lib) - listed_gui == set()
    assert _outside_the_wheel(xcb, qt_lib) - listed_gui - listed_xcb == set()
    # And the X11 list is not padded with libraries Qt does not use.
    assert listed_xcb - _outside_the_wheel(xcb, qt_lib) == set()
