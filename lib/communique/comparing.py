"""`compare(a, b)`: two accounts side by side, at the level of claims.

A claim is an act-bearing clause from the annotation layer (act, source and target actors,
intensity, offsets). Claims of A and B are reconciled: pairs that report the same thing
(same act, or acts of one family, with overlapping content and actors) are *shared*, with a
similarity score and both evidence clauses; the rest are *only A* or *only B*. For the
shared claims the wording is compared (intensity, cue verb, hedges, targets); then the
naming of contested referents (from `resources/naming.yaml`), the actors named and quoted
and the voice of each side, and passages one account repeats from the other.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources

import pandas as pd
import yaml

from .annotating import Annotations
from .export import _plain

#: Acts that can report the same claim in different words.
FAMILIES = {
    "appeal": {"APPEAL_RESTRAINT", "APPEAL_DIALOGUE", "DEMAND", "DEMAND_INVESTIGATION"},
    "support": {"SUPPORT", "REAFFIRM", "THANK", "WELCOME"},
    "criticism": {"CONDEMN", "CONCERN", "ACCUSE"},
    "refusal": {"REJECT", "DENY"},
}
SIMILARITY_THRESHOLD = 0.3
HEDGES = ("may", "might", "could", "would", "hope", "hopes", "hoped", "encourage", "encouraged", "encourages",
          "should", "perhaps", "possibly")
_STOP = frozenset("""a an the of to in on for and or with by at from as is are was were be been that this these those its
his her their our your it he she they we i you has have had will shall both also further which who whom into than
""".split())
_WORD = re.compile(r"[a-z][a-z'-]+")
CLAIM_COLUMNS = ["id", "act", "source_actor", "source_actors", "target_actors", "intensity", "negated", "text", "start", "end"]


def _family(act: str) -> str:
    return next((name for name, acts in FAMILIES.items() if act in acts), act)


def _words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)  # crude plural folding
    return words


def claim_similarity(a: dict, b: dict) -> float:
    """0..1: mostly the overlap of content words (Jaccard, 0.7), then of actors (0.2), and 0.1
    when the act is the same: two claims share a label easily, their words less so."""
    wa, wb = _words(a["text"]), _words(b["text"])
    content = len(wa & wb) / len(wa | wb) if wa | wb else 0.0
    actors_a, actors_b = set(a["target_actors"]) | set(a["source_actors"]), set(b["target_actors"]) | set(b["source_actors"])
    actors = len(actors_a & actors_b) / len(actors_a | actors_b) if actors_a | actors_b else 0.0
    same = 0.1 if a["act"] == b["act"] else 0.0
    return round(min(1.0, 0.7 * content + 0.2 * actors + same), 3)


@dataclass
class Comparison:
    """Tables of a comparison; `a_id` and `b_id` name the two sides."""

    a_id: str
    b_id: str
    shared: pd.DataFrame      # act_a, act_b, similarity, text_a, text_b, offsets and actors of both
    only_a: pd.DataFrame      # claims (CLAIM_COLUMNS)
    only_b: pd.DataFrame
    wording: pd.DataFrame     # per shared claim: what differs
    naming: pd.DataFrame      # referent, variant, uses in A, uses in B
    actors: pd.DataFrame      # actor, named in A, named in B, quoted in A, quoted in B
    voices: pd.DataFrame      # voice, share of sentences in A, in B
    reused: pd.DataFrame      # text, words, start_a, end_a, start_b, end_b

    def to_dict(self) -> dict:
        """The JSON shape of `communique compare --format json`."""
        def records(frame: pd.DataFrame) -> list[dict]:
            return [{k: _plain(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]

        return {"a": self.a_id, "b": self.b_id, "shared": records(self.shared), "only_a": records(self.only_a),
                "only_b": records(self.only_b), "wording": records(self.wording), "naming": records(self.naming),
                "actors": records(self.actors), "voices": records(self.voices), "reused": records(self.reused)}

    def to_markdown(self) -> str:
        """The comparison as a Markdown report (`communique compare --format md`)."""
        sections = [f"# {self.a_id} (A) and {self.b_id} (B)"]
        for title, frame in (("Shared claims", self.shared[["act", "similarity", "text_a", "text_b"]]),
                             ("Only in A", self.only_a[["act", "text"]]), ("Only in B", self.only_b[["act", "text"]]),
                             ("Wording of shared claims", self.wording), ("Naming", self.naming), ("Actors", self.actors),
                             ("Voices", self.voices), ("Reused passages", self.reused[["words", "text"]])):
            sections.append(f"## {title}\n\n{_markdown_table(frame)}")
        return "\n\n".join(sections) + "\n"


def _markdown_table(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(none)"

    def cells(row) -> str:
        return "| " + " | ".join(str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |"

    return "\n".join([cells(frame.columns), "|" + "---|" * len(frame.columns), *(cells(r) for r in frame.itertuples(index=False))])


def _claims(annotations: Annotations, statement_ids: list[str]) -> list[dict]:
    acts = annotations.acts[annotations.acts["id"].isin(statement_ids)]
    return [{k: (list(v) if isinstance(v, (list, tuple)) else v) for k, v in row.items() if k in CLAIM_COLUMNS}
            for row in acts.to_dict(orient="records")]


def reconcile(claims_a: list[dict], claims_b: list[dict], threshold: float = SIMILARITY_THRESHOLD):
    """Greedy one-to-one pairing of claims by similarity (same act or act family only)."""
    candidates = sorted(((claim_similarity(a, b), i, j) for i, a in enumerate(claims_a) for j, b in enumerate(claims_b)
                         if _family(a["act"]) == _family(b["act"])), reverse=True)
    used_a, used_b, pairs = set(), set(), []
    for score, i, j in candidates:
        if score >= threshold and i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((claims_a[i], claims_b[j], score))
    pairs.sort(key=lambda p: p[0]["start"])
    only_a = [c for i, c in enumerate(claims_a) if i not in used_a]
    only_b = [c for j, c in enumerate(claims_b) if j not in used_b]
    return pairs, only_a, only_b


def _cue(text: str) -> str:
    words = text.split()
    return words[0].lower().strip(",.") if words else ""


def wording_differences(pairs) -> pd.DataFrame:
    rows = []
    for a, b, score in pairs:
        hedges_a = sorted({w for w in _WORD.findall(a["text"].lower()) if w in HEDGES})
        hedges_b = sorted({w for w in _WORD.findall(b["text"].lower()) if w in HEDGES})
        rows.append({
            "act_a": a["act"], "act_b": b["act"], "similarity": score,
            "intensity_a": a["intensity"], "intensity_b": b["intensity"],
            "stronger": "A" if a["intensity"] > b["intensity"] else "B" if b["intensity"] > a["intensity"] else "same",
            "cue_a": _cue(a["text"]), "cue_b": _cue(b["text"]),
            "hedges_a": ", ".join(hedges_a), "hedges_b": ", ".join(hedges_b),
            "targets_a": ", ".join(a["target_actors"]), "targets_b": ", ".join(b["target_actors"]),
            "negated_a": a["negated"], "negated_b": b["negated"],
        })
    return pd.DataFrame(rows, columns=["act_a", "act_b", "similarity", "intensity_a", "intensity_b", "stronger",
                                       "cue_a", "cue_b", "hedges_a", "hedges_b", "targets_a", "targets_b",
                                       "negated_a", "negated_b"])


def load_naming(path=None) -> dict[str, list[str]]:
    """Referent -> variants, from `resources/naming.yaml` or a file of the same shape."""
    data = open(path, encoding="utf-8").read() if path else \
        resources.files("communique.resources").joinpath("naming.yaml").read_text(encoding="utf-8")
    content = yaml.safe_load(data) or {}
    referents = content.get("referents")
    if not isinstance(referents, dict) or not all(isinstance(v, list) for v in referents.values()):
        raise ValueError(f"{path or 'naming.yaml'}: expected `referents:` mapping each referent to a list of variants")
    return {str(k): [str(v) for v in vs] for k, vs in referents.items()}


def naming_counts(text: str, lexicon: dict[str, list[str]]) -> dict[tuple[str, str], int]:
    """Uses of each variant, longest first, never counting a stretch of text twice."""
    taken: list[tuple[int, int]] = []
    counts: dict[tuple[str, str], int] = {}
    variants = sorted(((referent, variant) for referent, vs in lexicon.items() for variant in vs),
                      key=lambda rv: -len(rv[1]))
    for referent, variant in variants:
        for match in re.finditer(rf"(?<!\w){re.escape(variant)}(?!\w)", text, flags=re.IGNORECASE):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            counts[(referent, variant)] = counts.get((referent, variant), 0) + 1
    return counts


def naming_table(text_a: str, text_b: str, lexicon: dict[str, list[str]]) -> pd.DataFrame:
    a, b = naming_counts(text_a, lexicon), naming_counts(text_b, lexicon)
    rows = [{"referent": referent, "variant": variant, "uses_a": a.get((referent, variant), 0),
             "uses_b": b.get((referent, variant), 0)} for referent, variant in sorted(set(a) | set(b))]
    return pd.DataFrame(rows, columns=["referent", "variant", "uses_a", "uses_b"])


def reused_passages(text_a: str, text_b: str, min_words: int = 5) -> pd.DataFrame:
    """Runs of at least `min_words` words that both texts share verbatim (case and
    punctuation aside), with their offsets in each: template language, copied sentences."""
    def tokens(text):
        return [(m.group(0).lower(), m.start(), m.end()) for m in re.finditer(r"\w+(?:[-'’]\w+)*", text)]

    ta, tb = tokens(text_a), tokens(text_b)
    matcher = difflib.SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    rows = []
    for block in matcher.get_matching_blocks():
        if block.size >= min_words:
            start_a, end_a = ta[block.a][1], ta[block.a + block.size - 1][2]
            start_b, end_b = tb[block.b][1], tb[block.b + block.size - 1][2]
            rows.append({"text": text_a[start_a:end_a], "words": block.size, "start_a": start_a, "end_a": end_a,
                         "start_b": start_b, "end_b": end_b})
    return pd.DataFrame(rows, columns=["text", "words", "start_a", "end_a", "start_b", "end_b"])


def _actors_table(annotations: Annotations, a_ids: list[str], b_ids: list[str]) -> pd.DataFrame:
    rows = {}
    for side, ids in (("a", a_ids), ("b", b_ids)):
        for code in annotations.actors.loc[annotations.actors["id"].isin(ids), "actor"]:
            rows.setdefault(code, {"named_a": 0, "named_b": 0, "quoted_a": 0, "quoted_b": 0})[f"named_{side}"] += 1
        for code in annotations.quotes.loc[annotations.quotes["id"].isin(ids), "speaker_actor"].dropna():
            rows.setdefault(code, {"named_a": 0, "named_b": 0, "quoted_a": 0, "quoted_b": 0})[f"quoted_{side}"] += 1
    table = pd.DataFrame([{"actor": code, **counts} for code, counts in rows.items()],
                         columns=["actor", "named_a", "named_b", "quoted_a", "quoted_b"])
    return table.sort_values(["named_a", "named_b", "actor"], ascending=[False, False, True]).reset_index(drop=True)


def _voices_table(annotations: Annotations, a_ids: list[str], b_ids: list[str]) -> pd.DataFrame:
    rows = []
    for voice in ("direct", "reported", "narration"):
        row = {"voice": voice}
        for side, ids in (("a", a_ids), ("b", b_ids)):
            sentences = annotations.sentences[(annotations.sentences["id"].isin(ids)) &
                                              (annotations.sentences["voice"] != "heading")]
            row[f"share_{side}"] = round(float((sentences["voice"] == voice).mean()), 3) if len(sentences) else 0.0
        rows.append(row)
    return pd.DataFrame(rows, columns=["voice", "share_a", "share_b"])


def _side(side: pd.Series | pd.DataFrame) -> pd.DataFrame:
    return side if isinstance(side, pd.DataFrame) else pd.DataFrame([side])


def compare(a: pd.Series | pd.DataFrame, b: pd.Series | pd.DataFrame, annotations: Annotations | None = None,
            nlp=None, naming: dict[str, list[str]] | None = None, threshold: float = SIMILARITY_THRESHOLD) -> Comparison:
    """Compare two statements (rows of a corpus) or two groups of statements (corpus subsets,
    e.g. one government's readouts against another's). `annotations` must cover both sides
    (they are annotated with `nlp`, or a new pipeline, when not given). Claims carry their
    statement `id`; reused passages are looked for between two single statements only."""
    from .annotating import annotate

    side_a, side_b = _side(a), _side(b)
    ids_a, ids_b = list(side_a["id"]), list(side_b["id"])
    if annotations is None:
        annotations = annotate(pd.concat([side_a, side_b], ignore_index=True), nlp)
    pairs, only_a, only_b = reconcile(_claims(annotations, ids_a), _claims(annotations, ids_b), threshold)
    shared = pd.DataFrame([{
        "act": pa["act"] if pa["act"] == pb["act"] else f"{pa['act']} / {pb['act']}", "similarity": score,
        "id_a": pa["id"], "id_b": pb["id"],
        "source_actor_a": pa["source_actor"], "source_actor_b": pb["source_actor"], "source_actors_a": pa["source_actors"],
        "target_actors_a": pa["target_actors"], "text_a": pa["text"], "start_a": pa["start"], "end_a": pa["end"],
        "source_actors_b": pb["source_actors"], "target_actors_b": pb["target_actors"], "text_b": pb["text"],
        "start_b": pb["start"], "end_b": pb["end"],
    } for pa, pb, score in pairs], columns=["act", "similarity", "id_a", "id_b", "source_actor_a", "source_actor_b",
                                           "source_actors_a", "target_actors_a", "text_a", "start_a", "end_a",
                                           "source_actors_b", "target_actors_b", "text_b", "start_b", "end_b"])
    lexicon = naming if naming is not None else load_naming()
    single = len(ids_a) == 1 and len(ids_b) == 1
    reused = reused_passages(side_a["text"].iloc[0], side_b["text"].iloc[0]) if single else reused_passages("", "")
    return Comparison(
        a_id=", ".join(ids_a), b_id=", ".join(ids_b), shared=shared,
        only_a=pd.DataFrame(only_a, columns=CLAIM_COLUMNS), only_b=pd.DataFrame(only_b, columns=CLAIM_COLUMNS),
        wording=wording_differences(pairs),
        naming=naming_table("\n\n".join(side_a["text"]), "\n\n".join(side_b["text"]), lexicon),
        actors=_actors_table(annotations, ids_a, ids_b), voices=_voices_table(annotations, ids_a, ids_b),
        reused=reused,
    )
