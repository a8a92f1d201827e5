"""Actors: who is named in a statement, resolved to a canonical actor (and person).

The `communique_actors` component finds every gazetteer name (states, demonyms, capitals
used as metonyms, organisations, ministries, officials), resolves a surname alone ("Wang",
"Dar") to the person named in full elsewhere in the statement or holding a matching role
on its date ("Prime Minister Sharif" in 2025 is Shehbaz Sharif), and learns people the
gazetteer lacks from the words around them ("Chinese Foreign Ministry spokesperson X",
"X, spokesman for the Secretary-General"). Results go to `doc.spans["cq_actors"]`: each
span's label is the actor code, `kb_id_` the person's canonical name (or ""), `id_` the
kind of mention. The model's entity labels are corrected to match ("Wang" is a PERSON).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import Form, Gazetteer
from .pipeline import doc_date

SPAN_KEY = "cq_actors"
_ENT_LABEL = {"person": "PERSON", "state": "GPE", "capital": "GPE", "region": "GPE", "demonym": "NORP",
              "organisation": "ORG", "institution": "ORG", "title": "PERSON"}


def _key(text: str) -> str:
    return " ".join(text.split()).lower()


class ActorTagger:
    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.fingerprint = gazetteer.fingerprint
        self.tokenizer = nlp.tokenizer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("ACTOR", list(nlp.tokenizer.pipe([*gazetteer.forms, *gazetteer.titles])))
        self.surnames = set(gazetteer.surnames)
        self.state_names: dict[str, list[str]] = {}  # code -> its names and demonyms, to weigh ambiguous mentions
        for text, form in gazetteer.forms.items():
            if form.kind in ("state", "demonym") and len(form.codes) == 1 and len(text) > 3:
                self.state_names.setdefault(form.codes[0], []).append(text)

    # -- the component ---------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        date = doc_date(doc)
        found: list[Span] = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            key = _key(span.text)
            if not self._case_ok(span, key):
                continue
            if key in self.gazetteer.titles:
                found.append(self._title(doc, span, key, date))
            elif key in self.gazetteer.forms:
                found.append(self._labelled(span, self.gazetteer.forms[key], doc))
        found = filter_spans(found)
        found += self._surnames(doc, found, date)
        found = filter_spans(found)
        found += self._people_from_context(doc, found)
        found = [self._dateline(doc, s) for s in sorted(filter_spans(found), key=lambda s: s.start)]
        doc.spans[SPAN_KEY] = found
        doc._.cq_author = self._author(doc)
        self._fix_entities(doc, found)
        return doc

    @staticmethod
    def _dateline(doc: Doc, span: Span) -> Span:
        """"ISLAMABAD, April 28 (Reuters) -" / "NEW DELHI:": a place line, not an actor doing anything."""
        at_line_start = span.start == 0 or "\n" in doc[span.start - 1].text or doc[span.start - 1].is_space
        after = doc[span.end].text if span.end < len(doc) else ""
        if at_line_start and span.text.isupper() and len(span.text) > 3 and after in (",", ":", "(", "-", "—", "–"):
            return Span(doc, span.start, span.end, label=span.label_, kb_id=span.kb_id_, span_id="dateline")
        return span

    @staticmethod
    def _case_ok(span: Span, key: str) -> bool:
        """Names are capitalised; acronyms that are also words ("us", "fo") only in capitals."""
        text = span.text
        if key in _LOWER_COLLISIONS:
            return text.isupper()
        return text[:1].isupper() or text[:1].isdigit() or key.startswith(("the ", "government", "ministry", "embassy"))

    def _labelled(self, span: Span, form: Form, doc: Doc) -> Span:
        code = form.codes[0] if len(form.codes) == 1 else self._disambiguate(doc, form.codes)
        return Span(doc, span.start, span.end, label=code, kb_id=form.person, span_id=form.kind)

    def _disambiguate(self, doc: Doc, codes: tuple[str, ...]) -> str:
        meta = doc._.cq_meta or {}
        context = _key(" ".join(str(meta.get(k, "")) for k in ("publisher", "speaker", "title")) + " " + doc.text[:2000])
        counts = {code: sum(context.count(name) for name in self.state_names.get(code, ())) for code in codes}
        return max(codes, key=lambda c: (counts[c], -codes.index(c)))

    def _title(self, doc: Doc, span: Span, key: str, date) -> Span:
        actor, role = self.gazetteer.titles[key]
        person = self.gazetteer.holder(actor, role, date)
        return Span(doc, span.start, span.end, label=actor, kb_id=person.name if person else "", span_id="title")

    # -- surnames ("Wang", "Prime Minister Sharif") ----------------------------------------------
    def _surnames(self, doc: Doc, found: list[Span], date) -> list[Span]:
        covered = {i for span in found for i in range(span.start, span.end)}
        named = {span.kb_id_ for span in found if span.kb_id_}
        out = []
        for token in doc:
            if token.i in covered or token.text not in self.surnames or not token.text[:1].isupper():
                continue
            if _propn(doc, token.i - 1) and _lower(doc, token.i - 1) not in self.gazetteer.role_words:
                continue  # part of a longer name the gazetteer does not know ("Imran Khan")
            if _propn(doc, token.i + 1) and not doc[token.i + 1].is_punct:
                continue
            person = self._which_person(doc, token, named, date)
            if person:
                out.append(Span(doc, token.i, token.i + 1, label=self.gazetteer.people[person].actor, kb_id=person,
                                span_id="person"))
        return out

    def _which_person(self, doc: Doc, token, named: set[str], date) -> str | None:
        candidates = self.gazetteer.surnames[token.text]
        mentioned = [c for c in candidates if c in named]
        if len(mentioned) == 1:
            return mentioned[0]
        active = [c for c in candidates if self.gazetteer.people[c].roles_on(date)]
        titled = any(_lower(doc, i) in self.gazetteer.role_words for i in range(max(token.i - 3, 0), token.i))
        if len(active) == 1 and (titled or len(candidates) == 1):
            return active[0]
        return None

    # -- people the gazetteer does not know -------------------------------------------------------
    def _people_from_context(self, doc: Doc, found: list[Span]) -> list[Span]:
        covered = {i for span in found for i in range(span.start, span.end)}
        by_start = {span.start: span for span in found}
        learned: dict[str, tuple[str, str]] = {}  # surname -> (full name, actor)
        out = []
        i = 0
        while i < len(doc):
            run_end = i
            while run_end < len(doc) and run_end not in covered and _name_token(doc[run_end], self.gazetteer.role_words):
                run_end += 1
            if run_end == i:
                i += 1
                continue
            name = doc[i:run_end]
            actor = self._actor_before(doc, i, by_start) or self._actor_after(doc, run_end, found)
            if actor and (run_end - i >= 2 or doc[i].ent_type_ == "PERSON"):
                for short in {name[0].text, name[-1].text}:  # "Zhang Wenhua" → Zhang; "Anna Berg" → Berg
                    learned[short] = (name.text, actor)
                out.append(Span(doc, i, run_end, label=actor, kb_id=name.text, span_id="person"))
            elif run_end - i == 1 and name.text in learned:
                full, actor = learned[name.text]
                out.append(Span(doc, i, run_end, label=actor, kb_id=full, span_id="person"))
            i = run_end
        return out

    def _actor_before(self, doc: Doc, start: int, by_start: dict[int, Span]) -> str | None:
        """An actor named in the role phrase right before a name: "Chinese Foreign Ministry spokesperson"."""
        has_role, actor = False, None
        i = start - 1
        while i >= 0 and start - i <= 8:
            token = doc[i]
            if token.lower_ in self.gazetteer.role_words or token.lower_ in ("of", "'s", "the", "and", "&", "-"):
                has_role |= token.lower_ in self.gazetteer.role_words
                i -= 1
                continue
            span = next((s for s in by_start.values() if s.start <= i < s.end), None)
            if span is not None and not span.kb_id_:
                actor = actor or span.label_
                i = span.start - 1
                continue
            break
        return actor if has_role else None

    def _actor_after(self, doc: Doc, end: int, found: list[Span]) -> str | None:
        """An actor in an appositive role phrase: "X, spokesman for the Secretary-General,"."""
        if end >= len(doc) or doc[end].text != ",":
            return None
        stop = next((j for j in range(end + 1, min(end + 12, len(doc))) if doc[j].text in (",", ".", ";", "\n")), min(end + 12, len(doc)))
        window = range(end + 1, stop)
        if not any(doc[j].lower_ in self.gazetteer.role_words for j in window):
            return None
        actors = [s for s in found if s.start in window and not (s.kb_id_ and s.id_ == "person")]
        return actors[0].label_ if actors else None

    # -- the statement's author and the entity labels ------------------------------------------------
    def _author(self, doc: Doc) -> dict:
        """Who the statement is by (from its speaker, else publisher metadata) and the first
        person its title names ("Secretary Rubio's Call with ..."), for subjectless readout lines."""
        meta = doc._.cq_meta or {}
        author = {"speaker": "", "actor": "", "title_speaker": "", "title_actor": ""}
        for field in ("speaker", "publisher"):
            text = str(meta.get(field) or "")
            found = self.match_text(text) if text else None
            if found:
                author.update(speaker=found[1].person or text, actor=found[1].codes[0])
                break
        title = str(meta.get("title") or "")
        person = self.match_text(title, people_only=True) if title else None
        if person:
            author.update(title_speaker=person[1].person, title_actor=person[1].codes[0])
        return author

    def match_text(self, text: str, people_only: bool = False) -> tuple[str, Form] | None:
        """The first gazetteer name in a metadata string such as "Tammy Bruce, Department Spokesperson"."""
        small = self.tokenizer(text)
        for span in sorted(filter_spans([small[s:e] for _, s, e in self.matcher(small)]), key=lambda s: s.start):
            form = self.gazetteer.forms.get(_key(span.text))
            if form is not None and (form.person or not people_only):
                return span.text, form
        return None

    @staticmethod
    def _fix_entities(doc: Doc, actors: list[Span]) -> None:
        fixed = [Span(doc, s.start, s.end, label=_ENT_LABEL.get(s.id_, "ORG")) for s in actors]
        taken = {i for s in fixed for i in range(s.start, s.end)}
        kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
        doc.ents = filter_spans(fixed + kept)


# Lower-case words that are also acronyms in the gazetteer: "us" is not the USA.
_LOWER_COLLISIONS = {"us", "fo", "au", "is", "un", "eu", "let", "it"}


def _lower(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _propn(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN"


def _name_token(token, role_words) -> bool:
    if not token.is_alpha or not token.text[:1].isupper() or token.lower_ in role_words:
        return False
    return token.pos_ == "PROPN" or token.ent_type_ == "PERSON"


@Language.factory("communique_actors", default_config={"gazetteer": []})
def make_actors(nlp: Language, name: str, gazetteer: list[str]) -> ActorTagger:
    return ActorTagger(nlp, Gazetteer.load(gazetteer))
