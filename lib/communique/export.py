"""Statements out as JSON Lines or CSV (what `communique read` prints)."""
from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict
from typing import TextIO

import pandas as pd

from .corpus import Corpus


def _plain(value):
    """A JSON-friendly value: dates as YYYY-MM-DD, tuples as lists, missing values as None."""
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def statement_records(corpus: Corpus):
    """Each statement as a dict of plain values, schema columns first, then extras."""
    for record in corpus.to_dict(orient="records"):
        yield {key: _plain(value) for key, value in record.items()}


def write_jsonl(corpus: Corpus, stream: TextIO) -> None:
    for record in statement_records(corpus):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(corpus: Corpus, stream: TextIO) -> None:
    """CSV with a header; lists and mappings (blocks, extras) are written as JSON text."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(corpus.columns)
    for record in statement_records(corpus):
        writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else ("" if v is None else v)
                         for v in record.values()])
