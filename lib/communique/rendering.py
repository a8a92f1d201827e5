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
