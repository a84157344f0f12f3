"""PyInstaller run-time hook (Linux): the frozen program uses its own fontconfig configuration.

A fresh system may have no fontconfig configuration (/etc/fonts/fonts.conf comes with the
fontconfig-config package, not with every desktop image); Qt then finds no font and draws the
interface in a face that looks monospaced. ``_internal/fontconfig/fonts.conf``
(installers/linux/fonts.conf) includes the system's configuration when there is one and adds
the DejaVu Sans fonts the program ships. A FONTCONFIG_FILE set by the user is left alone.
"""

import os
import sys

if sys.platform.startswith("linux") and not os.environ.get("FONTCONFIG_FILE"):
    _conf = os.path.join(getattr(sys, "_MEIPASS", ""), "fontconfig", "fonts.conf")
    if os.path.isfile(_conf):
        os.environ["FONTCONFIG_FILE"] = _conf
