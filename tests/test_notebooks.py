"""Conventions every notebook keeps (nbval checks their outputs separately: `make notebooks`)."""
from __future__ import annotations

import ast

import nbformat
import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_collection_has_its_notebooks():
    names = [nb.name for nb in NOTEBOOKS]
    assert names[:2] == ["00_start_here.ipynb", "01_reading_statements.ipynb"]
    assert all(name[:2].isdigit() and name[2] == "_" for name in names)


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return nbformat.read(request.param, as_version=4)


def test_kernelspec_is_python3(notebook):
    assert notebook.metadata["kernelspec"]["name"] == "python3"


def test_title_and_aim_come_first(notebook):
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and "**Aim.**" in first.source


def test_one_parameters_cell_of_literals_then_a_validation_cell(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    tagged = [i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    cell = code[tagged[0]]
    for statement in ast.parse(cell.source).body:
        assert isinstance(statement, ast.Assign), f"only assignments in the parameters cell: {ast.unparse(statement)}"
        ast.literal_eval(statement.value)  # raises on anything but a literal
    validation = code[tagged[0] + 1].source
    assert "check_" in validation, "the cell after the parameters must validate them"
    assert not any("parameters" in c.metadata.get("tags", []) for c in code[tagged[0] + 1:])


def test_outputs_are_committed_and_clean(notebook):
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "execute the notebook before committing (make execute)"
    for cell in code:
        for output in cell.outputs:
            assert output.output_type != "error", cell.source
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert str(ROOT) not in text, "absolute paths differ between clones: show paths relative to the repository"


def test_no_cell_installs_packages(notebook):
    assert not any(c.source.lstrip().startswith(("!pip", "%pip", "!conda")) for c in notebook.cells)
