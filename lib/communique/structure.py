"""The structure of a statement body: paragraphs and section headings, as character offsets.

Two layouts are recognised. Markdown marks headings with `#` (or a `===`/`---` underline)
and separates paragraphs with blank lines. Plain text (the dated-text format) has either
blank-line-separated paragraphs or one paragraph per line; there, a short line with no
closing punctuation ("What's the story", "Investigation call") is a section heading, and a
heading directly under another heading is a subheading (level 2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

HEADING_MAX_WORDS = 12
HEADING_MAX_CHARS = 90
_SENTENCE_END = tuple(".!?:;,…\"'”’)]")
_ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
_SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
_BOLD_LINE = re.compile(r"^\*\*([^*]+)\*\*$")


@dataclass(frozen=True)
class Block:
    """One paragraph or heading: `text[start:end]` is its text, without surrounding blanks."""

    kind: str  # "heading" or "paragraph"
    start: int
    end: int
    level: int = 0  # 1 = section heading, 2 = subheading; 0 for paragraphs


def looks_like_heading(line: str) -> bool:
    """A short line that starts like a title and does not end like a sentence.

    >>> looks_like_heading("Investigation call"), looks_like_heading("Dar thanked China.")
    (True, False)
    """
    line = line.strip()
    if not line or len(line) > HEADING_MAX_CHARS or len(line.split()) > HEADING_MAX_WORDS:
        return False
    if line.endswith(_SENTENCE_END) or line[0] in "\"'“‘(-*•–—":
        return False
    return line[0].isupper() or line[0].isdigit()


def _lines(text: str):
    """(start, end) of every line, end excluding the newline."""
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + len(chunk.rstrip())


def _chunks(text: str):
    """Runs of non-blank lines, each as a list of (start, end) line spans."""
    run: list[tuple[int, int]] = []
    for start, end in _lines(text):
        if text[start:end].strip():
            run.append((start, end))
        elif run:
            yield run
            run = []
    if run:
        yield run


def _levelled(blocks: list[Block]) -> list[Block]:
    """A heading that directly follows another heading is its subheading."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "heading" and block.level == 0:
            under_heading = bool(out) and out[-1].kind == "heading"
            block = Block("heading", block.start, block.end, 2 if under_heading else 1)
        out.append(block)
    return out


def plain_blocks(text: str) -> list[Block]:
    """Blocks of plain text: blank-line paragraphs if there are blank lines, else one per line."""
    chunks = list(_chunks(text))
    blocks = []
    if len(chunks) > 1:
        for run in chunks:
            start, end = _trimmed(text, run[0][0], run[-1][1])
            single = len(run) == 1 and looks_like_heading(text[start:end])
            blocks.append(Block("heading" if single else "paragraph", start, end))
    else:
        for run in chunks:
            for line_start, line_end in run:
                start, end = _trimmed(text, line_start, line_end)
                blocks.append(Block("heading" if looks_like_heading(text[start:end]) else "paragraph", start, end))
    return _levelled(blocks)


def markdown_blocks(text: str) -> list[Block]:
    """Blocks of Markdown: `#` headings, underlined headings, whole-line bold headings, paragraphs."""
    blocks: list[Block] = []

    def flush(paragraph: list[tuple[int, int]]) -> None:
        if paragraph:
            blocks.append(Block("paragraph", *_trimmed(text, paragraph[0][0], paragraph[-1][1])))
            paragraph.clear()

    for run in _chunks(text):
        paragraph: list[tuple[int, int]] = []
        for i, (start, end) in enumerate(run):
            line = text[start:end]
            atx = _ATX.match(line.strip())
            bold = _BOLD_LINE.match(line.strip())
            if atx:
                flush(paragraph)
                offset = start + len(line) - len(line.lstrip()) + line.lstrip().find(atx.group(2))
                blocks.append(Block("heading", offset, offset + len(atx.group(2)), len(atx.group(1))))
            elif bold and len(run) == 1:
                offset = start + line.find(bold.group(1))
                blocks.append(Block("heading", offset, offset + len(bold.group(1)), 0))
            elif _SETEXT.match(line.strip()):
                if paragraph and i == len(paragraph):  # the lines above are an underlined heading
                    heading_start, heading_end = _trimmed(text, paragraph[0][0], paragraph[-1][1])
                    paragraph.clear()
                    blocks.append(Block("heading", heading_start, heading_end, 1 if line.lstrip()[0] == "=" else 2))
                else:  # a thematic break: not text
                    flush(paragraph)
            else:
                paragraph.append((start, end))
        flush(paragraph)
    return _levelled(blocks)


def blocks_frame(statement_id: str, text: str, blocks: list[Block]) -> pd.DataFrame:
    """One row per block: id, block (0-based), kind, level, start, end, text."""
    return pd.DataFrame(
        [
            {"id": statement_id, "block": i, "kind": b.kind, "level": b.level, "start": b.start, "end": b.end,
             "text": text[b.start:b.end]}
            for i, b in enumerate(blocks)
        ],
        columns=["id", "block", "kind", "level", "start", "end", "text"],
    )
