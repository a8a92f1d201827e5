"""Notebook parameter checks name the parameter and what is allowed."""
from __future__ import annotations

import pandas as pd
import pytest

import communique
from communique.parameters import (ParameterError, check_choice, check_date, check_date_range, check_int,
                                   check_path, check_selection, check_statement, check_text)


def test_paths_resolve_from_the_repository_root(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # kernels start in different folders
    assert check_path("corpus", "data/sample") == communique.repo_root() / "data" / "sample"
    with pytest.raises(ParameterError, match=r"parameter `corpus`: expected an existing file or folder"):
        check_path("corpus", "data/nope")
    with pytest.raises(ParameterError, match="`corpus`"):
        check_path("corpus", 3)
    assert check_path("figures_dir", "outputs/new", must_exist=False).name == "new"


@pytest.mark.parametrize("value", ["2025-13-01", "30/04/2025", 20250430, "2025-04-31"])
def test_bad_dates(value):
    with pytest.raises(ParameterError, match=r"parameter `start_date`: expected a date 'YYYY-MM-DD' or None"):
        check_date("start_date", value)


def test_dates_and_ranges():
    assert check_date("d", "2025-04-30") == pd.Timestamp("2025-04-30") and check_date("d", None) is None
    with pytest.raises(ParameterError, match="`end_date`: expected a date on or after `start_date`"):
        check_date_range("start_date", "2025-05-01", "end_date", "2025-04-30")


def test_text_choice_int_statement():
    assert check_text("speaker", "  Rubio ") == "Rubio" and check_text("speaker", "") is None
    with pytest.raises(ParameterError, match="`speaker`: expected non-empty text or None"):
        check_text("speaker", 5)
    assert check_choice("format", "csv", ["csv", "jsonl"]) == "csv"
    with pytest.raises(ParameterError, match="one of 'csv', 'jsonl'"):
        check_choice("format", "xml", ["csv", "jsonl"])
    assert check_int("n", 5, 1, 10) == 5
    for bad in (0, 11, True, "5"):
        with pytest.raises(ParameterError, match=r"`n`: expected a whole number >= 1 <= 10"):
            check_int("n", bad, 1, 10)
    with pytest.raises(ParameterError, match="'a', 'b'"):
        check_statement("statement", "c", ["a", "b"])


def test_empty_selection_says_what_the_corpus_offers():
    corpus = communique.read(communique.sample_corpus())
    with pytest.raises(ParameterError, match="dates 2025-04-24 to 2025-05-10; speakers: Marco Rubio"):
        check_selection(corpus.select(speaker="nobody"), corpus)
    assert len(check_selection(corpus, corpus)) == 9
