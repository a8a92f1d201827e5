"""Tables that describe a corpus and its statements: sizes, counts, structure."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import spacy

from .corpus import Corpus


@lru_cache(maxsize=1)
def _splitter():
    """spaCy's English tokenizer and rule-based sentencizer: fast and deterministic."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def text_counts(text: str, blocks) -> dict:
    """Counts for one statement: headings, paragraphs, sentences and words of its paragraphs,
    and characters. Headings are counted as headings, not sentences."""
    paragraphs = [text[b.start:b.end] for b in blocks if b.kind == "paragraph"]
    docs = list(_splitter().pipe(paragraphs))
    words = sum(1 for doc in docs for token in doc if not (token.is_punct or token.is_space))
    return {
        "headings": sum(b.kind == "heading" for b in blocks),
        "paragraphs": len(paragraphs),
        "sentences": sum(len(list(doc.sents)) for doc in docs),
        "words": words,
        "characters": len(text),
    }


def overview(corpus: Corpus) -> pd.DataFrame:
    """One row per statement: id, date, kind, speaker, title and its counts, by date then id."""
    rows = [
        {"id": row.id, "date": row.date, "kind": row.kind, "speaker": row.speaker, "title": row.title,
         **text_counts(row.text, row.blocks)}
        for row in corpus.itertuples()
    ]
    columns = ["id", "date", "kind", "speaker", "title", "headings", "paragraphs", "sentences", "words", "characters"]
    return pd.DataFrame(rows, columns=columns).sort_values(["date", "id"], kind="stable").reset_index(drop=True)


def statement_counts(statement: pd.Series) -> pd.DataFrame:
    """Counts for one statement as a two-column table (measure, value)."""
    counts = text_counts(statement["text"], statement["blocks"])
    if counts["sentences"]:
        counts["words per sentence"] = round(counts["words"] / counts["sentences"], 1)
    return pd.DataFrame({"measure": list(counts), "value": pd.Series(list(counts.values()), dtype=object)})


def by_speaker(corpus: Corpus) -> pd.DataFrame:
    """Statements per speaker and kind, with first and last date."""
    if corpus.empty:
        return pd.DataFrame(columns=["speaker", "kind", "statements", "first", "last"])
    grouped = corpus.groupby(["speaker", "kind"], sort=True)["date"]
    table = grouped.agg(statements="count", first="min", last="max").reset_index()
    return table.sort_values(["statements", "speaker", "kind"], ascending=[False, True, True], kind="stable").reset_index(drop=True)
