"""How records of different areas are recognised as the same person, and how a person's
identifiers are removed from free text.

A person has no identifier shared by the areas (a candidate, a participant and a borrower are
typed in separately), so records are linked by what people give: the same e-mail, the same
phone number, or the same first and last name in any order ("Marie Dupont" and "DUPONT Marie").
Accents and case never matter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from desktop_app.services.text import fold

MIN_PHONE_DIGITS = 9
ERASED_MARK = "[personne effacée]"
_CIVILITY = r"(?:mme|madame|mlle|mademoiselle|monsieur|mr|m\.)"


def fold_char(char: str) -> str:
    """One character, lower case without its accent; always one character, so that positions
    in folded text are positions in the original (needed to cut a name out of a note)."""
    base = unicodedata.normalize("NFD", char)[:1] or char
    lowered = base.lower()
    return lowered if len(lowered) == 1 else base


def fold_same_length(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_same_length(text))


def name_key(*parts: str) -> tuple[str, ...] | None:
    """The order-free key of a full name, None when it has fewer than two words (a first
    name alone names nobody in particular)."""
    found = sorted(w for part in parts for w in words(part))
    return tuple(found) if len(found) >= 2 else None


def email_key(email: str) -> str | None:
    value = email.strip().lower()
    return value if "@" in value else None


def phone_digits(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0033"):
        digits = "0" + digits[4:]
    elif digits.startswith("33") and len(digits) == 11:
        digits = "0" + digits[2:]
    return digits


def phone_key(phone: str) -> str | None:
    digits = phone_digits(phone)
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def _phone_pattern(digits: str) -> str:
    """Digits written with or without spaces, dots or dashes, national or +33."""
    separated = r"[\s.\-]?".join(digits[1:])
    return rf"(?:\+33\s?\(?0?\)?|0033\s?|0)[\s.\-]?{separated}"


def scrub(text: str, names: Iterable[tuple[str, ...]], emails: Iterable[str],
          phones: Iterable[str], mark: str = ERASED_MARK) -> str:
    """``text`` with each occurrence of the person's full name (either order, any accents or
    case), e-mail and phone number replaced by ``mark``."""
    if not text:
        return text
    patterns: list[str] = []
    for key in names:
        if len(key) < 2:
            continue
        # the words of the name next to each other, in any order (two or three words)
        alternatives = {r"\W+".join(re.escape(w) for w in perm) for perm in _orders(key)}
        patterns.extend(rf"\b{alt}\b" for alt in alternatives)
    # "Mme Dupont", "M. Jean Dupont": a civility followed by words of the name
    name_words = sorted({w for key in names for w in key if len(w) >= 3}, key=len, reverse=True)
    if name_words:
        word = "|".join(re.escape(w) for w in name_words)
        patterns.append(rf"\b{_CIVILITY}\s*(?:{word})\b(?:[\s\-]+(?:{word})\b)*")
    patterns.extend(re.escape(e.lower()) for e in emails if e)
    patterns.extend(_phone_pattern(p) for p in phones if p and p.startswith("0"))
    if not patterns:
        return text
    regex = re.compile("|".join(f"(?:{p})" for p in patterns))
    folded = fold_same_length(text)
    pieces: list[str] = []
    last = 0
    for match in regex.finditer(folded):
        pieces.append(text[last:match.start()])
        pieces.append(mark)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _orders(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    from itertools import permutations

    if len(key) > 4:  # compound names: the stored order and its reverse are enough
        return [key, tuple(reversed(key))]
    return list(permutations(key))


def mentions(text: str, names: Iterable[tuple[str, ...]], emails: Iterable[str],
             phones: Iterable[str]) -> bool:
    """Whether ``text`` names the person. A quick look first (is any word of the name, the
    e-mail or the phone's digits there at all?), since most notes name no one."""
    if not text:
        return False
    names, emails, phones = list(names), list(emails), list(phones)
    folded = fold(text)
    digits = re.sub(r"\D", "", text)
    if not (any(w in folded for key in names for w in key)
            or any(e in folded for e in emails)
            or any(p[1:] in digits for p in phones)):
        return False
    return scrub(text, names, emails, phones, mark="\x00") != text
