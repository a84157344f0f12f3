"""French public holidays, without loading the holidays of every other country.

``holidays.France`` goes through the package's country registry, whose import loads the modules
of some 250 countries (about 0.1–0.2 s on this machine, several times that on an old office PC)
for a single one. The France module itself only needs the package's core, so it is loaded from
its file under a private name; should the package change its layout, the registry is used.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterable
from datetime import date
from functools import cache
from typing import Any

import holidays

_PRIVATE_NAME = "desktop_app._holidays_france"


@cache
def _france_class() -> Any:  # noqa: ANN401 - holidays.countries.france.France
    try:
        assert holidays.__file__ is not None
        origin = holidays.__file__.rsplit("__init__.py", 1)[0] + "countries/france.py"
        spec = importlib.util.spec_from_file_location(_PRIVATE_NAME, origin)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[_PRIVATE_NAME] = module
        spec.loader.exec_module(module)
        return module.France
    except (AssertionError, OSError, ImportError, AttributeError):
        sys.modules.pop(_PRIVATE_NAME, None)
        return holidays.France


def french_holidays(years: int | Iterable[int], language: str = "fr") -> dict[date, str]:
    """Every public holiday of metropolitan France in ``years``, with its French name."""
    return dict(_france_class()(years=years, language=language))
