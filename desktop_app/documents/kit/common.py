"""Small helpers shared by the kit documents."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from desktop_app.documents.base import p


def cell(text: str, style: str = "cell") -> Paragraph:
    return p(text, style)
