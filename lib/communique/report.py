"""What happened to every file a read looked at: read, skipped (with why and where), or ignored."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

ERROR, WARNING, IGNORED = "error", "warning", "ignored"


@dataclass(frozen=True)
class Problem:
    """One finding. `severity` is "error" (the file or row was not read), "warning" (read, but
    look at it) or "ignored" (not a statement file, e.g. a README). `line` is 1-based or None."""

    path: str
    severity: str
    code: str  # short machine-readable reason, e.g. "invalid-date"
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity}: {self.message} [{self.code}]"


class ReadError(ValueError):
    """Raised by a strict read at the first problem."""

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem


@dataclass
class ReadReport:
    """Every file looked at, and every problem found, in the order met."""

    files: list[str] = field(default_factory=list)  # files read (at least one statement)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        """True when nothing was skipped (warnings and ignored files allowed)."""
        return not self.errors

    def to_frame(self) -> pd.DataFrame:
        """One row per problem: path, line, severity, code, message."""
        columns = ["path", "line", "severity", "code", "message"]
        frame = pd.DataFrame([asdict(p) for p in self.problems], columns=["path", "severity", "code", "message", "line"])
        return frame[columns].astype({"line": "Int64"})

    def summary(self) -> str:
        counts = f"{len(self.files)} file(s) read, {len(self.errors)} problem(s), {len(self.warnings)} warning(s)"
        ignored = sum(p.severity == IGNORED for p in self.problems)
        return counts + (f", {ignored} ignored" if ignored else "")

    def __str__(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), self.summary()])

    def relative_to(self, root: Path) -> "ReadReport":
        """The same report with paths shown relative to `root` where they are inside it."""

        def rel(path: str) -> str:
            try:
                return Path(path).resolve().relative_to(root.resolve()).as_posix()
            except ValueError:
                return path

        return ReadReport(
            [rel(f) for f in self.files],
            [Problem(rel(p.path), p.severity, p.code, p.message, p.line) for p in self.problems],
        )
