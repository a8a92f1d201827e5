"""Hand-coding statements: units to code, an append-only store per coder, and a JupyterLab widget.

Units are sentences (never headings) drawn as a reproducible, seeded sample from a corpus,
optionally stratified by a column such as speaker. Each coder's labels go to
`data/coding/<coder>.jsonl`, one JSON line per decision, appended and flushed to disk as it
is made: a crash or a closed tab loses at most the unit being coded. The latest line for a
unit wins, so going back and recoding simply appends. A damaged last line (a write cut
short) is reported and skipped, never fatal.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from .codebook import LABELS, Codebook
from .overview import _splitter
from .progress import env_flag

CODER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$")
UNIT_COLUMNS = ["unit", "id", "start", "end", "text", "before", "after", "date", "speaker", "title"]


def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every sentence of every paragraph (headings are not sentences), with offsets and the
    sentences around it. Unit ids are `<statement id>#<start offset>`: stable across runs."""
    rows = []
    for statement in corpus.itertuples():
        found = []
        for block in statement.blocks:
            if block.kind != "paragraph":
                continue
            doc = _splitter()(statement.text[block.start:block.end])
            for sent in doc.sents:
                text = sent.text.strip()
                if text:
                    start = block.start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
                    found.append((start, start + len(text), text))
        for i, (start, end, text) in enumerate(found):
            rows.append({"unit": f"{statement.id}#{start}", "id": statement.id, "start": start, "end": end, "text": text,
                         "before": found[i - 1][2] if i else "", "after": found[i + 1][2] if i + 1 < len(found) else "",
                         "date": statement.date, "speaker": statement.speaker, "title": statement.title})
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


def sample_units(corpus: pd.DataFrame, size: int, seed: int = 0, stratify_by: str | None = None) -> pd.DataFrame:
    """A reproducible sample of `size` sentences; with `stratify_by`, spread over its groups in
    proportion to their sentences (at least one from each group while `size` allows)."""
    units = sentences(corpus)
    if size >= len(units):
        return units.reset_index(drop=True)
    rng = random.Random(seed)
    if not stratify_by:
        chosen = sorted(rng.sample(range(len(units)), size))
        return units.iloc[chosen].reset_index(drop=True)
    strata = units.groupby(units[stratify_by].fillna(""), sort=True).indices
    quotas = {g: max(1, round(size * len(ix) / len(units))) for g, ix in strata.items()}
    while sum(quotas.values()) > size:  # trim the largest quotas first
        largest = max(quotas, key=lambda g: (quotas[g], g))
        quotas[largest] -= 1
    chosen = sorted(i for g, ix in strata.items() for i in rng.sample(sorted(ix), min(quotas[g], len(ix))))
    return units.iloc[chosen].reset_index(drop=True)


@dataclass
class CodingStore:
    """The append-only file of one coder's decisions."""

    folder: Path
    coder: str
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        if not CODER_NAME.match(self.coder or ""):
            raise ValueError(f"coder name {self.coder!r}: use letters, digits, '.', '_' or '-' (it names the file)")
        self.folder = Path(self.folder)
        self.path = self.folder / f"{self.coder}.jsonl"

    def append(self, record: dict) -> None:
        """Write one decision as one line, flushed and synced before returning."""
        self.folder.mkdir(parents=True, exist_ok=True)
        line = json.dumps({**record, "coder": self.coder, "time": dt.datetime.now(dt.timezone.utc).isoformat(
            timespec="seconds")}, ensure_ascii=False) + "\n"
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            if os.fstat(fd).st_size and not self._ends_with_newline():
                os.write(fd, b"\n")  # a line cut short before: start clean
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def records(self) -> list[dict]:
        """Every readable decision in order; unreadable lines are listed in `problems`."""
        self.problems = []
        if not self.path.exists():
            return []
        out = []
        for number, line in enumerate(self.path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or "unit" not in record:
                    raise ValueError("not a coding record")
            except ValueError as err:
                self.problems.append(f"{self.path}:{number}: skipped a damaged line ({err})")
                continue
            out.append(record)
        return out

    def latest(self) -> dict[str, dict]:
        """The latest decision per unit."""
        return {record["unit"]: record for record in self.records()}


def headless() -> bool:
    """True where no one can click (papermill, nbval, CI): the notebook then shows a summary."""
    return env_flag("CI") or env_flag("COMMUNIQUE_HEADLESS")


class CodingWidget:
    """One unit at a time: its sentence in context, act labels, source and target actors,
    intensity, a note; Back and Next; progress. Each Next saves the unit to the store."""

    def __init__(self, units: pd.DataFrame, store: CodingStore, codebook: Codebook | None = None):
        import ipywidgets as w

        self.units, self.store = units.reset_index(drop=True), store
        self.codebook = codebook or Codebook.load()
        done = store.latest()
        self.position = next((i for i, unit in enumerate(self.units["unit"]) if unit not in done), len(self.units) - 1)
        self.context = w.HTML()
        self.labels = w.SelectMultiple(options=list(LABELS), rows=10, description="acts")
        self.source = w.Text(description="source", placeholder="actor code, e.g. CHN")
        self.targets = w.Text(description="targets", placeholder="codes, comma-separated")
        self.intensity = w.Dropdown(options=[("—", None), *((f"{k}: {v[:40]}", k) for k, v in self.codebook.scale.items())],
                                    description="intensity")
        self.note = w.Textarea(description="note")
        self.back_button, self.next_button = w.Button(description="◀ Back"), w.Button(description="Save and next ▶")
        self.progress = w.HTML()
        self.back_button.on_click(lambda _: self.move(-1))
        self.next_button.on_click(lambda _: self.save_and_move(1))
        self.view = w.VBox([self.progress, self.context, w.HBox([self.labels, w.VBox([self.source, self.targets,
                                                                                        self.intensity, self.note])]),
                            w.HBox([self.back_button, self.next_button])])
        self.show()

    def show(self) -> None:
        unit = self.units.iloc[self.position]
        self.context.value = (f"<p style='color:#555'>{escape(str(unit['title']))} · {escape(str(unit['speaker']))}</p>"
                              f"<p style='color:#888'>{escape(unit['before'])}</p><p><b>{escape(unit['text'])}</b></p>"
                              f"<p style='color:#888'>{escape(unit['after'])}</p>")
        done = self.store.latest()
        saved = done.get(unit["unit"], {})
        self.labels.value = tuple(l for l in saved.get("labels", []) if l in LABELS)
        self.source.value = saved.get("source") or ""
        self.targets.value = ", ".join(saved.get("targets", []))
        self.intensity.value = saved.get("intensity")
        self.note.value = saved.get("note") or ""
        coded = len(set(done) & set(self.units["unit"]))
        self.progress.value = f"unit {self.position + 1} of {len(self.units)} · {coded} coded by {escape(self.store.coder)}"

    def record(self) -> dict:
        unit = self.units.iloc[self.position]
        return {"unit": unit["unit"], "labels": list(self.labels.value), "source": self.source.value.strip().upper() or None,
                "targets": [t.strip().upper() for t in self.targets.value.split(",") if t.strip()],
                "intensity": self.intensity.value, "note": self.note.value.strip()}

    def save_and_move(self, step: int) -> None:
        self.store.append(self.record())
        self.move(step)

    def move(self, step: int) -> None:
        self.position = min(max(self.position + step, 0), len(self.units) - 1)
        self.show()

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def coding_summary(units: pd.DataFrame, folder: str | Path) -> pd.DataFrame:
    """Per coder found in `folder`: units of this sample coded, and damaged lines skipped."""
    rows = []
    for path in sorted(Path(folder).glob("*.jsonl")):
        store = CodingStore(path.parent, path.stem)
        coded = set(store.latest()) & set(units["unit"])
        rows.append({"coder": path.stem, "coded": len(coded), "of": len(units), "damaged lines": len(store.problems)})
    return pd.DataFrame(rows, columns=["coder", "coded", "of", "damaged lines"])


def coding_panel(units: pd.DataFrame, store: CodingStore):
    """The live widget in JupyterLab; under papermill, nbval or CI a static summary instead,
    so saved outputs hold no widget state."""
    if headless():
        return coding_summary(units, store.folder)
    return CodingWidget(units, store)
