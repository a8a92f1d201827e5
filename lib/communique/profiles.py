"""Who does what to whom across a corpus: act profiles per actor, the actor-to-actor network
of acts, and acts and their intensity over time, with figures."""
from __future__ import annotations

import math
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import yaml
from matplotlib.figure import Figure

from .annotating import Annotations
from .comparing import FAMILIES

FAMILY_COLOURS = {"appeal": "#2b6cb0", "support": "#2f855a", "criticism": "#c53030", "refusal": "#b7791f", "other": "#718096"}


def family(act: str) -> str:
    return next((name for name, acts in FAMILIES.items() if act in acts), "other")


def act_profile(annotations: Annotations) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, shares): one row per source actor, one column per act; shares sum to 1 per row.
    An act with several sources ("both sides reaffirmed") counts for each."""
    acts = annotations.acts.explode("source_actors").dropna(subset=["source_actors"])
    if acts.empty:
        return pd.DataFrame(), pd.DataFrame()
    counts = pd.crosstab(acts["source_actors"], acts["act"]).rename_axis(index="actor", columns="act")
    counts = counts.loc[counts.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    shares = counts.div(counts.sum(axis=1), axis=0).round(3)
    return counts, shares


def act_network(annotations: Annotations) -> pd.DataFrame:
    """Edges source → target with the act and how often: who supports, condemns, appeals to whom."""
    acts = annotations.acts.explode("source_actors").explode("target_actors").dropna(subset=["source_actors", "target_actors"])
    acts = acts[acts["source_actors"] != acts["target_actors"]]
    if acts.empty:
        return pd.DataFrame(columns=["source", "target", "act", "family", "count"])
    edges = acts.groupby(["source_actors", "target_actors", "act"]).size().reset_index(name="count")
    edges = edges.rename(columns={"source_actors": "source", "target_actors": "target"})
    edges["family"] = edges["act"].map(family)
    return edges.sort_values(["count", "source", "target", "act"], ascending=[False, True, True, True]).reset_index(drop=True)


def network_figure(edges: pd.DataFrame, title: str = "Who does what to whom") -> Figure:
    """Actors on a circle; an arrow per source → target and act family, as wide as it is frequent."""
    fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
    actors = sorted(set(edges["source"]) | set(edges["target"]))
    positions = {a: (math.cos(2 * math.pi * i / max(len(actors), 1)), math.sin(2 * math.pi * i / max(len(actors), 1)))
                 for i, a in enumerate(actors)}
    grouped = edges.groupby(["source", "target", "family"], as_index=False)["count"].sum()
    offsets = {}
    for row in grouped.itertuples():
        (x0, y0), (x1, y1) = positions[row.source], positions[row.target]
        k = offsets.get((row.source, row.target), 0)
        offsets[(row.source, row.target)] = k + 1
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops={"arrowstyle": "-|>", "color": FAMILY_COLOURS[row.family], "lw": 1 + 1.5 * row.count,
                                "alpha": 0.75, "shrinkA": 18, "shrinkB": 18,
                                "connectionstyle": f"arc3,rad={0.12 + 0.12 * k}"})
    for actor, (x, y) in positions.items():
        ax.scatter([x], [y], s=900, color="white", edgecolor="#2d3748", zorder=3)
        ax.text(x, y, actor, ha="center", va="center", fontsize=10, zorder=4)
    for name in sorted(set(grouped["family"])):
        ax.plot([], [], color=FAMILY_COLOURS[name], lw=3, label=name)
    ax.legend(title="act family (width: number of acts)", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    ax.set_title(title)
    ax.set_xlim(-1.4, 1.4)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.set_xlabel("actors placed on a circle (no scale)")
    ax.set_xticks([])
    ax.set_yticks([])
    return fig


def acts_over_time(annotations: Annotations, corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per date, source actor and act: count and mean intensity."""
    dates = corpus.set_index("id")["date"]
    acts = annotations.acts.explode("source_actors").dropna(subset=["source_actors"]).assign(
        date=lambda t: t["id"].map(dates))
    if acts.empty:
        return pd.DataFrame(columns=["date", "actor", "act", "family", "count", "mean_intensity"])
    table = acts.groupby(["date", "source_actors", "act"]).agg(count=("act", "size"), mean_intensity=("intensity", "mean"))
    table = table.reset_index().rename(columns={"source_actors": "actor"})
    table["family"] = table["act"].map(family)
    table["mean_intensity"] = table["mean_intensity"].round(2)
    return table[["date", "actor", "act", "family", "count", "mean_intensity"]].sort_values(["date", "actor", "act"]).reset_index(drop=True)


def load_events(path: str | Path) -> pd.DataFrame:
    """Key events (`events:` with `date` and `label`) from a YAML file, read with the safe loader."""
    content = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    events = content.get("events")
    if not isinstance(events, list) or not all(isinstance(e, dict) and "date" in e and "label" in e for e in events):
        raise ValueError(f"{path}: expected `events:` as a list of {{date, label}}")
    return pd.DataFrame({"date": pd.to_datetime([str(e["date"]) for e in events]), "label": [str(e["label"]) for e in events]})


def timeline_figure(over_time: pd.DataFrame, events: pd.DataFrame | None = None,
                    title: str = "Acts by actor over the crisis") -> Figure:
    """Top: a marker per actor, day and act family (size: number of acts). Bottom: mean
    intensity per actor and day. Key events as dashed lines."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6.5), sharex=True, layout="constrained",
                                      gridspec_kw={"height_ratios": [3, 2]})
    actors = sorted(over_time["actor"].unique())
    rows = {a: i for i, a in enumerate(actors)}
    by_family = over_time.groupby(["date", "actor", "family"], as_index=False)["count"].sum()
    families = sorted(by_family["family"].unique())
    for j, name in enumerate(families):
        part = by_family[by_family["family"] == name]
        y = [rows[a] + (j - (len(families) - 1) / 2) * 0.15 for a in part["actor"]]
        top.scatter(part["date"], y, s=40 + 40 * part["count"], color=FAMILY_COLOURS[name], alpha=0.8, label=name)
    top.set_yticks(range(len(actors)), actors)
    top.set_ylim(-0.6, len(actors) - 0.4)
    top.set_ylabel("source actor")
    top.set_title(title)
    top.legend(title="act family (size: acts)", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    intensity = over_time.groupby(["date", "actor"], as_index=False).apply(
        lambda g: pd.Series({"intensity": (g["mean_intensity"] * g["count"]).sum() / g["count"].sum()}),
        include_groups=False)
    for actor in actors:
        part = intensity[intensity["actor"] == actor]
        bottom.plot(part["date"], part["intensity"], marker="o", label=actor)
    bottom.set_ylim(0.5, 4.5)
    bottom.set_yticks([1, 2, 3, 4])
    bottom.set_ylabel("mean intensity (1–4)")
    bottom.set_xlabel("date")
    bottom.legend(title="actor", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if events is not None:
        for event in events.itertuples():
            for ax in (top, bottom):
                ax.axvline(event.date, color="#4a5568", ls="--", lw=1)
            top.annotate(event.label, (event.date, 1.0), xycoords=("data", "axes fraction"), rotation=90,
                         va="top", ha="right", fontsize=8, color="#4a5568")
    locator = mdates.AutoDateLocator(maxticks=10)
    bottom.xaxis.set_major_locator(locator)
    bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig


def periods(corpus: pd.DataFrame, events: pd.DataFrame) -> pd.Series:
    """The period of each statement: "since <event>" for the last key event on or before its
    date ("before <first event>" for earlier ones), to compare phases of a crisis."""
    ordered = events.sort_values("date")

    def period(date) -> str:
        past = ordered[ordered["date"] <= date]
        return f"since {past['label'].iloc[-1]}" if len(past) else f"before {ordered['label'].iloc[0]}"

    return corpus["date"].map(period).rename("period")
