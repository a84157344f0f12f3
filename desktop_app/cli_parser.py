"""An ``argparse.ArgumentParser`` that speaks French, argparse's own words included.

The people who type ``cnum-biblio --help`` in a town hall read French; argparse writes
"usage:", "positional arguments", "show this help message and exit" or "the following
arguments are required" in English. argparse looks every one of those strings up through the
module-level ``_`` and ``ngettext`` functions (gettext) at the moment it prints them, so the
parser swaps in a French catalogue for the duration of its own calls instead of patching the
strings one by one. Nothing outside these calls is affected: other parsers in the same process
(pytest's, a build script's) keep argparse's behaviour.

Error messages are one French line on stderr, with the way to get help, and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

EXIT_USAGE = 2

# argparse's messages (their msgid, as in CPython 3.11 to 3.14) and their French text. The
# %-placeholders must stay those of the msgid; ``%r`` becomes « %s » (French quotes, no Python
# repr). A message missing here stays in English; a test lists those of the running Python that
# only a programmer can meet.
FRENCH: dict[str, str] = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "subcommands": "commandes",
    # Section headings (3.13+); the space before the colon comes from _FrenchHeadings.
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (par défaut : %(default)s)",
    "show this help message and exit": "afficher cette aide, puis quitter",
    "show program's version number and exit": "afficher la version, puis quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix « %(value)s » inconnu (possibles : %(choices)s)"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "choix « %(value)s » inconnu, vouliez-vous dire « %(closest)s » ? (possibles : %(choices)s)"
    ),
    "invalid %(type)s value: %(value)r": "valeur incorrecte : « %(value)s »",
    "expected one argument": "une valeur est attendue",
    "expected at most one argument": "une valeur au plus est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "not allowed with argument %s": "ne va pas avec %s",
    "ignored explicit argument %r": "valeur « %s » ignorée",
    "one of the arguments %s is required": "un de ces arguments est obligatoire : %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "commande « %(parser_name)s » inconnue (possibles : %(choices)s)"
    ),
    "unexpected option string: %s": "option inattendue : %s",
    "option '%(option)s' is deprecated": "l'option « %(option)s » est obsolète",
    "argument '%(argument_name)s' is deprecated": ("l'argument « %(argument_name)s » est obsolète"),
    "command '%(parser_name)s' is deprecated": "la commande « %(parser_name)s » est obsolète",
    "can't open '%(filename)s': %(error)s": "impossible d'ouvrir « %(filename)s » : %(error)s",
}
# Plural messages (ngettext): (singular, plural) msgids -> (singular, plural) French texts.
FRENCH_PLURAL: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): (
        "%s valeur est attendue",
        "%s valeurs sont attendues",
    ),
}


def french(message: str) -> str:
    """argparse's ``_``: the French text of one of its messages (unknown ones unchanged)."""
    return FRENCH.get(message, message)


def french_plural(singular: str, plural: str, count: int) -> str:
    """argparse's ``ngettext``, in French (1 is singular, like 0 in French)."""
    texts = FRENCH_PLURAL.get((singular, plural))
    if texts is None:
        return singular if count == 1 else plural
    return texts[0] if count <= 1 else texts[1]


@contextlib.contextmanager
def french_messages() -> Iterator[None]:
    """argparse looks its strings up at call time: make it find the French ones meanwhile."""
    saved = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._ = french  # type: ignore[attr-defined]
    argparse.ngettext = french_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


_F = TypeVar("_F", bound=Callable[..., Any])


def _in_french(method: _F) -> _F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with french_messages():
            return method(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


class _FrenchHeadings(argparse.HelpFormatter):
    """Section headings written « Options : », with the space French puts before a colon."""

    def start_section(self, heading: str | None) -> None:
        if heading and heading != argparse.SUPPRESS:
            heading = heading[:1].upper() + heading[1:] + " "
        super().start_section(heading)


@functools.cache
def french_formatter(formatter_class: type[argparse.HelpFormatter]) -> type[argparse.HelpFormatter]:
    """The given help formatter with French headings (one class made per formatter)."""
    if issubclass(formatter_class, _FrenchHeadings):
        return formatter_class
    return type(f"French{formatter_class.__name__}", (_FrenchHeadings, formatter_class), {})


class FrenchArgumentParser(argparse.ArgumentParser):
    """argparse with its help and error messages in French; an error is one line on stderr.

    Subparsers made by ``add_subparsers`` are of the same class (argparse's default), so every
    ``cnum-biblio <commande> --help`` is in French too.
    """

    def __init__(
        self,
        *args: Any,
        formatter_class: type[argparse.HelpFormatter] = argparse.HelpFormatter,
        **kwargs: Any,
    ) -> None:
        with french_messages():
            super().__init__(*args, formatter_class=french_formatter(formatter_class), **kwargs)

    add_subparsers = _in_french(argparse.ArgumentParser.add_subparsers)
    add_argument_group = _in_french(argparse.ArgumentParser.add_argument_group)
    parse_args = _in_french(argparse.ArgumentParser.parse_args)  # type: ignore[assignment]
    parse_known_args = _in_french(argparse.ArgumentParser.parse_known_args)
    format_usage = _in_french(argparse.ArgumentParser.format_usage)
    format_help = _in_french(argparse.ArgumentParser.format_help)

    def error(self, message: str) -> NoReturn:
        """One French line (no usage block) that says how to get help, then exit code 2."""
        message = message.rstrip(".")
        self.exit(EXIT_USAGE, f"{self.prog} : {message}. Aide : {self.prog} --help\n")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, sys.stderr)
        sys.exit(status)
