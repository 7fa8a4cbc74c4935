"""Entities and the gazetteer that holds them: loading, validation, the bundled default.

The gazetteer is data, not code: hand-edited TOML files (see ``gazetteer/README.md`` in the
source tree), validated when loaded. The same checks run on the bundled files, on a user's files
(TOML, CSV or JSON Lines) and on records handed over by a pipeline.

Hand-edited TOML follows the house style (slug ids, the type vocabulary of :data:`FAMILIES`);
users' own lists keep their ids and their types as given (``ofac:10000``, ``Q42``, ``vessel``),
and a name that several of their records share is an ambiguous name, not an error.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import gc
import json
import re
import threading
import tomllib
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain, compress, repeat
from operator import ne
from pathlib import Path
from typing import Any, Literal, cast

from namenorm.errors import GazetteerError
from namenorm.normalize import normalize

__all__ = ["ENTITY_TYPES", "FAMILIES", "Entity", "Gazetteer", "check_gazetteer", "type_family"]

#: The curated vocabulary of entity types of the bundled gazetteer.
ENTITY_TYPES: frozenset[str] = frozenset(
    {"person", "country", "place", "facility", "org", "event", "equipment"}
)
#: The families the scorer knows, and the type names (lower-case) that belong to each. A type
#: outside these lists is accepted from users' data and scored as ``other``.
FAMILIES: dict[str, frozenset[str]] = {
    "person": frozenset({"person", "individual", "people", "human", "pep", "natural person",
                         "naturalperson", "officer", "director"}),
    "org": frozenset({"org", "organization", "organisation", "company", "business",
                      "legal entity", "legalentity", "entity", "corporation", "firm", "bank",
                      "ministry", "agency", "party", "group", "armed group", "militia", "media",
                      "publisher", "ngo", "institution", "government", "public body",
                      "publicbody"}),
    "place": frozenset({"place", "location", "city", "town", "village", "municipality",
                        "region", "province", "state", "district", "country", "territory",
                        "settlement", "populated place", "address", "facility", "site",
                        "airport", "port"}),
    "vessel": frozenset({"vessel", "ship", "boat", "tanker"}),
    "aircraft": frozenset({"aircraft", "airplane", "plane", "helicopter"}),
    "other": frozenset({"event", "equipment", "other", "thing", "product", "security"}),
}
_FAMILY_OF: dict[str, str] = {t: fam for fam, types in FAMILIES.items() for t in types}
SharedAliases = Literal["error", "ambiguous"]


def type_family(type_name: str) -> str:
    """The scoring family of an entity type: ``person``, ``org``, ``place``, ``vessel``,
    ``aircraft`` or ``other``.

    >>> type_family("individual"), type_family("Company"), type_family("city"), type_family("planet")
    ('person', 'org', 'place', 'other')
    """
    key = " ".join(type_name.replace("_", " ").replace("-", " ").lower().split())
    return _FAMILY_OF.get(key) or _FAMILY_OF.get(key.replace(" ", ""), "other")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ENTITY_KEYS = frozenset(
    {"id", "type", "name", "aliases", "weak_aliases", "exact_aliases", "wikidata", "country", "affiliations",
     "part_of", "provenance"}
)
_META_KEYS = frozenset({"title", "sources", "ambiguous", "description", "license", "updated"})
# What each link field may point at.
_PLAIN_KEYS = frozenset({"id", "type", "name", "aliases"})
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
        id: stable unique id: a slug in the bundled gazetteer (``khalifa-haftar``), any
            non-empty string in users' data (``ofac:10000``, ``Q42``).
        type: one of :data:`ENTITY_TYPES` in the bundled gazetteer; users' data may use any
            type (``vessel``, ``company``, ``city``), scored by its :attr:`family`.
        name: canonical display form in its original spelling (``Mevlüt Çavuşoğlu``).
        aliases: other full names and spellings, any script; each identifies the entity alone.
        weak_aliases: partial names (a bare surname, a short acronym) that identify the entity
            when asked directly but never mark a mention in running text on their own.
        exact_aliases: names that answer only a query that is the name itself (after
            normalisation), never as the near spelling of something else: names that frequent
            words or given names would reach as a near spelling (Indonesian "Belanda", the
            Netherlands, beside "Belinda").
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
    exact_aliases: tuple[str, ...] = ()
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

    @property
    def family(self) -> str:
        """The scoring family of :attr:`type` (see :func:`type_family`)."""
        return type_family(self.type)


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

    __slots__ = ("_by_id", "_entities", "_norms", "ambiguous")

    def __init__(
        self,
        entities: Iterable[Entity],
        *,
        ambiguous: Iterable[str] = (),
        shared_aliases: SharedAliases = "error",
    ) -> None:
        self._setup(tuple(entities), ambiguous, shared_aliases, normalize)

    def _setup(self, ents: tuple[Entity, ...], ambiguous: Iterable[str], shared_aliases: SharedAliases,
               norm: Callable[[str], str], *, plain: tuple[list[str], list[str]] | None = None) -> None:
        declared = frozenset(a for a in (normalize(x) for x in ambiguous) if a)
        if shared_aliases not in ("error", "ambiguous"):
            raise ValueError(f"shared_aliases must be 'error' or 'ambiguous', not {shared_aliases!r}")
        problems, shared, norms, by_id = _validate(ents, declared, allow_shared=shared_aliases == "ambiguous",
                                                   norm=norm, plain=plain)
        if shared_aliases == "ambiguous":
            declared = declared | shared
        if problems:
            raise problems[0]
        self._entities = ents
        self._by_id = by_id
        self.ambiguous: frozenset[str] = declared
        # The normal forms computed while validating, kept for the first index built from this
        # gazetteer (which takes them, see _take_normal_forms) so that no name is normalised twice.
        self._norms: list[str] | None = norms

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
        shared_aliases: SharedAliases | None = None,
    ) -> Gazetteer:
        """Load a gazetteer from a file or a directory of files.

        Formats, by extension: ``.toml`` (the hand-edited format of ``gazetteer/README.md``),
        ``.csv`` (a header row with ``id``, ``type``, ``name`` and optionally ``aliases`` and
        ``weak_aliases``, ``exact_aliases``, several names separated by ``|``, and ``wikidata``, ``country``,
        ``provenance``; other columns are ignored) and ``.jsonl`` (one record per line, with
        the keys of :meth:`from_records`; other keys are ignored). CSV and JSON Lines hold
        users' lists, taken as :meth:`from_records` takes them.

        Args:
            path: a file or a directory (its ``*.toml``, ``*.csv`` and ``*.jsonl`` files,
                sorted by name).
            merge_default: add the entities to the bundled gazetteer; an entity whose id is
                already in the default replaces the default one.
            shared_aliases: see :class:`Gazetteer`; by default ``"error"`` when every file is
                TOML and ``"ambiguous"`` when a CSV or JSON Lines list is among them.

        Raises:
            GazetteerError: the file is missing, unreadable or malformed, or the data is
                inconsistent; the message names the file and line.
        """
        read = _read_path(Path(path))
        if read.problems:
            raise read.problems[0]
        entities, ambiguous = read.entities, read.ambiguous
        if merge_default:
            base = cls.default()
            mine = {e.id for e in entities}
            entities = [e for e in base if e.id not in mine] + entities
            ambiguous = [*base.ambiguous, *ambiguous]
        entities, problems = _extend(entities, read.extensions)
        if problems:
            raise problems[0]
        if shared_aliases is None:
            shared_aliases = "ambiguous" if read.user_lists else "error"
        return cls(entities, ambiguous=ambiguous, shared_aliases=shared_aliases)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        ambiguous: Iterable[str] = (),
        shared_aliases: SharedAliases = "ambiguous",
    ) -> Gazetteer:
        """Build a gazetteer from mappings with the keys of the TOML format.

        Users' data is taken as it is: any non-empty string is an id (``ofac:10000``,
        ``geonames:10002798``, ``Q42``), any non-empty string a type (see :func:`type_family`
        for how types are scored), and a name that several records carry is an ambiguous name
        (``resolve`` abstains on it, ``candidates`` lists every entity that carries it).

        Args:
            records: mappings with ``id``, ``type``, ``name`` and optionally ``aliases``,
                ``weak_aliases``, ``exact_aliases``, ``wikidata``, ``country``, ``affiliations``, ``part_of``,
                ``provenance``.
            ambiguous: aliases several entities may share.
            shared_aliases: ``"ambiguous"`` (the default here) or ``"error"`` to refuse names
                shared by two records (see :class:`Gazetteer`).

        Raises:
            GazetteerError: a record is malformed (the message gives its index) or the data is
                inconsistent.
        """
        recs = records if isinstance(records, (list, tuple)) else list(records)
        with _no_gc():
            plain = _plain_columns(recs)
            if plain is not None:
                # Every record is a valid plain one: built column by column, checked in bulk.
                ents = _plain_entities(*plain[:4], list(map("record {}".format, range(len(recs)))))
                gaz = cls.__new__(cls)
                gaz._setup(ents, ambiguous, shared_aliases, normalize, plain=(plain[0], plain[4]))
                return gaz
            entities = []
            # Each distinct name is normalised once, for the checks of its record and of the whole.
            norm = _Normalised().__getitem__
            for i, rec in enumerate(recs):
                ent, problems = _entity_from_mapping(rec, where=f"record {i}", curated=False, norm=norm)
                if problems:
                    raise problems[0]
                assert ent is not None
                entities.append(ent)
            gaz = cls.__new__(cls)
            gaz._setup(tuple(entities), ambiguous, shared_aliases, norm)
            return gaz

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
        self._norms = None

    def _take_normal_forms(self) -> list[str]:
        """The normal form of every name, entity by entity (name, aliases, weak aliases, exact aliases), as
        :func:`normalize` gives them. The forms computed while validating are handed over once
        (the index keeps what it needs) and computed again on a later call."""
        norms = getattr(self, "_norms", None)
        if norms is None:
            return [normalize(n) for e in self for n in (e.name, *e.aliases, *e.weak_aliases, *e.exact_aliases)]
        self._norms = None
        return norms


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
        path: a ``.toml``, ``.csv`` or ``.jsonl`` file, or a directory of them.
        with_default: check it as an extension of the bundled gazetteer (links and ``[[names]]``
            blocks may point at default entities).
    """
    read = _read_path(Path(path))
    if read.problems:
        return read.problems
    entities, ambiguous = read.entities, read.ambiguous
    if with_default:
        base = Gazetteer.default()
        mine = {e.id for e in entities}
        entities = [e for e in base if e.id not in mine] + entities
        ambiguous = [*base.ambiguous, *ambiguous]
    entities, problems = _extend(entities, read.extensions)
    if problems:
        return problems
    declared = frozenset(a for a in (normalize(x) for x in ambiguous) if a)
    found = _validate(tuple(entities), declared, allow_shared=read.user_lists)[0]
    return found


# -- reading ----------------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[\s*entity\s*\]\]")
_NAMES_HEADER = re.compile(r"^\s*\[\[\s*names\s*\]\]")
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(slots=True)
class _Extension:
    """A ``[[names]]`` block: names added to an entity defined elsewhere (generated data)."""

    id: str
    aliases: tuple[str, ...]
    weak_aliases: tuple[str, ...]
    exact_aliases: tuple[str, ...]
    provenance: str | None
    path: Path
    line: int | None


@dataclass(slots=True)
class _Read:
    entities: list[Entity] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    extensions: list[_Extension] = field(default_factory=list)
    problems: list[GazetteerError] = field(default_factory=list)
    user_lists: bool = False  # a CSV or JSON Lines file was read


_SUFFIXES = (".toml", ".csv", ".jsonl")


def _read_path(path: Path) -> _Read:
    out = _Read()
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
        if not files:
            out.problems.append(GazetteerError("no *.toml files (nor *.csv, *.jsonl) in this directory",
                                               path=path))
            return out
    elif path.exists():
        files = [path]
    else:
        out.problems.append(GazetteerError("no such file or directory", path=path))
        return out
    for f in files:
        suffix = f.suffix.lower()
        if suffix == ".csv":
            out.user_lists = True
            ents, probs = _read_csv(f)
            out.entities += ents
            out.problems += probs
        elif suffix == ".jsonl":
            out.user_lists = True
            ents, probs = _read_jsonl(f)
            out.entities += ents
            out.problems += probs
        else:
            ents, amb, ext, probs = _read_file(f)
            out.entities += ents
            out.ambiguous += amb
            out.extensions += ext
            out.problems += probs
    return out


def _read_text(path: Path) -> tuple[str | None, GazetteerError | None]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, GazetteerError(f"cannot read file: {exc.strerror}", path=path)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, GazetteerError("file is not valid UTF-8", path=path, line=line)


_LIST_FIELDS = ("aliases", "weak_aliases", "exact_aliases", "affiliations")
_CSV_FIELDS = frozenset({"id", "type", "name", "aliases", "weak_aliases", "exact_aliases", "wikidata", "country",
                         "affiliations", "part_of", "provenance"})


def _read_csv(path: Path) -> tuple[list[Entity], list[GazetteerError]]:
    """A user's list as CSV: a header row, then one record per row (``|`` between names)."""
    text, problem = _read_text(path)
    if problem is not None or text is None:
        return [], [problem] if problem else []
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:
        return [], [GazetteerError(f"invalid CSV: {exc}", path=path)]
    if not rows:
        return [], [GazetteerError("empty CSV file (expected a header row)", path=path, line=1)]
    header = [h.strip().lower() for h in rows[0]]
    missing = [k for k in ("id", "type", "name") if k not in header]
    if missing:
        return [], [GazetteerError(f"CSV header lacks column(s) {', '.join(map(repr, missing))} "
                                   f"(found: {', '.join(header)})", path=path, line=1)]
    cols = [(i, h) for i, h in enumerate(header) if h in _CSV_FIELDS]
    entities: list[Entity] = []
    problems: list[GazetteerError] = []
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        rec: dict[str, Any] = {}
        for i, h in cols:
            cell = row[i].strip() if i < len(row) else ""
            if h in _LIST_FIELDS:
                rec[h] = [x.strip() for x in cell.split("|") if x.strip()]
            elif cell:
                rec[h] = cell
        ent, probs = _entity_from_mapping(rec, where=None, path=path, line=lineno, curated=False)
        problems += probs
        if ent is not None:
            entities.append(ent)
    return entities, problems


def _read_jsonl(path: Path) -> tuple[list[Entity], list[GazetteerError]]:
    """A user's list as JSON Lines: one record (a JSON object) per line."""
    text, problem = _read_text(path)
    if problem is not None or text is None:
        return [], [problem] if problem else []
    entities: list[Entity] = []
    problems: list[GazetteerError] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(GazetteerError(f"invalid JSON: {exc.msg}", path=path, line=lineno))
            continue
        if isinstance(rec, dict):
            rec = {k: v for k, v in rec.items() if k in _CSV_FIELDS}
        ent, probs = _entity_from_mapping(rec, where=None, path=path, line=lineno, curated=False)
        problems += probs
        if ent is not None:
            entities.append(ent)
    return entities, problems


def _read_file(path: Path) -> tuple[list[Entity], list[str], list[_Extension], list[GazetteerError]]:
    text, problem = _read_text(path)
    if problem is not None or text is None:
        return [], [], [], [problem] if problem else []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        msg = _TOML_LINE.sub("", str(exc)).replace("()", "").strip(" (),")
        return [], [], [], [GazetteerError(f"invalid TOML: {msg}", path=path,
                                           line=int(m.group(1)) if m else None)]
    lines = text.splitlines()
    headers = [i + 1 for i, ln in enumerate(lines) if _HEADER.match(ln)]
    name_headers = [i + 1 for i, ln in enumerate(lines) if _NAMES_HEADER.match(ln)]
    problems: list[GazetteerError] = []
    for key in data:
        if key not in ("meta", "entity", "names"):
            problems.append(GazetteerError(
                f"unknown top-level key {key!r} (expected [meta], [[entity]] and [[names]] blocks)",
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
    extensions: list[_Extension] = []
    name_blocks = data.get("names", [])
    if not isinstance(name_blocks, list):
        problems.append(GazetteerError("'names' must be an array of tables ([[names]])",
                                       path=path, line=_find_line(lines, 0, len(lines), "names")))
        name_blocks = []
    for k, block in enumerate(name_blocks):
        line = name_headers[k] if k < len(name_headers) else None
        ext, probs = _extension_from_mapping(block, path=path, line=line)
        problems += probs
        if ext is not None:
            extensions.append(ext)
    return entities, ambiguous, extensions, problems


_NAMES_KEYS = frozenset({"id", "aliases", "weak_aliases", "exact_aliases", "provenance"})


def _extension_from_mapping(block: object, *, path: Path,
                            line: int | None) -> tuple[_Extension | None, list[GazetteerError]]:
    def err(msg: str) -> GazetteerError:
        return GazetteerError(f"[[names]] block: {msg}", path=path, line=line)

    if not isinstance(block, Mapping):
        return None, [err("must be a table")]
    problems = [err(f"unknown key {k!r}") for k in block if k not in _NAMES_KEYS]
    ent_id = block.get("id")
    if not isinstance(ent_id, str) or not ent_id:
        problems.append(err("needs the id of an entity defined elsewhere"))
    for key in ("aliases", "weak_aliases", "exact_aliases"):
        value = block.get(key, [])
        if not _is_str_list(value):
            problems.append(err(f"{key} must be a list of strings"))
        elif any(not normalize(v) for v in value):
            problems.append(err(f"{key} has an entry that is empty after normalisation"))
    prov = block.get("provenance")
    if prov is not None and not isinstance(prov, str):
        problems.append(err("provenance must be a string"))
    if problems:
        return None, problems
    return _Extension(str(ent_id), tuple(block.get("aliases", ())), tuple(block.get("weak_aliases", ())),
                      tuple(block.get("exact_aliases", ())), prov, path, line), []


def _extend(entities: list[Entity], extensions: list[_Extension]) -> tuple[list[Entity], list[GazetteerError]]:
    """Apply ``[[names]]`` blocks: each adds names (not already there after normalisation) to
    the entity it names; a block naming no entity is an error."""
    if not extensions:
        return entities, []
    pos = {e.id: k for k, e in enumerate(entities)}
    out = list(entities)
    problems: list[GazetteerError] = []
    for ext in extensions:
        k = pos.get(ext.id)
        if k is None:
            problems.append(GazetteerError(f"[[names]] block points at unknown id {ext.id!r}",
                                           path=ext.path, line=ext.line))
            continue
        ent = out[k]
        have = {normalize(n) for n in (*ent.all_names, *ent.weak_aliases, *ent.exact_aliases)}
        aliases = _add_new(ent.aliases, ext.aliases, have)
        weak = _add_new(ent.weak_aliases, ext.weak_aliases, have)
        exact = _add_new(ent.exact_aliases, ext.exact_aliases, have)
        prov = "; ".join(p for p in (ent.provenance, ext.provenance) if p) or None
        out[k] = dataclasses.replace(ent, aliases=aliases, weak_aliases=weak, exact_aliases=exact, provenance=prov)
    return out, problems


def _add_new(names: tuple[str, ...], more: tuple[str, ...], have: set[str]) -> tuple[str, ...]:
    """``names`` followed by those of ``more`` whose normal form is not in ``have`` yet (which
    is updated)."""
    out = list(names)
    for n in more:
        key = normalize(n)
        if key not in have:
            have.add(key)
            out.append(n)
    return tuple(out)


def _find_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pat = re.compile(rf"^\s*{re.escape(key)}\s*=|^\s*\[+\s*{re.escape(key)}\s*\]")
    for i in range(max(start - 1, 0), min(end, len(lines))):
        if pat.match(lines[i]):
            return i + 1
    return start or None


def _is_str_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(map(isinstance, value, repeat(str)))


class _Normalised(dict[str, str]):
    """Normal forms of the strings looked up, each computed on its first lookup."""

    def __missing__(self, text: str) -> str:
        got = self[text] = normalize(text)
        return got


def _entity_from_mapping(
    rec: object,
    *,
    where: str | None,
    path: Path | None = None,
    lines: list[str] | None = None,
    span: tuple[int, int] = (0, 0),
    line: int | None = None,
    curated: bool = True,
    norm: Callable[[str], str] = normalize,
) -> tuple[Entity | None, list[GazetteerError]]:
    """One entity from a mapping. ``curated`` (hand-edited TOML) applies the house style: slug
    ids and the type vocabulary; users' records keep any non-empty id and type."""
    if not curated and path is None and type(rec) is dict and rec.keys() <= _PLAIN_KEYS:
        # A user's plain record (id, type, name, aliases) that passes every check below, made
        # without them; any other record, or one with a problem, takes the full path.
        ent_id, typ, name, aliases = rec.get("id"), rec.get("type"), rec.get("name"), rec.get("aliases", ())
        if type(ent_id) is str and type(typ) is str and type(name) is str \
                and type(aliases) in (list, tuple) and ent_id.strip() and typ.strip() and norm(name) \
                and all(type(a) is str for a in aliases) and all(map(norm, aliases)):
            return Entity(id=ent_id, type=typ, name=name, aliases=tuple(aliases), weak_aliases=(),
                          wikidata=None, country=None, affiliations=(), part_of=None,
                          provenance=None, source=where), []
    problems: list[GazetteerError] = []

    def err(msg: str, key: str | None = None) -> None:
        at = line
        if lines is not None:
            at = _find_line(lines, span[0], span[1], key) if key else span[0]
        prefix = f"{where}: " if where else ""
        problems.append(GazetteerError(prefix + msg, path=path, line=at))

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
    if "id" in rec:
        if curated and (not isinstance(ent_id, str) or not _ID.match(ent_id)):
            err(f"id {ent_id!r} is not a slug (lower-case ascii letters, digits and single hyphens)",
                "id")
        elif not curated and (not isinstance(ent_id, str) or not ent_id.strip()):
            err(f"id {ent_id!r} must be a non-empty string", "id")
    if "type" in rec:
        if curated and typ not in ENTITY_TYPES and (not isinstance(typ, str) or typ not in _FAMILY_OF):
            err(f"unknown type {typ!r} (expected one of: {', '.join(sorted(ENTITY_TYPES))}, or a "
                f"type of a scoring family such as vessel, company, city)", "type")
        elif not curated and (not isinstance(typ, str) or not typ.strip()):
            err(f"type {typ!r} must be a non-empty string", "type")
    if "name" in rec and (not isinstance(name, str) or not norm(name)):
        err("name is empty" if isinstance(name, str) else "name must be a string", "name")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("aliases", "weak_aliases", "exact_aliases", "affiliations"):
        value = rec.get(key, ())
        if not _is_str_list(value):
            err(f"{key} must be a list of strings", key)
            lists[key] = ()
            continue
        lists[key] = tuple(value)
        if key != "affiliations" and not all(map(norm, value)):
            for alias in value:
                if not norm(alias):
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
    source = (f"{path}:{line if line is not None else span[0]}" if path is not None else where)
    return (
        Entity(
            id=str(ent_id), type=str(typ), name=str(name), aliases=lists["aliases"],
            weak_aliases=lists["weak_aliases"], exact_aliases=lists["exact_aliases"], wikidata=singles["wikidata"],
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
    entities: tuple[Entity, ...], declared: frozenset[str], *, allow_shared: bool = False,
    norm: Callable[[str], str] = normalize, plain: tuple[list[str], list[str]] | None = None,
) -> tuple[list[GazetteerError], frozenset[str], list[str], dict[str, Entity]]:
    """Cross-entity checks. Returns the problems, the set of shared (normalised) aliases, the
    normal form of every name (entity by entity: name, aliases, weak aliases) and the entities by
    id (the first of each id).

    ``plain``: (ids, normal forms of every name, as returned) of entities made from plain records
    that passed every check of one record (:func:`_plain_columns`): only what concerns several
    entities is checked then."""
    problems: list[GazetteerError] = []

    def err(ent: Entity, msg: str) -> None:
        path, line = _where(ent)
        prefix = "" if path is not None or ent.source is None else f"{ent.source}: "
        problems.append(GazetteerError(prefix + msg, path=path, line=line))

    by_id: dict[str, Entity] = {}
    if plain is not None:
        by_id = dict(zip(plain[0], entities))
        if len(by_id) < len(entities):  # a repeated id: found and reported by the loop below
            by_id, plain = {}, None
    if plain is None:
        for ent in entities:
            if not isinstance(ent, Entity):
                raise GazetteerError(f"expected Entity objects, got {type(ent).__name__}")
            if ent.id in by_id:
                first = by_id[ent.id].source or "an earlier record"
                err(ent, f"duplicate id {ent.id!r} (first defined at {first})")
                continue
            by_id[ent.id] = ent
            if not isinstance(ent.type, str) or not ent.type.strip():
                err(ent, f"entity {ent.id!r} has an empty type")
            if not norm(ent.name):
                err(ent, f"entity {ent.id!r} has an empty name")
        for ent in entities:
            if ent.country is None and not ent.affiliations and ent.part_of is None:
                continue  # no link to check (most records of users' lists)
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
        norms: list[str] = []
        sizes: list[int] = []
        for ent in by_id.values():
            names = (ent.name, *ent.aliases, *ent.weak_aliases, *ent.exact_aliases)
            norms.extend(map(norm, names))
            sizes.append(len(names))
    else:
        norms = plain[1]
        sizes = [1 + len(e.aliases) for e in entities]  # (plain records have no weak aliases)
    ids = list(chain.from_iterable(map(repeat, by_id, sizes)))
    # The last entity to carry each normal form (dict(zip) keeps the last value): a form is
    # shared when another entity carries it too.
    last = dict(zip(norms, ids))
    shared = set(compress(norms, map(ne, ids, map(last.__getitem__, norms))))
    del last
    shared.discard("")
    if shared and not allow_shared and not shared <= declared:
        owner = dict(zip(reversed(norms), reversed(ids)))  # the first entity to carry each form
        for ent in by_id.values():
            seen: set[str] = set()
            for alias in (ent.name, *ent.aliases, *ent.weak_aliases, *ent.exact_aliases):
                key = norm(alias)
                if not key or key in seen:
                    continue
                seen.add(key)
                first = owner[key]
                if first != ent.id and key not in declared:
                    err(ent, f"alias {alias!r} of {ent.id!r} is also a name of {first!r}; "
                             f"declare it in meta.ambiguous if both are right")
    return problems, frozenset(shared), norms, by_id


_PLAIN_TYPES = frozenset({str})
_LIST_TYPES = frozenset({list, tuple})


def _plain_columns(recs: Sequence[object]) -> tuple[list[str], list[str], list[str], list[tuple[str, ...]],
                                                  list[str]] | None:
    """When every record is a plain one (a dict of ``id``, ``type``, ``name`` and optionally
    ``aliases``) that passes every check of :func:`_entity_from_mapping`: its ids, types, names,
    aliases and the normal form of every name (record by record: name, then aliases). ``None`` when some record is not such a one (the records then
    take the path of :func:`_entity_from_mapping`, which reports the first problem)."""
    if not _dicts_only(recs):
        return None
    dicts = cast("Sequence[dict[str, Any]]", recs)
    if not all(map(_PLAIN_KEYS.issuperset, dicts)):
        return None
    get = dict.get
    ids: list[Any] = list(map(get, dicts, repeat("id")))
    types: list[Any] = list(map(get, dicts, repeat("type")))
    names: list[Any] = list(map(get, dicts, repeat("name")))
    lists: list[Any] = list(map(get, dicts, repeat("aliases"), repeat(())))
    if not (set(map(type, ids)) <= _PLAIN_TYPES and set(map(type, types)) <= _PLAIN_TYPES
            and set(map(type, names)) <= _PLAIN_TYPES and set(map(type, lists)) <= _LIST_TYPES
            and all(map(str.strip, ids)) and all(map(str.strip, types))):
        return None
    aliases = list(map(tuple, lists))
    del lists
    if not set(map(type, chain.from_iterable(aliases))) <= _PLAIN_TYPES:
        return None
    # name, aliases, record by record; a name that several records carry is normalised again
    # (cheaper than a table of the distinct names, which hashes a million strings for a tenth)
    norms = list(map(normalize, chain.from_iterable(map(_prepend, names, aliases))))
    if not all(norms):
        return None
    return ids, types, names, aliases, norms


def _dicts_only(recs: Sequence[object]) -> bool:
    return set(map(type, recs)) <= _DICT_TYPES


_DICT_TYPES = frozenset({dict})


def _prepend(first: str, rest: tuple[str, ...]) -> tuple[str, ...]:
    return (first, *rest)


_new = object.__new__
_ENTITY_SETTERS = tuple(getattr(Entity, f.name).__set__ for f in dataclasses.fields(Entity))


def _plain_entities(ids: list[str], types: list[str], names: list[str], aliases: list[tuple[str, ...]],
                    sources: list[str]) -> tuple[Entity, ...]:
    """``Entity(id=..., type=..., name=..., aliases=..., source=...)`` for each row of the
    columns, the other fields at their defaults: the same objects as the frozen dataclass's
    ``__init__`` makes (one ``object.__setattr__`` per field and entity), their slots filled
    column by column."""
    n = len(ids)
    ents = tuple(map(_new, repeat(Entity, n)))
    columns: dict[str, Iterable[object]] = {"id": ids, "type": types, "name": names, "aliases": aliases,
                                            "source": sources}
    for f, setter in zip(dataclasses.fields(Entity), _ENTITY_SETTERS):
        deque(map(setter, ents, columns.get(f.name) or repeat(f.default, n)), maxlen=0)
    return ents
