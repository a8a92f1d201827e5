"""`Corpus`: the statements as a pandas DataFrame (schema in `communique.schema.COLUMNS`)."""
from __future__ import annotations

import pandas as pd

from .report import ReadReport
from .schema import COLUMNS
from .structure import blocks_frame


class Corpus(pd.DataFrame):
    """A DataFrame of statements, one row each, indexed 0..n-1 and sorted by date then id.

    Besides the schema columns it keeps any extra fields the files carried, and the
    `report` of the read that made it. `corpus.blocks()` gives the structure of every
    statement as a tidy table of headings and paragraphs with character offsets.
    """

    _metadata = ["report"]
    report: ReadReport | None = None

    @property
    def _constructor(self):
        return Corpus

    def blocks(self) -> pd.DataFrame:
        """One row per heading or paragraph: id, block, kind, level, start, end, text."""
        frames = [blocks_frame(row.id, row.text, row.blocks) for row in self.itertuples()]
        if not frames:
            return blocks_frame("", "", [])
        return pd.concat(frames, ignore_index=True)

    def statement(self, statement_id: str) -> pd.Series:
        """The row of one statement; a KeyError lists the ids that exist."""
        found = self[self["id"] == statement_id]
        if found.empty:
            known = ", ".join(self["id"].head(20))
            raise KeyError(f"no statement with id {statement_id!r}; ids include: {known}")
        return found.iloc[0]

    def select(self, start=None, end=None, publisher: str | None = None, speaker: str | None = None,
               kind: str | None = None) -> "Corpus":
        """Statements dated `start`..`end` (inclusive, "YYYY-MM-DD" or None for open) whose
        publisher / speaker / kind contain the given text (case-insensitive)."""
        keep = pd.Series(True, index=self.index)
        if start is not None:
            keep &= self["date"] >= pd.Timestamp(start)
        if end is not None:
            keep &= self["date"] <= pd.Timestamp(end)
        for column, needle in (("publisher", publisher), ("speaker", speaker), ("kind", kind)):
            if needle:
                keep &= self[column].str.contains(needle, case=False, regex=False)
        return self[keep].reset_index(drop=True)


def empty_corpus(report: ReadReport | None = None) -> Corpus:
    corpus = Corpus({name: pd.Series(dtype="datetime64[ns]" if name == "date" else object) for name in COLUMNS})
    corpus.report = report
    return corpus


def make_corpus(rows: list[dict], report: ReadReport) -> Corpus:
    """A Corpus from statement rows: schema columns first, then extras; sorted by date, id."""
    if not rows:
        return empty_corpus(report)
    frame = pd.DataFrame(rows)
    extras = sorted(c for c in frame.columns if c not in COLUMNS)
    frame = frame[[*COLUMNS, *extras]]
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame = frame.sort_values(["date", "id"], kind="stable").reset_index(drop=True)
    corpus = Corpus(frame)
    corpus.report = report
    return corpus
