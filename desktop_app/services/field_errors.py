"""One exception for input a rule refuses, with a French message per field.

Every service that validates what a person typed raises ``FieldErrors`` (or a subclass named for
its area): ``errors`` maps a field name to the message shown under that field; the exception's
own text is the general message. Forms in the GUI place each message under its field; the
command line prints them one per line.
"""

from __future__ import annotations


class FieldErrors(ValueError):
    def __init__(self, errors: dict[str, str] | str, message: str | None = None) -> None:
        if isinstance(errors, str):
            message, errors = errors, {}
        self.errors: dict[str, str] = dict(errors)
        text = message if message is not None else " ".join(self.errors.values())
        super().__init__(text)

    def lines(self) -> list[str]:
        """Every message once, for the command line and for summaries."""
        seen: list[str] = []
        for text in [*self.errors.values(), str(self)]:
            if text and text not in seen:
                seen.append(text)
        return seen
