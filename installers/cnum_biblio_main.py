"""Entry point of the frozen program (PyInstaller needs a script, not a console-script entry).

It hands over to ``desktop_app.cli.main`` so that the frozen ``cnum-biblio`` accepts exactly the
same arguments as the installed one (``--version``, ``--self-test``, subcommands). On a system
that lacks one of Qt's own libraries (libGL, libEGL… which the package does not bundle), the
import of Qt fails: the user then reads which Debian package to install, in French, instead of
a Python traceback.
"""

import sys

from desktop_app.cli import main


def run() -> int:
    try:
        return main()
    except ImportError as error:
        from desktop_app.system_check import message_for_import_error

        text = message_for_import_error(error)
        if text is None:
            raise
        sys.stderr.write(text)
        return 1


if __name__ == "__main__":
    sys.exit(run())
