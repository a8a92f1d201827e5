"""Benchmark of the annotator (run: `make benchmark`, or `python benchmarks/annotate.py`).

Measures, in one run on this machine:
1. speed: words per second of the full communique pipeline and of the bare spaCy model on
   the same texts (the sample corpus and the constructed gold texts, repeated), best of
   three rounds each, and their ratio (goal: >= 0.85);
2. the annotation cache: a cold run (parse and store) against a warm run (load) on the
   same corpus (goal: warm >= 20x faster);
3. two processes: results identical to one process, and the time of each;
4. streaming: Python memory (tracemalloc) while annotating a generated folder of 1,500
   statements, sampled every 250 statements: it should stay flat, not grow with the corpus.

Prints a Markdown report and writes it with the raw numbers to outputs/benchmarks/.
Timings vary with the machine and its load; the README quotes one run.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pandas as pd
import spacy

import communique
from communique.annotating import annotate, iter_docs
from communique.evaluation import load_gold
from communique.files import atomic_write
from communique.paths import outputs_dir
from communique.pipeline import MODEL, build_pipeline


def _texts(repeat: int) -> list[str]:
    gold = load_gold(sets=("sample", "constructed"))
    return [g.text for g in gold] * repeat


def speed(repeat: int = 12) -> dict:
    texts = _texts(repeat)
    bare, full = spacy.load(MODEL), build_pipeline()
    words = sum(len(t.split()) for t in texts)
    timings = {"bare": [], "full": []}
    for _ in range(3):
        for name, nlp in (("bare", bare), ("full", full)):
            started = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
            timings[name].append(time.perf_counter() - started)
    bare_wps, full_wps = words / min(timings["bare"]), words / min(timings["full"])
    return {"texts": len(texts), "words": words, "bare_words_per_second": round(bare_wps),
            "communique_words_per_second": round(full_wps), "ratio": round(full_wps / bare_wps, 3)}


def cache(repeat: int = 8) -> dict:
    gold = load_gold(sets=("sample", "constructed"))
    corpus = pd.DataFrame([{**g.meta, "id": f"{g.id}-{i}", "text": g.text} for i in range(repeat) for g in gold])
    nlp = build_pipeline()
    folder = Path(tempfile.mkdtemp(prefix="communique-cache-"))
    try:
        started = time.perf_counter()
        cold = annotate(corpus, nlp, cache=folder)
        cold_seconds = time.perf_counter() - started
        started = time.perf_counter()
        warm = annotate(corpus, nlp, cache=folder)
        warm_seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder)
    same = all(getattr(cold, n).equals(getattr(warm, n)) for n in ("actors", "quotes", "acts", "sentences"))
    return {"statements": len(corpus), "cold_seconds": round(cold_seconds, 2), "warm_seconds": round(warm_seconds, 2),
            "speedup": round(cold_seconds / warm_seconds, 1), "identical": same}


def processes(repeat: int = 8) -> dict:
    gold = load_gold(sets=("sample", "constructed"))
    corpus = pd.DataFrame([{**g.meta, "id": f"{g.id}-{i}", "text": g.text} for i in range(repeat) for g in gold])
    nlp = build_pipeline()
    results, seconds = {}, {}
    for n in (1, 2):
        started = time.perf_counter()
        results[n] = annotate(corpus, nlp, n_process=n, batch_size=16)
        seconds[n] = round(time.perf_counter() - started, 2)
    same = all(getattr(results[1], n).equals(getattr(results[2], n)) for n in ("actors", "quotes", "acts", "sentences"))
    return {"statements": len(corpus), "seconds_1_process": seconds[1], "seconds_2_processes": seconds[2], "identical": same}


def streaming(statements: int = 1500, every: int = 250) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="communique-stream-"))
    gold = load_gold(sets=("sample", "constructed"))
    try:
        for i in range(statements):
            g = gold[i % len(gold)]
            (folder / f"s{i:05d}.txt").write_text(f" date 2025-05-01 Statement {i}\n{g.text}\n", encoding="utf-8")
        corpus = communique.read(folder)
        nlp = build_pipeline()
        tracemalloc.start()
        samples = []
        for n, (_sid, _doc) in enumerate(iter_docs(corpus, nlp, batch_size=32), start=1):
            if n % every == 0:
                samples.append(round(tracemalloc.get_traced_memory()[0] / 2**20, 1))
        tracemalloc.stop()
    finally:
        shutil.rmtree(folder)
    return {"statements": statements, "traced_mib_every_250": samples,
            "growth_mib_second_half": round(samples[-1] - samples[len(samples) // 2 - 1], 1)}


def main() -> int:
    results = {"speed": speed(), "cache": cache(), "processes": processes(), "streaming": streaming()}
    s, c, p, m = results["speed"], results["cache"], results["processes"], results["streaming"]
    report = "\n".join([
        "| measure | result |", "|---|---|",
        f"| bare `{MODEL}` | {s['bare_words_per_second']:,} words/s |",
        f"| communique pipeline | {s['communique_words_per_second']:,} words/s |",
        f"| ratio (goal >= 0.85) | {s['ratio']} |",
        f"| cache: cold / warm ({c['statements']} statements) | {c['cold_seconds']} s / {c['warm_seconds']} s = {c['speedup']}x (goal >= 20x), identical: {c['identical']} |",
        f"| 1 process / 2 processes ({p['statements']} statements) | {p['seconds_1_process']} s / {p['seconds_2_processes']} s, identical: {p['identical']} |",
        f"| streaming {m['statements']} statements: traced memory every 250 (MiB) | {m['traced_mib_every_250']} |",
    ])
    print(report)
    out = outputs_dir() / "benchmarks"
    atomic_write(out / "annotate.json", json.dumps(results, indent=2))
    atomic_write(out / "annotate.md", report + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
