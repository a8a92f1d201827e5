"""Progress bars for long work: shown in JupyterLab and terminals, quiet on CI and in pipes."""
from __future__ import annotations

import os
import sys

from tqdm.auto import tqdm


def env_flag(name: str) -> bool:
    """Is the environment variable set to something other than empty, 0, false or no?"""
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def quiet() -> bool | None:
    """True on CI (CI=true) or with COMMUNIQUE_QUIET=1 (set by the notebook tests, so saved
    outputs hold no progress bars); False in a Jupyter kernel, where bars are widgets; else
    None, which lets tqdm hide bars when output is not a terminal."""
    if env_flag("CI") or env_flag("COMMUNIQUE_QUIET"):
        return True
    return False if "ipykernel" in sys.modules else None


def progress(iterable=None, min_items: int = 0, **kwargs):
    """`tqdm.auto.tqdm` with the project's quiet rule; no bar at all for fewer than `min_items`."""
    total = kwargs.get("total", len(iterable) if hasattr(iterable, "__len__") else None)
    too_few = total is not None and total < min_items
    kwargs.setdefault("disable", True if too_few else quiet())
    return tqdm(iterable, **kwargs)
