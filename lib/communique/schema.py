"""The corpus schema: its columns, what they mean, and the field names mapped onto them."""
from __future__ import annotations

#: Every statement row has these columns (strings are "" when the source gives none).
COLUMNS = {
    "id": "stable statement id: the file name without extension; for JSON Lines/CSV rows the row's own id, else <file stem>-<row>",
    "date": "date of the statement (datetime64, midnight)",
    "title": "title or headline",
    "text": "the statement text: the body of the file or the row's text field; all offsets point into it",
    "publisher": "organisation that published it (ministry, agency, outlet)",
    "speaker": "who speaks in it, as the source names them",
    "kind": "genre as the source names it: call readout, press statement, press briefing, remarks, news report ...",
    "url": "where the statement was published",
    "via": "where this copy was taken from, if not from `url`",
    "licence": "licence or rights statement of the text",
    "path": "file it was read from (absolute)",
    "line": "1-based line of that file where the text (or the row) begins",
    "format": "file format: text, markdown, jsonl, csv or tsv",
    "encoding": "how the bytes were decoded, e.g. UTF-8 or UTF-16 LE (BOM)",
    "blocks": "structure of `text`: list of Block(kind, start, end, level), kind heading or paragraph",
}
#: Field names in files (front matter keys, JSON keys, CSV headers; any case) read as each column.
#: The first name present wins; the others are kept as extra columns.
ALIASES = {
    "id": ("id", "statement_id", "doc_id", "uid"),
    "date": ("date", "published", "published_at", "publication_date", "pubdate", "datetime", "timestamp"),
    "title": ("title", "headline", "subject"),
    "text": ("text", "body", "content", "full_text", "statement"),
    "publisher": ("publisher", "source", "outlet", "organisation", "organization", "agency"),
    "speaker": ("speaker", "spokesperson", "spokesman", "spokeswoman"),
    "kind": ("kind", "type", "genre", "doc_type"),
    "url": ("url", "link", "source_url"),
    "via": ("via",),
    "licence": ("licence", "license", "rights"),
}
TEXT_COLUMNS = ("title", "publisher", "speaker", "kind", "url", "via", "licence")


def pick(fields: dict, column: str):
    """The value of the first alias of `column` present in `fields` (any case), else None."""
    name = source_name(fields, column)
    return None if name is None else next(v for k, v in fields.items() if str(k).strip() == name)


def source_name(fields: dict, column: str) -> str | None:
    """The field name in `fields` that is read as `column` (the first alias present), if any."""
    names = {str(k).strip().lower(): str(k).strip() for k in fields}
    return next((names[a] for a in ALIASES[column] if a in names), None)


def split_fields(fields: dict) -> tuple[dict, dict]:
    """Map source fields to schema columns; return (schema values, extra fields kept as they are).

    >>> split_fields({"Headline": "Readout", "body": "...", "participants": ["A", "B"]})
    ({'title': 'Readout', 'text': '...'}, {'participants': ['A', 'B']})
    """
    winner = {name: column for column in ALIASES if (name := source_name(fields, column)) is not None}
    mapped: dict = {}
    extras: dict = {}
    for key, value in fields.items():
        name = str(key).strip()
        if name in winner:
            mapped[winner[name]] = value
        else:
            extras[name if name not in COLUMNS else f"{name}_original"] = value
    return mapped, extras
