"""Voice of each sentence: a direct quote, reported speech, the writer's narration, or a heading."""
from __future__ import annotations

from spacy.tokens import Doc

VOICES = ("direct", "reported", "narration", "heading")


def sentence_voices(doc: Doc) -> list[dict]:
    """One row per sentence: start, end, text, voice.

    direct: at least half the sentence's characters are inside direct quotes (or it is a Q&A answer);
    reported: it holds reported speech or a quoted fragment; narration: neither; heading: a section heading.
    """
    quotes = doc._.cq_quotes or []
    headings = [tuple(h) for h in (doc._.cq_headings or [])]
    rows = []
    for sent in doc.sents:
        text = sent.text.strip()
        if not text:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = start + len(text)
        if any(hs <= start < he for hs, he in headings):
            voice = "heading"
        else:
            letters = sum(ch.isalnum() for ch in text) or 1
            quoted = sum(ch.isalnum() for q in quotes if q["kind"] == "direct"
                         for ch in doc.text[max(start, q["start"]):min(end, q["end"])])
            reported = any(q["kind"] == "reported" and start <= q["cue_start"] < end for q in quotes)
            fragment = quoted > 0
            voice = "direct" if quoted >= 0.5 * letters else "reported" if reported or fragment else "narration"
        rows.append({"start": start, "end": end, "text": text, "voice": voice})
    return rows
