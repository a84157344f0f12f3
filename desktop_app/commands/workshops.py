"""Command-line subcommands and self-test checks of this area (filled by its issue)."""

from __future__ import annotations

import argparse

from desktop_app.commands import SelfCheck


def register(sub: argparse._SubParsersAction, pdf_sub: argparse._SubParsersAction) -> None:
    """Nothing yet: this area's issue adds its subcommands and document kinds here."""
    from desktop_app.commands import workshops_documents  # part B: documents, .ics, bilan

    workshops_documents.register(sub, pdf_sub)


def self_checks() -> list[SelfCheck]:
    from desktop_app.commands import workshops_documents  # part B: documents, .ics, bilan

    return [*workshops_documents.self_checks()]
