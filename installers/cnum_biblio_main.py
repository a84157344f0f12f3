"""Entry point of the frozen program (PyInstaller needs a script, not a console-script entry).

It only hands over to ``desktop_app.cli.main`` so that the frozen ``cnum-biblio`` accepts exactly
the same arguments as the installed one (``--version``, ``--self-test``, subcommands).
"""

import sys

from desktop_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
