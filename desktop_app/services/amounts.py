"""Amounts typed as a secretary types them: « 1 500,50 », « 1500,50 », « 1.500,50 », and
« 1500.50 » from the numeric keypad, whose decimal key writes a dot.

Qt's French spin box read a dot as a thousands separator: « 1500.50 » became 15 005,00 € and
« 1250.75 » 12 507,00 €, a payment ten times too large, silently. Here a dot followed by one
or two digits (or by nothing yet) is the decimal mark; followed by three digits it groups
thousands (« 12.500 »). The field that uses it is ``views/common/amount_field.AmountSpin``."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")


def clean_amount_text(text: str, suffix: str) -> str:
    """``text`` without its unit (« € », « % ») and without spaces."""
    body = text.strip()
    if suffix.strip() and body.endswith(suffix.strip()):
        body = body[: -len(suffix.strip())]
    return _SPACES.sub("", body)


def parse_amount(text: str, suffix: str = "") -> Decimal | None:
    """The number ``text`` stands for; None while it is empty or not (yet) a number."""
    body = clean_amount_text(text, suffix)
    if not body or not re.fullmatch(r"[\d.,]+", body):
        return None
    if "," in body:  # the French decimal comma; any dot before it groups thousands
        whole, _, decimals = body.rpartition(",")
        if "," in whole or "." in decimals:
            return None
        if "." in whole and not _GROUPED.fullmatch(whole):
            return None
        body = whole.replace(".", "") + "." + decimals
    elif body.count(".") > 1 or re.fullmatch(r"\d+\.\d{3}", body):
        if not _GROUPED.fullmatch(body):
            return None
        body = body.replace(".", "")
    if body.startswith("."):
        body = "0" + body
    if body.endswith("."):
        body += "0"
    try:
        return Decimal(body)
    except InvalidOperation:
        return None


def beyond_limit_message(typed: str, limit: str, *, above: bool, what: str = "montant") -> str:
    """What to tell someone who typed ``typed`` past the field's ``limit`` (both as shown,
    « 99 999 999 € », « 100 000,00 € »): the field keeps what was typed rather than silently
    keeping its first digits, so the person must be told what is wrong and what to type."""
    if above:
        slip = " (un chiffre de trop ?)" if what == "montant" else ""
        return (f"« {typed} » dépasse le {what} le plus élevé accepté ici ({limit}) : "
                f"vérifiez le {what}{slip} et tapez-en un d'au plus {limit}.")
    return (f"« {typed} » est en dessous du {what} le plus bas accepté ici ({limit}) : "
            f"tapez un {what} d'au moins {limit}.")


def too_precise_message(typed: str, decimals: int, *, what: str = "montant") -> str:
    """What to tell someone who typed more decimals than the field keeps (« 2150.456 » in
    euros): Qt's spin box dropped the extra digit without a word."""
    if decimals == 0:
        return f"« {typed} » : tapez le {what} sans décimales."
    unit = "au centime près" if what == "montant" and decimals == 2 else (
        f"avec {decimals} décimale{'s' if decimals > 1 else ''} au plus"
    )
    return f"« {typed} » a trop de décimales : tapez le {what} {unit}."


def not_an_amount_message(typed: str, example: str, *, what: str = "montant") -> str:
    """What to tell someone whose typing reads as no number (« 2150.456 »: a dot followed by
    three digits groups thousands, and 2150 is no group): the field would put back its last
    amount without a word."""
    return (f"« {typed} » ne se lit pas comme un {what} : tapez-le avec une virgule pour les "
            f"décimales, par exemple {example}.")
