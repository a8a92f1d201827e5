"""HTML views for notebooks. Statements are untrusted text: every string is escaped."""
from __future__ import annotations

from html import escape

import pandas as pd

_STYLE = (
    "<style>.cq-statement{font-family:Georgia,serif;max-width:46em;line-height:1.5}"
    ".cq-statement .cq-meta{color:#555;font-size:.9em}"
    ".cq-statement .cq-off{color:#999;font:.75em monospace;margin-right:.6em}"
    ".cq-statement h4,.cq-statement h5{margin:.8em 0 .2em}</style>"
)


def _meta(statement: pd.Series) -> str:
    """Date · publisher · speaker · kind, as plain (unescaped) text."""
    date = statement["date"]
    parts = [f"{date:%d %B %Y}" if pd.notna(date) else "", statement.get("publisher", ""),
             statement.get("speaker", ""), statement.get("kind", "")]
    return " · ".join(str(p) for p in parts if p)


def statement_html(statement: pd.Series, offsets: bool = True) -> str:
    """One statement as HTML: title, date/publisher/speaker/kind, then its headings and
    paragraphs in order, each with its character offsets into `text` when `offsets`."""
    text = statement["text"]
    parts = [_STYLE, '<div class="cq-statement">',
             f"<h3>{escape(statement.get('title') or statement['id'])}</h3>",
             f'<p class="cq-meta">{escape(_meta(statement))} · id <code>{escape(statement["id"])}</code></p>']
    for block in statement["blocks"]:
        span = f'<span class="cq-off">{block.start}–{block.end}</span>' if offsets else ""
        content = escape(text[block.start:block.end])
        if block.kind == "heading":
            tag = "h4" if block.level <= 1 else "h5"
            parts.append(f"<{tag}>{span}{content}</{tag}>")
        else:
            parts.append(f"<p>{span}{content}</p>")
    parts.append("</div>")
    return "".join(parts)


def statement_text(statement: pd.Series) -> str:
    """The same view as plain text, for terminals and the text/plain output of notebooks."""
    lines = [statement.get("title") or statement["id"], _meta(statement), ""]
    for block in statement["blocks"]:
        body = statement["text"][block.start:block.end]
        lines.append(("#" * max(block.level, 1) + " " + body) if block.kind == "heading" else body)
    return "\n".join(lines)


class StatementView:
    """Displays a statement in a notebook (HTML in JupyterLab, plain text elsewhere)."""

    def __init__(self, statement: pd.Series, offsets: bool = True):
        self.statement, self.offsets = statement, offsets

    def _repr_html_(self) -> str:
        return statement_html(self.statement, self.offsets)

    def __repr__(self) -> str:
        return statement_text(self.statement)


# -- annotated statements ----------------------------------------------------------------------
_ANNOTATION_STYLE = (
    "<style>.cq-ann{font-family:Georgia,serif;max-width:48em;line-height:1.9}"
    ".cq-ann .cq-actor{border-bottom:2px solid #2b6cb0}"
    ".cq-ann .cq-direct{background:#fff3b0}.cq-ann .cq-reported{background:#dbeafe}"
    ".cq-ann .cq-act{outline:1px solid #c05621;outline-offset:1px}"
    ".cq-ann .cq-cue{font-weight:bold}.cq-ann .cq-heading{font:bold 1.05em sans-serif;color:#2d3748}"
    ".cq-ann sup{font:11px sans-serif;color:#fff;border-radius:3px;padding:0 3px;margin:0 2px}"
    ".cq-ann sup.cq-q{background:#4a5568}.cq-ann sup.cq-a{background:#c05621}.cq-ann sup.cq-x{background:#2b6cb0}"
    ".cq-legend{font:12px sans-serif;margin:.5em 0}.cq-legend span{margin-right:1.2em;padding:0 4px}</style>"
)


def _segments(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, set[str]]]:
    """Cut `text` at every span edge; each piece with the set of span classes covering it."""
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for start, end in zip(edges, edges[1:]):
        classes = {cls for s, e, cls in spans if s <= start and end <= e}
        pieces.append((start, end, classes))
    return pieces


def annotated_html(statement: pd.Series, annotations) -> str:
    """The statement with actors underlined, direct quotes (yellow) and reported speech (blue)
    shaded and numbered Q1, Q2 … with their speaker, and act clauses outlined and tagged with
    their label. Every string is escaped: text, labels, names and titles alike."""
    text = statement["text"]
    sid = statement["id"]
    part = annotations.for_statement(sid)
    spans = [(r.start, r.end, "cq-actor") for r in part.actors.itertuples()]
    spans += [(r.start, r.end, f"cq-{r.kind}") for r in part.quotes.itertuples()]
    spans += [(r.cue_start, r.cue_end, "cq-cue") for r in part.quotes.itertuples() if pd.notna(r.cue_start)]
    spans += [(r.start, r.end, "cq-act") for r in part.acts.itertuples()]
    spans += [(r.start, r.end, "cq-heading") for r in part.sentences.itertuples() if r.voice == "heading"]
    tags: dict[int, list[str]] = {}
    for i, q in enumerate(part.quotes.itertuples(), start=1):
        who = f"{q.speaker or '?'} ({q.speaker_actor or '?'})"
        tags.setdefault(q.start, []).append(f'<sup class="cq-q" title="{escape(q.kind)} quote, cue: {escape(str(q.cue))}">'
                                            f"Q{i} {escape(who)}</sup>")
    for a in part.acts.itertuples():
        flow = f"{','.join(a.source_actors or []) or '?'}→{','.join(a.target_actors or []) or '·'}"
        title = f"intensity {a.intensity}" + (", negated" if a.negated else "")
        tags.setdefault(a.start, []).append(f'<sup class="cq-a" title="{escape(title)}">{escape(a.act)} {escape(flow)}</sup>')
    for r in part.actors.itertuples():
        label = r.actor + (f": {r.person}" if isinstance(r.person, str) and r.person else "")
        tags.setdefault(r.end, []).append(f'<sup class="cq-x">{escape(label)}</sup>')
    html = [_ANNOTATION_STYLE, '<div class="cq-ann">', f"<h3>{escape(statement.get('title') or sid)}</h3>",
            f'<p class="cq-meta">{escape(_meta(statement))}</p>', _legend(), "<p>"]
    for start, end, classes in _segments(text, spans):
        html.extend(tags.get(start, []) if start != end else [])
        piece = escape(text[start:end]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        html.append(f'<span class="{" ".join(sorted(classes))}">{piece}</span>' if classes else piece)
    html.extend(tags.get(len(text), []))
    html.append("</p></div>")
    return "".join(html)


def _legend() -> str:
    return ('<div class="cq-legend"><span class="cq-actor">actor</span><span class="cq-direct">direct quote</span>'
            '<span class="cq-reported">reported speech</span><span class="cq-act">act</span>'
            '<span class="cq-cue">cue</span></div>')


class AnnotatedView:
    """Displays an annotated statement in a notebook (HTML in JupyterLab, a summary elsewhere)."""

    def __init__(self, statement: pd.Series, annotations):
        self.statement, self.annotations = statement, annotations

    def _repr_html_(self) -> str:
        return annotated_html(self.statement, self.annotations)

    def __repr__(self) -> str:
        part = self.annotations.for_statement(self.statement["id"])
        return (f"{self.statement['id']}: {len(part.actors)} actor mentions, {len(part.quotes)} quotes, "
                f"{len(part.acts)} acts")


# -- two accounts side by side -----------------------------------------------------------------
_COMPARE_STYLE = (
    "<style>.cq-cmp{display:grid;grid-template-columns:1fr 1fr;gap:1.5em;font-family:Georgia,serif;line-height:1.7}"
    ".cq-cmp .cq-only{background:#fed7aa}.cq-cmp .cq-shared{background:#c6f6d5}.cq-cmp .cq-reused{border-bottom:2px dotted #555}"
    ".cq-legend span{margin-right:1.2em;padding:0 4px}"
    ".cq-cmp sup{font:11px sans-serif;color:#fff;background:#4a5568;border-radius:3px;padding:0 3px}</style>"
)


def _side_html(statement: pd.Series, spans: list[tuple[int, int, str]], tags: dict[int, list[str]]) -> str:
    text = statement["text"]
    parts = [f"<div><h4>{escape(statement.get('title') or statement['id'])}</h4>"
             f'<p class="cq-meta">{escape(_meta(statement))}</p><p>']
    for start, end, classes in _segments(text, spans):
        parts.extend(tags.get(start, []))
        piece = escape(text[start:end]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        parts.append(f'<span class="{" ".join(sorted(classes))}">{piece}</span>' if classes else piece)
    parts.append("</p></div>")
    return "".join(parts)


def comparison_html(a: pd.Series, b: pd.Series, comparison) -> str:
    """The two statements in two columns: shared claims green and numbered S1, S2 … on both
    sides, claims only one side makes orange, passages both use verbatim underlined dotted.
    (For two groups of statements, read the comparison's tables instead.)"""
    if not isinstance(a, pd.Series) or not isinstance(b, pd.Series):
        raise ValueError("the side-by-side view shows two single statements; for groups, use the comparison's tables")
    spans_a, spans_b, tags_a, tags_b = [], [], {}, {}
    for i, row in enumerate(comparison.shared.itertuples(), start=1):
        label = f'<sup title="similarity {row.similarity}">S{i} {escape(row.act)}</sup>'
        spans_a.append((row.start_a, row.end_a, "cq-shared"))
        spans_b.append((row.start_b, row.end_b, "cq-shared"))
        tags_a.setdefault(row.start_a, []).append(label)
        tags_b.setdefault(row.start_b, []).append(label)
    for frame, spans, tags, side in ((comparison.only_a, spans_a, tags_a, "A"), (comparison.only_b, spans_b, tags_b, "B")):
        for row in frame.itertuples():
            spans.append((row.start, row.end, "cq-only"))
            tags.setdefault(row.start, []).append(f"<sup>only {side}: {escape(row.act)}</sup>")
    for row in comparison.reused.itertuples():
        spans_a.append((row.start_a, row.end_a, "cq-reused"))
        spans_b.append((row.start_b, row.end_b, "cq-reused"))
    legend = ('<div class="cq-legend"><span class="cq-shared" style="background:#c6f6d5">claim in both</span>'
              '<span style="background:#fed7aa">claim in one only</span>'
              '<span style="border-bottom:2px dotted #555">same words in both</span></div>')
    return (_COMPARE_STYLE + legend + '<div class="cq-cmp">' + _side_html(a, spans_a, tags_a) +
            _side_html(b, spans_b, tags_b) + "</div>")


class ComparisonView:
    """Displays a comparison in a notebook (two columns in JupyterLab, counts elsewhere)."""

    def __init__(self, a: pd.Series, b: pd.Series, comparison):
        self.a, self.b, self.comparison = a, b, comparison

    def _repr_html_(self) -> str:
        return comparison_html(self.a, self.b, self.comparison)

    def __repr__(self) -> str:
        c = self.comparison
        return f"{c.a_id} | {c.b_id}: {len(c.shared)} shared claims, {len(c.only_a)} only A, {len(c.only_b)} only B"
