"""The act codebook (`resources/acts.yaml`): labels, definitions, CAMEO/PLOVER mappings,
trigger words and the intensity scale. The annotator and hand coders read the same file."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandas as pd
import yaml

#: The fixed label set, in codebook order.
LABELS = ("CONSULT", "SUPPORT", "REAFFIRM", "THANK", "WELCOME", "CONDOLE", "CONCERN", "CONDEMN", "ACCUSE", "REJECT",
          "DENY", "APPEAL_RESTRAINT", "APPEAL_DIALOGUE", "DEMAND_INVESTIGATION", "DEMAND", "OFFER_MEDIATION", "AGREE",
          "THREATEN", "CLAIM_RESPONSIBILITY")
#: Labels whose trigger is an appeal; the appeal's content picks among the first three.
APPEAL_TOPICS = ("DEMAND_INVESTIGATION", "APPEAL_DIALOGUE", "APPEAL_RESTRAINT")


class CodebookError(ValueError):
    """The codebook file is not valid."""


@dataclass(frozen=True)
class Label:
    name: str
    definition: str
    rule: str
    cameo: tuple[str, ...]
    plover: str | None
    verbs: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()
    nouns: frozenset[str] = frozenset()
    topics: tuple[str, ...] = ()
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()


@dataclass
class Codebook:
    labels: dict[str, Label]
    appeal_verbs: frozenset[str]
    appeal_phrases: tuple[str, ...]
    appeal_strength: dict[str, int]
    intensifiers: frozenset[str]
    strongest: tuple[str, ...]
    hedges: frozenset[str]
    scale: dict[int, str]
    appeal_topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fingerprint: str = ""
    verb_labels: dict[str, str] = field(default_factory=dict)  # verb lemma -> label
    noun_labels: dict[str, str] = field(default_factory=dict)  # noun lemma -> label

    @classmethod
    def load(cls, path: str | os.PathLike | None = None) -> "Codebook":
        """The built-in codebook, or the YAML file at `path` (same shape)."""
        if path:
            name, data = str(path), Path(path).read_bytes()
        else:
            name, data = "acts.yaml", resources.files("communique.resources").joinpath("acts.yaml").read_bytes()
        try:
            content = yaml.safe_load(data.decode("utf-8"))
        except yaml.YAMLError as err:
            raise CodebookError(f"{name}: not valid YAML: {err}") from None
        try:
            raw = content["labels"]
            missing = [label for label in LABELS if label not in raw]
            unknown = [label for label in raw if label not in LABELS]
            if missing or unknown:
                raise CodebookError(f"{name}: labels must be exactly the fixed set; missing {missing}, unknown {unknown}")
            labels = {key: _label(key, raw[key]) for key in LABELS}
            intensity = content["intensity"]
            appeal = content["appeal"]
        except (KeyError, TypeError) as err:
            raise CodebookError(f"{name}: missing or malformed section {err}") from None
        book = cls(
            labels=labels,
            appeal_verbs=frozenset(appeal["verbs"]),
            appeal_phrases=tuple(appeal.get("phrases", ())),
            appeal_strength={str(k): int(v) for k, v in appeal.get("strength", {}).items()},
            intensifiers=frozenset(intensity["intensifiers"]),
            strongest=tuple(intensity["strongest"]),
            hedges=frozenset(intensity["hedges"]),
            scale={int(k): str(v) for k, v in intensity["scale"].items()},
            appeal_topics={str(k): tuple(map(str, v)) for k, v in (appeal.get("topics_in_appeals") or {}).items()},
            fingerprint=hashlib.sha256(data).hexdigest()[:16],
        )
        for label in labels.values():
            for verb in label.verbs:
                book.verb_labels.setdefault(verb, label.name)
            for noun in label.nouns:
                book.noun_labels.setdefault(noun, label.name)
        return book

    def table(self) -> pd.DataFrame:
        """One row per label: definition, decision rule, CAMEO codes, PLOVER type, an example
        and a counter-example (a sentence that is not this label, and why)."""
        return pd.DataFrame([
            {"label": l.name, "definition": l.definition, "rule": l.rule, "CAMEO": ", ".join(l.cameo),
             "PLOVER": l.plover or "—", "example": l.positive[0] if l.positive else "",
             "not this label": l.negative[0] if l.negative else ""}
            for l in self.labels.values()
        ])

    def plover(self, label: str) -> str | None:
        return self.labels[label].plover


def _label(name: str, raw: dict) -> Label:
    return Label(
        name=name, definition=str(raw["definition"]), rule=str(raw.get("rule", "")),
        cameo=tuple(str(c) for c in raw.get("cameo", ())), plover=raw.get("plover"),
        verbs=frozenset(raw.get("verbs", ())), phrases=tuple(raw.get("phrases", ())),
        nouns=frozenset(raw.get("nouns", ())), topics=tuple(str(t) for t in raw.get("topics", ())),
        positive=tuple(raw.get("positive", ()) or ()), negative=tuple(raw.get("negative", ()) or ()),
    )
