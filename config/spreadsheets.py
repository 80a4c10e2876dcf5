"""What every export to a spreadsheet needs, in one place both apps may import."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """Keep a spreadsheet from running a cell as a formula (CSV injection): a text that starts
    with = + - @ tab or CR gets a leading quote; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
