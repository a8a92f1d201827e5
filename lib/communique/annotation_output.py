"""Annotations out: one JSON object per statement, or the four tables as CSV or Parquet files."""
from __future__ import annotations

import io
import json
from pathlib import Path
from typing import TextIO

import pandas as pd

from .annotating import Annotations
from .export import _plain
from .files import atomic_write

TABLES = ("actors", "quotes", "acts", "sentences")


def _records(table: pd.DataFrame) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for record in table.to_dict(orient="records"):
        statement_id = record.pop("id")
        out.setdefault(statement_id, []).append({k: _plain(v) for k, v in record.items()})
    return out


def statement_objects(corpus: pd.DataFrame, annotations: Annotations):
    """Per statement: path, id, date, title, then its actors, quotes, acts and sentences."""
    by_table = {name: _records(getattr(annotations, name)) for name in TABLES}
    for row in corpus.itertuples():
        yield {"path": row.path, "id": row.id, "date": _plain(row.date), "title": row.title,
               **{name: by_table[name].get(row.id, []) for name in TABLES}}


def write_jsonl(corpus: pd.DataFrame, annotations: Annotations, stream: TextIO) -> None:
    for obj in statement_objects(corpus, annotations):
        stream.write(json.dumps(obj, ensure_ascii=False) + "\n")


def write_tables(annotations: Annotations, folder: str | Path, fmt: str) -> list[Path]:
    """actors/quotes/acts/sentences as .csv (lists as JSON text) or .parquet files in `folder`."""
    folder = Path(folder)
    written = []
    for name in TABLES:
        table = getattr(annotations, name).copy()
        for column in table.columns:
            if table[column].map(lambda v: isinstance(v, (list, dict))).any():
                table[column] = table[column].map(lambda v: json.dumps(v, ensure_ascii=False) if fmt == "csv" else v)
        path = folder / f"{name}.{fmt}"
        if fmt == "csv":
            atomic_write(path, table.to_csv(index=False))
        else:
            buffer = io.BytesIO()
            table.to_parquet(buffer, index=False)
            atomic_write(path, buffer.getvalue())
        written.append(path)
    return written
