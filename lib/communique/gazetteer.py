"""The actor gazetteer: states, organisations, institutions, regions and officials with dated roles.

Data lives in YAML (`resources/countries.yaml`, `resources/gazetteer.yaml`); users add
their own files of the same shape. Everything is read with a safe loader and checked, and
a bad entry is an error naming the file and the entry.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from .formats import DatesAsTextLoader

_RESOURCES = ("countries.yaml", "gazetteer.yaml")


class GazetteerError(ValueError):
    """A gazetteer file or entry is not valid."""


@dataclass(frozen=True)
class Role:
    role: str
    start: dt.date | None
    end: dt.date | None

    def active(self, on: dt.date | None) -> bool:
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    name: str
    actor: str
    surname: str
    roles: tuple[Role, ...] = ()

    def roles_on(self, on: dt.date | None) -> list[str]:
        return [r.role for r in self.roles if r.active(on)]


@dataclass(frozen=True)
class Form:
    """One way of naming an actor: `kind` is state, demonym, capital, organisation,
    institution, region or person; `codes` has several entries only when ambiguous."""

    kind: str
    codes: tuple[str, ...]
    person: str = ""


@dataclass
class Gazetteer:
    names: dict[str, str] = field(default_factory=dict)  # code -> display name
    types: dict[str, str] = field(default_factory=dict)  # code -> state, igo, armed_group ...
    forms: dict[str, Form] = field(default_factory=dict)  # lower-case text -> form
    people: dict[str, Person] = field(default_factory=dict)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # surname -> people names
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower title -> (actor, role)
    role_words: frozenset[str] = frozenset()
    patterns: list[str] = field(default_factory=list)  # institution name patterns with {name} / {demonym}
    fingerprint: str = ""

    @classmethod
    def load(cls, extra: list[str | os.PathLike] | tuple = ()) -> "Gazetteer":
        """The built-in gazetteer plus the user's files in `extra` (read after it)."""
        gazetteer = cls()
        digest = hashlib.sha256()
        sources = [(name, resources.files("communique.resources").joinpath(name).read_bytes()) for name in _RESOURCES]
        for path in extra:
            path = Path(path)
            try:
                sources.append((str(path), path.read_bytes()))
            except OSError as err:
                raise GazetteerError(f"cannot read gazetteer file {path}: {err.strerror}") from None
        for name, data in sources:
            digest.update(name.encode() + b"\0" + data)
            gazetteer._add_file(name, data)
        gazetteer._add_institution_patterns()
        gazetteer.fingerprint = digest.hexdigest()[:16]
        return gazetteer

    # -- reading ---------------------------------------------------------------------------
    def _add_file(self, name: str, data: bytes) -> None:
        try:
            content = yaml.load(data.decode("utf-8-sig"), Loader=DatesAsTextLoader) or {}  # noqa: S506 - safe loader
        except (yaml.YAMLError, UnicodeDecodeError) as err:
            raise GazetteerError(f"{name}: not valid YAML: {err}") from None
        if not isinstance(content, dict):
            raise GazetteerError(f"{name}: expected a mapping with keys such as states, organisations, people")
        self.patterns += [str(p) for p in content.get("institution_patterns", [])]
        for i, entry in enumerate(content.get("states", [])):
            where = f"{name}: states[{i}]"
            code, display = _required(entry, ("code", "name"), where)
            self._actor(code, display, "state")
            for text in [display, *_list(entry, "aliases", where)]:
                self._form(text, Form("state", (code,)))
            for text in _list(entry, "demonyms", where):
                self._form(text, Form("demonym", (code,)))
            for text in _list(entry, "capitals", where):
                self._form(text, Form("capital", (code,)))
        for i, entry in enumerate(content.get("organisations", [])):
            where = f"{name}: organisations[{i}]"
            code, display = _required(entry, ("code", "name"), where)
            self._actor(code, display, str(entry.get("type", "organisation")))
            for text in [display, *_list(entry, "aliases", where)]:
                self._form(text, Form("organisation", (code,)))
        for i, entry in enumerate(content.get("institutions", [])):
            where = f"{name}: institutions[{i}]"
            codes = tuple(_list(entry, "codes", where))
            if not codes:
                raise GazetteerError(f"{where}: needs `codes`, a list of actor codes")
            for text in _list(entry, "aliases", where):
                self._form(text, Form("institution", codes))
        for i, entry in enumerate(content.get("regions", [])):
            where = f"{name}: regions[{i}]"
            (code,) = _required(entry, ("code",), where)
            for text in _list(entry, "aliases", where):
                self._form(text, Form("region", (code,)))
        for i, entry in enumerate(content.get("titles", [])):
            where = f"{name}: titles[{i}]"
            title, actor, role = _required(entry, ("title", "actor", "role"), where)
            self.titles[title.lower()] = (actor, role)
        if "role_words" in content:
            self.role_words = self.role_words | {str(w).lower() for w in content["role_words"]}
        for i, entry in enumerate(content.get("people", [])):
            self._person(entry, f"{name}: people[{i}]")

    def _actor(self, code: str, display: str, kind: str) -> None:
        self.names[code] = display
        self.types[code] = kind

    def _form(self, text: str, form: Form) -> None:
        key = " ".join(str(text).split()).lower()
        if key:
            self.forms[key] = form

    def _person(self, entry: dict, where: str) -> None:
        name, actor = _required(entry, ("name", "actor"), where)
        roles = []
        for j, role in enumerate(entry.get("roles") or []):
            if not isinstance(role, dict) or "role" not in role:
                raise GazetteerError(f"{where}.roles[{j}]: expected a mapping with role, from, to")
            roles.append(Role(str(role["role"]), _date(role.get("from"), f"{where}.roles[{j}].from"),
                              _date(role.get("to"), f"{where}.roles[{j}].to")))
        surname = str(entry.get("surname") or name.split()[-1])
        person = Person(name, actor, surname, tuple(roles))
        self.people[name] = person
        self.surnames.setdefault(surname, [])
        if name not in self.surnames[surname]:
            self.surnames[surname].append(name)
        for text in [name, *_list(entry, "aliases", where)]:
            self._form(text, Form("person", (actor,), name))

    def _add_institution_patterns(self) -> None:
        demonyms = [(key, f.codes[0]) for key, f in self.forms.items() if f.kind == "demonym"]
        state_names = [(key, f.codes[0]) for key, f in self.forms.items() if f.kind == "state"]
        for pattern in self.patterns:
            pattern = str(pattern).lower()
            if "{demonym}" in pattern:
                for text, code in demonyms:
                    self.forms.setdefault(pattern.replace("{demonym}", text), Form("institution", (code,)))
            if "{name}" in pattern:
                for text, code in state_names:
                    self.forms.setdefault(pattern.replace("{name}", text), Form("institution", (code,)))

    # -- questions -------------------------------------------------------------------------
    def holder(self, actor: str, role: str, on: dt.date | None) -> Person | None:
        """The person who held `role` (a case-insensitive substring) for `actor` on date `on`."""
        role = role.lower()
        for exact in (True, False):  # "Secretary-General" before "Spokesman for the Secretary-General"
            found = [p for p in self.people.values() if p.actor == actor and any(
                (role == r.role.lower() if exact else role in r.role.lower()) and r.active(on) for r in p.roles)]
            if found:
                return found[0] if len(found) == 1 else None
        return None

    def describe(self, code: str) -> str:
        return self.names.get(code, code)


def _required(entry, keys, where):
    if not isinstance(entry, dict):
        raise GazetteerError(f"{where}: expected a mapping, found {type(entry).__name__}")
    missing = [k for k in keys if not entry.get(k)]
    if missing:
        raise GazetteerError(f"{where}: missing {', '.join(missing)}")
    return tuple(str(entry[k]) for k in keys)


def _list(entry: dict, key: str, where: str) -> list[str]:
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise GazetteerError(f"{where}: `{key}` must be a list")
    return [str(v) for v in value]


def _date(value, where: str) -> dt.date | None:
    if value in (None, "", "null"):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise GazetteerError(f"{where}: expected a date YYYY-MM-DD or null, found {value!r}") from None
