"""A newcomer's ``cnum-biblio --help`` and usage errors are in French, argparse's words too."""

from __future__ import annotations

import argparse
import ast
import inspect
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop_app import cli_parser
from desktop_app.cli_parser import FRENCH, FRENCH_PLURAL, FrenchArgumentParser

SCRIPT = Path(sys.executable).with_name("cnum-biblio")
# argparse's own English, as it would appear in a help page or an error line.
ENGLISH = (
    "usage:",
    "positional arguments",
    "optional arguments",
    "options:",
    "show this help message and exit",
    "error:",
    "the following arguments are required",
    "invalid choice",
    "choose from",
    "unrecognized arguments",
    "expected one argument",
    "invalid int value",
    "not allowed with argument",
)
# argparse messages only a programmer building a parser can meet (never a user typing a
# command), so they need no French text.
PROGRAMMER_ONLY = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "length of metavar tuple does not match nargs",
    "conflicting option string: %s",
    "conflicting option strings: %s",
    "%(prog)s: warning: %(message)s\n",
    "argument group",
    "mutually exclusive group",
    "'required' is an invalid argument for positionals",
}


def _command() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "desktop_app.cli"]


def _run(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [*_command(), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def _english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def test_main_help_is_french(tmp_path: Path) -> None:
    result = _run("--help", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _english_in(result.stdout) == [], result.stdout
    assert result.stdout.startswith("utilisation : cnum-biblio")
    assert "Options :" in result.stdout
    assert "afficher cette aide, puis quitter" in result.stdout


# Runs in its own interpreter, as the installed program would: every subcommand's --help.
_EVERY_HELP = textwrap.dedent(
    """
    import argparse, contextlib, io
    from desktop_app.cli import build_parser, main

    def commands(parser, prefix):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    yield prefix + [name]
                    yield from commands(sub, prefix + [name])

    for argv in commands(build_parser(), []):
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            main([*argv, "--help"])
        print("=====", " ".join(argv))
        print(out.getvalue())
    """
)


def test_every_subcommand_help_is_french(tmp_path: Path) -> None:
    env = {**os.environ, "CNUM_BIBLIO_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", _EVERY_HELP],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = [page for page in result.stdout.split("===== ") if page.strip()]
    names = [page.splitlines()[0] for page in pages]
    # The areas' subcommands and documents are all there (a few of them, by name).
    assert {"demo", "check", "backup", "pdf", "pdf engagement", "export-ics"} <= set(names)
    for page in pages:
        name, _, text = page.partition("\n")
        assert _english_in(text) == [], f"cnum-biblio {name} --help:\n{text}"
        assert f"utilisation : cnum-biblio {name}" in text, text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("check",), "check : arguments obligatoires manquants : --db"),
        (("inconnue",), "choix « inconnue » inconnu"),
        (("--inconnue",), "arguments inconnus : --inconnue"),
        (("pdf",), "arguments obligatoires manquants : DOCUMENT"),
        (("--db", "a.sqlite", "--demo"), "ne va pas avec --db"),
        (("check", "--db"), "--db : une valeur est attendue"),
    ],
)
def test_usage_errors_are_french(tmp_path: Path, args: tuple[str, ...], expected: str) -> None:
    result = _run(*args, tmp_path=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr, result.stderr
    assert _english_in(result.stderr) == [], result.stderr
    assert "Aide : cnum-biblio" in result.stderr


def _argparse_messages() -> set[str]:
    """Every literal message the running Python's argparse passes to ``_`` or ``ngettext``."""
    tree = ast.parse(inspect.getsource(argparse))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"_", "ngettext"}
        ):
            found.update(
                arg.value
                for arg in node.args
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
            )
    return found


def test_every_argparse_message_a_user_can_meet_has_its_french_text() -> None:
    messages = _argparse_messages()
    assert "usage: " in messages  # the source was read
    plural = {text for pair in FRENCH_PLURAL for text in pair}
    missing = sorted(messages - set(FRENCH) - plural - PROGRAMMER_ONLY)
    assert missing == []


def test_french_texts_keep_the_placeholders_argparse_fills() -> None:
    sample = {
        "prog": "p",
        "message": "m",
        "argument_name": "a",
        "value": "v",
        "choices": "c",
        "closest": "x",
        "type": "int",
        "option": "o",
        "matches": "m",
        "parser_name": "n",
        "filename": "f",
        "error": "e",
        "heading": "h",
        "default": "d",
    }
    for english, french in FRENCH.items():
        if "%(" in english:
            french % sample  # noqa: B018 - raises KeyError on a misspelt placeholder
        elif "%" in english:
            assert french.count("%s") == english.count("%s") + english.count("%r"), french


def test_other_parsers_of_the_process_keep_argparse_english(capsys) -> None:  # noqa: ANN001
    french = FrenchArgumentParser(prog="fr")
    english = argparse.ArgumentParser(prog="en")
    assert french.format_usage().startswith("utilisation : fr")
    assert english.format_usage().startswith("usage: en")
    assert argparse._ is not cli_parser.french  # type: ignore[attr-defined]
