"""Diplomatic speech acts: which act a clause performs, by whom, towards whom, how strongly.

The `communique_acts` component writes `doc._.cq_acts`, a list of dicts: text, start, end
(the clause that carries the act), act (a codebook label), source_actor (who performs it)
and source_actors (all of them, e.g. "both leaders"), target_actors, intensity (1-4, see the
codebook's scale), negated, trigger (the word that carries it), trigger_start, in_quote.

How a clause gets its label: an appeal verb ("urged", "called on", "encouraged", "must")
takes its label from what is asked — an investigation, dialogue, restraint, else DEMAND; a
verb of support or welcome whose object is one of those topics is coded as that appeal;
a light verb ("expressed", "offered", "reiterated") takes the label of its object noun
("concern", "condolences", "support"); other verbs and predicate adjectives ("concerned",
"pleased") map through the codebook. One clause, one act: a trigger inside the content of
another act is part of that act.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .actors import SPAN_KEY
from .codebook import Codebook
from .quotes import complement, subject_of
from .speakers import FIRST_PERSON, SpeakerResolver

LIGHT_VERBS = frozenset("express convey offer extend voice reiterate reaffirm renew issue send register lodge "
                        "propose emphasize emphasise stress underline highlight affirm assure".split())
CONSULT_NOUNS = frozenset("conversation call talk talks meeting consultation consultations discussion discussions "
                          "phone telephone".split())
_OFFERING = frozenset("offer propose extend".split())
PREDICATE_ADJECTIVES = {
    "concerned": "CONCERN", "alarmed": "CONCERN", "worried": "CONCERN", "troubled": "CONCERN", "disturbed": "CONCERN",
    "shocked": "CONCERN", "regrettable": "CONCERN", "unfortunate": "CONCERN", "dismayed": "CONCERN",
    "pleased": "WELCOME", "glad": "WELCOME", "happy": "WELCOME", "delighted": "WELCOME", "encouraged": "WELCOME",
    "grateful": "THANK", "thankful": "THANK", "saddened": "CONDOLE", "sorry": "CONDOLE",
    "committed": "REAFFIRM", "ready": "OFFER_MEDIATION", "willing": "OFFER_MEDIATION", "available": "OFFER_MEDIATION",
    "baseless": "DENY", "unfounded": "DENY", "unacceptable": "REJECT",
    "important": "APPEAL", "essential": "APPEAL", "imperative": "APPEAL", "crucial": "APPEAL", "vital": "APPEAL",
}
MEDIATION_WORDS = ("talks", "discussions", "dialogue", "mediat", "facilitat", "negotiation", "good offices", "help",
                   "constructive role", "efforts", "initiative", "ease", "easing")
ALLEGATION_NOUNS = frozenset("allegation allegations accusation accusations claim claims charge charges propaganda "
                             "insinuation insinuations".split())
CONTACT_VERBS = frozenset("meet talk discuss speak call phone telephone consult confer visit host receive hold engage".split())
_THREAT_NOUNS = ("act of war", "befitting", "right to respond", "consequences", "heavy price", "retaliat")
GROUP_NOUNS = frozenset("sides parties nations countries leaders ministers neighbours neighbors governments".split())
NEGATORS = frozenset("not never no neither nor n't without".split())
_APPEAL_NOUNS = frozenset("call calls appeal appeals need hope".split())
_REQUIRES = {  # verb lemma -> words one of which must follow it in its phrase
    "stand": ("with", "by"), "side": ("with",), "hold": ("talks", "meeting", "meetings", "discussions", "call",
                                                         "consultations", "conversation", "responsible"),
    "claim": ("responsibility", "credit"), "charge": ("with",), "receive": ("call",),
    "understand": ("concerns", "concern", "position", "needs", "interests"), "engage": ("with",),
}


class ActTagger:
    def __init__(self, codebook: Codebook, resolver: SpeakerResolver):
        self.book = codebook
        self.resolver = resolver
        self.fingerprint = codebook.fingerprint
        self.topics = {label: tuple(t.lower() for t in codebook.labels[label].topics)
                       for label in ("DEMAND_INVESTIGATION", "APPEAL_DIALOGUE", "APPEAL_RESTRAINT")}

    def __call__(self, doc: Doc) -> Doc:
        actors = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        quotes = doc._.cq_quotes or []
        headings = [tuple(h) for h in (doc._.cq_headings or [])]
        acts: list[dict] = []
        for sent in doc.sents:
            if any(hs <= sent.start_char < he for hs, he in headings):
                continue
            claimed: set[int] = set()
            for token in sent:
                if token.i in claimed:
                    continue
                for label, clause in self._classify(token):
                    if not clause:
                        continue
                    act = self._act(doc, token, label, clause, actors, quotes)
                    if act is not None:
                        acts.append(act)
                        claimed.update(t.i for t in clause)
        doc._.cq_acts = acts
        return doc

    # -- labels -------------------------------------------------------------------------------
    def _classify(self, token: Token) -> list[tuple[str, list[Token]]]:
        lemma = token.lemma_.lower()
        lower = token.lower_
        finite = token.dep_ != "amod" or token.tag_ in ("VBD", "VBZ", "VBP")  # the small model tags some verbs amod
        if token.pos_ in ("VERB", "AUX") and finite:
            if lemma == "call" and not self._appeal_call(token):
                return [("CONSULT", self._clause(token))] if self._has_partner(token) else []
            if lemma == "hope" and not any(c.dep_ in ("ccomp", "xcomp") for c in token.children):
                return []
            if lemma in self.book.appeal_verbs:
                return self._appeal(token, lemma)
            if lemma == "continue" and any(c.dep_ == "xcomp" for c in token.children) and \
                    any(c.lower_ in ("will", "would", "shall") for c in token.children):
                inner = next(c for c in token.children if c.dep_ == "xcomp")
                if not self._classify(inner) or inner.lemma_.lower() in ("remain", "keep", "play", "maintain", "stay"):
                    return [("REAFFIRM", self._clause(token))]
                return []
            if lemma in ("respond", "retaliate") and (any(c.lower_ in ("will", "would", "shall") for c in token.children)
                                                      or token.head.lower_ == "right"):
                return [("THREATEN", self._clause(token))]
            appeal = self._under_appeal(token)
            if appeal is not None:
                own = [t for t in token.subtree if not any(a.dep_ == "conj" and a.head.i == token.i and a.i <= t.i
                                                           for a in token.children)]
                asked = {label for label, _ in self._appeal(appeal, appeal.lemma_.lower())}
                return [(label, self._clause(token)) for label in self._topic_labels(own) if label not in asked]
            if lemma in ("must", "should") and token.dep_ == "aux":
                subject = subject_of(token.head)
                if subject is None or subject.lower_ in ("there", "it", "this", "that", "we", "i"):
                    return []  # "there should be no doubt": no one is asked to do anything
                return self._appeal(token.head, lemma)
            if lemma == "need" and any(c.dep_ == "xcomp" for c in token.children):
                return self._appeal(token, lemma)
            if lemma in LIGHT_VERBS:
                found = self._light(token)
                if found is not None:
                    return found
            label = self.book.verb_labels.get(lemma)
            if label == "CONSULT" and lemma in CONTACT_VERBS and not self._has_partner(token):
                return []  # a body meeting on its own, or meeting victims' families, is not a consultation
            if label == "REJECT" and self._object_has(token, ALLEGATION_NOUNS):
                return [("DENY", self._clause(token))]  # rejecting allegations about oneself
            if label == "AGREE" and lemma == "accept" and self._negated(token):
                return [("REJECT", self._clause(token))]  # "will not accept"
            if label and self._requirements_met(token, lemma):
                if label == "SUPPORT":  # supporting an investigation or dialogue is asking for it
                    topical = [t for t in self._topic_labels(self._object_phrase(token)) if t != "APPEAL_RESTRAINT"]
                    if topical:
                        return [(t, self._clause(token)) for t in topical]
                if label == "OFFER_MEDIATION" or (lemma in ("offer", "propose") and self._mediation(token)):
                    return [("OFFER_MEDIATION", self._clause(token))]
                return [(label, self._clause(token))]
        passive = token.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") for c in token.children)
        if (token.pos_ == "ADJ" or passive) and lower in PREDICATE_ADJECTIVES and \
                token.dep_ in ("acomp", "ROOT", "amod", "ccomp", "xcomp", "oprd", "conj") and \
                (token.dep_ != "amod" or token.head.pos_ != "NOUN"):
            label = PREDICATE_ADJECTIVES[lower]
            if label == "OFFER_MEDIATION" and not self._mediation(token):
                return []
            if label == "APPEAL":  # "it is important that both sides engage in dialogue"
                clauses = [c for c in token.children if c.dep_ in ("ccomp", "xcomp")]
                if not clauses:
                    return []
                labels = self._topic_labels([t for c in clauses for t in c.subtree], in_appeal=True)
                return [(l, self._clause(token)) for l in (labels or ["DEMAND"])]
            return [(label, self._clause(token))]
        if token.pos_ == "VERB" and lemma in ("follow", "monitor", "watch") and (
                any(c.lower_ == "closely" for c in token.children) or "with concern" in token.sent.text.lower()
                or "with serious concern" in token.sent.text.lower()):
            return [("CONCERN", self._clause(token))]
        if token.pos_ == "VERB" and lower in ("watching", "monitoring") and any(c.lower_ == "closely" for c in token.children):
            return [("CONCERN", self._clause(token))]
        if token.pos_ == "NOUN" and lemma in CONSULT_NOUNS and any(
                c.dep_ == "prep" and c.lower_ in ("with", "between") for c in token.children) and token.dep_ in ("pobj", "dobj"):
            if token.dep_ == "dobj":
                return [("CONSULT", [t for t in self._clause(token.head) if not t.is_punct])]
            phrase = list(token.head.subtree) if token.head.dep_ == "prep" else list(token.subtree)
            return [("CONSULT", [t for t in phrase if not t.is_punct])]
        return []

    @staticmethod
    def _has_partner(token: Token) -> bool:
        """A contact verb with someone to contact: an object, a with/to phrase or a counterpart."""
        for child in token.children:
            if child.dep_ in ("dobj", "dative") and child.pos_ in ("PROPN", "NOUN", "PRON") and \
                    child.lemma_.lower() not in ("family", "families", "victim", "victims", "press", "reporters", "media"):
                return True
            if child.dep_ in ("prep", "prt") and child.lower_ in ("with", "to", "by") and \
                    any(g.dep_ == "pobj" and g.lemma_.lower() not in ("reporters", "press", "media") for g in child.children):
                return True
        return any(t.lower_ in ("counterpart", "counterparts") for t in token.subtree)

    @staticmethod
    def _object_has(token: Token, nouns: frozenset[str]) -> bool:
        return any(t.lemma_.lower() in nouns or t.lower_ in nouns for c in token.children if c.dep_ in ("dobj", "nsubjpass")
                   for t in c.subtree)

    def _under_appeal(self, token: Token) -> Token | None:
        """The appeal verb a subjectless verb is conjoined to or depends on ("urged both sides to
        exercise restraint and meet halfway"): the verb is part of what is asked."""
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            return None
        current = token
        for _ in range(3):
            if current.dep_ not in ("conj", "xcomp") or current.head.i == current.i:
                return None
            current = current.head
            if current.lemma_.lower() in self.book.appeal_verbs:
                return current
        return None

    @staticmethod
    def _object_phrase(token: Token) -> list[Token]:
        """The words of a verb's object: its direct object, or "for"/"of" phrase."""
        for child in token.children:
            if child.dep_ in ("dobj", "attr"):
                return list(child.subtree)
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of"):
                return list(child.subtree)
        return []

    @staticmethod
    def _appeal_call(token: Token) -> bool:
        return any(c.dep_ in ("prep", "prt") and c.lower_ in ("for", "on", "upon") for c in token.children) or \
            any(c.dep_ in ("xcomp", "ccomp") for c in token.children) or \
            any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children) for c in token.children)

    def _appeal(self, token: Token, lemma: str) -> list[tuple[str, list[Token]]]:
        """An appeal's labels: one per topic asked for (investigation, dialogue, restraint), else DEMAND."""
        clause = self._clause(token)
        labels = self._topic_labels(clause, in_appeal=True)
        return [(label, clause) for label in (labels or ["DEMAND"])]

    def _topic_labels(self, tokens: list[Token], in_appeal: bool = False) -> list[str]:
        text = " " + " ".join(t.lower_ for t in tokens) + " "
        found = []
        for label, topics in self.topics.items():
            extra = self.book.appeal_topics.get(label, ()) if in_appeal else ()
            if any(f" {topic}" in text for topic in (*topics, *extra)):
                found.append(label)
        if "DEMAND_INVESTIGATION" in found:
            return ["DEMAND_INVESTIGATION"]
        return found

    def _light(self, token: Token) -> list[tuple[str, list[Token]]] | None:
        """`expressed concern`, `offered assistance in starting talks`, `reiterated his condolences`,
        `assured Wang of Pakistan's commitment`."""
        verb = token.lemma_.lower()
        objects = [c for c in token.children if c.dep_ in ("dobj", "attr", "nsubjpass")]
        objects += [g for c in [token, *objects] for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj"]
        for obj in objects:
            noun = obj.lemma_.lower()
            if noun in _APPEAL_NOUNS:
                return self._appeal(token, noun)
            if noun in ("support", "assistance", "help", "cooperation", "services") and verb in _OFFERING and self._mediation(token):
                return [("OFFER_MEDIATION", self._clause(token))]
            if noun == "cooperation" and self._topic_labels(list(token.subtree)) == ["DEMAND_INVESTIGATION"]:
                return [("DEMAND_INVESTIGATION", self._clause(token))]
            label = self.book.noun_labels.get(noun)
            if label:
                if label == "SUPPORT":
                    topical = [t for t in self._topic_labels(list(obj.subtree)) if t != "APPEAL_RESTRAINT"]
                    if topical:
                        return [(t, self._clause(token)) for t in topical]
                return [(label, self._clause(token))]
            if noun in ("commitment", "resolve", "position", "stance", "partnership", "steadfastness", "determination"):
                return [("REAFFIRM", self._clause(token))]
        if verb in ("reaffirm", "reiterate", "renew"):
            inner = [t for c in token.children if c.dep_ == "ccomp" for t in c.subtree]
            if any(self._classify(t) for t in inner if t.i != token.i):
                return []  # "reiterated that both sides must ...": the inner clause carries the act
            return [("REAFFIRM", self._clause(token))]
        return None

    @staticmethod
    def _mediation(token: Token) -> bool:
        """Help towards talks: "assistance in starting constructive talks", "support in facilitating discussions"."""
        text = " ".join(t.lower_ for t in token.subtree if t.i > token.i)
        return any(word in text for word in MEDIATION_WORDS)

    @staticmethod
    def _requirements_met(token: Token, lemma: str) -> bool:
        needed = _REQUIRES.get(lemma)
        if not needed:
            return True
        words = {t.lower_ for t in token.subtree if t.i > token.i}
        return any(w in words for w in needed)

    # -- the act --------------------------------------------------------------------------------
    @staticmethod
    def _clause(token: Token) -> list[Token]:
        """The trigger, the modifiers right before it ("strongly"), and its content."""
        before = [c for c in token.children if c.i < token.i and c.dep_ in ("advmod", "neg", "aux") and
                  c.lower_ not in ("also", "further", "then")]
        start = min([token.i] + [b.i for b in before if b.dep_ != "aux" or b.lower_ in NEGATORS])
        body = complement(token)
        tokens = [t for t in token.doc[start: token.i + 1] if not t.is_space] + [t for t in body if t.i > token.i]
        return sorted(set(tokens), key=lambda t: t.i)

    def _act(self, doc: Doc, trigger: Token, label: str, clause: list[Token], actors: list[Span],
             quotes: list[dict]) -> dict | None:
        start, end = clause[0].idx, clause[-1].idx + len(clause[-1].text)
        quote = next((q for q in quotes if q["kind"] == "direct" and q["start"] <= trigger.idx < q["end"]), None)
        reported = next((q for q in quotes if q["kind"] == "reported" and q["start"] <= trigger.idx < q["end"]), None)
        sources = self._sources(doc, trigger, actors, quote, reported, quotes)
        targets = self._targets(doc, trigger, clause, actors, sources)
        return {
            "text": doc.text[start:end], "start": start, "end": end, "act": label,
            "source_actor": sources[0] if sources else None, "source_actors": sources, "target_actors": targets,
            "intensity": self._intensity(trigger, clause), "negated": self._negated(trigger),
            "trigger": trigger.text, "trigger_start": trigger.idx, "in_quote": quote is not None,
        }

    def _sources(self, doc, trigger, actors, quote, reported, quotes) -> list[str]:
        subject = subject_of(trigger)
        modal = trigger.lemma_.lower() in ("must", "should", "need")
        if trigger.pos_ in ("ADJ", "NOUN") and subject is None:
            governing = next((t for t in trigger.ancestors if t.pos_ in ("VERB", "AUX")), None)
            subject = subject_of(governing) if governing is not None else None  # "X, in a call with Y, stressed"
        if subject is not None and not modal:
            found = self._resolve_subject(doc, subject, actors, quotes, trigger.idx)
            if found:
                return found
        for enclosing in (quote, reported):
            if enclosing and enclosing.get("speaker_actor"):
                return [enclosing["speaker_actor"]]
        author = doc._.cq_author or {}
        if author.get("title_actor") and subject is None:
            return [author["title_actor"]]
        return [author["actor"]] if author.get("actor") else []

    def _resolve_subject(self, doc, subject: Token, actors, quotes, before: int) -> list[str]:
        lower = subject.lower_
        if lower in FIRST_PERSON:
            quote = next((q for q in quotes if q["kind"] == "direct" and q["start"] <= subject.idx < q["end"]), None)
            if quote and quote.get("speaker_actor"):
                return [quote["speaker_actor"]]
        if subject.lemma_.lower() in GROUP_NOUNS or (lower == "both" and subject.dep_ == "nsubj"):
            return self._participants(doc, actors, before)
        phrase = [s for s in actors if subject.left_edge.i <= s.start and s.end <= subject.right_edge.i + 1
                  and s.start <= subject.i]
        if len({s.label_ for s in phrase}) > 1 and any(t.lower_ == "and" for t in subject.subtree):
            return _unique([s.label_ for s in phrase])  # "India and Pakistan have agreed"
        found = self.resolver.resolve(doc, subject, actors, before, quotes)
        return [found["speaker_actor"]] if found.get("speaker_actor") else []

    @staticmethod
    def _participants(doc, actors, before) -> list[str]:
        """"Both sides": the two parties the statement is about — the people named so far, else
        the states named most often."""
        people = _unique([s.label_ for s in actors if s.kb_id_ and s.start_char < before])
        if len(people) >= 2:
            return people[:2]
        counts: dict[str, int] = {}
        for s in actors:
            if s.id_ in ("state", "demonym", "capital", "institution"):
                counts[s.label_] = counts.get(s.label_, 0) + 1
        ranked = sorted(counts, key=lambda c: -counts[c])
        return _unique(people + ranked)[:2]

    def _targets(self, doc, trigger: Token, clause: list[Token], actors, sources: list[str]) -> list[str]:
        indices = {t.i for t in clause}
        subject = subject_of(trigger)
        if subject is not None and trigger.lemma_.lower() in ("must", "should", "need"):
            indices |= {t.i for t in subject.subtree}
        found = [s for s in actors if any(i in indices for i in range(s.start, s.end)) and s.id_ != "title"]
        codes = _unique([s.label_ for s in found])
        if any(t.lemma_.lower() in GROUP_NOUNS and any(c.lower_ == "both" or c.lower_ == "two" for c in t.children)
               for t in clause) or (subject is not None and subject.lemma_.lower() in GROUP_NOUNS and
                                    trigger.lemma_.lower() in ("must", "should", "need")):
            codes = _unique(codes + [c for c in self._participants(doc, actors, len(doc.text)) if c not in sources])
        return [c for c in codes if c not in sources]

    def _intensity(self, trigger: Token, clause: list[Token]) -> int:
        text = " ".join(t.lower_ for t in clause)
        if any(phrase in text for phrase in self.book.strongest):
            return 4
        lemma = trigger.lemma_.lower()
        level = self.book.appeal_strength.get(lemma, 2)
        near = [c for c in trigger.children if c.dep_ in ("advmod", "amod", "acomp")]
        for obj in (c for c in trigger.children if c.dep_ in ("dobj", "pobj", "attr")):
            near += [c for c in obj.children if c.dep_ in ("amod", "advmod", "conj")]
        near += [t for t in clause if t.dep_ in ("advmod", "amod") and t.head.i in (trigger.i,)]
        if any(t.lower_ in self.book.intensifiers for t in near):
            level += 1
        if any(c.lower_ in self.book.hedges for c in trigger.children if c.dep_ == "aux") or lemma in ("hope",):
            level -= 1
        return max(1, min(4, level))

    @staticmethod
    def _negated(trigger: Token) -> bool:
        if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in trigger.children if c.i < trigger.i or c.dep_ == "neg"):
            return True
        head = trigger.head
        return trigger.dep_ in ("xcomp",) and any(c.dep_ == "neg" for c in head.children)


def _unique(codes: list[str]) -> list[str]:
    seen: list[str] = []
    for code in codes:
        if code and code not in seen:
            seen.append(code)
    return seen


@Language.factory("communique_acts", default_config={"acts": ""})
def make_acts(nlp: Language, name: str, acts: str) -> ActTagger:
    return ActTagger(Codebook.load(acts or None), SpeakerResolver(nlp.get_pipe("communique_actors").gazetteer))
