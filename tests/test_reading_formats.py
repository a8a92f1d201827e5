"""Reading each supported format into the corpus schema."""
from __future__ import annotations

import pandas as pd
import pytest

import communique
from communique.schema import COLUMNS
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample"


def test_sample_corpus_reads_cleanly_into_the_schema():
    corpus = communique.read(SAMPLE)
    files = sorted(p.stem for p in SAMPLE.glob("*.md") if p.name != "README.md")
    assert sorted(corpus["id"]) == files
    assert list(corpus.columns[: len(COLUMNS)]) == list(COLUMNS)
    assert corpus.report.ok and not corpus.report.warnings
    assert [p.code for p in corpus.report.problems] == ["ignored"]  # the folder's README
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    assert corpus["date"].is_monotonic_increasing
    assert set(corpus["publisher"]) == {"U.S. Department of State"}
    # extra front-matter fields are kept as columns
    assert {"completeness", "participants"} <= set(corpus.columns)


def test_front_matter_fields_and_body(write):
    path = write("a.md", "---\ndate: 2025-04-30\ntitle: A call\nspeaker: Spokesperson\nlicense: CC0\nparticipants: [X, Y]\n"
                         "---\n\nFirst paragraph\nstill the first.\n\nSecond paragraph.\n")
    row = communique.read(path).iloc[0]
    assert (row["id"], row["title"], row["speaker"], row["licence"]) == ("a", "A call", "Spokesperson", "CC0")
    assert row["date"] == pd.Timestamp("2025-04-30")
    assert row["participants"] == ["X", "Y"]
    assert row["text"] == "First paragraph\nstill the first.\n\nSecond paragraph."
    assert row["line"] == 9  # the file line where the text begins
    assert [row["text"][b.start:b.end] for b in row["blocks"]] == ["First paragraph\nstill the first.", "Second paragraph."]


def test_markdown_headings_become_blocks_and_title(write):
    path = write("b.md", "---\ndate: 2025-05-01\n---\n# The title\n\nIntro.\n\nSection\n-------\n\nBody text.\n\n---\n\nAfter a rule.\n")
    row = communique.read(path).iloc[0]
    blocks = [(b.kind, b.level, row["text"][b.start:b.end]) for b in row["blocks"]]
    assert blocks == [("heading", 1, "The title"), ("paragraph", 0, "Intro."), ("heading", 2, "Section"),
                      ("paragraph", 0, "Body text."), ("paragraph", 0, "After a rule.")]
    assert row["title"] == "The title"


def test_dated_text_with_headings_one_paragraph_per_line(write):
    path = write("news.txt", "date 2025-03-14 Calm urged\nWhat happened\nThe minister called for calm.\n"
                             "Reply\nThe other side rejects it\n\"We acted in self-defence,\" it said.\n")
    row = communique.read(path).iloc[0]
    assert (row["title"], row["date"]) == ("Calm urged", pd.Timestamp("2025-03-14"))
    kinds = [(b.kind, b.level, row["text"][b.start:b.end]) for b in row["blocks"]]
    assert kinds == [("heading", 1, "What happened"), ("paragraph", 0, "The minister called for calm."),
                     ("heading", 1, "Reply"), ("heading", 2, "The other side rejects it"),
                     ("paragraph", 0, "\"We acted in self-defence,\" it said.")]


def test_text_file_with_front_matter_uses_plain_layout(write):
    path = write("c.txt", "---\ndate: 2025-05-02\ntitle: T\n---\nShort heading\n\nA sentence.\n")
    row = communique.read(path).iloc[0]
    assert [b.kind for b in row["blocks"]] == ["heading", "paragraph"]


def test_founding_example_structure(seed_path):
    corpus = communique.read(seed_path)
    row = corpus.iloc[0]
    assert row["date"] == pd.Timestamp("2025-04-28")
    assert row["title"].startswith("China backs Pakistan's")
    headings = [row["text"][b.start:b.end] for b in row["blocks"] if b.kind == "heading"]
    assert headings[:3] == ["What's the story", "Investigation call", "China calls for an impartial investigation"]
    assert len(headings) == 9
    assert sum(b.kind == "paragraph" for b in row["blocks"]) == 14
    # headings are never sentences; every paragraph line is
    assert not any(h.endswith(".") for h in headings)
    assert all(row["text"][b.start:b.end].rstrip().endswith((".", '"', "”")) for b in row["blocks"] if b.kind == "paragraph")
    levels = {row["text"][b.start:b.end]: b.level for b in row["blocks"] if b.kind == "heading"}
    assert levels["Investigation call"] == 1 and levels["China calls for an impartial investigation"] == 2


def test_jsonl_maps_field_names_and_keeps_unknown_ones(write):
    path = write("rows.jsonl", '{"headline": "H", "published": "2025-04-30T10:00:00Z", "body": "Text one.", "source": "MFA", "lang": "en"}\n'
                               '\n'
                               '{"id": 42, "date": "2025-05-01", "text": "Text two.", "type": "press statement"}\n')
    corpus = communique.read(path)
    first, second = corpus.iloc[0], corpus.iloc[1]
    assert (first["id"], first["title"], first["publisher"], first["lang"], first["line"]) == ("rows-1", "H", "MFA", "en", 1)
    assert first["date"] == pd.Timestamp("2025-04-30")
    assert (second["id"], second["kind"], second["line"]) == ("42", "press statement", 3)


def test_csv_rows_with_multiline_quoted_text_and_tsv(write):
    csv_path = write("s.csv", 'date,title,text,tone\n2025-04-30,One,"Line one.\n\nLine two, with ""quotes"".",calm\n2025-05-01,Two,Short.,tense\n')
    tsv_path = write("t.tsv", "date\ttext\n2025-05-02\tTab separated.\n")
    corpus = communique.read([csv_path, tsv_path])
    assert list(corpus["id"]) == ["s-1", "s-2", "t-1"]
    assert corpus.iloc[0]["text"] == 'Line one.\n\nLine two, with "quotes".'
    assert [b.kind for b in corpus.iloc[0]["blocks"]] == ["paragraph", "paragraph"]
    assert list(corpus["line"]) == [2, 5, 2]
    assert list(corpus["tone"].iloc[:2]) == ["calm", "tense"]
    assert list(corpus["format"]) == ["csv", "csv", "tsv"]


def test_folder_is_read_recursively_with_ids_from_file_names(write, tmp_path):
    write("a/one.md", "---\ndate: 2025-04-30\n---\nOne.\n")
    write("a/b/two.txt", "date 2025-04-29 Two\nTwo.\n")
    write("three.jsonl", '{"date": "2025-05-01", "text": "Three."}\n')
    write(".hidden.txt", "date 2025-05-01 Hidden\nx\n")
    write("LICENSE", "text")
    corpus = communique.read(tmp_path)
    assert list(corpus["id"]) == ["two", "one", "three-1"]  # sorted by date, then id
    assert sorted(p.code for p in corpus.report.problems) == ["ignored", "ignored"]
    again = communique.read(tmp_path)
    assert again["id"].tolist() == corpus["id"].tolist()


def test_every_offset_points_into_text():
    corpus = communique.read([SAMPLE, ROOT / "data" / "examples" / "formats"])
    blocks = corpus.blocks()
    texts = dict(zip(corpus["id"], corpus["text"]))
    assert len(blocks) >= len(corpus)
    for row in blocks.itertuples():
        assert texts[row.id][row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text


def test_select_by_dates_and_text_filters():
    corpus = communique.read(SAMPLE)
    may = corpus.select("2025-05-08", "2025-05-09")
    assert set(may["date"].dt.day) == {8, 9} and len(may) == 5
    assert set(corpus.select(speaker="rubio")["id"]) == {"2025-05-10-state-statement-rubio-ceasefire"}
    assert len(corpus.select(publisher="nobody")) == 0
    assert isinstance(may, communique.Corpus) and may.report is corpus.report


def test_statement_lookup_names_known_ids():
    corpus = communique.read(SAMPLE)
    assert corpus.statement("2025-05-09-state-readout-rubio-munir")["title"].endswith("Munir")
    with pytest.raises(KeyError, match="2025-04-24-state-press-briefing-bruce"):
        corpus.statement("nope")
