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
__all__ = ["Corpus", "Problem", "ReadError", "ReadReport", "read", "repo_root", "resolve", "sample_corpus"]
