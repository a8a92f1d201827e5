"""communique: read, annotate and compare diplomatic statements.

>>> import communique
>>> corpus = communique.read(communique.sample_corpus())
>>> corpus.report.ok
True
"""
from .corpus import Corpus
from .paths import repo_root, resolve, sample_corpus
from .reading import read
from .report import Problem, ReadError, ReadReport

__version__ = "0.1.0"
__all__ = ["Annotations", "Corpus", "Problem", "ReadError", "ReadReport", "annotate", "build_pipeline", "read",
           "repo_root", "resolve", "sample_corpus"]

_LAZY = {"annotate": "annotating", "Annotations": "annotating", "build_pipeline": "pipeline"}


def __getattr__(name: str):
    """The annotation layer loads spaCy; import it only when it is asked for."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'communique' has no attribute {name!r}")
