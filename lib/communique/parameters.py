"""Checks for notebook parameters: a bad value fails at once, naming the parameter and what is allowed.

Each notebook calls these in the cell right after its `parameters` cell, so a papermill
run with `-p start_date 2025-13-01` stops there with a message, not ten cells later.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import resolve


class ParameterError(ValueError):
    """A notebook parameter has a value that is not allowed."""

    def __init__(self, name: str, expected: str, value):
        super().__init__(f"parameter `{name}`: expected {expected}, got {value!r}")
        self.name = name


def check_path(name: str, value, must_exist: bool = True) -> Path:
    """A file or folder path, relative to the repository root unless absolute."""
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(name, "a path as text (relative to the repository root or absolute)", value)
    path = resolve(value)
    if must_exist and not path.exists():
        raise ParameterError(name, f"an existing file or folder (looked for {path})", value)
    return path


def check_date(name: str, value, optional: bool = True) -> pd.Timestamp | None:
    """A date "YYYY-MM-DD" (or None when `optional`)."""
    if value is None and optional:
        return None
    expected = "a date 'YYYY-MM-DD'" + (" or None" if optional else "")
    if not isinstance(value, str):
        raise ParameterError(name, expected, value)
    try:
        return pd.Timestamp(pd.to_datetime(value, format="%Y-%m-%d"))
    except (ValueError, TypeError):
        raise ParameterError(name, expected, value) from None


def check_date_range(start_name: str, start, end_name: str, end) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Two optional dates with start <= end."""
    first, last = check_date(start_name, start), check_date(end_name, end)
    if first is not None and last is not None and first > last:
        raise ParameterError(end_name, f"a date on or after `{start_name}` ({start})", end)
    return first, last


def check_text(name: str, value, optional: bool = True) -> str | None:
    """Text (or None / "" when `optional`, both returned as None)."""
    if value in (None, "") and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ParameterError(name, "non-empty text" + (" or None" if optional else ""), value)
    return value.strip()


def check_choice(name: str, value, choices) -> str:
    """One of a fixed set of values."""
    choices = list(choices)
    if value not in choices:
        raise ParameterError(name, "one of " + ", ".join(repr(c) for c in choices), value)
    return value


def check_int(name: str, value, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number within [minimum, maximum]."""
    bounds = " ".join(b for b in (f">= {minimum}" if minimum is not None else "", f"<= {maximum}" if maximum is not None else "") if b)
    expected = "a whole number" + (f" {bounds}" if bounds else "")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(name, expected, value)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ParameterError(name, expected, value)
    return value


def check_statement(name: str, value, ids) -> str:
    """The id of a statement in the corpus; the message lists some that exist."""
    ids = list(ids)
    if value not in ids:
        shown = ", ".join(repr(i) for i in ids[:10]) + (" ..." if len(ids) > 10 else "")
        raise ParameterError(name, f"the id of a statement in the corpus ({shown})", value)
    return value


def check_selection(selected, corpus):
    """`selected` if it holds any statement; else an error that says what `corpus` offers."""
    if len(selected):
        return selected
    if not len(corpus):
        raise ValueError("the corpus holds no statements: check `corpus` and the read report")
    dates = f"{corpus['date'].min():%Y-%m-%d} to {corpus['date'].max():%Y-%m-%d}"
    speakers = ", ".join(sorted(set(corpus["speaker"]))[:8])
    publishers = ", ".join(sorted(set(corpus["publisher"]))[:8])
    raise ParameterError(
        "start_date/end_date/publisher/speaker",
        f"a selection that keeps at least one statement (dates {dates}; speakers: {speakers}; publishers: {publishers})",
        "no statement matched",
    )


def check_codes(name: str, value, optional: bool = True) -> list[str] | None:
    """A list of actor codes such as ["USA", "IND"] (or None when `optional`)."""
    if value is None and optional:
        return None
    expected = 'a list of actor codes such as ["USA", "IND"]' + (" or None" if optional else "")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ParameterError(name, expected, value)
    return [v.strip().upper() for v in value]


def check_mapping(name: str, value) -> dict[str, str]:
    """A mapping of text to text, such as {"unit id": "LABEL"}."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ParameterError(name, 'a mapping of text to text, e.g. {"statement#0": "CONDEMN"}', value)
    return value
