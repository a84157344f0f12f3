"""The venue's weekly opening hours: parsing what people type, and the OSM syntax.

Stored as JSON ``{"mo": [["09:00", "12:00"], ...], ...}``. People type one line per day such as
``09:00-12:00, 14:00-18:30``; each bound is typed as any time of the application
(``9-12``, ``9h-12h``, ``14-18h30``, ``14h à 18h30``). The open-data standard wants the
OpenStreetMap ``opening_hours`` syntax, e.g. ``Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, time

from desktop_app.services.dates import DateInputError, parse_time

DAYS = ("mo", "tu", "we", "th", "fr", "sa", "su")
DAY_LABELS = {
    "mo": "Lundi",
    "tu": "Mardi",
    "we": "Mercredi",
    "th": "Jeudi",
    "fr": "Vendredi",
    "sa": "Samedi",
    "su": "Dimanche",
}
OSM_DAYS = {"mo": "Mo", "tu": "Tu", "we": "We", "th": "Th", "fr": "Fr", "sa": "Sa", "su": "Su"}

Hours = dict[str, list[tuple[str, str]]]

_RANGE_SPLIT = re.compile(r"\s*(?:-|–|—|à)\s*")
_MIDNIGHT = re.compile(r"^\s*24\s*(?:[h:.]\s*(?:00?)?)?\s*$", re.IGNORECASE)


class OpeningHoursError(ValueError):
    """French message naming the day and what is wrong."""


def _hhmm(text: str) -> str:
    """A bound of a range as ``HH:MM``, typed as every time of the application is
    (``services.dates.parse_time``: 9, 9h, 9h30, 09:30, 930), or 24:00 for midnight."""
    if _MIDNIGHT.match(text):
        return "24:00"
    try:
        value = parse_time(text)
    except DateInputError:
        raise ValueError from None
    if value is None:
        raise ValueError
    return f"{value.hour:02d}:{value.minute:02d}"


def parse_day(text: str, day: str = "mo") -> list[tuple[str, str]]:
    """``"09:00-12:00, 14:00-18:30"`` → ``[("09:00", "12:00"), ("14:00", "18:30")]``."""
    text = (text or "").strip()
    if not text or text.lower() in {"fermé", "ferme", "-"}:
        return []
    ranges: list[tuple[str, str]] = []
    for part in re.split(r"[,;/]| et ", text):
        bounds = _RANGE_SPLIT.split(part.strip())
        try:
            if len(bounds) != 2:
                raise ValueError
            start, end = _hhmm(bounds[0]), _hhmm(bounds[1])
        except ValueError:
            raise OpeningHoursError(
                f"{DAY_LABELS[day]} : « {part.strip()} » n'est pas une plage horaire. "
                "Écrivez par exemple 09:00-12:00, 14:00-18:30 (ou laissez vide si fermé)."
            ) from None
        if end <= start:
            raise OpeningHoursError(
                f"{DAY_LABELS[day]} : la plage {start}-{end} finit avant de commencer."
            )
        ranges.append((start, end))
    ranges.sort()
    for (_, end1), (start2, _) in zip(ranges, ranges[1:], strict=False):
        if start2 < end1:
            raise OpeningHoursError(f"{DAY_LABELS[day]} : deux plages se chevauchent.")
    return ranges


def format_day(ranges: list[tuple[str, str]]) -> str:
    return ", ".join(f"{a}-{b}" for a, b in ranges)


def loads(raw: str | None) -> Hours:
    try:
        data = json.loads(raw or "{}")
    except json.JSONDecodeError:
        data = {}
    return {day: [tuple(r) for r in data.get(day, [])] for day in DAYS}  # type: ignore[misc]


def dumps(hours: Hours) -> str:
    return json.dumps({day: [list(r) for r in hours.get(day, [])] for day in DAYS})


def to_osm(hours: Hours) -> str:
    """OpenStreetMap syntax, consecutive days with the same hours grouped (``Mo-Fr``)."""
    parts: list[str] = []
    i = 0
    while i < len(DAYS):
        ranges = hours.get(DAYS[i], [])
        j = i
        while j + 1 < len(DAYS) and hours.get(DAYS[j + 1], []) == ranges:
            j += 1
        if ranges:
            days = OSM_DAYS[DAYS[i]] if i == j else f"{OSM_DAYS[DAYS[i]]}-{OSM_DAYS[DAYS[j]]}"
            if j == i + 1:
                days = f"{OSM_DAYS[DAYS[i]]},{OSM_DAYS[DAYS[j]]}"
            parts.append(f"{days} {','.join(f'{a}-{b}' for a, b in ranges)}")
        i = j + 1
    return "; ".join(parts)


def is_open(hours: Hours, start: datetime, end: datetime) -> bool:
    """True when [start, end] (same day) lies inside one opening range."""
    day = DAYS[start.weekday()]
    s, e = start.time(), end.time()
    for a, b in hours.get(day, []):
        if time.fromisoformat(a) <= s and (e <= time.fromisoformat(b) or b == "24:00"):
            return True
    return False
