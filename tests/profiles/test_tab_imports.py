"""What opening « Profils reçus » loads: the importer only when a file is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_tab_module_does_not_load_the_importer() -> None:
    code = (
        "import sys; import desktop_app.views.profiles_tab; "
        "print('desktop_app.services.profiles.importer' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip().splitlines()[-1] == "False"
