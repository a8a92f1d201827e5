"""Who a subject or speaker is: a named actor, a pronoun, a document, a title or a
description ("the minister", "the government"), resolved to a name and an actor code."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .gazetteer import Gazetteer
from .pipeline import doc_date

PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "any", "it": "org"}
FIRST_PERSON = {"i", "we", "me", "us", "our", "my"}
#: Nouns that make a document the speaker: "the statement said".
DOCUMENT_NOUNS = frozenset("statement readout release communique communiqué note letter report transcript notice "
                           "declaration text post tweet".split())
#: Nouns for a body that speaks for the statement's author: "the government said".
INSTITUTION_NOUNS = frozenset("government ministry office secretariat department cabinet council committee spokesperson "
                              "spokesman spokeswoman side administration embassy mission delegation authorities "
                              "presidency".split())
#: Words of a role ("the Prime Minister", "the minister") matched against gazetteer roles.
ROLE_NOUNS = frozenset("minister secretary president premier chancellor ambassador envoy chief spokesperson spokesman "
                       "spokeswoman adviser advisor general".split())
_HONORIFICS = {"mr", "ms", "mrs", "dr", "amb", "ambassador", "h.e.", "sir"}


def _answer(span: Span | None) -> dict:
    return {"speaker": span.kb_id_ or span.text, "speaker_actor": span.label_} if span is not None else \
        {"speaker": None, "speaker_actor": None}


def actor_in(head: Token, actors: list[Span]) -> Span | None:
    """The actor mention that covers `head`, or the first one inside its phrase (people first)."""
    actors = [s for s in actors if s.id_ != "dateline"]
    for span in actors:
        if span.start <= head.i < span.end:
            return span
    phrase_start, phrase_end = head.left_edge.i, head.right_edge.i + 1
    inside = [s for s in actors if phrase_start <= s.start and s.end <= phrase_end]
    # "Pakistan's Foreign Minister Ishaq Dar": the person named right by the head word speaks,
    # not the state before it, nor an actor in a clause after it
    persons = [s for s in inside if s.kb_id_ and s.start <= head.i + 3]
    return (persons or [s for s in inside if s.start <= head.i] or [None])[0]


def title_speaker(doc: Doc, actors: list[Span] | None = None) -> dict:
    """For a reporting verb with no subject (a readout fragment): the first person in the title."""
    author = doc._.cq_author or {}
    if author.get("title_speaker"):
        return {"speaker": author["title_speaker"], "speaker_actor": author["title_actor"]}
    return {}


def author_speaker(doc: Doc) -> dict:
    author = doc._.cq_author or {}
    return {"speaker": author.get("speaker") or None, "speaker_actor": author.get("actor") or None}


class SpeakerResolver:
    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def resolve(self, doc: Doc, head: Token, actors: list[Span], before: int, earlier: list[dict]) -> dict:
        """Speaker name and actor for a subject token."""
        lower = head.lower_
        if head.is_punct:
            return title_speaker(doc)
        if lower in PRONOUNS:
            return self.pronoun(doc, lower, actors, before, earlier)
        if lower in FIRST_PERSON:
            return author_speaker(doc)
        span = actor_in(head, actors)
        if span is not None:
            return _answer(span)
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_NOUNS:
            return self.document(doc, head, actors)
        described = self.description(doc, head, actors, before)
        if described:
            return described
        phrase = doc[head.left_edge.i: head.i + 1].text
        author = doc._.cq_author or {}
        if head.pos_ == "PROPN" and head.ent_type_ != "PERSON" and author.get("actor"):
            return {"speaker": phrase, "speaker_actor": author["actor"]}  # "The CCS" in an Indian statement
        return {"speaker": phrase, "speaker_actor": None}

    def pronoun(self, doc: Doc, pronoun: str, actors: list[Span], before: int, earlier: list[dict]) -> dict:
        """He/she: the last person named (preferring a subject in the same sentence); it/they: the last actor."""
        candidates = [s for s in actors if s.end_char <= before]
        if PRONOUNS[pronoun] == "person":
            people = [s for s in candidates if s.kb_id_]
            subjects = [s for s in people if s.root.dep_ in ("nsubj", "nsubjpass") or
                        (s.root.dep_ in ("appos", "compound") and s.root.head.dep_ in ("nsubj", "nsubjpass"))]
            last_speaker = next((q for q in reversed(earlier) if q["end"] <= before and q.get("speaker_actor")), None)
            if people:
                span = people[-1]
                if subjects and subjects[-1].sent == span.sent:
                    span = subjects[-1]  # "X spoke with Y. He ...": the subject, not the last name
                if last_speaker and last_speaker["end"] > span.end_char:
                    return {"speaker": last_speaker["speaker"], "speaker_actor": last_speaker["speaker_actor"]}
                return _answer(span)
            if last_speaker:
                return {"speaker": last_speaker["speaker"], "speaker_actor": last_speaker["speaker_actor"]}
            return title_speaker(doc) or {"speaker": None, "speaker_actor": None}
        others = [s for s in candidates if not s.kb_id_] or candidates
        return _answer(others[-1]) if others else author_speaker(doc)

    def document(self, doc: Doc, noun: Token, actors: list[Span]) -> dict:
        """The author of "the statement": an actor named with it ("China's statement"), the subject of
        the sentence that mentioned a statement before ("In a statement, X ..."), else the publisher."""
        phrase = doc[noun.left_edge.i: noun.right_edge.i + 1]
        own = [s for s in actors if phrase.start <= s.start and s.end <= phrase.end]
        if own:
            return _answer(own[0])
        sentences = [s for s in doc.sents if s.start < noun.sent.start][-4:]
        for sent in reversed(sentences):
            if not {t.lemma_.lower() for t in sent} & DOCUMENT_NOUNS:
                continue
            for token in sent:
                if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
                    span = actor_in(token, actors)
                    if span is not None:
                        return _answer(span)
        return author_speaker(doc)

    def description(self, doc: Doc, head: Token, actors: list[Span], before: int) -> dict | None:
        """"The Prime Minister", "the minister": the person last named who holds such a role, else
        the holder of that role for the statement's author on its date; "the government",
        "the Secretariat": the author, else the state named last."""
        words = {t.lower_ for t in doc[head.left_edge.i: head.i + 1] if t.dep_ != "det"}
        date = doc_date(doc)
        author = doc._.cq_author or {}
        if words & ROLE_NOUNS:
            wanted = [w for w in words if w.isalpha()]
            named = [s for s in actors if s.kb_id_ and s.end_char <= before and s.kb_id_ in self.gazetteer.people]
            for span in reversed(named):
                roles = " ".join(self.gazetteer.people[span.kb_id_].roles_on(date)).lower()
                if all(w in roles for w in wanted):
                    return _answer(span)
            if author.get("actor"):
                holder = self.gazetteer.holder(author["actor"], " ".join(t.text for t in doc[head.left_edge.i: head.i + 1]
                                                                         if t.dep_ != "det"), date)
                if holder:
                    return {"speaker": holder.name, "speaker_actor": holder.actor}
            people = [s for s in actors if s.kb_id_ and s.end_char <= before]
            if head.lemma_.lower() in ("minister", "spokesperson", "spokesman", "spokeswoman") and people:
                return _answer(people[-1])
        if words & INSTITUTION_NOUNS or head.lemma_.lower() in INSTITUTION_NOUNS:
            if author.get("actor"):
                return {"speaker": doc[head.left_edge.i: head.i + 1].text, "speaker_actor": author["actor"]}
            states = [s for s in actors if s.end_char <= before and self.gazetteer.types.get(s.label_) == "state"]
            if states:
                return {"speaker": doc[head.left_edge.i: head.i + 1].text, "speaker_actor": states[-1].label_}
        return None

    def label(self, text: str, date) -> dict | None:
        """A transcript label ("MS BRUCE", "Lin Jian", "SPOKESPERSON") as a speaker, or None."""
        words = [w for w in text.replace(".", " ").split() if w.lower() not in _HONORIFICS]
        if not words:
            return None
        name = " ".join(w.capitalize() if w.isupper() else w for w in words)
        form = self.gazetteer.forms.get(name.lower())
        if form is not None:
            if form.kind in ("capital", "state", "region"):
                return {"dateline": True}
            return {"speaker": form.person or name, "speaker_actor": form.codes[0]}
        for candidate in self.gazetteer.surnames.get(name.split()[-1], []):
            person = self.gazetteer.people[candidate]
            if person.roles_on(date) or len(self.gazetteer.surnames[name.split()[-1]]) == 1:
                return {"speaker": person.name, "speaker_actor": person.actor}
        return None
