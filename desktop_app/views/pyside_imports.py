"""Make every import after PySide6's cheap again.

Importing PySide6 replaces Python's import with its ``__feature__`` hook, which, for every
module imported afterwards, reads that module's whole source (``inspect.getsource``) to see
whether it mentions "PySide6" — only to support ``from __feature__ import snake_case``, which
this application never uses. Measured at start-up: about a third of the import time, and
15 to 20 Mio of source lines kept in ``linecache``. A frozen build has no source to read, so
there every module is already marked as not using features; this makes the development and
installed-from-source runs behave the same way.

The hook is PySide6's private code: when its shape changes, nothing is done (imports are then
only slower, never wrong).
"""

from __future__ import annotations

import linecache
import sys


def _never_uses_features(_module: object) -> bool:
    return False


def skip_feature_source_scan() -> bool:
    """Stop the hook from reading sources; True when it was found and changed."""
    import PySide6.QtCore  # noqa: F401 - installs the hook and its module

    feature = sys.modules.get("shibokensupport.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _never_uses_features  # type: ignore[attr-defined]
    # what the hook read before this point (PySide6's own start, the first imports) is only a
    # cache: tracebacks read their lines again when they need them
    linecache.clearcache()
    return True
