"""Bad input: every problem is reported with the file, the line and the reason; nothing else is lost."""
from __future__ import annotations

import codecs
import warnings

import pytest

import communique
from communique import ReadError
from conftest import ROOT

GOOD = "date 2025-04-30 Good\nThe ministry welcomes the talks.\n"

CASES = {
    # name: (file name, content, expected code, expected line)
    "empty file": ("empty.txt", b"", "empty", None),
    "whitespace only": ("blank.md", b"\n  \n\t\n", "empty", None),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", None),
    "undecodable": ("bad.txt", b"date 2025-04-30 T\nbad \x81 byte\n", "undecodable", 2),
    "missing date line": ("nodate.txt", "Statement\nText.\n", "missing-date", 1),
    "invalid date line": ("baddate.txt", "date 2025-13-01 Title\nText.\n", "invalid-date", 1),
    "not a date": ("word.txt", "date yesterday Title\nText.\n", "invalid-date", 1),
    "missing date in front matter": ("nofm.md", "---\ntitle: T\n---\nText.\n", "missing-date", 1),
    "impossible date in front matter": ("feb.md", "---\ntitle: T\ndate: 2025-02-30\n---\nText.\n", "invalid-date", 3),
    "unclosed front matter": ("open.md", "---\ndate: 2025-04-30\nText.\n", "malformed-front-matter", 1),
    "invalid YAML": ("yaml.md", "---\ndate: 2025-04-30\ntitle: [unclosed\n---\nText.\n", "malformed-front-matter", 3),
    "front matter not a mapping": ("list.md", "---\n- a\n- b\n---\nText.\n", "malformed-front-matter", 2),
    "unsafe YAML tag": ("unsafe.md", "---\ndate: 2025-04-30\nx: !!python/object/apply:os.system ['echo hacked']\n---\nText.\n",
                        "malformed-front-matter", 3),
    "no text": ("notext.md", "---\ndate: 2025-04-30\n---\n\n", "empty-text", 4),
    "unsupported type": ("doc.pdf", b"%PDF-1.4", "unsupported-format", None),
    "CSV without header": ("h.csv", "a,a\n1,2\n", "malformed-csv", 1),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_bad_file_is_reported_with_its_line_and_the_good_file_still_read(case, write, tmp_path):
    name, content, code, line = CASES[case]
    write("good.txt", GOOD)
    write(name, content)
    corpus = communique.read(tmp_path)
    assert list(corpus["id"]) == ["good"]
    errors = corpus.report.errors
    assert [(e.code, e.line) for e in errors] == [(code, line)]
    assert errors[0].path.endswith(name) and errors[0].message
    assert str(tmp_path) in str(errors[0])


def test_bad_rows_are_reported_and_the_other_rows_kept(write):
    jsonl = write("rows.jsonl", '{"date": "2025-04-30", "text": "one"}\n{broken\n[1, 2]\n'
                                '{"date": "2025-04-31", "text": "bad date"}\n{"date": "2025-05-01", "text": ""}\n'
                                '{"date": "2025-05-02", "text": "six"}\n')
    csv = write("table.csv", 'date,text\n2025-04-30,one\n2025-05-01,too,many\n2025-05-02\n2025-05-03,"four"\n')
    corpus = communique.read([jsonl, csv])
    assert sorted(corpus["text"]) == ["four", "one", "one", "six"]
    found = [(p.path.rsplit("/", 1)[-1], p.line, p.code) for p in corpus.report.errors]
    assert found == [("rows.jsonl", 2, "malformed-json"), ("rows.jsonl", 3, "malformed-json"),
                     ("rows.jsonl", 4, "invalid-date"), ("rows.jsonl", 5, "empty-text"),
                     ("table.csv", 3, "malformed-csv"), ("table.csv", 4, "malformed-csv")]


def test_broken_csv_quoting_keeps_rows_before_it(write):
    path = write("q.csv", 'date,text\n2025-04-30,fine\n2025-05-01,"bad"quote\n2025-05-02,after\n')
    corpus = communique.read(path)
    assert list(corpus["text"]) == ["fine"]
    (problem,) = corpus.report.errors
    assert (problem.code, problem.line) == ("malformed-csv", 3) and "rest of the file" in problem.message


def test_rows_of_files_with_the_same_stem_collide_and_are_reported(write, tmp_path):
    write("rows.jsonl", '{"date": "2025-04-30", "text": "from jsonl"}\n')
    write("rows.csv", "date,text\n2025-04-30,from csv\n")
    corpus = communique.read(tmp_path)
    assert list(corpus["text"]) == ["from csv"]  # files are read in name order
    assert [(p.code, p.line) for p in corpus.report.errors] == [("duplicate-id", 1)]


def test_duplicate_ids_keep_the_first_and_name_both_places(write, tmp_path):
    write("a/same.md", "---\ndate: 2025-04-30\n---\nFirst.\n")
    write("b/same.txt", GOOD)
    write("rows.jsonl", '{"id": "x", "date": "2025-04-30", "text": "one"}\n{"id": "x", "date": "2025-04-30", "text": "two"}\n')
    corpus = communique.read(tmp_path)
    assert sorted(corpus["text"]) == ["First.", "one"]
    dupes = {p.path.rsplit("/", 1)[-1]: p for p in corpus.report.errors if p.code == "duplicate-id"}
    assert set(dupes) == {"same.txt", "rows.jsonl"}
    assert "a/same.md" in dupes["same.txt"].message
    assert dupes["rows.jsonl"].line == 2 and "rows.jsonl:1" in dupes["rows.jsonl"].message


def test_file_over_the_size_limit_is_skipped(write):
    path = write("big.txt", GOOD + "x" * 2000)
    corpus = communique.read(path, max_bytes=1000)
    assert corpus.empty and corpus.report.errors[0].code == "too-large"
    assert "max_bytes" in corpus.report.errors[0].message
    assert len(communique.read(path)) == 1


def test_missing_path_is_reported(tmp_path):
    corpus = communique.read(tmp_path / "nope")
    assert corpus.empty and corpus.report.errors[0].code == "not-found"


def test_strict_raises_at_the_first_problem(write, tmp_path):
    write("a.txt", GOOD)
    write("b.txt", "date 2025-02-30 T\nx\n")
    write("c.txt", b"")
    with pytest.raises(ReadError, match=r"b\.txt:1: error: invalid date '2025-02-30'") as info:
        communique.read(tmp_path, strict=True)
    assert info.value.problem.code == "invalid-date"


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                         (codecs.BOM_UTF16_BE, "utf-16-be"), (b"", "utf-8")])
def test_unicode_encodings_read_exactly(bom, codec, write):
    text = "date 2025-04-30 Déclaration — 声明\r\nLe ministère « salue » les pourparlers.\r\n"
    path = write("enc.txt", bom + text.encode(codec))
    corpus = communique.read(path)
    row = corpus.iloc[0]
    assert row["title"] == "Déclaration — 声明"
    assert row["text"] == "Le ministère « salue » les pourparlers."  # no BOM, no \r
    assert corpus.report.ok and not corpus.report.warnings


def test_legacy_bytes_are_decoded_with_a_stated_fallback_and_a_warning(write):
    path = write("legacy.txt", "date 2025-04-30 Café\nThe minister’s café.\n".encode("cp1252"))
    with pytest.warns(UserWarning, match="fallback"):
        corpus = communique.read(path)
    assert corpus.iloc[0]["text"] == "The minister’s café."
    assert corpus.iloc[0]["encoding"] == "cp1252"
    (warning,) = corpus.report.warnings
    assert warning.code == "fallback-encoding" and "cp1252" in warning.message
    assert corpus.report.ok  # read, with a warning: nothing was skipped


def test_forced_encoding(write):
    path = write("latin.txt", "date 2025-04-30 T\nÀ bientôt.\n".encode("latin-1"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = communique.read(path, encoding="latin-1")
    assert corpus.iloc[0]["text"] == "À bientôt."
    wrong = communique.read(write("u.txt", "date 2025-04-30 T\n\u4e2d\n"), encoding="ascii")
    assert wrong.report.errors[0].code == "undecodable"


def test_shipped_broken_examples_are_each_reported():
    folder = ROOT / "data" / "examples" / "broken"
    with pytest.warns(UserWarning):
        corpus = communique.read(folder)
    reported = {p.path.rsplit("/", 1)[-1] for p in corpus.report.problems if p.severity != "ignored"}
    statement_files = {p.name for p in folder.iterdir() if p.name != "README.md"}
    read_files = {f.rsplit("/", 1)[-1] for f in corpus.report.files}
    assert statement_files == reported | read_files  # every file read or reported
    assert {"row-ok", "row-ok-2", "csv-ok", "legacy-encoding"} == set(corpus["id"])
