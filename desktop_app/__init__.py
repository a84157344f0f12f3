"""CNum Biblio: the "conseiller numérique" programme for small rural libraries and town halls.

The version comes from the installed package metadata so that `--version`, "À propos" and the
installers all show one number (pyproject.toml is its only source).
"""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "CNum Biblio"
APP_ID = "cnum-biblio"

try:
    __version__ = version("cnum-biblio")
except PackageNotFoundError:  # frozen build without metadata, or a bare checkout
    __version__ = "0.1.0"
