"""CNum Biblio: the "conseiller numérique" programme for small rural libraries and town halls.

The version is written here, once: pyproject.toml reads it (``dynamic = ["version"]``), so the
package metadata, `--version`, "À propos" and the installers all show this number. It is not
read back from the installed metadata at start-up: ``importlib.metadata`` scans every installed
distribution and parses its metadata as e-mail headers, 5 Mio and tens of milliseconds for one
string.
"""

__version__ = "0.1.0"

APP_NAME = "CNum Biblio"
APP_ID = "cnum-biblio"
