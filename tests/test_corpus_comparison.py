"""Keyness against hand-computed G², act profiles and networks, timelines, similarity."""
from __future__ import annotations

import math

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import communique  # noqa: E402
from communique.annotating import annotate, statement_actors  # noqa: E402
from communique.keyness import g2, keyness, keyness_by, log_ratio, terms  # noqa: E402
from communique.profiles import (act_network, act_profile, acts_over_time, load_events, network_figure,  # noqa: E402
                                 periods, timeline_figure)
from communique.similarity import nearest  # noqa: E402
from conftest import ROOT  # noqa: E402


def test_g2_matches_a_hand_computation():
    # "restraint": 10 times in a group of 1,000 tokens, 5 times in a rest of 2,000 tokens.
    # Expected counts: E1 = 1000 * 15 / 3000 = 5, E2 = 2000 * 15 / 3000 = 10.
    # G² = 2 * (10 ln(10/5) + 5 ln(5/10)) = 2 * 5 ln 2 = 6.9315
    assert g2(10, 5, 1000, 2000) == pytest.approx(6.9315, abs=1e-4)
    assert log_ratio(10, 5, 1000, 2000) == pytest.approx(math.log2(4))
    assert g2(0, 5, 1000, 2000) == pytest.approx(2 * 5 * math.log(5 / (2000 * 5 / 3000)))


def test_keyness_on_a_toy_corpus():
    group = ["urge restraint restraint restraint dialogue"] * 4
    rest = ["condemn attack attack dialogue"] * 4
    table = keyness(group, rest, min_freq=3, ngrams=(1,)).set_index("term")
    # restraint: a=12 in c=20, b=0 in d=16 -> E1 = 20*12/36, G² = 2 * 12 ln(12 / E1)
    assert table.loc["restraint", "G2"] == pytest.approx(2 * 12 * math.log(12 / (20 * 12 / 36)), abs=1e-3)
    assert table.loc["restraint", "key"] and not table.loc["attack", "key"] and not table.loc["dialogue", "key"]
    assert table.loc["dialogue", "p"] > 0.05


def test_keyness_by_group_and_terms():
    assert terms("Urged restraint, and dialogue.", (1, 2)) == ["urged", "restraint", "urged restraint", "dialogue"]
    corpus = pd.DataFrame({"speaker": ["A"] * 3 + ["B"] * 3,
                           "text": ["We urge restraint and restraint now."] * 3 + ["We condemn the attack, the attack."] * 3})
    table = keyness_by(corpus, "speaker", min_freq=3)
    assert set(table[table["speaker"] == "A"]["term"]) >= {"restraint"}
    assert set(table[table["speaker"] == "B"]["term"]) >= {"attack"}


@pytest.fixture(scope="module")
def sample(nlp):
    corpus = communique.read(ROOT / "data" / "sample")
    return corpus, annotate(corpus, nlp)


def test_profile_network_and_timeline(sample):
    corpus, annotations = sample
    counts, shares = act_profile(annotations)
    assert counts.index[0] == "USA" and shares.sum(axis=1).round(6).eq(1).all()
    assert counts.values.sum() >= len(annotations.acts)
    edges = act_network(annotations)
    assert {("USA", "IND"), ("USA", "PAK")} <= set(zip(edges["source"], edges["target"]))
    assert (edges["source"] != edges["target"]).all()
    over_time = acts_over_time(annotations, corpus)
    assert over_time["count"].sum() == counts.values.sum()
    events = load_events(ROOT / "data" / "events" / "india-pakistan-2025.yaml")
    phases = periods(corpus, events)
    assert phases.iloc[0] == "since India holds Indus Waters Treaty in abeyance" and phases.iloc[-1] == "since Ceasefire announced"
    for fig in (network_figure(edges), timeline_figure(over_time, events)):
        assert all(ax.get_title() or ax.get_ylabel() for ax in fig.axes) and fig.axes[0].get_title()
        assert fig.axes[0].get_legend() is not None


def test_statement_actors(nlp):
    corpus = pd.DataFrame([{"speaker": "Tammy Bruce, Department Spokesperson", "publisher": "U.S. Department of State"},
                           {"speaker": "", "publisher": "Ministry of Foreign Affairs of Pakistan"},
                           {"speaker": "Someone", "publisher": "A newspaper"}])
    assert list(statement_actors(corpus, nlp)) == ["USA", "PAK", ""]


def test_nearest_neighbours():
    corpus = pd.DataFrame({"id": ["a", "b", "c", "d"], "text": [
        "The Secretary urged both sides to de-escalate tensions and re-establish direct communication.",
        "The Secretary urged both sides to de-escalate tensions and re-establish direct communications.",
        "China condemned the attack and called for an impartial investigation.",
        "Pakistan denied any role and called for a neutral investigation."]})
    table = nearest(corpus, k=1).set_index("id")
    assert table.loc["a", "neighbour"] == "b" and table.loc["b", "neighbour"] == "a"
    assert table.loc["a", "cosine"] > 0.8 > table.loc["c", "cosine"] > 0
    assert (table.index != table["neighbour"]).all()
    chunked = nearest(corpus, k=2, chunk=1)  # the chunked product gives the same answer
    assert chunked.equals(nearest(corpus, k=2))
