"""Quotes and their speakers: direct quotes in any quote marks, and reported speech.

The `communique_quotes` component writes `doc._.cq_quotes`, a list of dicts:
text, start, end (character offsets of the quoted words, without the marks), kind
("direct" or "reported"), speaker (canonical name, or the words naming the speaker),
speaker_actor (actor code), cue (the verb or "according to" or ":" of a Q&A line), cue_start,
cue_end, and unbalanced (a direct quote whose closing mark is missing).

Direct quotes are found by scanning the characters, not by pairing marks blindly: an
apostrophe inside or after a word is not a quote, a quote may run on over paragraphs when
the next paragraph re-opens it (the news convention), a mark stranded at the end of a
paragraph opens the next one, and a mark never closed ends its quote at the end of the
paragraph instead of swallowing the rest of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import SPAN_KEY
from .pipeline import doc_date
from .speakers import FIRST_PERSON as _FIRST_PERSON
from .speakers import SpeakerResolver, title_speaker

#: Verbs (lemmas) that introduce a direct quote.
SPEECH_CUES = frozenset("""
say add tell state stress note emphasize emphasise insist declare announce warn reiterate urge explain ask reply respond
write comment remark underline assert affirm reaffirm point quote continue conclude argue acknowledge maintain claim caution
observe recall suggest vow pledge highlight call express assure describe mention confirm propose offer convey hope
believe accuse deny condemn welcome thank encourage appeal demand inform agree want advocate reject
""".split())
#: Verbs (lemmas) whose complement is reported speech when no quote marks are used: verbs of
#: saying, urging and expressing, not acts that report no content ("thanked", "denied").
REPORT_CUES = frozenset("""
say add tell state stress note emphasize emphasise insist declare warn reiterate reaffirm urge explain reply respond
write comment remark underline underscore assert affirm point argue acknowledge caution observe recall suggest vow pledge
highlight call express assure mention confirm propose offer convey encourage appeal demand advocate inform extend hope
decide describe
""".split())
_OPEN_DOUBLE, _CLOSE_DOUBLE, _STRAIGHT_DOUBLE = "“„«", "”»", '"'
_OPEN_SINGLE, _CLOSE_SINGLE, _STRAIGHT_SINGLE = "‘‚", "’", "'"
_QA_LABEL = re.compile(r"^(?:Q|Question|A|Answer|[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})\s*:\s+")


@dataclass
class _Quote:
    start: int
    end: int
    unbalanced: bool = False


# -- finding direct quotes ---------------------------------------------------------------------------
def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-" or i + 1 == len(text))


def _paragraph_end(text: str, i: int) -> int:
    """Offset of the end of the paragraph (line) containing offset i."""
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def _double_quotes(text: str) -> list[_Quote]:
    quotes: list[_Quote] = []
    open_at: int | None = None  # offset of the first quoted character
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\n" and open_at is not None:
            # A quote still open at a paragraph end runs on only if the next paragraph re-opens it.
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and (text[j] in _OPEN_DOUBLE or text[j] == _STRAIGHT_DOUBLE) and _is_open(text, j):
                i = j + 1
                continue
            if text[open_at:i].strip():
                quotes.append(_Quote(open_at, i, unbalanced=True))
            open_at = None
        elif c in _OPEN_DOUBLE or (c == _STRAIGHT_DOUBLE and open_at is None and
                                   (_is_open(text, i) or text[i + 1:i + 2] == "\n")):
            if open_at is not None and text[open_at:i].strip():
                quotes.append(_Quote(open_at, i, unbalanced=True))
            open_at = i + 1
            if not text[open_at:_paragraph_end(text, open_at)].strip():  # a mark stranded at a paragraph end
                nxt = _paragraph_end(text, open_at)
                while nxt < len(text) and text[nxt].isspace():
                    nxt += 1
                following = text[nxt:_paragraph_end(text, nxt)]
                opens_next = following.count(_STRAIGHT_DOUBLE) % 2 == 1 or \
                    sum(following.count(c) for c in _CLOSE_DOUBLE) > sum(following.count(c) for c in _OPEN_DOUBLE)
                open_at = nxt if opens_next else None  # else a stray mark: the next paragraph is balanced
                i = nxt
                continue
        elif c in _CLOSE_DOUBLE or (c == _STRAIGHT_DOUBLE and (open_at is not None or _is_close(text, i))):
            if open_at is not None and text[open_at:i].strip():
                quotes.append(_Quote(open_at, i))
            open_at = None
        i += 1
    if open_at is not None and text[open_at:].strip():
        quotes.append(_Quote(open_at, _paragraph_end(text, open_at), unbalanced=True))
    return quotes


def _single_quotes(text: str) -> list[_Quote]:
    """Single-quoted spans that open and close within one paragraph; apostrophes never count."""
    quotes: list[_Quote] = []
    open_at: int | None = None
    for i, c in enumerate(text):
        if c == "\n":
            open_at = None
        elif c in _OPEN_SINGLE or c in _CLOSE_SINGLE + _STRAIGHT_SINGLE:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isalnum() and after.isalnum():
                continue  # Pakistan's, don't
            if open_at is None and (c in _OPEN_SINGLE or c == _STRAIGHT_SINGLE or c == "’") and _is_open(text, i) \
                    and after.isalpha():
                open_at = i + 1
            elif open_at is not None and (c in _CLOSE_SINGLE or c == _STRAIGHT_SINGLE) and _is_close(text, i):
                content = text[open_at:i]
                if sum(ch.isalpha() for ch in content) >= 3 and not content.endswith("s") or " " in content.strip():
                    quotes.append(_Quote(open_at, i))
                open_at = None
    return quotes


def find_direct_quotes(text: str) -> list[_Quote]:
    """Top-level quoted spans (single quotes inside double quotes are part of them)."""
    doubles = _double_quotes(text)
    singles = [q for q in _single_quotes(text) if not any(d.start <= q.start and q.end <= d.end for d in doubles)]
    found = sorted(doubles + singles, key=lambda q: q.start)
    return [_Quote(*_strip(text, q.start, q.end), q.unbalanced) for q in found if text[q.start:q.end].strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace()):
        end -= 1
    return start, end


# -- speakers ------------------------------------------------------------------------------------------
class QuoteFinder:
    def __init__(self, resolver: SpeakerResolver):
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        headings = [tuple(h) for h in (doc._.cq_headings or [])]
        quotes: list[dict] = []
        quoted_chars: list[tuple[int, int]] = []
        for found in find_direct_quotes(doc.text):
            if any(hs <= found.start < he for hs, he in headings):
                continue
            record = self._direct(doc, found, actors, quotes)
            quotes.append(record)
            quoted_chars.append((found.start, found.end))
        answers = self._qa_lines(doc, actors, quoted_chars, headings)
        quotes += answers
        spoken = quoted_chars + [(q["start"], q["end"]) for q in answers] + _question_lines(doc.text)
        quotes += self._reported(doc, actors, quotes, spoken, headings)
        quotes += self._according_to(doc, actors, quotes, spoken, headings)
        quotes = sorted(quotes, key=lambda q: (q["start"], q["end"]))
        self._speaker_from_context(doc, quotes, actors)
        doc._.cq_quotes = quotes
        return doc

    # direct quotes
    def _direct(self, doc: Doc, found: _Quote, actors: list[Span], earlier: list[dict]) -> dict:
        record = {"text": doc.text[found.start:found.end], "start": found.start, "end": found.end, "kind": "direct",
                  "speaker": None, "speaker_actor": None, "cue": None, "cue_start": None, "cue_end": None,
                  "unbalanced": found.unbalanced}
        cue = self._cue_near(doc, found)
        if cue is not None:
            record.update(self._speaker_of(doc, cue, actors, found.start, earlier))
        elif earlier and self._continues(doc, earlier[-1], found):
            last = earlier[-1]
            record.update(speaker=last["speaker"], speaker_actor=last["speaker_actor"], cue=last["cue"],
                          cue_start=last["cue_start"], cue_end=last["cue_end"])
        else:
            record.update(self._colon_intro(doc, found, actors, earlier))
        return record

    def _speaker_from_context(self, doc: Doc, quotes: list[dict], actors: list[Span]) -> None:
        """A direct quote with no cue of its own ("Guterres told reporters in New York.\n“I condemn ...”")
        is spoken by whoever spoke just before it, else the person last named as a subject."""
        for i, quote in enumerate(quotes):
            if quote["kind"] != "direct" or quote["speaker"] is not None or quote["cue"] is not None:
                continue
            before = [q for q in quotes[:i] if q.get("speaker_actor") and quote["start"] - q["end"] < 400]
            if before:
                quote.update(speaker=before[-1]["speaker"], speaker_actor=before[-1]["speaker_actor"])
                continue
            found = self.resolver.pronoun(doc, "he", actors, quote["start"], [])
            if found.get("speaker_actor"):
                quote.update(speaker=found["speaker"], speaker_actor=found["speaker_actor"])

    @staticmethod
    def _continues(doc: Doc, last: dict, found: _Quote) -> bool:
        """The quote goes on from the previous one: only space, or a short frame, between them."""
        between = doc.text[last["end"]:found.start]
        return last["speaker"] is not None and len(between) < 40 and "\n\n" not in between.strip(" \"'“”‘’")

    def _frame_tokens(self, doc: Doc, found: _Quote) -> list[Token]:
        """Tokens outside the quote in the sentences the quote touches (and the sentence before)."""
        first = doc.char_span(found.start, found.end, alignment_mode="expand")
        if first is None:
            return []
        sents = {first[0].sent.start, first[-1].sent.start}
        start = min(s for s in sents)
        end = max(first[-1].sent.end, first[0].sent.end)
        tokens = [t for t in doc[start:end] if not (found.start - 1 <= t.idx < found.end + 1)]
        return tokens

    def _cue_near(self, doc: Doc, found: _Quote) -> Token | None:
        best, best_distance = None, 10**9
        for token in self._frame_tokens(doc, found):
            if not self._is_cue(token):
                continue
            distance = min(abs(token.idx - found.start), abs(token.idx - found.end))
            if distance < best_distance:
                best, best_distance = token, distance
        return best

    @staticmethod
    def _is_cue(token: Token) -> bool:
        if token.lower_ == "according":
            return token.i + 1 < len(token.doc) and token.nbor(1).lower_ == "to"
        return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in SPEECH_CUES and token.dep_ != "amod"

    def _colon_intro(self, doc: Doc, found: _Quote, actors: list[Span], earlier: list[dict]) -> dict:
        """`Dar said:` at the end of the text just before the quote."""
        before = doc.text[max(0, found.start - 200):found.start].rstrip(" \"“‘'\n")
        if not before.endswith(":"):
            return {}
        span = doc.char_span(max(0, found.start - 200), found.start, alignment_mode="expand")
        cues = [t for t in (span or []) if self._is_cue(t)]
        return self._speaker_of(doc, cues[-1], actors, found.start, earlier) if cues else {}

    def _speaker_of(self, doc: Doc, cue: Token, actors: list[Span], before: int, earlier: list[dict]) -> dict:
        result = {"cue": cue.text, "cue_start": cue.idx, "cue_end": cue.idx + len(cue.text)}
        if cue.lower_ == "according":
            objects = [t for t in cue.nbor(1).children if t.dep_ == "pobj"] or [cue.nbor(1)]
            result["cue"] = "according to"
            result["cue_end"] = cue.nbor(1).idx + 2
            subject = objects[0]
        else:
            subject = subject_of(cue)
        if subject is None:
            return result
        result.update(self.resolver.resolve(doc, subject, actors, before, earlier))
        return result

    # Q&A transcripts
    def _qa_lines(self, doc: Doc, actors: list[Span], quoted: list[tuple[int, int]], headings) -> list[dict]:
        out = []
        offset = 0
        for line in doc.text.split("\n"):
            match = _QA_LABEL.match(line)
            start = offset
            offset += len(line) + 1
            if not match or any(qs <= start < qe for qs, qe in quoted) or any(hs <= start < he for hs, he in headings):
                continue
            label = line[: match.end()].rstrip(": \t")
            body_start = start + match.end()
            body_end = start + len(line.rstrip())
            if body_end <= body_start or label in ("Q", "Question"):
                continue
            if label.lower() in ("q", "question", "a", "answer", "note", "source", "read more", "also read", "updated"):
                continue
            span = next((a for a in actors if start <= a.start_char < start + len(label)), None)
            who = self.resolver.label(label, doc_date(doc)) if span is None or span.id_ != "person" else None
            if (who or {}).get("dateline") or (span is not None and span.id_ in ("capital", "state", "region", "dateline")):
                continue  # "ISLAMABAD: ..." is a dateline, not a speaker
            if span is None and who is None and len(label.split()) > 3:
                continue
            speaker = {"speaker": span.kb_id_ or span.text, "speaker_actor": span.label_} if span is not None and \
                span.id_ == "person" else who or {"speaker": label, "speaker_actor": None}
            out.append({"text": doc.text[body_start:body_end], "start": body_start, "end": body_end, "kind": "direct",
                        **speaker, "cue": ":", "cue_start": start + len(label), "cue_end": start + len(label) + 1,
                        "unbalanced": False})
        return out

    def _according_to(self, doc: Doc, actors: list[Span], earlier: list[dict], quoted, headings) -> list[dict]:
        """"..., according to X": the rest of the sentence is X's reported speech."""
        out = []
        for token in doc:
            if token.lower_ != "according" or token.i + 1 >= len(doc) or token.nbor(1).lower_ != "to":
                continue
            if any(qs <= token.idx < qe for qs, qe in quoted) or any(hs <= token.idx < he for hs, he in headings):
                continue
            phrase = {t.i for t in token.subtree} | {t.i for t in token.nbor(1).subtree}
            objects = [t for t in token.nbor(1).children if t.dep_ == "pobj"]
            content = [t for t in token.sent if t.i not in phrase and not t.is_space]
            while content and (content[-1].is_punct or content[-1].lower_ in ("and", "but")):
                content.pop()
            while content and content[0].is_punct:
                content.pop(0)
            if not content or not objects:
                continue
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            if any(qs <= start and end <= qe for qs, qe in quoted):
                continue
            speaker = self.resolver.resolve(doc, objects[0], actors, token.idx, earlier)
            out.append({"text": doc.text[start:end], "start": start, "end": end, "kind": "reported",
                        "speaker": speaker.get("speaker"), "speaker_actor": speaker.get("speaker_actor"),
                        "cue": "according to", "cue_start": token.idx, "cue_end": token.nbor(1).idx + 2,
                        "unbalanced": False})
        return out

    # reported speech
    def _reported(self, doc: Doc, actors: list[Span], direct: list[dict], quoted, headings) -> list[dict]:
        out = []
        for token in doc:
            if token.pos_ not in ("VERB", "AUX") or token.lemma_.lower() not in REPORT_CUES or token.dep_ == "amod":
                continue
            if token.lemma_.lower() == "call" and not any(c.lower_ in ("for", "on", "upon") or c.dep_ == "oprd"
                                                          for c in token.children):
                continue
            if token.lemma_.lower() == "describe" and not any(c.lower_ == "as" for c in token.children):
                continue
            if any(qs <= token.idx < qe for qs, qe in quoted) or any(hs <= token.idx < he for hs, he in headings):
                continue
            subject = subject_of(token)
            if subject is not None and (subject.lower_ in _FIRST_PERSON or subject.lower_ in ("it", "this", "that", "which")):
                continue  # the writer's own words, or not a speaker
            content = reported_content(token)
            if not content:
                continue
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            inside = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quoted)
            if inside >= 0.5 * (end - start) or any(qs < end < qe for qs, qe in quoted):
                continue  # what was said is given as a direct quote
            speaker = self.resolver.resolve(doc, subject, actors, token.idx, direct) if subject is not None else \
                title_speaker(doc, actors)
            if not speaker.get("speaker_actor") and not speaker.get("speaker"):
                continue
            out.append({"text": doc.text[start:end], "start": start, "end": end, "kind": "reported",
                        "speaker": speaker.get("speaker"), "speaker_actor": speaker.get("speaker_actor"),
                        "cue": token.text, "cue_start": token.idx, "cue_end": token.idx + len(token.text),
                        "unbalanced": False})
        return out


def _question_lines(text: str) -> list[tuple[int, int]]:
    """Spans of journalists' questions in a transcript ("Q: ..."): not statements of anyone quoted."""
    spans, offset = [], 0
    for line in text.split("\n"):
        if re.match(r"^\s*(Q|QUESTION|Question)\s*:", line):
            spans.append((offset, offset + len(line)))
        offset += len(line) + 1
    return spans


# -- shared helpers (also used by the acts component) ----------------------------------------------------
def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the verb it is conjoined to or depends on as xcomp."""
    current = verb
    for _ in range(4):
        subjects = [t for t in current.children if t.dep_ in ("nsubj", "nsubjpass", "csubj") and not t.is_punct]
        if subjects:
            return subjects[0]
        agents = [c for t in current.children if t.dep_ == "agent" for c in t.children if c.dep_ == "pobj"]
        if agents:
            return agents[0]
        head = current.head
        if current.dep_ in ("xcomp", "ccomp", "acl", "oprd") and head.i != current.i:
            objects = [t for t in head.children if t.dep_ in ("dobj", "dative") and t.i < current.i]
            if objects and head.lemma_.lower() not in ("continue", "begin", "start", "try"):
                return objects[0]  # object control: "urged Pakistan to act", "quoted Dar reiterating"
        if current.dep_ in ("conj", "xcomp", "advcl", "ccomp") and head.i != current.i:
            current = head
            continue
        break
    return None


def complement(verb: Token) -> list[Token]:
    """The words a reporting verb reports: its objects and clausal complements, in order,
    without the subject, auxiliaries, conjoined verbs with their own content, or final punctuation."""
    keep = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "cc", "mark",
                                              "advmod", "npadvmod"):
            continue
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
            continue
        if child.dep_ in ("dobj", "ccomp", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "pobj", "obj", "advcl"):
            keep.extend(t for t in child.subtree)
    nested = [t for t in keep if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in NESTED_TRIGGERS]
    drop = {d.i for t in nested for d in t.subtree}
    keep = sorted({t for t in keep if t.i not in drop}, key=lambda t: t.i)
    while keep and (keep[-1].is_punct or keep[-1].is_space or keep[-1].lower_ in ("and", "or", "but")):
        keep.pop()
    while keep and (keep[0].dep_ == "mark" or keep[0].is_punct or keep[0].is_space):
        keep.pop(0)
    return keep


_SETTING_PREPOSITIONS = frozenset("on in at during after before via through since from over amid while".split())


def reported_content(verb: Token) -> list[Token]:
    """What a reporting verb reports: its clausal complement(s), wherever they stand ("X said
    that ..." and "..., X said"), else its objects — never the time, place or medium of the
    saying ("on Saturday", "in a statement", "told reporters")."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:
        keep = [t for c in clauses for t in c.subtree]
    else:
        keep = [t for t in complement(verb) if not _in_setting(t, verb)]
    keep = sorted(set(keep), key=lambda t: t.i)
    while keep and (keep[-1].is_punct or keep[-1].is_space or keep[-1].lower_ in ("and", "or", "but")):
        keep.pop()
    while keep and (keep[0].dep_ == "mark" or keep[0].is_punct or keep[0].is_space):
        keep.pop(0)
    return keep


def _in_setting(token: Token, verb: Token) -> bool:
    """Is the token inside a prepositional phrase that sets the scene of the verb?"""
    current = token
    while current.head.i != current.i and current.i != verb.i:
        if current.head.i == verb.i:
            return current.dep_ == "prep" and current.lower_ in _SETTING_PREPOSITIONS and \
                not (current.lower_ in ("on", "upon") and verb.lemma_.lower() in ("call", "urge", "press", "prevail"))
        current = current.head
    return False


#: Verbs that start a clause of their own even when conjoined inside another's content.
NESTED_TRIGGERS = REPORT_CUES | frozenset("oppose reject condemn support welcome thank agree deny offer propose".split())


@Language.factory("communique_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(SpeakerResolver(nlp.get_pipe("communique_actors").gazetteer))
