"""What goes into the frozen program, and what stays out: the decisions behind the PyInstaller
spec, kept in plain Python so the tests can check them without running PyInstaller.

Why each rule exists:
- *Data the program loads from disk* (fonts, icons, the communes list, the Alembic revision files)
  is listed file by file from the checkout, so that whatever another area adds under
  ``resources/`` or ``desktop_app/migrations/versions/`` is shipped without touching the spec,
  and so that stray ``__pycache__`` folders are not.
- *Alembic revision files are data*: Alembic reads them from ``desktop_app/migrations`` with its
  own loader, so PyInstaller's import analysis never sees what they import. Their imports are
  read here (``migration_imports``) and declared as hidden imports.
- *Size*: Qt, Babel and phonenumbers bring much more than a French office program uses. Only
  the French Qt translations, the French/English/root Babel locales and the phone-number
  metadata (not the geocoding and carrier databases) are kept; Qt modules the program never
  imports are excluded, with their plugins.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_NAME = "CNum Biblio"
EXE_NAME = "cnum-biblio"

# Folders copied as data, (source relative to the checkout, destination inside the bundle).
# Destinations mirror the checkout so that ``desktop_app.paths.resource()`` (``sys._MEIPASS``)
# and ``desktop_app.db.MIGRATIONS_DIR`` (next to ``db.py``) find them as they do from a checkout.
DATA_FOLDERS: tuple[tuple[str, str], ...] = (
    ("resources", "resources"),
    ("desktop_app/migrations", "desktop_app/migrations"),
    # the user guides shown by « Aide › Guides d'utilisation » (views/help_dialog.py)
    ("docs", "docs"),
)
# Linux only: the fontconfig configuration the frozen launcher points FONTCONFIG_FILE at
# (installers/rthooks/fontconfig_file.py), as (source file, destination folder).
LINUX_DATA_FILES: tuple[tuple[str, str], ...] = (("installers/linux/fonts.conf", "fontconfig"),)
# Run-time hooks of the frozen program (installers/rthooks), in order.
RUNTIME_HOOKS: tuple[str, ...] = ("utf8_output.py", "fontconfig_file.py")
_SKIPPED_PARTS = {"__pycache__", ".DS_Store", ".pytest_cache"}
_SKIPPED_SUFFIXES = {".pyc", ".pyo", ".partiel"}

# Python packages the program never uses, kept out even when a library mentions them.
EXCLUDED_MODULES: tuple[str, ...] = (
    "tkinter",
    "_tkinter",
    "turtle",
    "idlelib",
    "lib2to3",
    "pydoc_data",
    "test",
    "pytest",
    "pytestqt",
    "pypdf",
    "IPython",
    "numpy",
    "matplotlib",
    # Syntax colouring, only for Mako's and ReportLab's optional code display.
    "pygments",
    # Test helpers of libraries, and database dialects the program never opens.
    "sqlalchemy.testing",
    "alembic.testing",
    "mako.testing",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
    # (ssl stays: python-stdnum imports it when loaded, for its optional online checks.)
    # Pillow reads the images ReportLab puts in documents (PNG, JPEG, GIF); not AVIF, WebP,
    # colour management, font rendering or Tk (each brings its own libraries).
    "PIL._avif",
    "PIL._webp",
    "PIL._imagingcms",
    "PIL.ImageCms",
    "PIL._imagingft",
    "PIL._imagingtk",
    "PIL.ImageTk",
    # phonenumbers: where a number is, its operator and time zone; only parsing and
    # formatting are used (services/validation.py). These three are 43 MB of tables.
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    # Qt: the program uses QtCore, QtGui and QtWidgets (QtSvg and QtPrintSupport are allowed).
    *(
        f"PySide6.{name}"
        for name in (
            "QtNetwork",
            "QtNetworkAuth",
            "QtQml",
            "QtQuick",
            "QtQuick3D",
            "QtQuickControls2",
            "QtQuickWidgets",
            "QtQuickTest",
            "Qt3DCore",
            "Qt3DRender",
            "Qt3DInput",
            "Qt3DLogic",
            "Qt3DAnimation",
            "Qt3DExtras",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtWebEngineQuick",
            "QtWebChannel",
            "QtWebSockets",
            "QtHttpServer",
            "QtMultimedia",
            "QtMultimediaWidgets",
            "QtSpatialAudio",
            "QtTextToSpeech",
            "QtSql",
            "QtTest",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtXml",
            "QtDBus",
            "QtConcurrent",
            "QtCharts",
            "QtDataVisualization",
            "QtGraphs",
            "QtGraphsWidgets",
            "QtPdf",
            "QtPdfWidgets",
            "QtBluetooth",
            "QtNfc",
            "QtPositioning",
            "QtLocation",
            "QtSensors",
            "QtSerialPort",
            "QtSerialBus",
            "QtRemoteObjects",
            "QtScxml",
            "QtStateMachine",
            "QtLabsStyleKit",
            "QtQmlFeatures",
            "QtAxContainer",
        )
    ),
)

# Modules loaded by name at run time, which import analysis cannot see.
HIDDEN_IMPORTS: tuple[str, ...] = (
    # holidays loads a country's module on demand; France (and the DROM it covers).
    "holidays.countries.france",
    # zoneinfo reads its time zones from the tzdata package on Windows (calendar export).
    "tzdata",
    # SQLAlchemy picks its dialect by URL.
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.sqlite.pysqlite",
    # Alembic's SQLite implementation is chosen by dialect name.
    "alembic.ddl.sqlite",
)
# Packages whose submodules are all loaded by name (reportlab picks a barcode class by name).
HIDDEN_PACKAGES: tuple[str, ...] = ("reportlab.graphics.barcode",)

# Installed distributions whose metadata the program reads (``importlib.metadata.version``):
# the application itself, for ``--version`` and "À propos".
METADATA: tuple[str, ...] = ("cnum-biblio",)

# Qt translations kept: the French catalogues of Qt itself ("Annuler", not "Cancel").
KEPT_QT_TRANSLATIONS = {"qt_fr.qm", "qtbase_fr.qm"}
# Babel locales kept: French, its parent "root", and English (Babel's own fallback).
KEPT_BABEL_LOCALES = {"root", "fr", "fr_FR", "en", "en_US", "en_US_POSIX"}
# Qt plugins kept in folders where only some are useful (name without "lib" and extension):
# windowing systems of a desktop (Windows, X11, Wayland) and "offscreen" for the self-test; the
# image formats of logos and icons. The GTK 3 theme is left out on purpose: it would bring a
# partial copy of GTK, Pango and Cairo that can clash with the desktop's own.
KEPT_QT_PLUGINS = {
    "platforms": {"qwindows", "qdirect2d", "qxcb", "qwayland", "qoffscreen", "qminimal"},
    "imageformats": {"qjpeg", "qgif", "qico", "qsvg"},
    "platformthemes": {"qxdgdesktopportal"},
}
# Qt plugin folders dropped: embedded-device and input back ends a desktop never loads, and the
# plugins of excluded Qt modules.
DROPPED_QT_PLUGIN_DIRS = {
    "designer",
    "egldeviceintegrations",
    "generic",
    "networkinformation",
    "qmltooling",
    "sqldrivers",
    "tls",
    "wayland-graphics-integration-server",
    # OpenGL buffer sharing under Wayland: widgets are drawn in software and shared by memory.
    "wayland-graphics-integration-client",
    "multimedia",
    "position",
    "sensors",
    "texttospeech",
    "webview",
    "scenegraph",
    "renderers",
    "sceneparsers",
    "geometryloaders",
    "renderplugins",
}
# Qt shared libraries never needed by a QtWidgets program (pulled in by dropped plugins only).
_DROPPED_QT_LIB = re.compile(
    r"(^|[/\\])(lib)?Qt6(Qml|Quick|Network|Pdf|Sql|Test|OpenGL|Designer|Help|Multimedia|"
    r"WebEngine|3D|Charts|Graphs|Labs|Lottie|VirtualKeyboard|WaylandCompositor)[^/\\]*"
    r"\.(so[.0-9]*|dll)$",
    re.IGNORECASE,
)


def project_version(root: Path = ROOT) -> str:
    """The one version number, ``__version__`` of ``desktop_app/__init__.py`` (pyproject.toml
    and so the package metadata read it from there), read without importing the package."""
    tree = ast.parse((root / "desktop_app" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            return str(ast.literal_eval(node.value))
    raise LookupError("__version__ manque dans desktop_app/__init__.py")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)`` for the Windows version resource."""
    numbers = [int(part) for part in re.findall(r"\d+", version)[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])  # type: ignore[return-value]


def _shipped(path: Path) -> bool:
    return (
        path.is_file()
        and not (set(path.parts) & _SKIPPED_PARTS)
        and path.suffix not in _SKIPPED_SUFFIXES
    )


def data_files(root: Path = ROOT) -> list[tuple[str, str]]:
    """Every data file as PyInstaller's ``(source file, destination folder)`` pairs."""
    pairs: list[tuple[str, str]] = []
    for source, destination in DATA_FOLDERS:
        base = root / source
        for path in sorted(base.rglob("*")):
            if _shipped(path):
                folder = Path(destination, path.relative_to(base).parent).as_posix()
                pairs.append((str(path), folder.removesuffix("/.")))
    return pairs


def platform_data_files(platform: str, root: Path = ROOT) -> list[tuple[str, str]]:
    """Data files only one platform's package carries."""
    if not platform.startswith("linux"):
        return []
    return [(str(root / source), destination) for source, destination in LINUX_DATA_FILES]


def migration_imports(root: Path = ROOT) -> list[str]:
    """Top-level imports of the Alembic environment and revision files (they ship as data)."""
    names: set[str] = set()
    for path in sorted((root / "desktop_app" / "migrations").rglob("*.py")):
        if not _shipped(path):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    names.discard("__future__")
    return sorted(names)


def keep_data(dest_name: str) -> bool:
    """Filter for the collected data files (``Analysis.datas`` entries' destination names)."""
    parts = Path(dest_name.replace("\\", "/")).parts
    name = parts[-1]
    if "translations" in parts and "PySide6" in parts:
        return name in KEPT_QT_TRANSLATIONS
    if "locale-data" in parts and parts[0] == "babel":
        return name.removesuffix(".dat") in KEPT_BABEL_LOCALES
    if "plugins" in parts and "PySide6" in parts:
        return not _dropped_plugin(parts)
    return True


def _dropped_plugin(parts: tuple[str, ...]) -> bool:
    index = parts.index("plugins")
    if index + 2 >= len(parts):
        return False
    folder, name = parts[index + 1], parts[index + 2]
    if folder in DROPPED_QT_PLUGIN_DIRS:
        return True
    if folder in KEPT_QT_PLUGINS:
        stem = name.split(".")[0]
        stem = stem[3:] if stem.startswith("lib") else stem
        return stem not in KEPT_QT_PLUGINS[folder]
    return False


# Windows: Mesa's software OpenGL and the Direct3D shader compiler, which Qt loads only for
# OpenGL or Qt Quick windows (about 25 MB); widgets are drawn without them.
_DROPPED_WINDOWS_DLLS = {"opengl32sw.dll", "d3dcompiler_47.dll"}


def keep_binary(dest_name: str) -> bool:
    """Filter for the collected shared libraries and plugins (``Analysis.binaries``)."""
    parts = Path(dest_name.replace("\\", "/")).parts
    if "plugins" in parts and "PySide6" in parts and _dropped_plugin(parts):
        return False
    if parts and parts[-1].lower() in _DROPPED_WINDOWS_DLLS:
        return False
    return not _DROPPED_QT_LIB.search(dest_name)


def _is_root(entry: tuple) -> bool:
    """Binaries loaded by the program itself: Python, extension modules, and Qt plugins."""
    name, typecode = entry[0], entry[2]
    parts = Path(name).parts
    base = parts[-1]
    return (
        typecode == "EXTENSION"
        or ("plugins" in parts and "PySide6" in parts)
        or base.startswith(("libpython", "python3"))
    )


def prune_unreachable(
    binaries: list[tuple], imports_of: Callable[[str], Iterable[str]]
) -> list[tuple]:
    """The ``binaries`` entries still needed once plugins were dropped.

    PyInstaller collects the libraries each plugin links to before the plugins are filtered out
    (the GTK theme plugin brings GTK, Pango and Cairo); what no kept binary links to anymore is
    dropped. ``imports_of(source path)`` gives the library names a file links to, directly or
    not (``ldd`` on Linux gives them all).
    """
    roots = [entry for entry in binaries if _is_root(entry)]
    needed: set[str] = set()
    pending = [entry[1] for entry in roots]
    seen: set[str] = set()
    by_base: dict[str, list[tuple]] = {}
    for entry in binaries:
        by_base.setdefault(Path(entry[0]).name, []).append(entry)
    while pending:
        source = pending.pop()
        if source in seen:
            continue
        seen.add(source)
        for name in imports_of(source):
            base = Path(name).name
            if base not in needed:
                needed.add(base)
                pending.extend(entry[1] for entry in by_base.get(base, []))
    return [entry for entry in binaries if _is_root(entry) or Path(entry[0]).name in needed]


def without_dangling_links(datas: list[tuple], binaries: list[tuple]) -> list[tuple]:
    """The ``datas`` entries, less the symbolic links whose target is no longer collected."""
    kept = {os.path.normpath(entry[0]) for entry in (*datas, *binaries)}
    result = []
    for entry in datas:
        name, target, typecode = entry[0], entry[1], entry[2]
        if typecode == "SYMLINK":
            resolved = os.path.normpath(os.path.join(os.path.dirname(name), target))
            if resolved not in kept:
                continue
        result.append(entry)
    return result


def linux_archive_name(version: str) -> str:
    return f"{EXE_NAME}-{version}-linux-x86_64.tar.gz"


if __name__ == "__main__":  # pragma: no cover - used by the Makefile and the CI workflow
    if sys.argv[1:] == ["version"]:
        print(project_version())
    elif sys.argv[1:] == ["version-numeric"]:
        print(".".join(str(n) for n in version_tuple(project_version())))
    elif sys.argv[1:] == ["archive"]:
        print(linux_archive_name(project_version()))
    else:
        raise SystemExit("usage : freeze_plan.py version|version-numeric|archive")
