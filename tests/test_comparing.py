"""compare(): claim reconciliation on sample and constructed pairs, wording, naming, reuse, CLI, HTML."""
from __future__ import annotations

import json

import pandas as pd
import pytest

import communique
from communique.cli import main
from communique.comparing import compare, naming_counts, reused_passages
from communique.rendering import comparison_html
from conftest import ROOT

SAMPLE = ROOT / "data" / "sample"


def statement(sid: str, text: str, date: str = "2025-04-28") -> pd.Series:
    return pd.Series({"id": sid, "text": text, "date": pd.Timestamp(date), "title": sid, "publisher": "", "speaker": "",
                      "kind": "", "blocks": None})


def acts(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["act"])


def test_the_two_30_april_readouts(nlp):
    corpus = communique.read(SAMPLE)
    india, pakistan = (corpus.statement(f"2025-04-30-state-readout-rubio-{n}") for n in ("jaishankar", "sharif"))
    result = compare(india, pakistan, nlp=nlp)
    assert acts(result.shared) == ["APPEAL_RESTRAINT"]  # both urge de-escalation
    assert "DEMAND_INVESTIGATION" in acts(result.only_b)  # only the Pakistan call: cooperation in investigating
    only_india = result.only_a.set_index("act")["text"]
    assert "sorrow" in only_india["CONDOLE"] and "cooperation with India against terrorism" in only_india["REAFFIRM"]
    assert list(result.shared["similarity"]) == [pytest.approx(result.shared["similarity"].iloc[0])]
    assert result.shared["similarity"].iloc[0] >= 0.5


def test_a_constructed_pair_with_its_answer_written_first(nlp):
    # Written down first: both report the appeal for restraint; only A condemns and backs an
    # investigation; only B has Dar's thanks.
    a = statement("a", "Chinese Foreign Minister Wang Yi spoke with Pakistani counterpart Ishaq Dar. Wang urged restraint "
                       "on both India and Pakistan. Wang strongly condemned the attack. China supports an impartial "
                       "investigation.")
    b = statement("b", "Deputy Prime Minister Ishaq Dar spoke with Chinese Foreign Minister Wang Yi. Wang urged both India "
                       "and Pakistan to exercise restraint. Dar thanked China for its consistent support.")
    result = compare(a, b, nlp=nlp)
    assert "APPEAL_RESTRAINT" in acts(result.shared) and "CONSULT" in acts(result.shared)
    assert {"CONDEMN", "DEMAND_INVESTIGATION"} <= set(acts(result.only_a))
    assert acts(result.only_b) == ["THANK"]


def test_wording_of_a_shared_claim(nlp):
    a = statement("a", "India strongly condemns the terrorist attack in Pahalgam.")
    b = statement("b", "India condemns the attack in Pahalgam.")
    result = compare(a, b, nlp=nlp)
    (row,) = result.wording.to_dict(orient="records")
    assert (row["act_a"], row["intensity_a"], row["intensity_b"], row["stronger"]) == ("CONDEMN", 3, 2, "A")
    naming = result.naming.set_index("variant")
    assert naming.loc["terrorist attack", "uses_a"] == 1 and naming.loc["attack", "uses_b"] == 1
    assert "attack" not in naming.index or naming.loc["attack", "uses_a"] == 0  # not counted twice


def test_naming_counts_longest_variant_first():
    lexicon = {"Kashmir": ["Indian Illegally Occupied Jammu and Kashmir", "Jammu and Kashmir", "Kashmir"]}
    text = "In Indian Illegally Occupied Jammu and Kashmir ... Jammu and Kashmir ... kashmir."
    assert naming_counts(text, lexicon) == {("Kashmir", "Indian Illegally Occupied Jammu and Kashmir"): 1,
                                            ("Kashmir", "Jammu and Kashmir"): 1, ("Kashmir", "Kashmir"): 1}


def test_reused_passages_with_offsets():
    a = "The Secretary urged both sides to de-escalate tensions and maintain peace and security in South Asia."
    b = "He also encouraged Pakistan to maintain peace and security in South Asia, officials said."
    (row,) = reused_passages(a, b).to_dict(orient="records")
    assert row["text"] == "maintain peace and security in South Asia" and row["words"] == 7
    assert a[row["start_a"]:row["end_a"]] == b[row["start_b"]:row["end_b"]] == row["text"]


def test_cli_json_shape_and_errors(capsys, tmp_path):
    assert main(["compare", "--corpus", str(SAMPLE), "2025-05-08-state-readout-rubio-jaishankar",
                 "2025-05-08-state-readout-rubio-sharif"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"shared", "only_a", "only_b", "naming", "actors", "reused"} <= set(result)
    for claim in result["only_a"] + result["only_b"]:
        assert {"act", "source_actor", "target_actors", "text", "start", "end"} <= set(claim)
    for pair in result["shared"]:
        assert {"similarity", "text_a", "text_b", "start_a", "start_b", "source_actor_a", "source_actor_b"} <= set(pair)
    assert any(r["words"] >= 10 for r in result["reused"])  # the two readouts share template sentences
    assert main(["compare", "--corpus", str(SAMPLE), "nope", "2025-05-08-state-readout-rubio-sharif"]) == 2
    assert main(["compare", str(tmp_path / "a.md"), str(tmp_path / "b.md")]) == 2


HOSTILE = '<script>alert(1)</script>'


def test_side_by_side_view_escapes_everything(nlp):
    a = statement(f"{HOSTILE}a", f"India condemns the attack {HOSTILE}.")
    b = statement("b", "India condemns the attack. <img src=x onerror=alert(2)>")
    a["title"] = HOSTILE
    html = comparison_html(a, b, compare(a, b, nlp=nlp))
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_two_groups_of_statements(nlp):
    corpus = communique.read(SAMPLE)
    readouts = corpus[corpus["kind"] == "call readout"]
    india = readouts[readouts["id"].str.contains("jaishankar")]
    pakistan = readouts[readouts["id"].str.contains("sharif|dar|munir")]
    result = compare(india, pakistan, nlp=nlp)
    assert set(result.shared["id_a"]) <= set(india["id"]) and set(result.shared["id_b"]) <= set(pakistan["id"])
    assert "APPEAL_RESTRAINT" in acts(result.shared)
    assert "DEMAND_INVESTIGATION" in acts(result.only_b) and "CONDOLE" in set(result.only_a["act"]) | set(result.shared["act"])
    assert result.reused.empty and result.a_id.count(",") == len(india) - 1
