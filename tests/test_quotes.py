"""Direct quotes in every kind of mark, their speakers, and reported speech."""
from __future__ import annotations

import pytest

from communique.quotes import find_direct_quotes


def spans(text):
    return [text[q.start:q.end] for q in find_direct_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we are ready" today.', ["we are ready"]),
    ("He said “we are ready” today.", ["we are ready"]),
    ("He said ‘we are ready’ today.", ["we are ready"]),
    ("He said 'we are ready' today.", ["we are ready"]),
    ('It supports an "impartial investigation" into the incident.', ["impartial investigation"]),
    ("Pakistan's and India's leaders met in the '90s and rock 'n' roll played; 'tis true.", []),
    ("The leaders' statement and the ministers' talks.", []),
    ('"We condemn it," he said, "in the strongest terms."', ["We condemn it,", "in the strongest terms."]),
    ('He said: "It is the \'red line\' for us."', ["It is the 'red line' for us."]),
])
def test_quote_marks(text, expected):
    assert spans(text) == expected


def test_quote_spanning_paragraphs_in_the_news_convention():
    text = '"We will respond firmly.\n\n"We will not accept this," the minister said.'
    assert spans(text) == ['We will respond firmly.\n\n"We will not accept this,']


def test_mark_stranded_at_the_end_of_a_paragraph_opens_the_next():
    text = 'The spokesperson said: "\nWe are monitoring the situation closely."\nTalks continue.'
    assert spans(text) == ["We are monitoring the situation closely."]


def test_unbalanced_mark_ends_at_the_paragraph_and_the_rest_is_still_read():
    text = 'He said "we are ready to talks.\nLater, she said "peace is possible" and left.'
    quotes = find_direct_quotes(text)
    assert [text[q.start:q.end] for q in quotes] == ["we are ready to talks.", "peace is possible"]
    assert [q.unbalanced for q in quotes] == [True, False]


def _quotes(doc, kind=None):
    return [q for q in doc._.cq_quotes if kind is None or q["kind"] == kind]


def test_speaker_after_before_and_around_the_quote(annotate_text):
    doc = annotate_text('Chinese Foreign Minister Wang Yi spoke to reporters. "China supports dialogue," Wang said. '
                        'Pakistan\'s Foreign Minister Ishaq Dar said: "We thank China." '
                        '"We are ready," Dar added, "to talk."')
    found = [(q["text"], q["speaker"], q["speaker_actor"], q["cue"]) for q in _quotes(doc, "direct")]
    assert found == [("China supports dialogue,", "Wang Yi", "CHN", "said"), ("We thank China.", "Ishaq Dar", "PAK", "said"),
                     ("We are ready,", "Ishaq Dar", "PAK", "added"), ("to talk.", "Ishaq Dar", "PAK", "added")]


def test_pronoun_and_according_to(annotate_text):
    doc = annotate_text('Indian External Affairs Minister S. Jaishankar met his counterpart. "Terrorism must end," he said. '
                        'The talks were useful, according to Randhir Jaiswal.')
    direct = _quotes(doc, "direct")
    assert (direct[0]["speaker"], direct[0]["speaker_actor"]) == ("S. Jaishankar", "IND")


def test_document_as_speaker_resolves_to_its_author(annotate_text):
    doc = annotate_text("In a statement, China's foreign ministry welcomed the talks.\n"
                        '"Both sides agreed to keep in touch," the statement said.')
    (quote,) = _quotes(doc, "direct")
    assert quote["speaker_actor"] == "CHN" and quote["cue"] == "said"


def test_qa_transcript_lines_are_direct_speech(annotate_text):
    doc = annotate_text("Q: Do you have a comment on the attack?\nGuo Jiakun: China opposes all forms of terrorism.",
                        publisher="Ministry of Foreign Affairs of the People's Republic of China")
    (quote,) = _quotes(doc)
    assert (quote["text"], quote["speaker"], quote["speaker_actor"], quote["cue"]) == \
        ("China opposes all forms of terrorism.", "Guo Jiakun", "CHN", ":")


def test_reported_speech_without_marks(annotate_text):
    doc = annotate_text("Wang urged restraint on both India and Pakistan. Chinese Foreign Minister Wang Yi said "
                        "conflict is in no one's interest.")
    reported = [(q["text"], q["speaker"], q["speaker_actor"], q["cue"]) for q in _quotes(doc, "reported")]
    assert ("restraint on both India and Pakistan", "Wang Yi", "CHN", "urged") in reported
    assert ("conflict is in no one's interest", "Wang Yi", "CHN", "said") in reported


def test_unbalanced_text_is_still_annotated(annotate_text):
    doc = annotate_text('Dar said "we want peace.\nPakistan\'s Foreign Minister Ishaq Dar urged restraint on India.')
    assert any(a["act"] == "APPEAL_RESTRAINT" for a in doc._.cq_acts)
    assert _quotes(doc, "direct")[0]["unbalanced"] is True
