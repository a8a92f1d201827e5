"""Shared fixtures. `shared_dir` is the project's sibling folder of shared material (the
founding example, the sample corpus source, gold records); tests that need it skip, with
the reason, where it is absent."""
from __future__ import annotations

from pathlib import Path

import pytest

from communique.paths import repo_root

ROOT = repo_root()
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_5e4d42db41aa924a.txt"


@pytest.fixture
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"the founding example is not shipped with the project (copyrighted); it is read from {SEED}, which is absent here")
    return SEED


@pytest.fixture
def write(tmp_path):
    """write("name.txt", text or bytes) -> path inside a fresh temporary folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture(scope="session")
def nlp():
    """The communique pipeline, built once for the test session."""
    from communique.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def annotate_text(nlp):
    """annotate_text(text, **meta) -> the processed doc."""
    from communique.pipeline import make_doc

    def _annotate(text: str, **meta):
        meta.setdefault("date", "2025-04-30")
        return nlp(make_doc(nlp, text, **meta))

    return _annotate
