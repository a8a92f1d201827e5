"""Benchmark: similarity of every statement to every other (`make benchmark`).

Builds 10,000 synthetic statements by sampling sentences from the gold texts, then times
`communique.similarity.nearest` (TF-IDF and chunked sparse products). The goal is seconds,
not the minutes an O(N²) Python loop would take.
"""
from __future__ import annotations

import random
import re
import sys
import time

import pandas as pd

from communique.evaluation import load_gold
from communique.similarity import nearest


def synthetic(n: int = 10_000, seed: int = 7) -> pd.DataFrame:
    sentences = [s for g in load_gold(sets=("sample", "constructed", "heldout"))
                 for s in re.split(r"(?<=[.!?])\s+", g.text) if len(s) > 30]
    rng = random.Random(seed)
    return pd.DataFrame({"id": [f"s{i:05d}" for i in range(n)],
                         "text": [" ".join(rng.sample(sentences, 5)) for _ in range(n)]})


def main(n: int = 10_000) -> int:
    corpus = synthetic(n)
    started = time.perf_counter()
    table = nearest(corpus, k=5)
    seconds = time.perf_counter() - started
    print(f"| nearest 5 of {n:,} statements (TF-IDF, sparse products in chunks) | {seconds:.1f} s, {len(table):,} pairs |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
