"""Quick checks of the installer recipes (no PyInstaller build here: ``make installer-check``
builds the package and runs the frozen program; it is too slow for the test suite)."""

from __future__ import annotations

import ast
import configparser
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLERS = ROOT / "installers"
ISS = INSTALLERS / "windows" / "cnum-biblio.iss"
DESKTOP = INSTALLERS / "linux" / "cnum-biblio.desktop"
WORKFLOW = ROOT / ".github" / "workflows" / "windows-installer.yml"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, INSTALLERS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


freeze_plan = _load("freeze_plan")
check_frozen = _load("check_frozen")
build_linux = _load("build_linux")
check_minimal = _load("check_minimal")


# --- PyInstaller spec and what it collects -------------------------------------------------


def test_spec_parses_and_builds_one_windowed_folder_without_upx() -> None:
    text = (INSTALLERS / "cnum-biblio.spec").read_text(encoding="utf-8")
    tree = ast.parse(text)
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert {"Analysis", "PYZ", "EXE", "COLLECT"} <= calls  # COLLECT: one folder, not one file
    assert "exclude_binaries=True" in text
    assert "console=False" in text
    assert "upx=True" not in text and text.count("upx=False") == 2
    for uses in (
        "freeze_plan.data_files()",
        "copy_metadata",
        "freeze_plan.EXCLUDED_MODULES",
        "freeze_plan.migration_imports()",
        "freeze_plan.keep_data",
        "freeze_plan.keep_binary",
        "cnum-biblio.ico",
        "freeze_plan.RUNTIME_HOOKS",
        "freeze_plan.platform_data_files(sys.platform)",
    ):
        assert uses in text, uses
    assert (INSTALLERS / "hooks" / "hook-phonenumbers.py").is_file()
    assert {"utf8_output.py", "fontconfig_file.py"} <= set(freeze_plan.RUNTIME_HOOKS)
    for hook in freeze_plan.RUNTIME_HOOKS:
        compile((INSTALLERS / "rthooks" / hook).read_text(encoding="utf-8"), hook, "exec")


def test_every_resource_and_migration_file_is_bundled_where_the_program_looks() -> None:
    pairs = freeze_plan.data_files()
    bundled = {Path(dest, Path(src).name).as_posix() for src, dest in pairs}
    expected = set()
    for folder in ("resources", "desktop_app/migrations"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                expected.add(path.relative_to(ROOT).as_posix())
    assert expected <= bundled
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in bundled)
    assert "desktop_app/migrations/script.py.mako" in bundled
    assert "desktop_app/migrations/env.py" in bundled
    assert "desktop_app/migrations/versions/0001_foundation.py" in bundled
    assert any(name.startswith("desktop_app/migrations/versions/0") for name in bundled)
    for needed in ("resources/icons/cnum-biblio.ico", "resources/fonts/DejaVuSans.ttf"):
        assert needed in bundled


def test_resource_helper_finds_bundled_files_under_meipass(tmp_path, monkeypatch) -> None:
    """Lay the data out as PyInstaller does, then ask the program's own helper for it."""
    for source, dest in freeze_plan.data_files():
        if "resources" in Path(dest).parts:
            target = tmp_path / dest
            target.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    from desktop_app import paths

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("fonts", "DejaVuSans.ttf") == tmp_path / "resources/fonts/DejaVuSans.ttf"
    assert paths.resource("fonts", "DejaVuSans.ttf").is_file()
    assert paths.resource("icons", "cnum-biblio-256.png").is_file()


def test_migrations_are_found_next_to_db_module() -> None:
    """Frozen, db.py sits in _internal/desktop_app/: the migrations must be bundled there."""
    from desktop_app import db

    assert Path(db.__file__).resolve().parent / "migrations" == db.MIGRATIONS_DIR
    dests = {dest for _src, dest in freeze_plan.data_files()}
    assert "desktop_app/migrations" in dests and "desktop_app/migrations/versions" in dests


def test_imports_of_migration_files_become_hidden_imports() -> None:
    names = freeze_plan.migration_imports()
    assert (
        "alembic" in names or "alembic.op" in names or any(n.startswith("alembic") for n in names)
    )
    assert any(n.startswith("sqlalchemy") for n in names)
    assert "__future__" not in names


def _imports_of_package(package: Path) -> set[str]:
    names: set[str] = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_module_of_the_application_needs_an_excluded_module() -> None:
    excluded = freeze_plan.EXCLUDED_MODULES
    used = _imports_of_package(ROOT / "desktop_app")
    clashes = sorted(
        name for name in used for ex in excluded if name == ex or name.startswith(ex + ".")
    )
    assert clashes == []
    for kept in ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtPrintSupport"):
        assert f"PySide6.{kept}" not in excluded
    assert "tkinter" in excluded and "PySide6.QtQml" in excluded and "PySide6.QtNetwork" in excluded


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_fr.qm", True),
        ("PySide6/Qt/translations/qt_fr.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_help_fr.qm", False),
        ("babel/locale-data/fr.dat", True),
        ("babel/locale-data/fr_FR.dat", True),
        ("babel/locale-data/root.dat", True),
        ("babel/locale-data/de_DE.dat", False),
        ("babel/global.dat", True),
        ("resources/communes/communes.json.gz", True),
        ("desktop_app/migrations/versions/0001_foundation.py", True),
    ],
)
def test_data_filter(dest: str, kept: bool) -> None:
    assert freeze_plan.keep_data(dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/imageformats/qjpeg.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/egldeviceintegrations/libqeglfs-kms-integration.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("PySide6/Qt6Network.dll", False),
        ("PySide6/Qt6Gui.dll", True),
        ("libpython3.11.so.1.0", True),
        ("PySide6\\opengl32sw.dll", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qeglfs.dll", False),
    ],
)
def test_binary_filter(dest: str, kept: bool) -> None:
    assert freeze_plan.keep_binary(dest) is kept


def test_unreachable_libraries_are_pruned() -> None:
    binaries = [
        ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/src/libxcb-cursor.so.0", "BINARY"),
        ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),  # only the dropped GTK theme used it
        ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/src/libQt6Widgets.so.6": ["libQt6Core.so.6"],
        "/src/libqxcb.so": ["libxcb-cursor.so.0"],
    }
    kept = freeze_plan.prune_unreachable(binaries, lambda source: links.get(source, []))
    names = [entry[0] for entry in kept]
    assert "libgtk-3.so.0" not in names
    assert {"PySide6/Qt/lib/libQt6Core.so.6", "libxcb-cursor.so.0", "libpython3.11.so.1.0"} <= set(
        names
    )


def test_links_to_dropped_libraries_are_dropped() -> None:
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("resources/icons/a.png", "/src/a.png", "DATA"),
    ]
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src/libQt6Core.so.6", "BINARY")]
    names = [entry[0] for entry in freeze_plan.without_dangling_links(datas, binaries)]
    assert names == ["libQt6Core.so.6", "resources/icons/a.png"]


# --- One version number ---------------------------------------------------------------------


def test_one_version_number() -> None:
    import desktop_app

    assert freeze_plan.project_version() == desktop_app.__version__
    assert freeze_plan.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert freeze_plan.version_tuple("0.10.0rc1") == (0, 10, 0, 1)
    name = freeze_plan.linux_archive_name("1.2.3")
    assert name == "cnum-biblio-1.2.3-linux-x86_64.tar.gz"


# --- Windows installer (Inno Setup) ---------------------------------------------------------


def _iss_sections() -> dict[str, list[str]]:
    text = ISS.read_text(encoding="utf-8-sig")
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        stripped = line.strip()
        match = re.fullmatch(r"\[(\w+)\]", stripped)
        if match:
            current = match.group(1)
            continue
        if stripped and not stripped.startswith(";"):
            sections.setdefault(current, []).append(stripped)
    return sections


def test_inno_setup_script_is_french_per_user_and_versioned() -> None:
    sections = _iss_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup
    assert setup["DefaultDirName"] == r"{localappdata}\Programs\{#AppName}"
    assert "{#AppVersion}" in setup["OutputBaseFilename"]
    assert setup["AppVersion"] == "{#AppVersion}"
    assert "{#AppVersionNumeric}" in setup["VersionInfoVersion"]
    icon = (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve()
    assert icon == ROOT / "resources" / "icons" / "cnum-biblio.ico" and icon.is_file()
    assert any("compiler:Languages\\French.isl" in line for line in sections["Languages"])
    assert any("desktopicon" in line and "unchecked" in line for line in sections["Tasks"])
    assert any(line.startswith('Name: "{autoprograms}') for line in sections["Icons"])
    assert any("{autodesktop}" in line and "desktopicon" in line for line in sections["Icons"])
    assert any(
        '"{#FrozenDir}\\*"' in line and "recursesubdirs" in line for line in sections["Files"]
    )


def test_uninstaller_keeps_the_user_data_folder() -> None:
    sections = _iss_sections()
    text = ISS.read_text(encoding="utf-8-sig")
    # The data folder (platformdirs user_data_dir("CNum Biblio") on Windows).
    assert '#define DataDir "{localappdata}\\CNum Biblio"' in text
    for section in ("UninstallDelete", "InstallDelete"):
        for line in sections.get(section, []):
            name = re.search(r'Name: "([^"]+)"', line)
            assert name and name.group(1).startswith("{app}"), line
    code = "\n".join(sections["Code"]).lower()
    for deleting in ("deltree", "deletefile", "removedir", "delayeddelete"):
        assert deleting not in code
    # One message at the end of the uninstallation: Inno Setup's own, saying the data stays.
    messages = dict(line.split("=", 1) for line in sections["Messages"])
    assert "n'ont pas été supprimées" in messages["UninstalledAll"]
    assert "AppData\\Local\\CNum Biblio" in messages["UninstalledAll"]
    assert "usPostUninstall" not in text


def test_no_message_box_of_the_installer_can_wait_in_a_silent_install() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    code = "\n".join(_iss_sections()["Code"])
    assert re.search(r"\bMsgBox\(", code) is None  # only SuppressibleMsgBox
    assert "SuppressibleMsgBox(" in code
    # Silent installs skip the pages: the data folder is refused before any file is written.
    assert "function PrepareToInstall" in code and "IsDataFolder(WizardDirValue())" in code
    assert "Inno Setup 6.3 ou plus récent" in text
    assert "#if Ver < EncodeVer(6, 3, 0)" in text


def test_make_installer_check_windows_runs_the_wine_check() -> None:
    result = subprocess.run(
        ["make", "-n", "installer-check-windows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "installers/check_windows.py" in result.stdout
    check_windows = _load("check_windows")
    registry = (
        "[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\"
        + check_windows.APP_ID
        + '] 1\n"DisplayName"="CNum Biblio 0.1.0"\n"DisplayVersion"="0.1.0"\n\n[Other]\n'
    )
    entry = check_windows.uninstall_entry(registry)
    assert entry == {"DisplayName": "CNum Biblio 0.1.0", "DisplayVersion": "0.1.0"}
    assert check_windows.uninstall_entry("[Other]\n") == {}


# --- Linux package --------------------------------------------------------------------------


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_is_valid() -> None:
    entry = _desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Name"] == "CNum Biblio"
    assert entry["Exec"] == "cnum-biblio"
    assert entry["Icon"] == "cnum-biblio"
    assert entry["Terminal"] == "false"
    assert entry["Categories"].endswith(";")
    assert all(key.isascii() and re.fullmatch(r"[A-Za-z0-9-]+", key) for key in entry)


def _fake_frozen(folder: Path, version: str, *, self_test_code: int = 0) -> Path:
    """A stand-in for the frozen folder: a script that answers like cnum-biblio."""
    folder.mkdir(parents=True)
    meta = folder / "_internal" / "cnum_biblio.egg-info"
    meta.mkdir(parents=True)
    (meta / "PKG-INFO").write_text(
        f"Metadata-Version: 2.1\nName: cnum-biblio\nVersion: {version}\n"
    )
    program = folder / "cnum-biblio"
    program.write_text(
        "#!/bin/sh\n"
        '[ "$QT_QPA_PLATFORM" = offscreen ] || { echo "pas offscreen"; exit 3; }\n'
        '[ -n "$CNUM_BIBLIO_HOME" ] || exit 4\n'
        f'[ "$1" = --version ] && {{ echo "CNum Biblio {version}"; exit 0; }}\n'
        f'[ "$1" = --self-test ] && {{ echo "Auto-test → fini"; exit {self_test_code}; }}\n'
        "exit 2\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return folder


@pytest.mark.parametrize(("self_test_code", "failures"), [(0, 0), (1, 1)])
def test_package_is_built_then_checked_by_running_the_program(
    tmp_path, monkeypatch, capsys, self_test_code: int, failures: int
) -> None:
    frozen = _fake_frozen(tmp_path / "frozen", "9.9.9", self_test_code=self_test_code)
    monkeypatch.setattr(build_linux, "WORK", tmp_path / "work")
    (tmp_path / "work").mkdir()
    archive = build_linux.pack(frozen, "9.9.9", tmp_path / "dist")
    assert archive.name == "cnum-biblio-9.9.9-linux-x86_64.tar.gz"
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        note = tar.extractfile("cnum-biblio-9.9.9/LISEZMOI.txt").read().decode("utf-8")  # type: ignore[union-attr]
    for name in ("cnum-biblio", "cnum-biblio.desktop", "cnum-biblio.png", "installer-menu.sh"):
        assert f"cnum-biblio-9.9.9/{name}" in members
    assert members["cnum-biblio-9.9.9/installer-menu.sh"].mode & 0o111
    assert "cnum-biblio-9.9.9-linux-x86_64.tar.gz" in note and "{version}" not in note

    assert check_frozen.check(archive, "9.9.9") == failures
    out = capsys.readouterr().out
    assert "cnum-biblio --self-test" in out and "Taille du dossier gelé" in out
    assert "Auto-test → fini" in out
    assert ("Contrôle réussi." in out) is (failures == 0)
    # A package announcing another version than the project's fails too.
    assert check_frozen.check(archive, "1.0.0") >= 2


def test_menu_entry_script_points_at_the_unpacked_folder(tmp_path) -> None:
    unpacked = tmp_path / "Mes programmes" / "cnum-biblio-1.0"
    unpacked.mkdir(parents=True)
    for source, name in (
        (DESKTOP, "cnum-biblio.desktop"),
        (ROOT / "resources" / "icons" / "cnum-biblio-256.png", "cnum-biblio.png"),
        (INSTALLERS / "linux" / "installer-menu.sh", "installer-menu.sh"),
    ):
        shutil.copy2(source, unpacked / name)
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"))
    subprocess.run(
        ["sh", str(unpacked / "installer-menu.sh")], check=True, env=env, capture_output=True
    )
    installed = tmp_path / "share" / "applications" / "cnum-biblio.desktop"
    entry = _desktop_entry(installed)
    assert entry["Exec"] == f'"{unpacked}/cnum-biblio"'
    assert entry["TryExec"] == f"{unpacked}/cnum-biblio"
    assert (tmp_path / "share/icons/hicolor/256x256/apps/cnum-biblio.png").is_file()
    done = subprocess.run(
        ["sh", str(unpacked / "installer-menu.sh"), "--retirer"],
        check=True,
        env=env,
        capture_output=True,
        text=True,
    )
    assert not installed.exists() and "Vos données restent" in done.stdout


def test_make_installer_check_runs_the_frozen_program() -> None:
    result = subprocess.run(
        ["make", "-n", "installer-check"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lines = result.stdout.splitlines()
    build = next(i for i, line in enumerate(lines) if "installers/build_linux.py" in line)
    check = next(i for i, line in enumerate(lines) if "installers/check_frozen.py" in line)
    assert build < check
    assert "QT_QPA_PLATFORM=offscreen" in lines[check]
    assert "--version" in lines[check] and "--self-test" in lines[check]
    # PyInstaller comes from the "build" extra of pyproject.toml.
    assert "pip install --quiet -e '.[test,build]'" in (ROOT / "Makefile").read_text()


def test_check_frozen_command_line_takes_runs_after_double_dash(tmp_path, capsys) -> None:
    frozen = _fake_frozen(tmp_path / "frozen", freeze_plan.project_version())
    code = check_frozen.main(["--dossier", str(frozen), "--", "--version"])
    out = capsys.readouterr().out
    assert code == 0 and "--self-test" not in out and "cnum-biblio --version" in out


# --- CI workflow (hosted Windows runner) ----------------------------------------------------


def test_windows_workflow_builds_checks_and_uploads_the_installer() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert re.search(r"runs-on:\s*windows-", text)
    assert 'pip install -e ".[build]"' in text
    assert "PyInstaller --noconfirm --clean installers/cnum-biblio.spec" in text
    assert "check_frozen.py --dossier dist/cnum-biblio -- --version --self-test" in text
    assert "/DAppVersion=" in text and "freeze_plan.py version" in text
    assert "installers\\windows\\cnum-biblio.iss" in text
    assert "actions/upload-artifact@" in text and "installation-windows.exe" in text
    assert "/VERYSILENT" in text and "unins000.exe" in text and "temoin.txt" in text
    assert "\t" not in text  # YAML forbids tabs


def test_readme_explains_how_to_build_the_installers() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Construire les installateurs", 1)[1]
    assert "make installer" in section and "make installer-check" in section
    assert "pyinstaller" in section.lower() and "ISCC" in section


def test_linux_note_is_french_and_mentions_the_data_folder() -> None:
    note = (INSTALLERS / "linux" / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "~/.local/share/CNum Biblio" in note and "--self-test" in note
    assert io.StringIO(note).readline().startswith("CNum Biblio {version}")


# --- Fonts of the frozen Linux program --------------------------------------------------------

_FONT_PROBE = """
from PySide6.QtGui import QFontDatabase, QFontInfo
from PySide6.QtWidgets import QApplication
app = QApplication([])
info = QFontInfo(app.font())
print(info.family())
print("|".join(QFontDatabase.families()))
"""


def _qt_font_with(conf: Path, tmp: Path) -> tuple[str, list[str]]:
    """Qt's interface font family and font list with this fontconfig configuration only."""
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(conf),
        "XDG_CACHE_HOME": str(tmp / "cache"),
        "XDG_DATA_HOME": str(tmp / "data"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    result = subprocess.run(
        [sys.executable, "-c", _FONT_PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    family, families = [*result.stdout.splitlines(), "", ""][:2]
    return family, families.split("|")


def test_frozen_fontconfig_gives_the_interface_the_shipped_sans_serif(tmp_path) -> None:
    # The frozen layout: _internal/fontconfig/fonts.conf and _internal/resources/fonts/*.ttf.
    internal = tmp_path / "_internal"
    (internal / "fontconfig").mkdir(parents=True)
    shutil.copytree(ROOT / "resources" / "fonts", internal / "resources" / "fonts")
    conf_text = (INSTALLERS / "linux" / "fonts.conf").read_text(encoding="utf-8")
    # A system with no fontconfig configuration and no fonts: only what the program ships.
    bare = "\n".join(
        line
        for line in conf_text.splitlines()
        if "/etc/fonts" not in line and "<dir>/usr" not in line and 'prefix="xdg">fonts' not in line
    )
    conf = internal / "fontconfig" / "fonts.conf"
    conf.write_text(bare, encoding="utf-8")
    family, families = _qt_font_with(conf, tmp_path)
    assert family == "DejaVu Sans", families
    # Without it, Qt has no real font to draw the interface with.
    empty = tmp_path / "vide.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    assert "DejaVu Sans" not in _qt_font_with(empty, tmp_path)[1]
    # The whole configuration (system configuration included) still gives a real font.
    conf.write_text(conf_text, encoding="utf-8")
    assert _qt_font_with(conf, tmp_path)[0]


def test_frozen_launcher_points_fontconfig_at_the_shipped_configuration(
    tmp_path, monkeypatch
) -> None:
    assert ("installers/linux/fonts.conf", "fontconfig") in freeze_plan.LINUX_DATA_FILES
    assert freeze_plan.platform_data_files("win32") == []
    (source, folder), *_ = freeze_plan.platform_data_files("linux")
    assert Path(source).is_file() and folder == "fontconfig"
    (tmp_path / "fontconfig").mkdir()
    (tmp_path / "fontconfig" / "fonts.conf").write_text("<fontconfig/>", encoding="utf-8")
    hook = (INSTALLERS / "rthooks" / "fontconfig_file.py").read_text(encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    exec(compile(hook, "fontconfig_file.py", "exec"), {})  # noqa: S102 - our own hook
    assert os.environ["FONTCONFIG_FILE"] == str(tmp_path / "fontconfig" / "fonts.conf")
    # A configuration chosen by the user wins.
    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/mes-polices.conf")
    exec(compile(hook, "fontconfig_file.py", "exec"), {})  # noqa: S102
    assert os.environ["FONTCONFIG_FILE"] == "/etc/mes-polices.conf"


# --- The package on a minimal Debian (installers/check_minimal.py) ----------------------------


def test_linux_note_gives_the_one_line_install_the_minimal_check_uses() -> None:
    from desktop_app.system_check import PACKAGES

    packages = check_minimal.note_packages()
    assert packages == ["libgl1", "libegl1", "libxcb-icccm4", "libxcb-keysyms1"]
    # Each one is a real package of a library the program loads (the start-up check's list).
    assert set(packages) <= set(PACKAGES.values())
    note = (INSTALLERS / "linux" / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert "libGL.so.1" in note and "presque toujours présents" in note
    # The libraries it used to list are in the package: not asked of the user any more.
    assert "libxcb-cursor0" not in note and "libxkbcommon-x11-0" not in note


def test_minimal_check_says_why_it_cannot_run_and_fails_only_when_asked(
    monkeypatch, capsys
) -> None:
    monkeypatch.setattr(check_minimal.os, "geteuid", lambda: 1000)
    assert check_minimal.main(["--si-possible"]) == 0
    assert "NON FAITE" in capsys.readouterr().out
    assert check_minimal.main([]) == 1
    assert "droits root" in capsys.readouterr().out


def test_minimal_check_never_deletes_through_a_mount(tmp_path, monkeypatch) -> None:
    work = tmp_path / "verif"
    (work / "tmp" / ".X11-unix").mkdir(parents=True)
    monkeypatch.setattr(check_minimal, "WORK", work)
    monkeypatch.setattr(check_minimal, "mounts_under", lambda folder: [str(folder / "tmp")])
    with pytest.raises(RuntimeError, match="encore montée"):
        check_minimal.remove_copy()
    assert work.is_dir()


def test_make_installer_check_also_runs_the_minimal_debian_check() -> None:
    result = subprocess.run(
        ["make", "-n", "installer-check"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "installers/check_minimal.py --si-possible" in result.stdout
    strict = subprocess.run(
        ["make", "-n", "installer-check-minimal"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "installers/check_minimal.py" in strict.stdout and "--si-possible" not in strict.stdout
