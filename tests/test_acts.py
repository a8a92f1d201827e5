"""Speech acts: labels, sources and targets, intensity on the codebook scale, negation."""
from __future__ import annotations

import pytest

from communique.codebook import LABELS, Codebook


def acts(doc):
    return [(a["act"], a["source_actors"], a["target_actors"], a["intensity"], a["negated"]) for a in doc._.cq_acts]


@pytest.mark.parametrize("sentence, label", [
    ("The United States strongly condemns the attack.", "CONDEMN"),
    ("China urged restraint on both India and Pakistan.", "APPEAL_RESTRAINT"),
    ("The Secretary-General called for dialogue between the two sides.", "APPEAL_DIALOGUE"),
    ("Pakistan called for a neutral probe into the attack.", "DEMAND_INVESTIGATION"),
    ("India rejected the proposal.", "REJECT"),
    ("Pakistan denied any role in the attack.", "DENY"),
    ("Dar thanked China for its support.", "THANK"),
    ("The ministry welcomed the ceasefire.", "WELCOME"),
    ("Japan expressed its deep condolences to the victims.", "CONDOLE"),
    ("India and Pakistan have agreed to a ceasefire.", "AGREE"),
    ("The Resistance Front claimed responsibility for the attack.", "CLAIM_RESPONSIBILITY"),
    ("Iran offered to mediate between India and Pakistan.", "OFFER_MEDIATION"),
    ("Wang Yi spoke by phone with Ishaq Dar.", "CONSULT"),
    ("India accused Pakistan of backing the attackers.", "ACCUSE"),
    ("Pakistan threatened to respond to any attack.", "THREATEN"),
    ("The ministry reaffirmed its commitment to the partnership.", "REAFFIRM"),
    ("Russia is deeply concerned about the escalation.", "CONCERN"),
    ("China supports Pakistan in safeguarding its sovereignty.", "SUPPORT"),
])
def test_labels(sentence, label, annotate_text):
    assert label in [a[0] for a in acts(annotate_text(sentence))], acts(annotate_text(sentence))


def test_sources_and_targets(annotate_text):
    doc = annotate_text("Chinese Foreign Minister Wang Yi spoke with Ishaq Dar. Wang urged restraint on both India and "
                        "Pakistan. Dar thanked China for its support.")
    found = acts(doc)
    assert ("APPEAL_RESTRAINT", ["CHN"], ["IND", "PAK"], 2, False) in found
    assert ("THANK", ["PAK"], ["CHN"], 2, False) in found


def test_intensity_is_ordinal(annotate_text):
    def intensity(sentence):
        (act,) = [a for a in annotate_text(sentence)._.cq_acts if a["act"] in ("CONDEMN", "CONCERN", "APPEAL_DIALOGUE")]
        return act["intensity"]

    assert intensity("India condemns the attack.") < intensity("India strongly condemns the attack.") \
        < intensity("India condemns the attack in the strongest terms.")
    assert intensity("Japan is concerned about the situation.") < intensity("Japan is deeply concerned about the situation.")
    assert intensity("The UN encouraged the two sides to resume dialogue.") \
        < intensity("The UN urged the two sides to resume dialogue.") \
        < intensity("The UN pressed the two sides to resume dialogue.")


def test_negation(annotate_text):
    (act,) = [a for a in annotate_text("China does not support the sanctions.")._.cq_acts if a["act"] == "SUPPORT"]
    assert act["negated"] is True
    (act,) = [a for a in annotate_text("China supports the sanctions.")._.cq_acts if a["act"] == "SUPPORT"]
    assert act["negated"] is False


def test_acts_inside_quotes_belong_to_the_speaker(annotate_text):
    doc = annotate_text('"We strongly condemn this attack," Pakistani Foreign Minister Ishaq Dar said.')
    (act,) = [a for a in doc._.cq_acts if a["act"] == "CONDEMN"]
    assert act["source_actors"] == ["PAK"] and act["in_quote"] and act["intensity"] == 3


def test_headings_carry_no_acts(annotate_text):
    doc = annotate_text("China calls for an impartial investigation\nWang Yi said China supports an investigation.",
                        blocks=[("heading", 0, 42), ("paragraph", 43, 96)])
    assert all(a["start"] >= 43 for a in doc._.cq_acts)


def test_codebook_is_complete_and_mapped():
    book = Codebook.load()
    assert tuple(book.labels) == LABELS
    table = book.table()
    assert list(table["label"]) == list(LABELS) and table["definition"].str.len().gt(20).all()
    assert all(label.cameo for label in book.labels.values())
    assert {book.plover(l) for l in LABELS} - {None} <= {"CONSULT", "SUPPORT", "DISAPPROVE", "REJECT", "DEMAND", "AGREE", "THREATEN"}
