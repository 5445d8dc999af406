"""The labels UN documents print: roman numerals, letters of sub-paragraphs, dates in words."""

from __future__ import annotations


def roman(number: int) -> str:
    """Return `number` (1-3999) in upper-case roman numerals."""
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out: list[str] = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """Return 1 -> "a", 26 -> "z", 27 -> "aa", as for sub-paragraphs (a), (b) ..."""
    out = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        out = chr(ord("a") + remainder) + out
    return out


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def un_date(iso: str) -> str:
    """Return an ISO date (YYYY-MM-DD) as UN documents write it: "8 June 2020"."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def printed_date(text: str) -> str:
    """Return a date as UN documents write it; text that is not an ISO date is kept as written."""
    try:
        return un_date(text) if text else ""
    except (ValueError, IndexError):
        return text
