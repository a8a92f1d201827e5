"""Parsers for the statement file formats. Each turns decoded text into raw statements.

- dated text: first line ` date YYYY-MM-DD Title` (leading space optional), then the body;
- Markdown or text with YAML front matter between `---` lines;
- JSON Lines and CSV/TSV with one statement per row.

A parser raises `FormatError` when the whole file is unusable and returns row-level
problems alongside the rows it could read, so one bad row never loses the others.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field

import yaml

from .schema import pick
from .structure import Block, markdown_blocks, plain_blocks

class DatesAsTextLoader(yaml.SafeLoader):
    """yaml's safe loader, but dates stay text: they are checked (with the line) by the reader,
    and an impossible date like 2025-04-31 does not crash the YAML parser."""


DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_DATE_LINE = re.compile(r"^\s*date\s+(\S+)(?:[ \t]+(.*?))?\s*$", re.IGNORECASE)
_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")


class FormatError(ValueError):
    """The file as a whole cannot be parsed. `code` names the reason, `line` is 1-based or None."""

    def __init__(self, code: str, message: str, line: int | None = None):
        super().__init__(message)
        self.code, self.line = code, line


@dataclass
class RawStatement:
    """A statement as found in a file, before its fields are mapped to the corpus schema."""

    fields: dict  # metadata as written (front matter keys, JSON keys, CSV columns)
    text: str
    blocks: list[Block]
    line: int  # 1-based line of the file where the text (or the row) begins
    row: int | None = None  # 1-based row number in JSON Lines / CSV files
    field_lines: dict = field(default_factory=dict)  # field name -> 1-based line where it is written


@dataclass
class Parsed:
    statements: list[RawStatement] = field(default_factory=list)
    problems: list[FormatError] = field(default_factory=list)  # row-level: the rest of the file was read


def _body(text: str, first_line: int) -> tuple[str, int]:
    """The body without leading blank lines or trailing whitespace, and the file line it starts on."""
    stripped = text.lstrip("\n")
    if not stripped.strip():
        return "", first_line
    return stripped.rstrip(), first_line + len(text) - len(stripped)


def parse_dated_text(text: str, markdown: bool = False) -> Parsed:
    """` date YYYY-MM-DD Title` on the first line, then the body."""
    first, _, rest = text.partition("\n")
    match = _DATE_LINE.match(first)
    if not match:
        raise FormatError(
            "missing-date",
            f"expected the first line to be ' date YYYY-MM-DD Title' (or YAML front matter), found {first[:60]!r}",
            1,
        )
    body, line = _body(rest, 2)
    blocks = markdown_blocks(body) if markdown else plain_blocks(body)
    return Parsed([RawStatement({"date": match.group(1), "title": match.group(2) or ""}, body, blocks, line,
                                field_lines={"date": 1, "title": 1})])


def parse_front_matter(text: str, markdown: bool = True) -> Parsed:
    """YAML front matter between `---` lines, then the body (Markdown or plain text)."""
    lines = text.split("\n")
    close = next((i for i, line in enumerate(lines[1:], start=1) if _FENCE.match(line)), None)
    if close is None:
        raise FormatError("malformed-front-matter", "the front matter opened with '---' on line 1 is never closed by a '---' line", 1)
    try:
        fields = yaml.load("\n".join(lines[1:close]), Loader=DatesAsTextLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise FormatError("malformed-front-matter", f"front matter is not valid YAML: {reason}", line) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FormatError("malformed-front-matter", f"front matter must be a mapping of keys to values, found a {type(fields).__name__}", 2)
    body, line = _body("\n".join(lines[close + 1:]), close + 2)
    blocks = markdown_blocks(body) if markdown else plain_blocks(body)
    field_lines = {m.group(1): number for number, text_line in enumerate(lines[1:close], start=2)
                   if (m := _TOP_KEY.match(text_line))}
    if markdown and "title" not in {str(k).lower() for k in fields} and blocks and blocks[0].kind == "heading":
        fields["title"] = body[blocks[0].start:blocks[0].end]
    return Parsed([RawStatement(fields, body, blocks, line, field_lines=field_lines)])


def parse_document(text: str, markdown: bool) -> Parsed:
    """A one-statement file: front matter if it opens with '---', else the dated-text first line."""
    if text.split("\n", 1)[0].rstrip() == "---":
        return parse_front_matter(text, markdown)
    return parse_dated_text(text, markdown)


def _row(fields: dict, line: int, row: int) -> RawStatement:
    value = pick(fields, "text")
    text = "" if value is None else str(value).replace("\r\n", "\n").strip()
    return RawStatement(fields, text, plain_blocks(text), line, row)


def parse_jsonl(text: str) -> Parsed:
    """One JSON object per line; blank lines are skipped."""
    parsed = Parsed()
    row = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        row += 1
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            parsed.problems.append(FormatError("malformed-json", f"row {row} is not valid JSON: {err.msg} (column {err.colno})", number))
            continue
        if not isinstance(value, dict):
            parsed.problems.append(FormatError("malformed-json", f"row {row} is a JSON {type(value).__name__}, expected an object", number))
            continue
        parsed.statements.append(_row(value, number, row))
    return parsed


def parse_csv(text: str, delimiter: str = ",") -> Parsed:
    """A header row, then one statement per row; quoted fields may span lines."""
    parsed = Parsed()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("empty", "the CSV file has no header row", 1) from None
    except csv.Error as err:
        raise FormatError("malformed-csv", f"the header row is not valid CSV: {err}", 1) from None
    names = [h.strip() for h in header]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated or not all(names):
        raise FormatError("malformed-csv", f"the header must name every column once; duplicated or empty: {duplicated or ['']}", 1)
    row, start = 0, reader.line_num + 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            parsed.problems.append(
                FormatError("malformed-csv", f"row {row + 1} is not valid CSV ({err}); the rest of the file was not read", start)
            )
            break
        row += 1
        if not any(v.strip() for v in values):
            start = reader.line_num + 1
            continue
        if len(values) != len(names):
            parsed.problems.append(
                FormatError("malformed-csv", f"row {row} has {len(values)} fields, the header has {len(names)}", start)
            )
        else:
            parsed.statements.append(_row(dict(zip(names, values)), start, row))
        start = reader.line_num + 1
    return parsed
