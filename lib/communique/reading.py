"""`read()`: statements from a file or a folder of files into a `Corpus`, with a report.

Every file met is read, skipped with a reason, or ignored (READMEs, licences, hidden files)
and listed in `corpus.report`; one bad file or row never stops the others.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from .corpus import Corpus, make_corpus
from .decoding import DecodeError, decode
from .formats import FormatError, Parsed, RawStatement, parse_csv, parse_document, parse_jsonl
from .progress import progress
from .report import ERROR, IGNORED, WARNING, Problem, ReadError, ReadReport
from .schema import TEXT_COLUMNS, source_name, split_fields

#: File name endings read, and the format each is read as.
FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
#: Files in a folder that document it rather than hold statements.
_DOC_FILE = re.compile(r"^(readme|licen[cs]e|copying|changelog|notice|citation)([._-].*)?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
PROGRESS_MIN_FILES = 200  # show a progress bar when a folder has at least this many files


def parse_date(value) -> dt.date:
    """The calendar date of an ISO 8601 date or date-time, as written (no time-zone shift).

    >>> parse_date("2025-04-30T09:00:00-04:00")
    datetime.date(2025, 4, 30)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ValueError("missing date: expected YYYY-MM-DD")
    text = str(value).strip()
    if not _ISO_DATE.match(text):
        raise ValueError(f"invalid date {text!r}: expected YYYY-MM-DD (ISO 8601)")
    try:
        (dt.datetime if len(text) > 10 else dt.date).fromisoformat(text)
        return dt.date.fromisoformat(text[:10])
    except ValueError as err:
        raise ValueError(f"invalid date {text!r}: {err}") from None


def statement_files(path: Path) -> Iterator[tuple[Path, str | None]]:
    """Files under `path` (or `path` itself) in sorted order, each with the reason it is
    ignored, or None if it should be read. A file named explicitly is always read."""
    if path.is_file():
        yield path, None
        return
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if name.startswith("."):
                yield Path(folder) / name, "hidden file"
            elif _DOC_FILE.match(name):
                yield Path(folder) / name, "documentation file (README, licence ...), not a statement"
            else:
                yield Path(folder) / name, None


def _parse(text: str, fmt: str) -> Parsed:
    if fmt == "jsonl":
        return parse_jsonl(text)
    if fmt in ("csv", "tsv"):
        return parse_csv(text, "\t" if fmt == "tsv" else ",")
    return parse_document(text, markdown=fmt == "markdown")


def _statement_row(raw: RawStatement, path: Path, fmt: str, encoding: str) -> dict:
    """Schema row of one raw statement; raises FormatError for a missing date or empty text."""
    where = f"row {raw.row}: " if raw.row else ""
    if not raw.text.strip():
        raise FormatError("empty-text", f"{where}the statement has no text", raw.line)
    fields, extras = split_fields(raw.fields)
    try:
        date = parse_date(fields.get("date"))
    except ValueError as err:
        code = "missing-date" if str(err).startswith("missing") else "invalid-date"
        line = raw.line if raw.row else raw.field_lines.get(source_name(raw.fields, "date") or "date", 1)
        raise FormatError(code, f"{where}{err}", line) from None
    if fields.get("id") not in (None, ""):
        statement_id = str(fields["id"]).strip()
    else:
        statement_id = path.stem if raw.row is None else f"{path.stem}-{raw.row}"
    row = {column: "" if fields.get(column) is None else str(fields[column]).strip() for column in TEXT_COLUMNS}
    row.update(id=statement_id, date=date, text=raw.text, path=str(path), line=raw.line, format=fmt,
               encoding=encoding, blocks=raw.blocks)
    return {**row, **extras}


def iter_read(paths: Iterable[str | os.PathLike], max_bytes: int = DEFAULT_MAX_BYTES,
              encoding: str | None = None) -> Iterator[dict | Problem]:
    """Stream statement rows (dicts) and problems from files and folders, file by file.

    Ids are checked for duplicates across everything read; the second use is an error.
    """
    seen: dict[str, str] = {}
    for given in paths:
        root = Path(given)
        if not root.exists():
            yield Problem(str(root), ERROR, "not-found", "no such file or folder")
            continue
        files = list(statement_files(root))
        for path, ignored in progress(files, min_items=PROGRESS_MIN_FILES, desc=f"reading {root.name}", unit="file"):
            if ignored:
                yield Problem(str(path), IGNORED, "ignored", ignored)
                continue
            yield from _read_file(path, seen, max_bytes, encoding)


def _read_file(path: Path, seen: dict[str, str], max_bytes: int, encoding: str | None) -> Iterator[dict | Problem]:
    name = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        yield Problem(name, ERROR, "unsupported-format", f"not a statement file type; expected one of {known}")
        return
    size = path.stat().st_size
    if size > max_bytes:
        yield Problem(name, ERROR, "too-large", f"file is {size:,} bytes, over the limit of {max_bytes:,}; pass max_bytes= to read it")
        return
    data = path.read_bytes()
    if not data.strip():
        yield Problem(name, ERROR, "empty", "empty file")
        return
    try:
        decoded = decode(data, encoding)
    except DecodeError as err:
        code = "binary" if str(err).startswith("binary") else "undecodable"
        yield Problem(name, ERROR, code, str(err), err.line)
        return
    if decoded.warning:
        yield Problem(name, WARNING, "fallback-encoding", decoded.warning)
    if not decoded.text.strip():
        yield Problem(name, ERROR, "empty", "the file holds only whitespace")
        return
    try:
        parsed = _parse(decoded.text, fmt)
    except FormatError as err:
        yield Problem(name, ERROR, err.code, str(err), err.line)
        return
    found: list[tuple[int, dict | Problem]] = [(err.line or 0, Problem(name, ERROR, err.code, str(err), err.line))
                                               for err in parsed.problems]
    for raw in parsed.statements:
        try:
            row = _statement_row(raw, path, fmt, decoded.encoding)
        except FormatError as err:
            found.append((raw.line, Problem(name, ERROR, err.code, str(err), err.line)))
            continue
        if row["id"] in seen:
            message = f"id {row['id']!r} is already used by {seen[row['id']]}; rename the file or give the row its own id"
            found.append((raw.line, Problem(name, ERROR, "duplicate-id", message, raw.line)))
            continue
        seen[row["id"]] = f"{name}:{raw.line}"
        found.append((raw.line, row))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item


def read(path: str | os.PathLike | Iterable[str | os.PathLike], strict: bool = False,
         max_bytes: int = DEFAULT_MAX_BYTES, encoding: str | None = None) -> Corpus:
    """Read statements from a file, a folder (recursively) or a list of them.

    Formats: dated text (.txt), Markdown/text with YAML front matter (.md, .txt),
    JSON Lines (.jsonl) and CSV/TSV (.csv, .tsv). Files that cannot be read are listed in
    `corpus.report` with the line and the reason; with `strict=True` the first problem
    raises `ReadError` instead. Fallback decodings are also issued as warnings.

    >>> corpus = read("data/sample")  # doctest: +SKIP
    >>> corpus[["id", "date", "speaker"]].head()  # doctest: +SKIP
    """
    paths = [path] if isinstance(path, (str, os.PathLike)) else list(path)
    report = ReadReport()
    rows = []
    for item in iter_read(paths, max_bytes=max_bytes, encoding=encoding):
        if isinstance(item, Problem):
            if strict and item.severity == ERROR:
                raise ReadError(item)
            report.problems.append(item)
        else:
            rows.append(item)
            if not report.files or report.files[-1] != item["path"]:
                report.files.append(item["path"])
    if report.warnings:
        warnings.warn(f"{len(report.warnings)} file(s) read with a warning (e.g. a fallback encoding): "
                      "see corpus.report", stacklevel=2)
    return make_corpus(rows, report)
