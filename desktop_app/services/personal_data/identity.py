"""How records of different areas are recognised as the same person, and how a person's
identifiers are removed from free text.

A person has no identifier shared by the areas (a candidate, a participant and a borrower are
typed in separately), so records are linked by what people give. The rule, from which
``group`` follows:

- Two records are one person when they share a strong identifier — the same e-mail or the same
  phone number (written any way: spaces, dots, +33) — and nothing in them conflicts.
- A conflict: names that disagree (neither record's name is the other's or contained in it:
  "Marie Dupont" and "DUPONT Marie" agree, so do "Marie Dupont" and "Marie Dupont-Leroy", or a
  record with no name at all; "Marie Dupont" and "Jean Dupont" do not — a household's landline
  or a family e-mail is shared by several people), or two known, different birth years (a
  father and a son of the same name on the same phone). Accents and case never matter.
- A shared name alone never links. Namesakes are common in a small territory (the same first
  and last name in two villages) and an access copy or an erasure that took in a namesake would
  hand one person another's data, or erase two people. Records of the same name with different
  e-mails, phones, birth years or communes are different people; with nothing to compare (no
  e-mail nor phone on one side) the base cannot tell, and they are still kept apart: the screen
  shows each one with what distinguishes it (commune, contact, where it comes from) and the
  person using it chooses. ``namesake_key`` is what finds them.
- The commune and postal code never link nor split records that an identifier links (people
  move; a candidate's address is not always where they attend a workshop): they are shown so
  that namesakes can be told apart.
- Linking is transitive (a profile and a loan sharing a phone, the profile and a request sharing
  an e-mail: one person), but never through a conflict: a record whose matches conflict with
  each other (a borrower "Renaud" on the landline of Agnès Renaud and of Michel Renaud) stays on
  its own, and two groups whose records conflict are never joined.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.services.text import ACCENT_BEARING, accent_blind_like, fold

MIN_PHONE_DIGITS = 9
ERASED_MARK = "[personne effacée]"
_CIVILITY = r"(?:mme|madame|mlle|mademoiselle|monsieur|mr|m\.)"
_CIVILITY_WORDS = frozenset({"mme", "madame", "mlle", "mademoiselle", "monsieur", "mr", "m"})


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


def name_words(name: str) -> frozenset[str]:
    """The words of a full name, folded, without a civility ("Mme", "M."). Read for every
    record at each search: ``fold`` (one pass) rather than ``words`` (character by character,
    needed only to cut names out of notes)."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold(name)) if w not in _CIVILITY_WORDS)


@dataclass(frozen=True)
class Facts:
    """What one record says of who the person is, reduced to what can be compared."""

    names: frozenset[str] = frozenset()  # empty: the record names no one (erased, blank)
    email: str | None = None
    phone: str | None = None
    birth_year: int | None = None

    @classmethod
    def of(cls, name: str, email: str = "", phone: str = "",
           birth_year: int | None = None) -> Facts:
        return cls(name_words(name), email_key(email), phone_key(phone), birth_year)

    def strong_keys(self) -> list[tuple[str, str]]:
        keys = []
        if self.email is not None:
            keys.append(("email", self.email))
        if self.phone is not None:
            keys.append(("phone", self.phone))
        return keys


def names_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name is the other, in any order, or within it (a compound name written in full on
    one record, shortened on another); a record without a name agrees with any."""
    return a <= b or b <= a


def conflict(a: Facts, b: Facts) -> bool:
    """Whether two records cannot be the same person, whatever links them."""
    if not names_agree(a.names, b.names):
        return True
    return a.birth_year is not None and b.birth_year is not None and a.birth_year != b.birth_year


def namesake_key(facts: Facts) -> tuple[str, ...] | None:
    """The key shared by records bearing the same full name (at least two words)."""
    return tuple(sorted(facts.names)) if len(facts.names) >= 2 else None


def group(records: Sequence[Facts]) -> list[list[int]]:
    """The records' positions grouped into people by the module's rule; deterministic (records
    are taken in the order given), every position in exactly one group."""
    count = len(records)
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, facts in enumerate(records):
        for key in facts.strong_keys():
            by_key.setdefault(key, []).append(i)
    neighbours: list[set[int]] = [set() for _ in range(count)]
    for members in by_key.values():
        for pos, i in enumerate(members):
            for j in members[pos + 1:]:
                if not conflict(records[i], records[j]):
                    neighbours[i].add(j)
                    neighbours[j].add(i)
    # a record whose matches conflict with one another cannot say whose it is: on its own
    ambiguous = {i for i in range(count)
                 if _any_conflict(_kinds(records, neighbours[i]), _kinds(records, neighbours[i]))}
    parent = list(range(count))
    members_of: dict[int, list[int]] = {i: [i] for i in range(count)}
    kinds_of: dict[int, set[Facts]] = {i: _kinds(records, [i]) for i in range(count)}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(count):
        if i in ambiguous:
            continue
        for j in sorted(neighbours[i]):
            if j in ambiguous:
                continue
            ri, rj = root(i), root(j)
            if ri == rj:
                continue
            if _any_conflict(kinds_of[ri], kinds_of[rj]):
                continue  # joining would put two people who cannot be one in one group
            keep, gone = min(ri, rj), max(ri, rj)
            parent[gone] = keep
            members_of[keep].extend(members_of.pop(gone))
            kinds_of[keep] |= kinds_of.pop(gone)
    return [sorted(members) for _, members in sorted(members_of.items())]


def _kinds(records: Sequence[Facts], positions: Iterable[int]) -> set[Facts]:
    """The distinct name and birth year of ``positions``: what conflicts are decided on, so
    that a phone shared by many records of one person costs no more than one record."""
    return {Facts(records[i].names, birth_year=records[i].birth_year) for i in positions}


def _any_conflict(a: set[Facts], b: set[Facts]) -> bool:
    return any(conflict(x, y) for x in a for y in b)


def _phone_pattern(digits: str) -> str:
    """Digits written with or without spaces, dots or dashes, national or +33."""
    separated = r"[\s.\-]?".join(digits[1:])
    return rf"(?:\+33\s?\(?0?\)?|0033\s?|0)[\s.\-]?{separated}"


@lru_cache(maxsize=64)
def _scrub_regex(names: tuple[tuple[str, ...], ...], emails: tuple[str, ...],
                 phones: tuple[str, ...]) -> re.Pattern[str] | None:
    """The one expression ``scrub`` looks for; built once per person (the notes of a search
    are checked one by one against the same person)."""
    patterns: list[str] = []
    for key in names:
        if len(key) < 2:
            continue
        # the words of the name next to each other, in any order (two or three words)
        alternatives = sorted({r"\W+".join(re.escape(w) for w in perm) for perm in _orders(key)})
        patterns.extend(rf"\b{alt}\b" for alt in alternatives)
    # "Mme Dupont", "M. Jean Dupont": a civility followed by words of the name
    name_words = sorted({w for key in names for w in key if len(w) >= 3}, key=len, reverse=True)
    if name_words:
        word = "|".join(re.escape(w) for w in name_words)
        patterns.append(rf"\b{_CIVILITY}\s*(?:{word})\b(?:[\s\-]+(?:{word})\b)*")
    patterns.extend(re.escape(e.lower()) for e in emails if e)
    patterns.extend(_phone_pattern(p) for p in phones if p and p.startswith("0"))
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def scrub(text: str, names: Iterable[tuple[str, ...]], emails: Iterable[str],
          phones: Iterable[str], mark: str = ERASED_MARK) -> str:
    """``text`` with each occurrence of the person's full name (either order, any accents or
    case), e-mail and phone number replaced by ``mark``."""
    if not text:
        return text
    regex = _scrub_regex(tuple(names), tuple(emails), tuple(phones))
    if regex is None:
        return text
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


# Letters a note may write with an accent in French: a LIKE pattern takes any one character
# there. The database's LOWER and LIKE fold ASCII letters only.
_ACCENTED_LETTERS = ACCENT_BEARING
_like_word = accent_blind_like


# A word whose LIKE pattern fixes fewer letters than this (« Ange » → « _ng_ », which
# « rallonge » matches) is never looked for alone.
_STRONG_LETTERS = 4
# The civilities of ``scrub``'s « Mme Dupont ».
_CIVILITIES = ("mme", "madame", "mlle", "mademoiselle", "monsieur", "mr", "m.")

# The text matches every part; a part is a pattern, or patterns of which it matches one.
LikeAlternative = tuple[str | tuple[str, ...], ...]


def like_patterns(names: Iterable[tuple[str, ...]], emails: Iterable[str],
                  phones: Iterable[str]) -> list[LikeAlternative]:
    """LIKE patterns (escape ``\\``, on the lower-cased text) that any text naming the person
    matches: the database's first look before ``mentions`` decides. From ``scrub``: a name is
    found whole (every word) or after a civility (« Mme », « M. », « Monsieur »…), so a word
    that fixes enough letters is looked for alone, a short one after a civility or with the
    other words of its name; then the e-mail, and the phone's digits in order with anything
    between. Few and simple patterns, the civilities tried only where the word is: they are
    tried on every note of the base. This first look misses a note that accents a letter
    outside French's (« Šimić », « Muñoz »): the erasure and the access copy read every
    note."""
    keys = sorted({key for key in names if len(key) >= 2})
    found: set[LikeAlternative] = set()

    def strong(word: str) -> bool:
        return sum(c not in _ACCENTED_LETTERS for c in word) >= _STRONG_LETTERS

    for key in keys:
        for word in key:
            if strong(word):
                found.add((f"%{_like_word(word)}%",))
            elif len(word) >= 3:  # « Mme Ange »: an « m » before it first, the cheaper test
                found.add((f"%m%{_like_word(word)}%", tuple(sorted(
                    f"%{_like_word(c)}%{_like_word(word)}%" for c in _CIVILITIES))))
        if not any(strong(w) for w in key):  # « Ange Roy », written whole
            found.add(tuple(sorted({f"%{_like_word(w)}%" for w in key})))
    found |= {(f"%{_like_word(e.lower())}%",) for e in emails if e}
    found |= {("%" + "%".join(p[1:]) + "%",) for p in phones if p and p.startswith("0")}
    # « agnes.martin48@… » is found by « %m_rt_n% » already: a pattern another one covers is
    # one test less on every note of the base (about a tenth of the look)
    alone = {alt: tokens for alt in found
             if len(alt) == 1 and (tokens := _like_tokens(str(alt[0]))) is not None}
    found -= {alt for alt, tokens in alone.items()
              if any(other != alt and _covers(wider, tokens) for other, wider in alone.items())}
    return sorted(found, key=repr)


def _like_tokens(pattern: str) -> list[str | None] | None:
    """The characters of a ``%…%`` pattern with no other ``%`` (None for ``_``, escapes
    undone), or None for any other pattern."""
    if len(pattern) < 2 or pattern[0] != "%" or pattern[-1] != "%":
        return None
    core, tokens, i = pattern[1:-1], [], 0
    while i < len(core):
        char = core[i]
        if char == "\\" and i + 1 < len(core):
            tokens.append(core[i + 1])
            i += 2
            continue
        if char == "%":
            return None
        tokens.append(None if char == "_" else char)
        i += 1
    return tokens


def _covers(wider: list[str | None], narrower: list[str | None]) -> bool:
    """Whether every text LIKE ``%narrower%`` is LIKE ``%wider%``: ``wider`` fits somewhere in
    ``narrower``, its ``_`` over anything, its letters over the same letters."""
    size = len(wider)
    return any(all(w is None or w == n for w, n in zip(wider, narrower[i:i + size], strict=True))
               for i in range(len(narrower) - size + 1))


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
