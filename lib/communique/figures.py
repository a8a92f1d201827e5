"""Figures for the notebooks (matplotlib): every one with a title, labelled axes and a legend."""
from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .corpus import Corpus
from .files import atomic_write

_MARKERS = "osD^vP*Xph"
# Leave out creation dates and versions so the same figure gives the same bytes.
_NO_TIMESTAMPS = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}


def _stacked(rows: list[int], dates) -> list[float]:
    """Row positions, with statements sharing a speaker and a date spread a little apart."""
    seen: dict = {}
    positions = []
    for row, date in zip(rows, dates):
        k = seen.get((row, date), 0)
        seen[(row, date)] = k + 1
        step = (k + 1) // 2 * 0.18  # 0, +0.18, -0.18, +0.36, -0.36 ...
        positions.append(row + (step if k % 2 else -step))
    return positions


def timeline(corpus: Corpus, title: str = "Statements by date and speaker") -> Figure:
    """A marker per statement: date across, speaker down, one marker and colour per kind.
    Statements of one speaker on one day are spread vertically so each stays visible."""
    data = corpus.assign(speaker=corpus["speaker"].replace("", "(no speaker)"),
                         kind=corpus["kind"].replace("", "(no kind)")).sort_values(["date", "id"])
    speakers = sorted(data["speaker"].unique())
    rows = {speaker: i for i, speaker in enumerate(speakers)}
    data = data.assign(y=_stacked([rows[s] for s in data["speaker"]], list(data["date"])))
    fig, ax = plt.subplots(figsize=(10, 1.8 + 0.6 * max(len(speakers), 1)), layout="constrained")
    for i, (kind, part) in enumerate(data.groupby("kind", sort=True)):
        ax.scatter(part["date"], part["y"], marker=_MARKERS[i % len(_MARKERS)], s=60, alpha=0.85,
                   label=f"{kind} ({len(part)})", zorder=3)
    ax.set_yticks(range(len(speakers)), speakers)
    ax.set_ylim(-0.6, len(speakers) - 0.4)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", alpha=0.3)
    ax.set_xlabel("Date of statement")
    ax.set_ylabel("Speaker")
    ax.set_title(title)
    ax.legend(title="Kind (statements)", loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
    return fig


def save_figure(fig: Figure, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Save a figure atomically (format from the file ending, PNG or SVG or PDF)."""
    path = Path(path)
    buffer = io.BytesIO()
    fmt = path.suffix.lstrip(".").lower() or "png"
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_NO_TIMESTAMPS.get(fmt))
    return atomic_write(path, buffer.getvalue())
