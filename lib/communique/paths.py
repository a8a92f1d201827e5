"""Where things live: the repository root and the folders the notebooks use.

JupyterLab, papermill and nbval start kernels in different working directories, so
every path a notebook takes as a parameter is resolved from the repository root.
"""
from __future__ import annotations

import os
from pathlib import Path

_MARKERS = ("pyproject.toml", "notebooks")


def _is_root(folder: Path) -> bool:
    return all((folder / marker).exists() for marker in _MARKERS) and (folder / "lib" / "communique").is_dir()


def repo_root() -> Path:
    """The repository root: $COMMUNIQUE_ROOT, else the checkout this package was imported from,
    else the nearest parent of the working directory that looks like one."""
    if env := os.environ.get("COMMUNIQUE_ROOT"):
        return Path(env).resolve()
    here = Path(__file__).resolve().parent.parent.parent
    if _is_root(here):
        return here
    cwd = Path.cwd().resolve()
    for folder in (cwd, *cwd.parents):
        if _is_root(folder):
            return folder
    raise FileNotFoundError(
        "cannot find the communique repository root (a folder with pyproject.toml, notebooks/ "
        "and lib/communique/); set COMMUNIQUE_ROOT to it"
    )


def resolve(path: str | os.PathLike) -> Path:
    """An absolute path: `path` itself if absolute, else relative to the repository root.

    >>> resolve("data/sample").name
    'sample'
    """
    path = Path(path).expanduser()
    return path if path.is_absolute() else repo_root() / path


def sample_corpus() -> Path:
    """The bundled public-domain sample corpus, `data/sample/`."""
    return repo_root() / "data" / "sample"


def notebooks_dir() -> Path:
    return repo_root() / "notebooks"


def outputs_dir() -> Path:
    """Git-ignored folder for generated runs, figures and caches."""
    return repo_root() / "outputs"


def display_path(path: str | os.PathLike) -> str:
    """`path` relative to the repository root when inside it (stable across clones), else as is."""
    path = Path(path).resolve()
    try:
        return path.relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)
