"""Shipped data: documented, licensed, and free of copyrighted news text."""
from __future__ import annotations

import re

import pytest

import communique
from conftest import ROOT, SEED

SAMPLE = ROOT / "data" / "sample"


def test_sample_readme_lists_exactly_the_sample_files():
    readme = (SAMPLE / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([^`]+)` \|", readme, flags=re.MULTILINE))
    assert listed == {p.name for p in SAMPLE.iterdir() if p.name != "README.md"}


def test_every_sample_statement_is_public_domain_with_its_source():
    corpus = communique.read(SAMPLE)
    assert corpus["licence"].str.contains("public domain").all()
    assert corpus["via"].str.startswith("https://").all()
    assert corpus["completeness"].str.len().gt(0).all()


def test_every_data_folder_has_a_readme():
    for folder in [ROOT / "data", *(p for p in (ROOT / "data").rglob("*") if p.is_dir() and p.name != "private")]:
        assert (folder / "README.md").is_file(), folder


def test_the_founding_example_is_not_shipped():
    if not SEED.is_file():
        pytest.skip(f"the founding example is read from {SEED}, absent here")
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()[1:] if len(line.strip()) > 60]
    shipped = [ROOT / "README.md", *(p for folder in ("data", "notebooks", "lib") for p in (ROOT / folder).rglob("*"))]
    for path in shipped:
        if path.is_file() and "private" not in path.parts and "__pycache__" not in path.parts:
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not any(line in text for line in lines), f"{path} holds text of the copyrighted founding example"
