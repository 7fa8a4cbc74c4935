"""Entities and the gazetteer that holds them: loading, validation, the bundled default.

The gazetteer is data, not code: hand-edited TOML files (see ``gazetteer/README.md`` in the
source tree), validated when loaded. The same checks run on the bundled files, on a user's files
and on records handed over by a pipeline.
"""

from __future__ import annotations

import contextlib
import gc
import re
import threading
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from namenorm.errors import GazetteerError
from namenorm.normalize import normalize

__all__ = ["ENTITY_TYPES", "Entity", "Gazetteer", "check_gazetteer"]

#: The fixed vocabulary of entity types.
ENTITY_TYPES: frozenset[str] = frozenset(
    {"person", "country", "place", "facility", "org", "event", "equipment"}
)
SharedAliases = Literal["error", "ambiguous"]

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ENTITY_KEYS = frozenset(
    {"id", "type", "name", "aliases", "weak_aliases", "wikidata", "country", "affiliations",
     "part_of", "provenance"}
)
_META_KEYS = frozenset({"title", "sources", "ambiguous", "description", "license", "updated"})
# What each link field may point at.
_LINK_TYPES: dict[str, frozenset[str] | None] = {
    "country": frozenset({"country"}),
    "affiliations": frozenset({"org"}),
    "part_of": None,
}


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity: a person, country, place, facility, organisation, event or
    piece of equipment.

    Attributes:
        id: stable unique slug (``khalifa-haftar``).
        type: one of :data:`ENTITY_TYPES`.
        name: canonical display form in its original spelling (``Mevlüt Çavuşoğlu``).
        aliases: other full names and spellings, any script; each identifies the entity alone.
        weak_aliases: partial names (a bare surname, a short acronym) that identify the entity
            when asked directly but never mark a mention in running text on their own.
        wikidata: Wikidata QID, when known.
        country: id of the entity's country.
        affiliations: ids of organisations the entity belongs to.
        part_of: id of a containing entity.
        provenance: where the spellings came from.
        source: ``file:line`` where the entity was defined (not part of equality).
    """

    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    affiliations: tuple[str, ...] = ()
    part_of: str | None = None
    provenance: str | None = None
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def all_names(self) -> tuple[str, ...]:
        """The canonical name followed by the aliases (the strong names)."""
        return (self.name, *self.aliases)


class Gazetteer:
    """An immutable, validated collection of :class:`Entity`, iterable in definition order.

    Build one with :meth:`default`, :meth:`load` or :meth:`from_records`; the constructor takes
    entities that are already :class:`Entity` objects and validates them the same way.

    Args:
        entities: the entities.
        ambiguous: aliases that several entities may share (compared after normalisation).
        shared_aliases: what to do with an alias that several entities carry and that is not
            declared ambiguous: ``"error"`` (the default, for curated data) raises
            :class:`GazetteerError`; ``"ambiguous"`` declares every such alias ambiguous (for
            large generated gazetteers such as place-name lists, where "Springfield" names many
            places).

    Raises:
        GazetteerError: on the first problem found (duplicate id, unknown type, empty name,
            dangling link, undeclared shared alias...).
    """

    __slots__ = ("_by_id", "_entities", "ambiguous")

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        ambiguous: Iterable[str] = (),
        shared_aliases: SharedAliases = "error",
    ) -> None:
        ents = tuple(entities)
        declared = frozenset(a for a in (normalize(x) for x in ambiguous) if a)
        if shared_aliases not in ("error", "ambiguous"):
            raise ValueError(f"shared_aliases must be 'error' or 'ambiguous', not {shared_aliases!r}")
        problems, shared = _validate(ents, declared, allow_shared=shared_aliases == "ambiguous")
        if shared_aliases == "ambiguous":
            declared = declared | shared
        if problems:
            raise problems[0]
        self._entities = ents
        self._by_id = {e.id: e for e in ents}
        self.ambiguous: frozenset[str] = declared

    # -- construction -----------------------------------------------------------------------

    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled curated gazetteer, loaded once and cached (thread-safe)."""
        global _DEFAULT
        if _DEFAULT is None:
            with _DEFAULT_LOCK:
                if _DEFAULT is None:
                    _DEFAULT = cls.load(default_data_path())
        return _DEFAULT

    @classmethod
    def load(
        cls,
        path: str | Path,
        *,
        merge_default: bool = False,
        shared_aliases: SharedAliases = "error",
    ) -> Gazetteer:
        """Load a gazetteer from a TOML file or a directory of ``*.toml`` files.

        Args:
            path: a ``.toml`` file or a directory (its ``*.toml`` files, sorted by name).
            merge_default: add the entities to the bundled gazetteer; an entity whose id is
                already in the default replaces the default one.
            shared_aliases: see :class:`Gazetteer`.

        Raises:
            GazetteerError: the file is missing, unreadable or malformed, or the data is
                inconsistent; the message names the file and line.
        """
        entities, ambiguous, problems = _read_path(Path(path))
        if problems:
            raise problems[0]
        if merge_default:
            base = cls.default()
            mine = {e.id for e in entities}
            entities = [e for e in base if e.id not in mine] + entities
            ambiguous = [*base.ambiguous, *ambiguous]
        return cls(entities, ambiguous=ambiguous, shared_aliases=shared_aliases)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        ambiguous: Iterable[str] = (),
        shared_aliases: SharedAliases = "error",
    ) -> Gazetteer:
        """Build a gazetteer from mappings with the keys of the TOML format.

        Args:
            records: mappings with ``id``, ``type``, ``name`` and optionally ``aliases``,
                ``weak_aliases``, ``wikidata``, ``country``, ``affiliations``, ``part_of``,
                ``provenance``.
            ambiguous: aliases several entities may share.
            shared_aliases: see :class:`Gazetteer`.

        Raises:
            GazetteerError: a record is malformed (the message gives its index) or the data is
                inconsistent.
        """
        entities = []
        with _no_gc():
            for i, rec in enumerate(records):
                ent, problems = _entity_from_mapping(rec, where=f"record {i}")
                if problems:
                    raise problems[0]
                assert ent is not None
                entities.append(ent)
            return cls(entities, ambiguous=ambiguous, shared_aliases=shared_aliases)

    # -- access -----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._entities)

    def __len__(self) -> int:
        return len(self._entities)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or ``None``."""
        return self._by_id.get(entity_id)

    def __repr__(self) -> str:
        return f"<Gazetteer: {len(self._entities)} entities>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Gazetteer):
            return NotImplemented
        return self._entities == other._entities and self.ambiguous == other.ambiguous

    def __hash__(self) -> int:
        return hash((self._entities, self.ambiguous))

    def __getstate__(self) -> tuple[tuple[Entity, ...], frozenset[str]]:
        return self._entities, self.ambiguous

    def __setstate__(self, state: tuple[tuple[Entity, ...], frozenset[str]]) -> None:
        self._entities, self.ambiguous = state
        self._by_id = {e.id: e for e in self._entities}


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of acyclic objects (strings, lists of
    ints) are created: it would otherwise scan them again and again for nothing (about 3x faster
    loading of a saved index)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_DEFAULT: Gazetteer | None = None
_DEFAULT_LOCK = threading.Lock()


def clear_default_cache() -> None:
    """Forget the cached default gazetteer (it is loaded again on next use)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        _DEFAULT = None


def default_data_path() -> Path:
    """Where the bundled gazetteer files are: inside the installed package, or, when running
    from a source checkout, the repository's ``gazetteer/`` folder."""
    packaged = resources.files("namenorm") / "data" / "gazetteer"
    if packaged.is_dir():
        return Path(str(packaged))
    here = Path(__file__).resolve().parent
    return here.parent.parent / "gazetteer"


def check_gazetteer(path: str | Path, *, with_default: bool = False) -> list[GazetteerError]:
    """Validate a gazetteer file or directory and return every problem found (empty if none).

    Args:
        path: a ``.toml`` file or a directory of them.
        with_default: check it as an extension of the bundled gazetteer (links may point at
            default entities).
    """
    entities, ambiguous, problems = _read_path(Path(path))
    if problems:
        return problems
    if with_default:
        base = Gazetteer.default()
        mine = {e.id for e in entities}
        entities = [e for e in base if e.id not in mine] + entities
        ambiguous = [*base.ambiguous, *ambiguous]
    declared = frozenset(a for a in (normalize(x) for x in ambiguous) if a)
    found, _ = _validate(tuple(entities), declared)
    return found


# -- reading ----------------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[\s*entity\s*\]\]")
_TOML_LINE = re.compile(r"at line (\d+)")


def _read_path(path: Path) -> tuple[list[Entity], list[str], list[GazetteerError]]:
    if path.is_dir():
        files = sorted(p for p in path.glob("*.toml") if p.is_file())
        if not files:
            return [], [], [GazetteerError("no *.toml files in this directory", path=path)]
    elif path.exists():
        files = [path]
    else:
        return [], [], [GazetteerError("no such file or directory", path=path)]
    entities: list[Entity] = []
    ambiguous: list[str] = []
    problems: list[GazetteerError] = []
    for f in files:
        ents, amb, probs = _read_file(f)
        entities += ents
        ambiguous += amb
        problems += probs
    return entities, ambiguous, problems


def _read_file(path: Path) -> tuple[list[Entity], list[str], list[GazetteerError]]:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return [], [], [GazetteerError("file is not valid UTF-8", path=path, line=line)]
    except OSError as exc:
        return [], [], [GazetteerError(f"cannot read file: {exc.strerror}", path=path)]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        msg = _TOML_LINE.sub("", str(exc)).replace("()", "").strip(" (),")
        return [], [], [GazetteerError(f"invalid TOML: {msg}", path=path,
                                       line=int(m.group(1)) if m else None)]
    lines = text.splitlines()
    headers = [i + 1 for i, ln in enumerate(lines) if _HEADER.match(ln)]
    problems: list[GazetteerError] = []
    for key in data:
        if key not in ("meta", "entity"):
            problems.append(GazetteerError(
                f"unknown top-level key {key!r} (expected [meta] and [[entity]] blocks)",
                path=path, line=_find_line(lines, 0, len(lines), key)))
    meta = data.get("meta", {})
    ambiguous: list[str] = []
    if not isinstance(meta, dict):
        problems.append(GazetteerError("'meta' must be a table", path=path))
    else:
        for key in meta:
            if key not in _META_KEYS:
                problems.append(GazetteerError(f"unknown key {key!r} in [meta]", path=path,
                                               line=_find_line(lines, 0, len(lines), key)))
        amb = meta.get("ambiguous", [])
        if not _is_str_list(amb):
            problems.append(GazetteerError("meta.ambiguous must be a list of strings", path=path,
                                           line=_find_line(lines, 0, len(lines), "ambiguous")))
        else:
            ambiguous = list(amb)
    blocks = data.get("entity", [])
    if not isinstance(blocks, list):
        problems.append(GazetteerError("'entity' must be an array of tables ([[entity]])",
                                       path=path, line=_find_line(lines, 0, len(lines), "entity")))
        blocks = []
    entities: list[Entity] = []
    for k, block in enumerate(blocks):
        start = headers[k] if k < len(headers) else 1
        end = headers[k + 1] - 1 if k + 1 < len(headers) else len(lines)
        ent, probs = _entity_from_mapping(block, where=None, path=path, lines=lines,
                                          span=(start, end))
        problems += probs
        if ent is not None:
            entities.append(ent)
    return entities, ambiguous, problems


def _find_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[+\s*{re.escape(key)}\s*\]")
    for i in range(max(start - 1, 0), min(end, len(lines))):
        if pat.match(lines[i]):
            return i + 1
    return start or None


def _is_str_list(value: object) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _entity_from_mapping(
    rec: object,
    *,
    where: str | None,
    path: Path | None = None,
    lines: list[str] | None = None,
    span: tuple[int, int] = (0, 0),
) -> tuple[Entity | None, list[GazetteerError]]:
    problems: list[GazetteerError] = []

    def err(msg: str, key: str | None = None) -> None:
        line = None
        if lines is not None:
            line = _find_line(lines, span[0], span[1], key) if key else span[0]
        prefix = f"{where}: " if where else ""
        problems.append(GazetteerError(prefix + msg, path=path, line=line))

    if not isinstance(rec, Mapping):
        err(f"an entity must be a mapping, not {type(rec).__name__}")
        return None, problems
    for key in rec:
        if key not in _ENTITY_KEYS:
            err(f"unknown key {key!r}", str(key))
    for key in ("id", "type", "name"):
        if key not in rec:
            err(f"missing required key {key!r}")
    ent_id, typ, name = rec.get("id"), rec.get("type"), rec.get("name")
    if "id" in rec and (not isinstance(ent_id, str) or not _ID.match(ent_id)):
        err(f"id {ent_id!r} is not a slug (lower-case ascii letters, digits and single hyphens)",
            "id")
    if "type" in rec and typ not in ENTITY_TYPES:
        err(f"unknown type {typ!r} (expected one of: {', '.join(sorted(ENTITY_TYPES))})", "type")
    if "name" in rec and (not isinstance(name, str) or not normalize(name)):
        err("name is empty" if isinstance(name, str) else "name must be a string", "name")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("aliases", "weak_aliases", "affiliations"):
        value = rec.get(key, ())
        if not _is_str_list(value):
            err(f"{key} must be a list of strings", key)
            lists[key] = ()
            continue
        lists[key] = tuple(value)
        for alias in value:
            if key != "affiliations" and not normalize(alias):
                err(f"{key} entry {alias!r} is empty after normalisation", key)
    singles: dict[str, str | None] = {}
    for key in ("wikidata", "country", "part_of", "provenance"):
        value = rec.get(key)
        if value is not None and not isinstance(value, str):
            err(f"{key} must be a string", key)
            value = None
        singles[key] = value
    if singles["wikidata"] is not None and not _QID.match(singles["wikidata"]):
        err(f"wikidata {singles['wikidata']!r} is not a QID like 'Q1016'", "wikidata")
    if problems:
        return None, problems
    source = f"{path}:{span[0]}" if path is not None else where
    return (
        Entity(
            id=str(ent_id), type=str(typ), name=str(name), aliases=lists["aliases"],
            weak_aliases=lists["weak_aliases"], wikidata=singles["wikidata"],
            country=singles["country"], affiliations=lists["affiliations"],
            part_of=singles["part_of"], provenance=singles["provenance"], source=source,
        ),
        problems,
    )


def _where(ent: Entity) -> tuple[str | None, int | None]:
    src = ent.source
    if src and ":" in src:
        path, _, line = src.rpartition(":")
        if line.isdigit():
            return path, int(line)
    return None, None


def _validate(
    entities: tuple[Entity, ...], declared: frozenset[str], *, allow_shared: bool = False
) -> tuple[list[GazetteerError], frozenset[str]]:
    """Cross-entity checks. Returns the problems and the set of shared (normalised) aliases."""
    problems: list[GazetteerError] = []

    def err(ent: Entity, msg: str) -> None:
        path, line = _where(ent)
        prefix = "" if path is not None or ent.source is None else f"{ent.source}: "
        problems.append(GazetteerError(prefix + msg, path=path, line=line))

    by_id: dict[str, Entity] = {}
    for ent in entities:
        if not isinstance(ent, Entity):
            raise GazetteerError(f"expected Entity objects, got {type(ent).__name__}")
        if ent.id in by_id:
            first = by_id[ent.id].source or "an earlier record"
            err(ent, f"duplicate id {ent.id!r} (first defined at {first})")
            continue
        by_id[ent.id] = ent
        if ent.type not in ENTITY_TYPES:
            err(ent, f"unknown type {ent.type!r}")
        if not normalize(ent.name):
            err(ent, f"entity {ent.id!r} has an empty name")
    for ent in entities:
        for fld, allowed in _LINK_TYPES.items():
            value = getattr(ent, fld)
            targets = value if isinstance(value, tuple) else (value,) if value else ()
            for target in targets:
                other = by_id.get(target)
                if other is None:
                    err(ent, f"{fld} of {ent.id!r} points at unknown id {target!r}")
                elif allowed is not None and other.type not in allowed:
                    err(ent, f"{fld} of {ent.id!r} points at {target!r}, a {other.type}, "
                             f"not a {'/'.join(sorted(allowed))}")
    owner: dict[str, str] = {}
    shared: set[str] = set()
    for ent in by_id.values():
        seen: set[str] = set()
        for alias in (ent.name, *ent.aliases, *ent.weak_aliases):
            key = normalize(alias)
            if not key or key in seen:
                continue
            seen.add(key)
            first = owner.setdefault(key, ent.id)
            if first != ent.id:
                shared.add(key)
                if key not in declared and not allow_shared:
                    err(ent, f"alias {alias!r} of {ent.id!r} is also a name of {first!r}; "
                             f"declare it in meta.ambiguous if both are right")
    return problems, frozenset(shared)
