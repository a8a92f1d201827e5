"""`annotate()`: actors, quotes, acts and voice for every statement of a corpus, as tidy tables.

Every row carries the statement `id` and character offsets (`start`, `end`) into that
statement's `text`, so each annotation points back to the words that support it.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from .actors import SPAN_KEY
from .pipeline import MODEL, build_pipeline, make_doc
from .progress import progress
from .voice import sentence_voices

ACTOR_COLUMNS = ["id", "start", "end", "text", "actor", "person", "kind"]
QUOTE_COLUMNS = ["id", "start", "end", "text", "kind", "speaker", "speaker_actor", "cue", "cue_start", "cue_end", "unbalanced"]
ACT_COLUMNS = ["id", "start", "end", "text", "act", "source_actor", "source_actors", "target_actors", "intensity",
               "negated", "trigger", "trigger_start", "in_quote"]
SENTENCE_COLUMNS = ["id", "sentence", "start", "end", "text", "voice"]


@dataclass
class Annotations:
    """The four annotation tables of a corpus (see the README for their columns)."""

    actors: pd.DataFrame
    quotes: pd.DataFrame
    acts: pd.DataFrame
    sentences: pd.DataFrame

    def for_statement(self, statement_id: str) -> "Annotations":
        return Annotations(*(table[table["id"] == statement_id].reset_index(drop=True)
                             for table in (self.actors, self.quotes, self.acts, self.sentences)))


def statement_doc(nlp: Language, statement) -> Doc:
    """A tokenized doc of one corpus row (a pandas row or mapping), carrying its metadata."""
    get = statement.get if hasattr(statement, "get") else lambda k, d=None: getattr(statement, k, d)
    date = get("date")
    blocks = get("blocks")
    return make_doc(
        nlp, get("text"), id=get("id"), date=None if date is None or pd.isna(date) else str(pd.Timestamp(date).date()),
        title=get("title") or "", publisher=get("publisher") or "", speaker=get("speaker") or "",
        kind=get("kind") or "",
        blocks=[(b.kind, b.start, b.end) for b in blocks] if isinstance(blocks, (list, tuple)) else None,
    )


def doc_records(statement_id: str, doc: Doc) -> dict[str, list[dict]]:
    """The annotation rows of one processed doc, by table."""
    actors = [{"id": statement_id, "start": s.start_char, "end": s.end_char, "text": s.text, "actor": s.label_,
               "person": s.kb_id_ or None, "kind": s.id_} for s in doc.spans[SPAN_KEY]] if SPAN_KEY in doc.spans else []
    quotes = [{"id": statement_id, **{k: q.get(k) for k in QUOTE_COLUMNS[1:]}} for q in doc._.cq_quotes or []]
    acts = [{"id": statement_id, **{k: _listed(a.get(k)) for k in ACT_COLUMNS[1:]}} for a in doc._.cq_acts or []]
    sentences = [{"id": statement_id, "sentence": i, **row} for i, row in enumerate(sentence_voices(doc))]
    return {"actors": actors, "quotes": quotes, "acts": acts, "sentences": sentences}


def _listed(value):
    """Lists stay lists after a cache round trip (msgpack gives tuples back)."""
    return list(value) if isinstance(value, tuple) else value


def annotate(corpus: pd.DataFrame, nlp: Language | None = None, model: str = MODEL, gazetteer=(),
             batch_size: int = 32, n_process: int = 1, cache=None) -> Annotations:
    """Annotate every statement of `corpus` (a Corpus or any DataFrame with id and text).

    `nlp`: a pipeline from `build_pipeline` (built from `model` and `gazetteer` if None).
    `cache`: an `AnnotationCache`, or a folder for one, to reuse statements annotated before.
    `n_process`: worker processes for spaCy; results are identical to one process.
    Tables are in corpus order, then by offset.
    """
    from .cache import AnnotationCache

    nlp = nlp or build_pipeline(model, gazetteer)
    if cache is not None and not isinstance(cache, AnnotationCache):
        cache = AnnotationCache(cache, nlp)
    tables: dict[str, list[dict]] = {"actors": [], "quotes": [], "acts": [], "sentences": []}
    rows = corpus.to_dict(orient="records")
    bar = progress(total=len(rows), min_items=20, desc="annotating", unit="statement")
    missing = []
    for row in rows:
        records = cache.get_records(row) if cache is not None else None
        if records is None:
            missing.append(row)
            continue
        for name, items in records.items():
            tables[name].extend({"id": row["id"], **item} for item in items)
        bar.update(1)
    for row, doc in _process(missing, nlp, batch_size, n_process):
        records = doc_records(row["id"], doc)
        if cache is not None:
            cache.put(row, doc, {name: [{k: v for k, v in r.items() if k != "id"} for r in items]
                                 for name, items in records.items()})
        for name, items in records.items():
            tables[name].extend(items)
        bar.update(1)
    bar.close()
    order = {statement_id: i for i, statement_id in enumerate(corpus["id"])}

    def frame(name: str, columns: list[str]) -> pd.DataFrame:
        table = pd.DataFrame(tables[name], columns=columns)
        table = table.assign(_order=table["id"].map(order)).sort_values(["_order", "start", "end"], kind="stable")
        return table.drop(columns="_order").reset_index(drop=True)

    return Annotations(frame("actors", ACTOR_COLUMNS), frame("quotes", QUOTE_COLUMNS), frame("acts", ACT_COLUMNS),
                       frame("sentences", SENTENCE_COLUMNS))


def _process(rows: list[dict], nlp: Language, batch_size: int, n_process: int):
    """(row, processed doc) for each row, streamed from spaCy."""
    pairs = ((statement_doc(nlp, row), row) for row in rows)
    for doc, row in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield row, doc


def iter_docs(corpus: pd.DataFrame, nlp: Language, batch_size: int = 32, n_process: int = 1, cache=None):
    """(statement id, processed doc) for every statement: cached ones first, then the rest as
    spaCy finishes them. Streams: nothing is held beyond the current batch."""
    from .cache import AnnotationCache

    if cache is not None and not isinstance(cache, AnnotationCache):
        cache = AnnotationCache(cache, nlp)
    missing = []
    for row in corpus.to_dict(orient="records"):
        doc = cache.get(row, nlp.vocab) if cache is not None else None
        if doc is None:
            missing.append(row)
        else:
            yield row["id"], doc
    for row, doc in _process(missing, nlp, batch_size, n_process):
        if cache is not None:
            cache.put(row, doc)
        yield row["id"], doc


def act_counts(annotations: Annotations) -> pd.DataFrame:
    """Acts per source actor (rows) and label (columns), with a total; largest first."""
    acts = annotations.acts
    if acts.empty:
        return pd.DataFrame()
    table = pd.crosstab(acts["source_actor"].fillna("?"), acts["act"])
    table["total"] = table.sum(axis=1)
    return table.sort_values(["total"], ascending=False, kind="stable").rename_axis(index="source actor", columns="act")


def statement_actors(corpus: pd.DataFrame, nlp: Language) -> pd.Series:
    """The actor each statement speaks for (from its speaker, else its publisher, through the
    gazetteer), "" when unknown: a column to group statements by government."""
    tagger = nlp.get_pipe("communique_actors")

    def actor(row) -> str:
        for field in ("speaker", "publisher"):
            found = tagger.match_text(str(row.get(field) or ""))
            if found:
                return found[1].codes[0]
        return ""

    return corpus.apply(actor, axis=1).rename("actor")
