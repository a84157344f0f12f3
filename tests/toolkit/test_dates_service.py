"""Dates and times typed as people type them (services.dates, no Qt)."""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop_app.services.dates import (
    DateInputError,
    DateRange,
    add_months,
    check_period,
    month_bounds,
    parse_date,
    parse_time,
    plausible_range,
)

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/03/2027", date(2027, 3, 12)),
        ("12032027", date(2027, 3, 12)),
        ("12/3/27", date(2027, 3, 12)),
        ("12-03-2027", date(2027, 3, 12)),
        ("12.03.27", date(2027, 3, 12)),
        ("1/2/2026", date(2026, 2, 1)),
        ("120327", date(2027, 3, 12)),
        ("1203", date(2026, 3, 12)),
        ("12/03", date(2026, 3, 12)),
        ("10", date(2026, 12, 10)),
        ("2027-03-12", date(2027, 3, 12)),
        (" 12 / 03 / 2027 ", date(2027, 3, 12)),
        ("5/6/98", date(1998, 6, 5)),
        ("20 décembre 2026", date(2026, 12, 20)),
        ("20 DECEMBRE", date(2026, 12, 20)),
        ("1er mars 2027", date(2027, 3, 1)),
        ("mardi 3 févr. 27", date(2027, 2, 3)),
        ("3 juil", date(2026, 7, 3)),
        ("3 juin 2027", date(2027, 6, 3)),
        ("15 août 2027", date(2027, 8, 15)),
    ],
)
def test_typed_dates(typed: str, expected: date) -> None:
    assert parse_date(typed, TODAY) == expected


def test_empty_date_is_none() -> None:
    assert parse_date("  ", TODAY) is None


@pytest.mark.parametrize(
    "typed",
    ["31/02/2027", "2026", "12/13/2027", "abc", "1/2/3/4", "00000000", "3 ju 2026",
     "31 février 2027", "12 brumaire 2027", "mars"],
)
def test_wrong_dates_are_refused_in_french(typed: str) -> None:
    with pytest.raises(DateInputError) as err:
        parse_date(typed, TODAY)
    assert "JJ/MM/AAAA" in str(err.value)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("10", time(10)), ("10h", time(10)), ("10:30", time(10, 30)), ("10h30", time(10, 30)),
     ("1030", time(10, 30)), ("9h05", time(9, 5)), ("9H5", time(9, 5)), ("930", time(9, 30)),
     ("14.15", time(14, 15))],
)
def test_typed_times(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize("typed", ["25", "10h75", "x", "10:30:00:00"])
def test_wrong_times_are_refused(typed: str) -> None:
    with pytest.raises(DateInputError) as err:
        parse_time(typed)
    assert "10h30" in str(err.value)


def test_ranges_and_periods() -> None:
    rng = plausible_range(TODAY)
    assert rng.check(date(2202, 1, 1)) is not None
    assert rng.check(date(2027, 6, 1)) is None
    assert "avant le 01/01/1900" in (DateRange(date(1900, 1, 1), None, "La date").check(date(1899, 12, 31)) or "")
    assert check_period(date(2027, 1, 10), date(2027, 1, 9)) is not None
    assert check_period(date(2026, 1, 1), date(2202, 1, 1), max_days=366) is not None
    assert check_period(date(2026, 1, 1), date(2026, 6, 30), max_days=366) is None


def test_month_arithmetic() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)
    assert month_bounds(date(2024, 2, 10)) == (date(2024, 2, 1), date(2024, 2, 29))


@pytest.mark.parametrize(
    ("typed", "yearless", "expected"),
    [
        ("1er septembre", "this_year", date(2026, 9, 1)),
        ("1er septembre", "upcoming", date(2027, 9, 1)),
        ("1/12", "upcoming", date(2026, 12, 1)),  # today is not past
        ("5 janvier", "upcoming", date(2027, 1, 5)),
        ("5 janvier", "nearest", date(2027, 1, 5)),
        ("28/11", "nearest", date(2026, 11, 28)),
        ("28/11", "upcoming", date(2027, 11, 28)),
        ("0501", "upcoming", date(2027, 1, 5)),
        ("20", "upcoming", date(2026, 12, 20)),
        ("1", "upcoming", date(2026, 12, 1)),
        ("2", "upcoming", date(2026, 12, 2)),
        ("12/03/2026", "upcoming", date(2026, 3, 12)),  # a typed year is taken as typed
    ],
)
def test_a_date_without_its_year_is_placed_as_the_field_asks(typed, yearless, expected) -> None:  # noqa: ANN001
    assert parse_date(typed, TODAY, yearless=yearless) == expected


def test_a_date_without_its_year_is_taken_within_the_fields_range() -> None:
    due = DateRange(TODAY, add_months(TODAY, 12), "La date de retour prévue")
    assert parse_date("15/01", TODAY, valid=due) == date(2027, 1, 15)
    returned = DateRange(add_months(TODAY, -12), TODAY, "La date du retour")
    assert parse_date("15/12", TODAY, valid=returned) == date(2025, 12, 15)
    # nothing inside: the preferred reading stays, for the range to refuse it with its words
    assert parse_date("15/12", TODAY, valid=DateRange(TODAY, TODAY)) == date(2026, 12, 15)


def test_a_day_missing_from_this_month_or_a_29_february_says_what_to_type() -> None:
    november = date(2026, 11, 3)
    with pytest.raises(DateInputError, match="n'est pas une date qui existe"):
        parse_date("31", november, yearless="upcoming")  # not the 31st of December
    with pytest.raises(DateInputError, match="29 février n'existe pas en 2026.*29/02/2028"):
        parse_date("29/02", november)
    assert parse_date("29/02/2028", november) == date(2028, 2, 29)
