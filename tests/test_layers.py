"""The domain never imports Qt: models, services and documents run headless."""

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import desktop_app
for pkg_name in ("desktop_app.models", "desktop_app.services", "desktop_app.documents"):
    pkg = importlib.import_module(pkg_name)
    for info in pkgutil.walk_packages(pkg.__path__, pkg_name + "."):
        importlib.import_module(info.name)
import desktop_app.db, desktop_app.backups, desktop_app.cli, desktop_app.commands
bad = sorted(m for m in sys.modules if m.startswith("PySide6"))
print(",".join(bad))
"""


def test_domain_layers_do_not_import_pyside6() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"Qt imported by the domain: {result.stdout}"
