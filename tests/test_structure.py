"""Paragraphs and headings with offsets, and the tables and views built on them."""
from __future__ import annotations

import pandas as pd
import pytest

import communique
from communique.overview import overview, statement_counts, text_counts
from communique.rendering import StatementView, statement_html
from communique.structure import looks_like_heading, markdown_blocks, plain_blocks


@pytest.mark.parametrize("line, expected", [
    ("What's the story", True), ("Investigation call", True), ("2025 in review", True),
    ("Dar thanked China.", False), ('"We urge restraint," he said', False), ("lowercase start", False),
    ("Is this a question?", False), ("A line that is far too long to be a heading because it has many words in it", False),
    ("", False), ("- a list item", False),
])
def test_heading_rule(line, expected):
    assert looks_like_heading(line) is expected


def test_plain_blocks_with_blank_lines_keep_wrapped_paragraphs_whole():
    text = "Heading\n\nA paragraph wrapped\nover two lines\n\nshort wrapped line\nand more.\n\nLast one."
    blocks = plain_blocks(text)
    assert [(b.kind, text[b.start:b.end]) for b in blocks] == [
        ("heading", "Heading"), ("paragraph", "A paragraph wrapped\nover two lines"),
        ("paragraph", "short wrapped line\nand more."), ("paragraph", "Last one.")]


def test_markdown_atx_heading_offsets_skip_the_marks():
    text = "## Heading two ##\nBody line.\n\n### Third"
    blocks = markdown_blocks(text)
    assert [(b.kind, b.level, text[b.start:b.end]) for b in blocks] == [
        ("heading", 2, "Heading two"), ("paragraph", 0, "Body line."), ("heading", 3, "Third")]


def test_counts_leave_headings_out_of_sentences():
    text = "Investigation call\nChina calls for a probe. It says so twice!\nAnother paragraph here."
    counts = text_counts(text, plain_blocks(text))
    assert counts == {"headings": 1, "paragraphs": 2, "sentences": 3, "words": 12, "characters": len(text)}


def test_overview_and_counts_tables():
    corpus = communique.read(communique.sample_corpus())
    table = overview(corpus)
    assert list(table["id"]) == list(corpus["id"])
    assert (table["sentences"] >= table["paragraphs"]).all() and (table["words"] > 0).all()
    one = statement_counts(corpus.statement("2025-04-30-state-readout-rubio-sharif"))
    values = dict(zip(one["measure"], one["value"]))
    assert values["sentences"] == 3 and values["paragraphs"] == 1 and isinstance(values["words"], int)


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_statement_view_escapes_untrusted_text():
    row = pd.Series({"id": "x<b>", "title": HOSTILE, "date": pd.Timestamp("2025-04-30"), "publisher": HOSTILE,
                     "speaker": "<i>s</i>", "kind": "k", "text": HOSTILE + "\n" + HOSTILE})
    row["blocks"] = plain_blocks(row["text"])
    html = statement_html(row)
    assert "<script>" not in html and "<img" not in html and "<i>s</i>" not in html and "x<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert StatementView(row)._repr_html_() == html
    assert HOSTILE in repr(StatementView(row))  # plain text stays plain
