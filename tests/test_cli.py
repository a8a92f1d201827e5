"""The `communique read` command: output formats and exit statuses."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from communique.cli import main
from conftest import ROOT

SAMPLE = str(ROOT / "data" / "sample")
BROKEN = str(ROOT / "data" / "examples" / "broken")


def test_read_jsonl_to_stdout_report_to_stderr(capsys):
    assert main(["read", SAMPLE]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 9
    first = records[0]
    assert first["id"] == "2025-04-24-state-press-briefing-bruce" and first["date"] == "2025-04-24"
    assert first["blocks"][0] == {"kind": "paragraph", "start": 0, "end": first["blocks"][0]["end"], "level": 0}
    assert first["text"][first["blocks"][0]["start"]:first["blocks"][0]["end"]].startswith("As President Trump")
    assert "9 file(s) read, 0 problem(s)" in err and "README.md: ignored" in err


def test_read_csv_round_trips_text(capsys):
    assert main(["read", "--format", "csv", SAMPLE]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 9
    assert rows[2]["text"].startswith("Both leaders reaffirmed")
    assert rows[2]["participants"] == "Marco Rubio (USA); Shehbaz Sharif (PAK)"
    blocks = json.loads(rows[2]["blocks"])
    assert [b["kind"] for b in blocks] == ["paragraph"] and blocks[0]["end"] == len(rows[2]["text"])


def test_exit_status_one_when_some_files_were_skipped(capsys):
    assert main(["read", SAMPLE, BROKEN]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 9 + 4  # the good statements of both folders
    assert "rows.jsonl:2: error: row 2 is not valid JSON" in err
    assert "impossible-date.md:2: error: invalid date '2025-04-31'" in err


def test_exit_status_two_with_strict_at_the_first_problem(capsys):
    assert main(["read", "--strict", BROKEN]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("error:") == 1 and "empty.txt" in err


def test_exit_status_two_on_usage_errors(capsys, tmp_path):
    assert main(["read", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["read", "--format", "xml", SAMPLE])
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        main([])
    assert info.value.code == 2


def test_installed_command_runs_as_a_program():
    done = subprocess.run([sys.executable, "-m", "communique", "read", SAMPLE], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 9
    script = Path(sys.executable).parent / "communique"  # the console script installed with the package
    done = subprocess.run([str(script), "read", BROKEN], capture_output=True, text=True, check=False)
    assert done.returncode == 1 and "7 problem(s)" in done.stderr
