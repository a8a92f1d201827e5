"""Keyness: which words and phrases a group of statements uses more than the rest.

Log-likelihood G² (Dunning 1993; Rayson and Garside 2000) with one degree of freedom for
significance, and the log ratio (Hardie 2014) for the size of the difference:

    E1 = c (a + b) / (c + d)     E2 = d (a + b) / (c + d)
    G² = 2 (a ln(a / E1) + b ln(b / E2))          (a term with a zero count is 0)
    log ratio = log2((a / c) / (b / d))          (a zero count is taken as 0.5)

where a, b are the term's counts in the group and the rest, and c, d their sizes in tokens.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import pandas as pd
from scipy.stats import chi2

_TOKEN = re.compile(r"[a-z](?:\.[a-z])+|[a-z][a-z'’-]*[a-z]")  # "u.s", "de-escalate", "india's"; no single letters
_STOP = frozenset("""a an the of to in on for and or with by at from as is are was were be been being that this these those
it its his her their our your he she they we i you has have had will shall would should can could may might must do does
did not no but if than then so also both any all each other into over about after before during against between
which who whom whose what when where while there here said says""".split())


def terms(text: str, ngrams: tuple[int, ...] = (1, 2)) -> list[str]:
    """Lower-case words and word pairs (a pair never spans a stop word or punctuation break)."""
    out: list[str] = []
    for chunk in re.split(r"[;:!?,()\"“”]|\.(?=\s|$)", text.lower()):
        words = _TOKEN.findall(chunk)
        if 1 in ngrams:
            out.extend(w for w in words if w not in _STOP)
        if 2 in ngrams:
            out.extend(f"{x} {y}" for x, y in zip(words, words[1:]) if x not in _STOP and y not in _STOP)
    return out


def g2(a: int, b: int, c: int, d: int) -> float:
    """Log-likelihood G² of a term seen a times in c tokens against b times in d tokens."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    total = (a * math.log(a / e1) if a else 0.0) + (b * math.log(b / e2) if b else 0.0)
    return 2 * total


def log_ratio(a: int, b: int, c: int, d: int) -> float:
    return math.log2(((a or 0.5) / c) / ((b or 0.5) / d))


def keyness(group: Iterable[str], rest: Iterable[str], min_freq: int = 3, p: float = 0.05,
            ngrams: tuple[int, ...] = (1, 2)) -> pd.DataFrame:
    """Terms of `group` texts against `rest` texts: counts, G², p-value, log ratio, and
    `key` (overused in the group with p below `p`). Terms seen fewer than `min_freq` times in
    both together are left out. Sorted by G² (overused first)."""
    counts_g, counts_r = Counter(), Counter()
    for text in group:
        counts_g.update(terms(text, ngrams))
    for text in rest:
        counts_r.update(terms(text, ngrams))
    c, d = sum(counts_g.values()), sum(counts_r.values())
    rows = []
    if c and d:
        for term in set(counts_g) | set(counts_r):
            a, b = counts_g[term], counts_r[term]
            if a + b < min_freq:
                continue
            score = g2(a, b, c, d)
            ratio = log_ratio(a, b, c, d)
            rows.append({"term": term, "group": a, "rest": b, "G2": round(score, 3), "p": float(chi2.sf(score, 1)),
                         "log_ratio": round(ratio, 3)})
    table = pd.DataFrame(rows, columns=["term", "group", "rest", "G2", "p", "log_ratio"])
    table["key"] = (table["p"] < p) & (table["log_ratio"] > 0)
    return table.sort_values(["key", "G2", "term"], ascending=[False, False, True], kind="stable").reset_index(drop=True)


def keyness_by(corpus: pd.DataFrame, by: str, min_freq: int = 3, p: float = 0.05, top: int = 10,
               ngrams: tuple[int, ...] = (1, 2)) -> pd.DataFrame:
    """For every value of column `by` (speaker, publisher, kind, a side ...), its key terms
    against all other statements: the `top` overused terms with p below `p`."""
    frames = []
    for value, part in corpus.groupby(by, sort=True):
        rest = corpus[corpus[by] != value]
        table = keyness(part["text"], rest["text"], min_freq=min_freq, p=p, ngrams=ngrams)
        table = table[table["key"]].head(top)
        frames.append(table.assign(**{by: value}))
    columns = [by, "term", "group", "rest", "G2", "p", "log_ratio"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)
