"""`communique run`: papermill runs with parameters, rejected parameters, failures that do not stop a batch."""
from __future__ import annotations

import json

import nbformat
import pytest

from communique.cli import main
from communique.running import RunError, find_notebook, parse_value, plan, run_notebooks


def _outputs_text(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") + json.dumps(output.get("data", {})))
    return "\n".join(parts)


def test_run_with_non_default_parameters(tmp_path, capsys):
    status = main(["run", "01", "-o", str(tmp_path), "-p", "start_date", "2025-05-08", "-p", "speaker", "bruce",
                   "-p", "statement", "2025-05-09-state-readout-rubio-munir"])
    out = capsys.readouterr().out
    assert status == 0, out
    executed = tmp_path / "01_reading_statements.ipynb"
    text = _outputs_text(executed)
    assert "5 of 9 statements selected" in text
    assert "Rubio's Call with Pakistani Army Chief Munir" in text
    assert (tmp_path / "figures" / "01_timeline.png").stat().st_size > 1000
    assert "01_reading_statements" in out and " ok " in out and str(tmp_path) in out


def test_bad_parameter_value_fails_at_the_validation_cell(tmp_path, capsys):
    status = main(["run", "01_reading_statements", "-o", str(tmp_path), "-p", "start_date", "2025-13-01"])
    out = capsys.readouterr().out
    assert status == 1
    assert "failed" in out and "ParameterError" in out and "start_date" in out
    notebook = nbformat.read(tmp_path / "01_reading_statements.ipynb", as_version=4)
    failed = [c for c in notebook.cells if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert len(failed) == 1 and "check_date_range" in failed[0].source  # stopped right after the parameters


def test_undeclared_parameter_is_rejected_before_anything_runs(tmp_path, capsys):
    status = main(["run", "01", "-o", str(tmp_path / "out"), "-p", "start_dat", "2025-05-08"])
    err = capsys.readouterr().err
    assert status == 2
    assert "unknown parameter(s) start_dat" in err and "start_date" in err
    assert not (tmp_path / "out").exists()


def test_one_failing_notebook_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "99_broken.ipynb"
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    parameters = nbformat.v4.new_code_cell("corpus = 'data/sample'")
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [parameters, nbformat.v4.new_code_cell("raise RuntimeError('boom')")]
    nbformat.write(notebook, bad)
    results = run_notebooks([bad, find_notebook("00")], {"corpus": "data/sample"}, tmp_path / "out")
    assert [(r.notebook, r.status) for r in results] == [("99_broken", "failed"), ("00_start_here", "ok")]
    assert "RuntimeError: boom" in results[0].error and "cell" in results[0].error
    assert (tmp_path / "out" / "00_start_here.ipynb").exists()


def test_parameter_file_and_value_parsing(tmp_path):
    params = tmp_path / "p.yaml"
    params.write_text("start_date: 2025-05-08\nspeaker: Rubio\n", encoding="utf-8")
    from communique.running import load_parameter_file

    assert load_parameter_file(params) == {"start_date": "2025-05-08", "speaker": "Rubio"}
    params.write_text("- not\n- a mapping\n", encoding="utf-8")
    with pytest.raises(RunError, match="must map parameter names"):
        load_parameter_file(params)
    assert [parse_value(v) for v in ["12", "1.5", "None", "true", '["a"]', "text"]] == [12, 1.5, None, True, ["a"], "text"]


def test_plan_gives_each_notebook_only_what_it_declares(tmp_path):
    planned = plan([find_notebook("00"), find_notebook("01")], {"start_date": "2025-05-08"}, tmp_path)
    first, second = planned.values()
    assert first == {}
    assert second == {"start_date": "2025-05-08", "figures_dir": str(tmp_path / "figures")}
    with pytest.raises(RunError, match="no notebook 'zz'"):
        find_notebook("zz")


def test_comparison_notebooks_with_other_parameters(tmp_path, capsys):
    status = main(["run", "03", "04", "-o", str(tmp_path),
                   "-p", "left", "2025-05-08-state-readout-rubio-jaishankar",
                   "-p", "right", "2025-05-08-state-readout-rubio-sharif",
                   "-p", "actors", '["USA", "PAK"]', "-p", "group_by", "kind"])
    out = capsys.readouterr().out
    assert status == 0, out
    compared = _outputs_text(tmp_path / "03_comparing_statements.ipynb")
    assert "2025-05-08-state-readout-rubio-sharif" in compared and "APPEAL_DIALOGUE" in compared
    timeline = _outputs_text(tmp_path / "04_crisis_timeline.ipynb")
    assert "kind = 'call readout' against the rest" in timeline
    assert (tmp_path / "figures" / "04_network.png").exists() and (tmp_path / "figures" / "04_timeline.png").exists()


def test_hand_coding_notebook_runs_headless_under_papermill(tmp_path, capsys):
    coding = tmp_path / "coding"
    status = main(["run", "05", "-o", str(tmp_path / "out"), "-p", "coder", "tester", "-p", "coding_dir", str(coding),
                   "-p", "gold_file", str(tmp_path / "gold.jsonl"), "-p", "sample_size", "5"])
    assert status == 0, capsys.readouterr().out
    notebook = nbformat.read(tmp_path / "out" / "05_hand_coding.ipynb", as_version=4)
    mimes = {key for cell in notebook.cells for output in cell.get("outputs", []) for key in output.get("data", {})}
    assert "application/vnd.jupyter.widget-view+json" not in mimes  # a summary, no live widget state
    assert "19 units in the gold" in _outputs_text(tmp_path / "out" / "05_hand_coding.ipynb")
    assert (tmp_path / "gold.jsonl").exists()
