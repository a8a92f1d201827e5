"""Scoring act labels and actor codes on the PLOVER gold standard records (CC BY-SA 4.0).

Our labels map to PLOVER event types through the codebook (`plover:` of each label).
Only records whose gold type some label maps to are scored; the others (FIGHT, ASSAULT,
SANCTION ...) are events, not statements, and out of this annotator's scope. Actor codes in
the records are CAMEO country codes (mostly ISO 3166-1 alpha-3) or classes such as IGO;
a predicted organisation matches IGO/NGO/IMG by its gazetteer type.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .gazetteer import Gazetteer
from .paths import repo_root

PLOVER_FILE = Path("data") / "gold" / "plover" / "PLOVER_GSR_CAMEO.txt"
#: CAMEO country codes that differ from ISO 3166-1 alpha-3.
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
#: CAMEO actor classes and the gazetteer types that fall in them.
CLASS_TYPES = {"IGO": {"igo"}, "NGO": {"ngo"}, "IMG": {"armed_group"}}


def load_records(path: str | Path | None = None) -> list[dict]:
    """The records with a sentence; the file's trailing commas are tolerated."""
    path = Path(path) if path else repo_root() / PLOVER_FILE
    text = re.sub(r",(\s*[}\]])", r"\1", path.read_text(encoding="utf-8"))
    return [r for r in json.loads(text) if r.get("text") and r.get("event") != "DOCUMENT"]


def _codes(actors) -> list[str]:
    return [CAMEO_TO_ISO.get(a.get("code", ""), a.get("code", "")) for a in actors] if isinstance(actors, list) else []


def _actor_match(gold: list[str], predicted: list[str], gazetteer: Gazetteer) -> bool:
    for code in predicted:
        if code in gold:
            return True
        if any(gazetteer.types.get(code) in CLASS_TYPES.get(g, ()) for g in gold):
            return True
    return False


def evaluate_plover(nlp=None, records: list[dict] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(per-type table, one row per record). Per type: gold records, recall (a predicted act of
    that type in the sentence), precision (predicted acts of that type that are right), and
    source / target actor accuracy on the records whose type was found."""
    from .annotating import statement_doc
    from .pipeline import build_pipeline

    nlp = nlp or build_pipeline()
    book = nlp.get_pipe("communique_acts").book  # the mapping of the codebook the pipeline was built with
    gazetteer = nlp.get_pipe("communique_actors").gazetteer
    covered = {label.plover for label in book.labels.values() if label.plover}
    rows = []
    for record in records if records is not None else load_records():
        if record["event"] not in covered:
            continue
        doc = nlp(statement_doc(nlp, {"id": record["id"], "text": record["text"], "date": record.get("date")}))
        acts = [a for a in doc._.cq_acts or [] if book.plover(a["act"])]
        types = [book.plover(a["act"]) for a in acts]
        hits = [a for a in acts if book.plover(a["act"]) == record["event"]]
        gold_sources, gold_targets = _codes(record.get("source")), _codes(record.get("target"))
        rows.append({
            "id": record["id"], "event": record["event"], "predicted": ", ".join(sorted(set(types))),
            "found": bool(hits), "false_types": len([t for t in types if t != record["event"]]),
            "source_ok": bool(hits) and bool(gold_sources) and any(_actor_match(gold_sources, a["source_actors"], gazetteer) for a in hits),
            "has_source": bool(gold_sources),
            "target_ok": bool(hits) and bool(gold_targets) and any(_actor_match(gold_targets, a["target_actors"], gazetteer) for a in hits),
            "has_target": bool(gold_targets), "text": record["text"],
        })
    per_record = pd.DataFrame(rows)
    return _per_type(per_record), per_record


def _per_type(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for event, part in [*sorted(frame.groupby("event")), ("all", frame)]:
        found = part[part["found"]]
        if event == "all":
            predicted_of_type = int(frame["found"].sum() + frame["false_types"].sum())
        else:
            predicted_of_type = sum(event in types.split(", ") for types in frame["predicted"])
        correct = int(part["found"].sum())
        rows.append({
            "event": event, "records": len(part), "recall": correct / len(part) if len(part) else 0.0,
            "precision": correct / predicted_of_type if predicted_of_type else 0.0,
            "source accuracy": found["source_ok"].sum() / found["has_source"].sum() if found["has_source"].sum() else float("nan"),
            "target accuracy": found["target_ok"].sum() / found["has_target"].sum() if found["has_target"].sum() else float("nan"),
        })
    return pd.DataFrame(rows).round(3)
