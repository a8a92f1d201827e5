"""Agreement between hand coders, adjudication into gold, and the machine against that gold.

Each coded unit has a primary label: the first act label the coder chose, or NONE when
they chose none. Agreement on labels is Krippendorff's alpha at the nominal level (the
`krippendorff` package), on intensity at the ordinal level; Cohen's kappa (scikit-learn)
for two coders; raw agreement; and, per label, how often coders who used it agreed.
"""
from __future__ import annotations

import json
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

from .codebook import LABELS
from .coding import CodingStore
from .files import atomic_write

NONE = "NONE"
CATEGORIES = (*LABELS, NONE)
CODING_COLUMNS = ["coder", "unit", "label", "labels", "intensity", "source", "targets", "note"]


def load_codings(folder: str | Path) -> tuple[pd.DataFrame, list[str]]:
    """(one row per coder and unit, from each `<coder>.jsonl` in `folder`, latest decision per
    unit; the damaged lines that were skipped)."""
    rows, problems = [], []
    for path in sorted(Path(folder).glob("*.jsonl")):
        store = CodingStore(path.parent, path.stem)
        for record in store.latest().values():
            labels = [l for l in record.get("labels") or [] if l in LABELS]
            rows.append({"coder": path.stem, "unit": record["unit"], "label": labels[0] if labels else NONE,
                         "labels": labels, "intensity": record.get("intensity"), "source": record.get("source"),
                         "targets": record.get("targets") or [], "note": record.get("note") or ""})
        problems += store.problems
    return pd.DataFrame(rows, columns=CODING_COLUMNS), problems


def _matrix(codings: pd.DataFrame, column: str) -> pd.DataFrame:
    return codings.pivot(index="coder", columns="unit", values=column)


def agreement(codings: pd.DataFrame) -> pd.DataFrame:
    """Krippendorff's alpha (labels nominal, intensity ordinal), Cohen's kappa (two coders),
    raw agreement, with the number of units coded by at least two coders."""
    labels = _matrix(codings, "label")
    shared = labels.columns[labels.notna().sum() >= 2]
    codes = labels[shared].apply(lambda col: col.map(lambda v: CATEGORIES.index(v) if isinstance(v, str) else np.nan))
    intensity = _matrix(codings, "intensity")[shared].astype(float)
    rows = [{"measure": "Krippendorff's alpha, labels (nominal)",
             "value": krippendorff.alpha(reliability_data=codes.to_numpy(dtype=float), level_of_measurement="nominal")
             if len(shared) else np.nan},
            {"measure": "Krippendorff's alpha, intensity (ordinal)",
             "value": krippendorff.alpha(reliability_data=intensity.to_numpy(), level_of_measurement="ordinal",
                                         value_domain=[1, 2, 3, 4]) if intensity.notna().sum().sum() > 1 else np.nan}]
    if len(labels.index) == 2:
        both = labels[shared].dropna(axis=1)
        rows.append({"measure": "Cohen's kappa, labels (two coders)",
                     "value": cohen_kappa_score(both.iloc[0], both.iloc[1]) if both.shape[1] else np.nan})
    same = labels[shared].apply(lambda col: col.dropna().nunique() == 1)
    rows.append({"measure": "raw agreement, labels", "value": float(same.mean()) if len(shared) else np.nan})
    table = pd.DataFrame(rows)
    table["value"] = table["value"].astype(float).round(3)
    table["units"] = len(shared)
    table["coders"] = len(labels.index)
    return table


def per_label_agreement(codings: pd.DataFrame) -> pd.DataFrame:
    """For each label: units where any coder used it, and the share where every coder did."""
    labels = _matrix(codings, "label")
    shared = labels.columns[labels.notna().sum() >= 2]
    rows = []
    for label in CATEGORIES:
        used = [u for u in shared if (labels[u] == label).any()]
        if used:
            agreed = sum(bool((labels[u].dropna() == label).all()) for u in used)
            rows.append({"label": label, "units used": len(used), "all agree": agreed, "agreement": round(agreed / len(used), 3)})
    return pd.DataFrame(rows, columns=["label", "units used", "all agree", "agreement"])


def disagreements(codings: pd.DataFrame, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Units where coders chose different labels or intensities: one column per coder, for adjudication."""
    label, intensity = _matrix(codings, "label"), _matrix(codings, "intensity")
    differ = [u for u in label.columns
              if label[u].dropna().nunique() > 1 or intensity[u].dropna().nunique() > 1]
    table = pd.DataFrame({"unit": differ})
    for coder in label.index:
        table[coder] = [f"{label.at[coder, u]} / {intensity.at[coder, u]}" for u in differ]
    if units is not None and len(table):
        table = table.merge(units[["unit", "text"]], on="unit", how="left")
    return table


def adjudicate(codings: pd.DataFrame, decisions: dict[str, str] | None = None) -> tuple[pd.DataFrame, list[str]]:
    """(gold: unit, label, intensity — where coders agree, or as `decisions` settle it; the
    units still undecided). A decision is a label, or "<label>/<intensity>"."""
    decisions = decisions or {}
    label, intensity = _matrix(codings, "label"), _matrix(codings, "intensity")
    gold, undecided = [], []
    for unit in label.columns:
        labels, levels = label[unit].dropna(), intensity[unit].dropna()
        if unit in decisions:
            chosen, _, level = decisions[unit].partition("/")
            gold.append({"unit": unit, "label": chosen, "intensity": int(level) if level else
                         (int(levels.iloc[0]) if levels.nunique() == 1 else None)})
        elif labels.nunique() == 1 and levels.nunique() <= 1:
            gold.append({"unit": unit, "label": labels.iloc[0], "intensity": int(levels.iloc[0]) if len(levels) else None})
        else:
            undecided.append(unit)
    return pd.DataFrame(gold, columns=["unit", "label", "intensity"]), undecided


def save_gold(gold: pd.DataFrame, path: str | Path) -> Path:
    """Write adjudicated codes as JSON Lines (atomically)."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in gold.to_dict(orient="records"))
    return atomic_write(path, lines)


def machine_labels(units: pd.DataFrame, annotations) -> pd.Series:
    """The annotator's primary label for each unit: the first act whose clause overlaps the
    sentence, or NONE."""
    acts = annotations.acts
    out = []
    for unit in units.itertuples():
        found = acts[(acts["id"] == unit.id) & (acts["start"] < unit.end) & (acts["end"] > unit.start)]
        out.append(found.sort_values("start")["act"].iloc[0] if len(found) else NONE)
    return pd.Series(out, index=units["unit"], name="machine")


def human_vs_machine(gold: pd.DataFrame, machine: pd.Series) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(confusion matrix, gold labels down and machine labels across; precision, recall, F1
    and support per label) on the units the gold covers."""
    joined = gold.set_index("unit").join(machine, how="inner")
    confusion = pd.crosstab(joined["label"], joined["machine"]).rename_axis(index="gold", columns="machine")
    names = sorted(set(joined["label"]) | set(joined["machine"]))
    precision, recall, f1, support = precision_recall_fscore_support(joined["label"], joined["machine"], labels=names,
                                                                     zero_division=0)
    report = pd.DataFrame({"label": names, "precision": precision, "recall": recall, "f1": f1, "support": support})
    return confusion, report.round(3)
