"""Former home of the form helpers, kept as the import path older modules use.

The one implementation lives in ``views.common.forms``.
"""

from desktop_app.views.common.forms import (
    ERROR_STYLE,
    OK_STYLE,
    FieldWithError,
    add_row,
    ask,
    info,
    warn,
)

__all__ = ["ERROR_STYLE", "OK_STYLE", "FieldWithError", "add_row", "ask", "info", "warn"]
