"""A disk cache of annotated documents, so re-running a notebook does not re-parse.

Each document is stored as a spaCy DocBin (with its user data: quotes, acts, metadata)
under `<folder>/<pipeline fingerprint>/<key>.spacy`, and its annotation rows beside it as
`<key>.json`, so a warm `annotate()` reads small JSON files instead of rebuilding documents.
The fingerprint covers the model, the components, the content of the gazetteer and codebook
files and the library's code, so editing any of them starts a fresh cache; the key covers
the statement's text and the metadata the annotator reads (date, title, publisher, speaker,
structure).
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .files import atomic_write
from .pipeline import fingerprint

_KEY_FIELDS = ("text", "date", "title", "publisher", "speaker", "kind")


def statement_key(statement: dict) -> str:
    """A hash of everything about a statement that the annotator reads."""
    payload = {field: str(statement.get(field, "")) for field in _KEY_FIELDS}
    blocks = statement.get("blocks")
    payload["blocks"] = [(b.kind, b.start, b.end) for b in blocks] if isinstance(blocks, (list, tuple)) else None
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


class AnnotationCache:
    def __init__(self, folder: str | os.PathLike, nlp: Language):
        self.folder = Path(folder) / fingerprint(nlp)
        self.hits = self.misses = 0

    def _path(self, statement: dict) -> Path:
        return self.folder / f"{statement_key(statement)}.spacy"

    def get(self, statement: dict, vocab) -> Doc | None:
        path = self._path(statement)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            (doc,) = DocBin().from_bytes(data).get_docs(vocab)
        except Exception:  # noqa: BLE001 - a damaged entry is re-computed, never fatal
            self.misses += 1
            return None
        self.hits += 1
        return doc

    def get_records(self, statement: dict) -> dict | None:
        """The annotation rows stored for a statement (without its id), or None."""
        try:
            records = json.loads(self._path(statement).with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        return records

    def put(self, statement: dict, doc: Doc, records: dict | None = None) -> None:
        """Store the document, then (if given) its annotation rows; each write is atomic."""
        docbin = DocBin(store_user_data=True)
        docbin.add(doc)
        path = self._path(statement)
        atomic_write(path, docbin.to_bytes())
        if records is not None:
            atomic_write(path.with_suffix(".json"), json.dumps(records, ensure_ascii=False))
