"""Actors: gazetteer names, surnames, dated roles, people learned from context, user gazetteers."""
from __future__ import annotations

import re

import pytest

from communique.gazetteer import Gazetteer, GazetteerError
from communique.pipeline import build_pipeline, make_doc


def actors(doc):
    return [(s.text, s.label_, s.kb_id_) for s in doc.spans["cq_actors"]]


def test_short_forms_resolve_to_the_full_name_and_repair_entities(annotate_text):
    doc = annotate_text("Chinese Foreign Minister Wang Yi spoke with Pakistani counterpart Ishaq Dar. "
                        "Wang urged restraint. Dar thanked China.")
    found = actors(doc)
    assert ("Wang", "CHN", "Wang Yi") in found and ("Dar", "PAK", "Ishaq Dar") in found
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Wang") == "PERSON" and labels.get("Dar") == "PERSON"


def test_capitals_ministries_and_demonyms(annotate_text):
    doc = annotate_text("Beijing and Islamabad agreed; New Delhi and Washington disagreed. China's foreign ministry, "
                        "the State Department and the Indian government issued statements.")
    codes = [(text, code) for text, code, _ in actors(doc)]
    for pair in [("Beijing", "CHN"), ("Islamabad", "PAK"), ("New Delhi", "IND"), ("Washington", "USA"),
                 ("China's foreign ministry", "CHN"), ("State Department", "USA"), ("Indian government", "IND")]:
        assert pair in codes


def test_roles_resolve_by_the_statement_date(annotate_text):
    now = annotate_text("Prime Minister Sharif spoke to the press.", date="2025-05-01")
    then = annotate_text("Prime Minister Sharif spoke to the press.", date="2015-05-01")
    assert ("Sharif", "PAK", "Shehbaz Sharif") in actors(now)
    assert ("Sharif", "PAK", "Nawaz Sharif") in actors(then)
    secretary = annotate_text("The Secretary urged calm.", date="2025-04-30", publisher="U.S. Department of State")
    assert actors(secretary) == [("The Secretary", "USA", "Marco Rubio")]


def test_people_missing_from_the_gazetteer_are_learned_from_context(annotate_text):
    doc = annotate_text("Chinese Foreign Ministry spokesperson Zhang Wenhua said the talks went well. "
                        "Zhang added that more talks would follow. Later Hiroshi Tanaka, spokesman for the "
                        "Secretary-General, spoke. Jammu and Kashmir Chief Minister Farooq Lone visited.")
    found = actors(doc)
    assert ("Zhang Wenhua", "CHN", "Zhang Wenhua") in found and ("Zhang", "CHN", "Zhang Wenhua") in found
    assert ("Hiroshi Tanaka", "UN", "Hiroshi Tanaka") in found
    assert ("Farooq Lone", "IND", "Farooq Lone") in found


def test_lowercase_words_are_not_acronyms(annotate_text):
    doc = annotate_text("Let us hope the US and the UN help; it is up to us.")
    assert [(t, c) for t, c, _ in actors(doc)] == [("US", "USA"), ("UN", "UN")]


def test_user_gazetteer_adds_actors_and_people(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("organisations:\n  - {code: NORL, name: Norland, type: state, aliases: [Norland]}\n"
                     "people:\n  - {name: Anna Berg, actor: NORL, aliases: [Anna Berg], surname: Berg,\n"
                     "     roles: [{role: Foreign Minister, from: 2024-01-01, to: null}]}\n", encoding="utf-8")
    nlp = build_pipeline(gazetteer=[extra])
    doc = nlp(make_doc(nlp, "Anna Berg spoke for Norland. Berg urged calm.", date="2025-03-14"))
    assert ("Berg", "NORL", "Anna Berg") in actors(doc) and ("Norland", "NORL", "") in actors(doc)


@pytest.mark.parametrize("content, message", [
    ("people:\n  - {name: X}\n", "people[0]: missing actor"),
    ("people:\n  - {name: X, actor: Y, roles: [{role: R, from: 2025-13-01}]}\n", "expected a date"),
    ("states: [1, 2]\n", "states[0]: expected a mapping"),
    ("key: [unclosed\n", "not valid YAML"),
])
def test_bad_gazetteer_entries_are_named(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GazetteerError, match=re.escape(message)):
        Gazetteer.load([path])
