"""Hand coding: units, the widget driven like a coder, interrupted writes, agreement against
independently computed values, adjudication, and the machine against the gold."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import communique
from communique.agreement import (adjudicate, agreement, disagreements, human_vs_machine, load_codings,
                                  per_label_agreement, save_gold)
from communique.coding import CodingStore, CodingWidget, coding_panel, sample_units, sentences
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture(scope="module")
def units():
    return sample_units(communique.read(SAMPLE), 6, seed=3, stratify_by="speaker")


def test_units_are_sentences_sampled_reproducibly():
    corpus = communique.read(SAMPLE)
    every = sentences(corpus)
    assert len(every) == 24 and every["unit"].is_unique
    for row in every.itertuples():
        assert corpus.statement(row.id)["text"][row.start:row.end] == row.text
    first, again = sample_units(corpus, 6, seed=3, stratify_by="speaker"), sample_units(corpus, 6, seed=3, stratify_by="speaker")
    assert first.equals(again) and len(first) == 6
    assert set(first["speaker"]) == set(corpus["speaker"])  # every speaker is represented
    assert not sample_units(corpus, 6, seed=4).equals(sample_units(corpus, 6, seed=5))


def test_widget_saves_each_unit_and_resumes(units, tmp_path):
    store = CodingStore(tmp_path, "ana")
    widget = CodingWidget(units, store)
    assert widget.position == 0
    widget.labels.value = ("APPEAL_RESTRAINT", "APPEAL_DIALOGUE")
    widget.source.value = "usa"
    widget.targets.value = "ind, pak"
    widget.intensity.value = 2
    widget.note.value = "two appeals"
    widget.next_button.click()
    lines = (tmp_path / "ana.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    saved = json.loads(lines[0])
    assert (saved["unit"], saved["labels"], saved["source"], saved["targets"], saved["intensity"], saved["note"]) == \
        (units["unit"][0], ["APPEAL_RESTRAINT", "APPEAL_DIALOGUE"], "USA", ["IND", "PAK"], 2, "two appeals")
    assert widget.position == 1 and widget.labels.value == ()
    widget.back_button.click()
    assert widget.labels.value == ("APPEAL_RESTRAINT", "APPEAL_DIALOGUE") and widget.note.value == "two appeals"
    widget.labels.value = ("APPEAL_RESTRAINT",)
    widget.next_button.click()  # recoding appends; the latest decision wins
    assert store.latest()[units["unit"][0]]["labels"] == ["APPEAL_RESTRAINT"]
    assert len(store.records()) == 2
    resumed = CodingWidget(units, CodingStore(tmp_path, "ana"))
    assert resumed.position == 1 and "1 coded by ana" in resumed.progress.value


def test_interrupted_write_loses_only_that_unit(units, tmp_path):
    store = CodingStore(tmp_path, "ben")
    store.append({"unit": units["unit"][0], "labels": ["CONDEMN"]})
    with open(store.path, "a", encoding="utf-8") as handle:
        handle.write('{"unit": "' + units["unit"][1] + '", "labels": ["SUPP')  # the kernel died mid-write
    assert [r["unit"] for r in store.records()] == [units["unit"][0]]
    assert len(store.problems) == 1 and ":2: skipped a damaged line" in store.problems[0]
    store.append({"unit": units["unit"][2], "labels": ["THANK"]})  # the next save starts on a fresh line
    assert [r["unit"] for r in store.records()] == [units["unit"][0], units["unit"][2]]
    assert len(store.problems) == 1


def test_coder_names_are_file_safe(tmp_path):
    with pytest.raises(ValueError, match="coder name"):
        CodingStore(tmp_path, "../etc/passwd")


def test_headless_panel_is_a_static_summary(units, tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_HEADLESS", "1")
    summary = coding_panel(units, CodingStore(tmp_path, "ana"))
    assert isinstance(summary, pd.DataFrame)
    monkeypatch.setenv("COMMUNIQUE_HEADLESS", "0")
    monkeypatch.setenv("CI", "")
    assert isinstance(coding_panel(units, CodingStore(tmp_path, "ana")), CodingWidget)


def _codings(matrix: dict[str, list]) -> pd.DataFrame:
    rows = []
    for coder, values in matrix.items():
        for i, value in enumerate(values):
            if value is not None:
                rows.append({"coder": coder, "unit": f"u{i:02d}", "label": value, "labels": [value], "intensity": None,
                             "source": None, "targets": [], "note": ""})
    return pd.DataFrame(rows)


def test_krippendorff_alpha_matches_the_published_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 observers, 12 units,
    # values 1-5, nominal alpha = 0.743. Values are relabelled as act labels (nominal: only equality counts).
    names = {1: "CONSULT", 2: "SUPPORT", 3: "REAFFIRM", 4: "THANK", 5: "WELCOME", None: None}
    data = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None], "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None], "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
    table = agreement(_codings({c: [names[v] for v in vs] for c, vs in data.items()})).set_index("measure")
    assert table.loc["Krippendorff's alpha, labels (nominal)", "value"] == pytest.approx(0.743, abs=1e-3)
    assert table.loc["Krippendorff's alpha, labels (nominal)", "units"] == 11  # unit 12 has one value only


def test_cohen_kappa_and_raw_agreement_by_hand():
    a = ["CONDEMN", "CONDEMN", "SUPPORT", "SUPPORT", "CONDEMN", "SUPPORT", "CONDEMN", "CONDEMN", "SUPPORT", "CONDEMN"]
    b = ["CONDEMN", "SUPPORT", "SUPPORT", "SUPPORT", "CONDEMN", "CONDEMN", "CONDEMN", "CONDEMN", "SUPPORT", "CONDEMN"]
    # observed agreement 8/10; a: 6 CONDEMN 4 SUPPORT, b: 6 CONDEMN 4 SUPPORT -> expected 0.6*0.6 + 0.4*0.4 = 0.52
    kappa = (0.8 - 0.52) / (1 - 0.52)
    table = agreement(_codings({"a": a, "b": b})).set_index("measure")["value"]
    assert table["Cohen's kappa, labels (two coders)"] == pytest.approx(kappa, abs=1e-3)
    assert table["raw agreement, labels"] == pytest.approx(0.8)
    per_label = per_label_agreement(_codings({"a": a, "b": b})).set_index("label")
    assert per_label.loc["SUPPORT", "units used"] == 5 and per_label.loc["SUPPORT", "all agree"] == 3


def test_example_set_adjudication_and_machine(tmp_path, nlp):
    codings, problems = load_codings(ROOT / "data" / "coding" / "example")
    assert problems == [] and set(codings["coder"]) == {"ana", "ben"} and len(codings) == 48
    table = agreement(codings).set_index("measure")["value"]
    assert 0.6 < table["Krippendorff's alpha, labels (nominal)"] < 1.0
    every = sentences(communique.read(SAMPLE))
    to_settle = disagreements(codings, every)
    assert len(to_settle) == 6 and to_settle["text"].notna().all()
    gold, undecided = adjudicate(codings, {u: "NONE" for u in to_settle["unit"][:1]})
    assert len(gold) + len(undecided) == 24 and len(undecided) == 5
    path = save_gold(gold, tmp_path / "gold.jsonl")
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(gold)
    machine = pd.Series(["CONDOLE"] * len(gold), index=gold["unit"], name="machine")
    confusion, report = human_vs_machine(gold, machine)
    assert confusion.values.sum() == len(gold)
    condole = report.set_index("label").loc["CONDOLE"]
    expected_precision = (gold["label"] == "CONDOLE").sum() / len(gold)
    assert condole["recall"] == 1.0 and condole["precision"] == pytest.approx(expected_precision, abs=1e-3)
    assert np.isclose(report.set_index("label").loc["CONSULT", "recall"], 0.0)
