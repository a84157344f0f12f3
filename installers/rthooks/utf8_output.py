"""PyInstaller run-time hook: the frozen program writes its text output in UTF-8.

On Windows the program is windowed: it only has an output when someone redirects it
(``cnum-biblio.exe --self-test > rapport.txt``, or the CI check). Python would then write in the
ANSI code page, where characters such as "→" do not exist and printing them fails. UTF-8 is
what Notepad and the checks read.
"""

import sys

for _stream in (sys.stdout, sys.stderr):
    if _stream is not None and hasattr(_stream, "reconfigure"):
        _stream.reconfigure(encoding="utf-8", errors="replace")
