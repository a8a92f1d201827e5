"""`communique run`: execute notebooks with papermill, checking parameters first.

Papermill only warns about a parameter the notebook does not declare; here a name no
selected notebook declares is an error before anything runs, and each notebook gets only
the parameters it declares. One failing notebook does not stop the others.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from .paths import notebooks_dir, outputs_dir, resolve
from .progress import progress, quiet

KERNEL = "python3"
#: Set by the runner to the run's own folder when a notebook declares it and the user did not.
FIGURES_PARAMETER = "figures_dir"


class RunError(ValueError):
    """A usage problem found before any notebook ran (unknown notebook or parameter)."""


@dataclass
class RunResult:
    notebook: str
    status: str  # "ok" or "failed"
    seconds: float
    output: str
    error: str = ""  # for a failure: the cell and the error

    def row(self) -> dict:
        return {"notebook": self.notebook, "status": self.status, "seconds": round(self.seconds, 1),
                "output": self.output, "error": self.error}


def all_notebooks() -> list[Path]:
    """The collection's notebooks, `NN_name.ipynb` in notebooks/, in order."""
    return sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))


def find_notebook(name: str) -> Path:
    """A notebook by path, file name, stem or number prefix ("01", "01_reading_statements")."""
    candidates = [resolve(name), Path(name)]
    for path in candidates:
        if path.is_file() and path.suffix == ".ipynb":
            return path.resolve()
    matches = [nb for nb in all_notebooks() if nb.name == name or nb.stem == name or nb.stem.split("_")[0] == name]
    if len(matches) == 1:
        return matches[0]
    names = ", ".join(nb.stem for nb in all_notebooks())
    raise RunError(f"no notebook {name!r}; the collection has: {names}")


def declared_parameters(notebook: Path) -> dict[str, dict]:
    """Parameters declared in the notebook's `parameters` cell: name -> {default, inferred_type_name, help}."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def parse_value(text: str):
    """A `-p` value: None/true/false, a number, a JSON list or object, else the text itself.

    >>> parse_value("3"), parse_value("None"), parse_value("2025-04-30")
    (3, None, '2025-04-30')
    """
    lowered = text.strip().lower()
    if lowered in ("none", "null"):
        return None
    if lowered in ("true", "false"):
        return lowered == "true"
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    if text.strip().startswith(("[", "{")):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return text


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def load_parameter_file(path: str | Path) -> dict:
    """Parameters from a YAML file (safe loader) mapping names to values; dates become text."""
    path = Path(path)
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise RunError(f"cannot read parameter file {path}: {err.strerror}") from None
    except yaml.YAMLError as err:
        raise RunError(f"parameter file {path} is not valid YAML: {err}") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise RunError(f"parameter file {path} must map parameter names to values, found a {type(values).__name__}")
    return {str(k): _plain(v) for k, v in values.items()}


def plan(notebooks: list[Path], parameters: dict, output_dir: Path) -> dict[Path, dict]:
    """The parameters each notebook will get: those it declares, plus `figures_dir` set to
    the run's folder. RunError for a name that no notebook declares."""
    declared = {nb: declared_parameters(nb) for nb in notebooks}
    unknown = sorted(name for name in parameters if not any(name in d for d in declared.values()))
    if unknown:
        listing = "; ".join(f"{nb.stem}: {', '.join(d) or '(none)'}" for nb, d in declared.items())
        raise RunError(f"unknown parameter(s) {', '.join(unknown)}: not declared by the notebook(s). Declared: {listing}")
    planned = {}
    for notebook, names in declared.items():
        given = {k: v for k, v in parameters.items() if k in names}
        if FIGURES_PARAMETER in names:
            given.setdefault(FIGURES_PARAMETER, str(output_dir / "figures"))
        planned[notebook] = given
    return planned


def default_output_dir() -> Path:
    return outputs_dir() / f"run-{dt.datetime.now():%Y%m%d-%H%M%S}"


def _failure(err: Exception) -> str:
    cell = getattr(err, "exec_count", None)
    ename, evalue = getattr(err, "ename", type(err).__name__), getattr(err, "evalue", str(err))
    where = f"cell [{cell}]: " if cell is not None else ""
    return f"{where}{ename}: {evalue}".strip()


def run_notebooks(notebooks: list[Path], parameters: dict | None = None, output_dir: Path | None = None,
                  timeout: int | None = 1200) -> list[RunResult]:
    """Execute each notebook into `output_dir` (default outputs/run-<time>/) and return one
    result per notebook. `timeout` limits each cell, in seconds."""
    import os

    import papermill

    os.environ.setdefault("COMMUNIQUE_HEADLESS", "1")  # no one clicks in a batch run: widgets show summaries
    output_dir = Path(output_dir) if output_dir else default_output_dir()
    planned = plan(notebooks, parameters or {}, output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for notebook, given in progress(planned.items(), desc="notebooks", unit="nb"):
        output = output_dir / notebook.name
        started = time.perf_counter()
        try:
            papermill.execute_notebook(
                str(notebook), str(output), parameters=given, kernel_name=KERNEL, cwd=str(notebook.parent),
                progress_bar=not quiet() and len(notebooks) == 1, execution_timeout=timeout,
            )
            status, error = "ok", ""
        except Exception as err:  # noqa: BLE001 - any failure of one notebook is reported, the others still run
            status, error = "failed", _failure(err)
        results.append(RunResult(notebook.stem, status, time.perf_counter() - started, str(output), error))
    return results


def summary(results: list[RunResult]) -> str:
    """A plain table: notebook, status, seconds, output, error."""
    import pandas as pd

    table = pd.DataFrame([r.row() for r in results], columns=["notebook", "status", "seconds", "output", "error"])
    return table.to_string(index=False)


def collection():
    """The notebooks of the collection: file, title (first heading) and parameters with defaults."""
    import nbformat
    import pandas as pd

    rows = []
    for notebook in all_notebooks():
        cells = nbformat.read(notebook, as_version=4).cells
        heading = next((line for c in cells if c.cell_type == "markdown" for line in c.source.splitlines()
                        if line.startswith("# ")), "# ")
        parameters = ", ".join(f"{name}={info['default']}" for name, info in declared_parameters(notebook).items())
        rows.append({"notebook": notebook.name, "title": heading[2:].strip(), "parameters": parameters})
    return pd.DataFrame(rows, columns=["notebook", "title", "parameters"])
