"""Accuracy of the annotator against hand-annotated gold, and of textacy's quotation finder.

Gold sets (see data/gold/README.md):
- sample: the nine statements of data/sample, annotated by hand;
- constructed: hard cases written for this project, with their text (used while developing);
- heldout: more constructed statements by another annotator, kept out of development: its
  errors are not inspected when changing the rules, so its numbers estimate unseen text;
- seed: the founding example, as offsets into ../shared/seeds (skipped where absent).

Matching: a predicted direct quote matches a gold one when their character spans overlap
by at least half of the longer; a reported quote, by at least half of the shorter (reported
spans have softer edges); an act, when the label is the same and the spans overlap. Each
gold item matches at most one prediction.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .paths import repo_root

GOLD_DIR = Path("data") / "gold"


@dataclass
class GoldStatement:
    id: str
    text: str
    meta: dict
    quotes: list[dict]
    acts: list[dict]
    set: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Agreement:
    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


# -- gold ----------------------------------------------------------------------------------------
def _with_offsets(text: str, items: list[dict], where: str) -> list[dict]:
    out = []
    for item in items:
        item = dict(item)
        if "start" not in item:
            start = text.find(item["text"])
            if start < 0:
                raise ValueError(f"{where}: gold text not found in the statement: {item['text'][:60]!r}")
            item.update(start=start, end=start + len(item["text"]))
        out.append(item)
    return out


#: Gold sets that carry their own texts (constructed examples).
TEXT_SETS = ("constructed", "heldout")


def load_gold(root: Path | None = None, sets=("sample", "constructed", "heldout", "seed")) -> list[GoldStatement]:
    """Every gold statement of the requested sets that can be read here."""
    from .reading import read

    root = root or repo_root()
    gold: list[GoldStatement] = []
    if "sample" in sets:
        corpus = read(root / "data" / "sample")
        rows = {r["id"]: r for r in corpus.to_dict(orient="records")}
        for line in (root / GOLD_DIR / "sample.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            row = rows[record["id"]]
            gold.append(GoldStatement(record["id"], row["text"], row, _with_offsets(row["text"], record["quotes"], record["id"]),
                                      _with_offsets(row["text"], record["acts"], record["id"]), "sample"))
    for name in (s for s in TEXT_SETS if s in sets):
        path = root / GOLD_DIR / f"{name}.jsonl"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            where = f"{path.name}:{number}"
            meta = {k: record.get(k, "") for k in ("id", "date", "title", "kind", "publisher")}
            meta.update(text=record["text"], speaker=record.get("speaker", ""))
            gold.append(GoldStatement(record["id"], record["text"], meta, _with_offsets(record["text"], record["quotes"], where),
                                      _with_offsets(record["text"], record["acts"], where), name))
    if "seed" in sets:
        record = json.loads((root / GOLD_DIR / "seed.json").read_text(encoding="utf-8"))
        source = (root / record["source"]).resolve()
        if source.is_file():
            row = read(source).iloc[0].to_dict()
            if hashlib.sha256(row["text"].encode()).hexdigest() != record["text_sha256"]:
                raise ValueError(f"{source}: the text differs from the one the seed gold was annotated on")
            gold.append(GoldStatement(record["id"], row["text"], row, record["quotes"], record["acts"], "seed"))
    return gold


# -- matching ------------------------------------------------------------------------------------
def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _quote_match(gold: dict, pred: dict) -> bool:
    if gold["kind"] != pred["kind"]:
        return False
    overlap = _overlap(gold, pred)
    lengths = (gold["end"] - gold["start"], pred["end"] - pred["start"])
    return overlap >= 0.5 * (max(lengths) if gold["kind"] == "direct" else min(lengths)) and overlap > 0


def _pairs(gold: list[dict], pred: list[dict], same) -> tuple[list[tuple[dict, dict]], int, int]:
    """Greedy one-to-one matching by overlap; returns pairs, unmatched predictions, unmatched gold."""
    candidates = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred) if same(g, p)),
                        reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs, len(pred) - len(used_p), len(gold) - len(used_g)


def _same_name(gold: str | None, pred: str | None) -> bool:
    if not gold or not pred:
        return gold == pred
    g, p = gold.lower().removeprefix("the "), pred.lower().removeprefix("the ")
    return g == p or g in p or p in g or g.split()[-1] == p.split()[-1]


@dataclass
class Scores:
    quotes: dict[str, Counts] = field(default_factory=lambda: {"direct": Counts(), "reported": Counts()})
    speaker: Agreement = field(default_factory=Agreement)
    speaker_actor: Agreement = field(default_factory=Agreement)
    acts: Counts = field(default_factory=Counts)
    per_act: dict[str, Counts] = field(default_factory=dict)
    source: Agreement = field(default_factory=Agreement)
    targets: Counts = field(default_factory=Counts)
    intensity: Agreement = field(default_factory=Agreement)
    negation: Agreement = field(default_factory=Agreement)
    errors: list[dict] = field(default_factory=list)

    def score_quotes(self, statement: GoldStatement, predicted: list[dict], kinds=("direct", "reported")) -> None:
        for kind in kinds:
            gold = [q for q in statement.quotes if q["kind"] == kind]
            pred = [q for q in predicted if q["kind"] == kind]
            pairs, fp, fn = _pairs(gold, pred, _quote_match)
            self.quotes[kind].add(Counts(len(pairs), fp, fn))
            for g, p in pairs:
                if g.get("speaker_actor"):
                    self.speaker_actor.total += 1
                    self.speaker_actor.right += g["speaker_actor"] == p.get("speaker_actor")
                    self.speaker.total += 1
                    self.speaker.right += _same_name(g.get("speaker"), p.get("speaker"))
                    if g["speaker_actor"] != p.get("speaker_actor"):
                        self._error(statement, "speaker_actor", g, p)
            matched = {id(p) for _, p in pairs}
            matched_gold = {id(g) for g, _ in pairs}
            for p in pred:
                if id(p) not in matched:
                    self._error(statement, f"{kind} quote: extra", None, p)
            for g in gold:
                if id(g) not in matched_gold:
                    self._error(statement, f"{kind} quote: missed", g, None)

    def score_acts(self, statement: GoldStatement, predicted: list[dict]) -> None:
        pairs, fp, fn = _pairs(statement.acts, predicted, lambda g, p: g["act"] == p["act"] and _overlap(g, p) > 0)
        self.acts.add(Counts(len(pairs), fp, fn))
        for label in {a["act"] for a in statement.acts} | {a["act"] for a in predicted}:
            gold = [a for a in statement.acts if a["act"] == label]
            pred = [a for a in predicted if a["act"] == label]
            label_pairs, label_fp, label_fn = _pairs(gold, pred, lambda g, p: _overlap(g, p) > 0)
            self.per_act.setdefault(label, Counts()).add(Counts(len(label_pairs), label_fp, label_fn))
        for g, p in pairs:
            self.source.total += 1
            self.source.right += bool(set(g["source_actors"]) & set(p.get("source_actors") or []))
            gold_targets, pred_targets = set(g["target_actors"]), set(p.get("target_actors") or [])
            self.targets.add(Counts(len(gold_targets & pred_targets), len(pred_targets - gold_targets),
                                    len(gold_targets - pred_targets)))
            self.intensity.total += 1
            self.intensity.right += g.get("intensity", 2) == p.get("intensity")
            self.negation.total += 1
            self.negation.right += bool(g.get("negated")) == bool(p.get("negated"))
        matched = {id(p) for _, p in pairs}
        matched_gold = {id(g) for g, _ in pairs}
        for p in predicted:
            if id(p) not in matched:
                self._error(statement, "act: extra", None, p)
        for g in statement.acts:
            if id(g) not in matched_gold:
                self._error(statement, "act: missed", g, None)

    def _error(self, statement: GoldStatement, what: str, gold: dict | None, pred: dict | None) -> None:
        item = gold or pred
        self.errors.append({"set": statement.set, "id": statement.id, "error": what,
                            "text": statement.text[item["start"]:item["end"]][:80] if item else "",
                            "gold": _brief(gold), "predicted": _brief(pred)})

    def summary(self) -> pd.DataFrame:
        rows = []
        for kind, c in self.quotes.items():
            rows.append({"measure": f"{kind} quotes", "precision": c.precision, "recall": c.recall, "f1": c.f1,
                         "n": c.tp + c.fn})
        both = Counts()
        for c in self.quotes.values():
            both.add(c)
        rows.append({"measure": "all quotes", "precision": both.precision, "recall": both.recall, "f1": both.f1, "n": both.tp + both.fn})
        rows.append({"measure": "speaker name (matched quotes)", "accuracy": self.speaker.accuracy, "n": self.speaker.total})
        rows.append({"measure": "speaker actor (matched quotes)", "accuracy": self.speaker_actor.accuracy, "n": self.speaker_actor.total})
        rows.append({"measure": "acts (label + span)", "precision": self.acts.precision, "recall": self.acts.recall,
                     "f1": self.acts.f1, "n": self.acts.tp + self.acts.fn})
        rows.append({"measure": "act source actor (matched acts)", "accuracy": self.source.accuracy, "n": self.source.total})
        rows.append({"measure": "act target actors (matched acts)", "precision": self.targets.precision,
                     "recall": self.targets.recall, "f1": self.targets.f1, "n": self.targets.tp + self.targets.fn})
        rows.append({"measure": "act intensity (matched acts)", "accuracy": self.intensity.accuracy, "n": self.intensity.total})
        rows.append({"measure": "act negation (matched acts)", "accuracy": self.negation.accuracy, "n": self.negation.total})
        return pd.DataFrame(rows, columns=["measure", "precision", "recall", "f1", "accuracy", "n"]).round(3)


def _brief(item: dict | None) -> str:
    if not item:
        return ""
    if "act" in item:
        return f"{item['act']} {item.get('source_actors')}→{item.get('target_actors')} i{item.get('intensity')}"
    return f"{item.get('speaker')} ({item.get('speaker_actor')}) cue={item.get('cue')}"


# -- running -------------------------------------------------------------------------------------
def evaluate(nlp=None, gold: list[GoldStatement] | None = None) -> dict[str, Scores]:
    """Scores of the communique annotator per gold set, and over all sets ("all")."""
    from .annotating import statement_doc
    from .pipeline import build_pipeline

    nlp = nlp or build_pipeline()
    gold = gold if gold is not None else load_gold()
    scores: dict[str, Scores] = {"all": Scores()}
    docs = nlp.pipe(statement_doc(nlp, statement.meta) for statement in gold)
    for statement, doc in zip(gold, docs):
        for key in ("all", statement.set):
            s = scores.setdefault(key, Scores())
            s.score_quotes(statement, doc._.cq_quotes or [])
            s.score_acts(statement, doc._.cq_acts or [])
    return scores


def textacy_quotes(doc) -> list[dict]:
    """textacy's direct quotations as quote dicts (content without its marks); [] when textacy
    gives up on the text (it raises on an odd number of quote marks)."""
    from textacy.extract import direct_quotations

    out = []
    try:
        for speaker, cue, content in direct_quotations(doc):
            start, end = content.start_char, content.end_char
            text = doc.text
            while start < end and text[start] in "\"'“”‘’ ":
                start += 1
            while end > start and text[end - 1] in "\"'“”‘’ ":
                end -= 1
            name = " ".join(t.text for t in speaker)
            out.append({"kind": "direct", "start": start, "end": end, "speaker": name, "speaker_actor": None,
                        "cue": " ".join(t.text for t in cue)})
    except ValueError:
        return []
    return out


def evaluate_textacy(gold: list[GoldStatement] | None = None) -> dict[str, Scores]:
    """textacy.extract.direct_quotations on the same gold (direct quotes only; it has no actors)."""
    import spacy

    from .pipeline import MODEL

    nlp = spacy.load(MODEL)
    gold = gold if gold is not None else load_gold()
    scores: dict[str, Scores] = {"all": Scores()}
    for statement in gold:
        predicted = textacy_quotes(nlp(statement.text))
        for key in ("all", statement.set):
            scores.setdefault(key, Scores()).score_quotes(statement, predicted, kinds=("direct",))
    return scores


def comparison_table(ours: dict[str, Scores], baseline: dict[str, Scores]) -> pd.DataFrame:
    """Direct-quote precision, recall and F1 per gold set, communique beside textacy."""
    rows = []
    for name in ours:
        for system, scores in (("communique", ours[name]), ("textacy", baseline.get(name))):
            if scores is None:
                continue
            c = scores.quotes["direct"]
            rows.append({"gold set": name, "system": system, "precision": c.precision, "recall": c.recall, "f1": c.f1,
                         "gold quotes": c.tp + c.fn})
    return pd.DataFrame(rows).round(3)


def overview_table(ours: dict[str, Scores], baseline: dict[str, Scores] | None = None) -> pd.DataFrame:
    """One row per gold set: the headline numbers (F1 of quotes and acts, speaker and source accuracy)."""
    rows = []
    for name, s in ours.items():
        row = {"gold set": name, "direct quotes F1": s.quotes["direct"].f1, "reported speech F1": s.quotes["reported"].f1,
               "speaker actor accuracy": s.speaker_actor.accuracy, "acts F1": s.acts.f1,
               "act source accuracy": s.source.accuracy, "act targets F1": s.targets.f1}
        if baseline and name in baseline:
            row["textacy direct quotes F1"] = baseline[name].quotes["direct"].f1
        rows.append(row)
    return pd.DataFrame(rows).round(3)
