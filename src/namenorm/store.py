"""The saved-index file: a resolver's gazetteer and alias index as flat arrays, without pickle.

One ``.npz`` file (numpy's zip of ``.npy`` arrays, stored uncompressed, read with
``allow_pickle=False``), written by :meth:`namenorm.Resolver.save` and read by
:meth:`namenorm.Resolver.load`:

- ``meta``: UTF-8 JSON with the format version (:data:`FORMAT`), the resolver's options, the
  counts every other member must agree with, the ambiguous names, and how each column of
  strings is encoded;
- columns of strings (alias texts, normal forms, keys, entity fields) as one block of UTF-8
  bytes each with the offsets of its strings, which are decoded only when read;
- integer and boolean columns, the exact lookup tables and the index's hash tables and
  postings, as numpy arrays.

Loading reads the arrays and checks them; it builds no Python object per alias, so a million
aliases load in a fraction of a second. A file is checked before anything is built from it:
another format version, a foreign file, a truncated one or one whose members disagree raises
:class:`namenorm.errors.IndexFormatError`; nothing is half-loaded. The file is written to a
temporary name beside the target and renamed, so a reader never sees half a file either.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

import numpy as np

from namenorm.errors import IndexFormatError
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.index import AliasIndex, Strings

__all__ = ["FORMAT", "read", "write"]

#: The format version written into every saved index; a file of another version is refused.
FORMAT = "namenorm-index-8"
_SEPARATORS = ("\x1f", "\x1e", "\x00", "\n")


def _entity_columns(entities: list[Entity]) -> tuple[dict[str, np.ndarray], list[dict[str, Any]]]:
    """Entity fields column by column, each entity's value as UTF-8 bytes at its own offsets so
    that one entity can be read back alone: strings, optional strings (with a presence flag),
    tuples of strings (joined by a separator none of them holds, with their lengths), or JSON."""
    arrays: dict[str, np.ndarray] = {}
    spec: list[dict[str, Any]] = []
    for f in dataclasses.fields(Entity):
        values = list(map(attrgetter(f.name), entities))
        col: dict[str, Any] = {"name": f.name}
        key = f"e.{f.name}"
        if all(map(isinstance, values, repeat(str))):
            col["kind"] = "str"
            texts = values
        elif all(map(isinstance, values, repeat((str, type(None))))):
            col["kind"] = "optional"
            arrays[key + ".present"] = np.array([v is not None for v in values], dtype=bool)
            texts = [v or "" for v in values]
        elif all(map(isinstance, values, repeat(tuple))) and all(map(isinstance, chain.from_iterable(values),
                                                                     repeat(str))):
            every = "".join(chain.from_iterable(values))
            sep = next((c for c in _SEPARATORS if c not in every), None)
            if sep is None:
                col["kind"] = "json"
                texts = [json.dumps(v) for v in values]
            else:
                col["kind"], col["sep"] = "tuple", sep
                arrays[key + ".count"] = np.fromiter(map(len, values), dtype=np.int32, count=len(values))
                texts = list(map(sep.join, values))
        else:
            col["kind"] = "json"
            texts = [json.dumps(v) for v in values]
        column = Strings.of(texts)
        arrays[key] = np.frombuffer(column.data, dtype=np.uint8)
        arrays[key + ".off"] = column.offsets
        spec.append(col)
    return arrays, spec


class _Field:
    """One column of entity fields, read entity by entity."""

    __slots__ = ("count", "data", "kind", "off", "present", "sep")

    def __init__(self, npz: Any, col: dict[str, Any], n: int) -> None:
        key = f"e.{col['name']}"
        self.kind = col["kind"]
        if self.kind not in ("str", "optional", "tuple", "json"):
            raise ValueError(f"unknown column kind {self.kind!r}")
        self.data = npz[key].tobytes()
        off = npz[key + ".off"]
        if off.ndim != 1 or (len(off) > 1 and bool((off[1:] < off[:-1]).any())):
            raise ValueError(f"entity column {col['name']!r} has wrong offsets")
        # memoryviews: indexing them gives plain Python ints and bools, without a list of them
        self.off = np.ascontiguousarray(off, dtype=np.int64).data
        self.present = np.ascontiguousarray(npz[key + ".present"], dtype=bool).data \
            if self.kind == "optional" else None
        self.count = np.ascontiguousarray(npz[key + ".count"], dtype=np.int32).data \
            if self.kind == "tuple" else None
        self.sep = col.get("sep", "")
        if len(self.off) != n + 1 or self.off[0] != 0 or self.off[-1] != len(self.data):
            raise ValueError(f"entity column {col['name']!r} has wrong offsets")
        for extra in (self.present, self.count):
            if extra is not None and len(extra) != n:
                raise ValueError(f"entity column {col['name']!r} has the wrong length")

    def value(self, i: int) -> Any:
        text = self.data[self.off[i]:self.off[i + 1]].decode("utf-8", "surrogatepass")
        if self.kind == "str":
            return text
        if self.kind == "optional":
            return text if self.present[i] else None  # type: ignore[index]
        if self.kind == "tuple":
            return tuple(text.split(self.sep)) if self.count[i] else ()  # type: ignore[index]
        got = json.loads(text)
        return tuple(got) if isinstance(got, list) else got


class _FieldValues(Sequence[str]):
    """The values of one column of entity fields, each read when it is used."""

    def __init__(self, fld: _Field, n: int) -> None:
        self._field = fld
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self._field.value(i)  # type: ignore[no-any-return]


class _SavedEntities(Sequence[Entity]):
    """The entities of a saved index, each read from its columns the first time it is used, so
    that loading does not wait for entities no answer has named yet."""

    def __init__(self, fields: list[_Field], n: int) -> None:
        self._fields = fields
        self._made: list[Entity | None] = [None] * n

    def __len__(self) -> int:
        return len(self._made)

    def __getitem__(self, i: int) -> Entity:  # type: ignore[override]
        e = self._made[i]
        if e is None:
            e = Entity(*(f.value(i) for f in self._fields))
            self._made[i] = e
        return e

    def __iter__(self) -> Iterator[Entity]:
        for i in range(len(self._made)):
            yield self[i]


class _SavedGazetteer(Gazetteer):
    """A gazetteer read from a saved index: its entities are materialised on first use."""

    __slots__ = ("_saved",)
    _saved: _SavedEntities

    def __getattr__(self, name: str) -> Any:
        if name in ("_entities", "_by_id"):
            entities = tuple(self._saved)
            self._entities = entities
            self._by_id = {e.id: e for e in entities}
            return getattr(self, name)
        raise AttributeError(name)


def _entities_from_columns(npz: Any, spec: list[dict[str, Any]], n: int) -> tuple[_SavedEntities, _FieldValues]:
    names = [f.name for f in dataclasses.fields(Entity)]
    if [c["name"] for c in spec] != names:
        raise ValueError("the entity fields differ from this version's")
    fields = [_Field(npz, col, n) for col in spec]
    ids_field = fields[names.index("id")]
    if ids_field.kind != "str":
        raise ValueError("entity ids are not strings")
    return _SavedEntities(fields, n), _FieldValues(ids_field, n)


def write(path: str | Path, gazetteer: Gazetteer, index: AliasIndex, options: dict[str, float]) -> None:
    """Write ``gazetteer`` and its built ``index`` to ``path`` (see the module docstring)."""
    columns, flags, tables, index_arrays = index._parts()
    arrays: dict[str, np.ndarray] = {f"i.{k}": v for k, v in index_arrays.items()}
    for name, col in columns.items():
        arrays[f"a.{name}"] = np.frombuffer(col.data, dtype=np.uint8)
        arrays[f"a.{name}.off"] = col.offsets
    for name, arr in flags.items():
        arrays[f"a.{name}"] = arr
    for name, parts in tables.items():
        for part, arr in zip(_TABLE_PARTS, parts):
            arrays[f"t.{name}.{part}"] = arr
    entities = list(gazetteer)
    ent_arrays, ent_spec = _entity_columns(entities)
    arrays.update(ent_arrays)
    meta = {
        "format": FORMAT,
        "options": options,
        "n_entities": len(entities),
        "n_aliases": index.n_aliases,
        "ambiguous": sorted(gazetteer.ambiguous),
        "entity_fields": ent_spec,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: str | Path) -> tuple[Gazetteer, AliasIndex, dict[str, float]]:
    """Read a file written by :func:`write`: (gazetteer, index, resolver options).

    Raises:
        IndexFormatError: the file is missing, not a saved index, of another format version,
            truncated or inconsistent.
    """
    try:
        fh = open(path, "rb")  # noqa: SIM115 - closed below, after every member is read
    except OSError as exc:
        raise IndexFormatError(f"{path}: cannot read a saved namenorm index ({exc.strerror})") from None
    with fh:
        try:
            npz = np.load(fh, allow_pickle=False)
        except (OSError, ValueError, zipfile.BadZipFile, EOFError) as exc:
            raise IndexFormatError(f"{path}: not a saved namenorm index ({exc})") from None
        if not isinstance(npz, np.lib.npyio.NpzFile):
            raise IndexFormatError(f"{path}: not a saved namenorm index (a single array)")
        with npz:
            try:
                meta = json.loads(npz["meta"].tobytes().decode("utf-8"))
            except (KeyError, ValueError, OSError, zipfile.BadZipFile, EOFError) as exc:
                raise IndexFormatError(f"{path}: not a saved namenorm index ({exc})") from None
            found = meta.get("format") if isinstance(meta, dict) else None
            if found != FORMAT:
                raise IndexFormatError(f"{path}: index format {found!r}, this version reads {FORMAT!r}")
            try:
                return _read_members(npz, meta)
            except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile, EOFError) as exc:
                raise IndexFormatError(f"{path}: damaged or incomplete namenorm index ({exc})") from None


_TABLE_PARTS = ("slots", "rep", "vals")


def _read_members(npz: Any, meta: dict[str, Any]) -> tuple[Gazetteer, AliasIndex, dict[str, float]]:
    n_alias = int(meta["n_aliases"])
    n_ent = int(meta["n_entities"])
    columns: dict[str, Strings] = {}
    for name in AliasIndex._STRINGS:
        data, off = npz[f"a.{name}"], npz[f"a.{name}.off"]
        if data.dtype != np.uint8 or data.ndim != 1 or off.dtype != np.int64 or off.shape != (n_alias + 1,) \
                or off[0] != 0 or off[-1] != len(data) or bool((off[1:] < off[:-1]).any()):
            raise ValueError(f"column {name} has wrong offsets")
        columns[name] = Strings(data.tobytes(), off)
    flags = {name: npz[f"a.{name}"] for name in AliasIndex._FLAGS}
    for name, arr in flags.items():
        if arr.shape != (n_alias,):
            raise ValueError(f"{name} has {len(arr)} entries, not {n_alias}")
    ent = flags["alias_ent"]
    if n_alias and (int(ent.max()) >= n_ent or int(ent.min()) < 0):
        raise ValueError("alias entity out of range")
    arrays = {name: npz[f"i.{name}"] for name in AliasIndex._ARRAYS}
    _check_arrays(arrays, n_alias)
    groups = len(arrays["dup_off"]) - 1
    tables: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for name in AliasIndex._TABLES:
        slots, rep, vals = (npz[f"t.{name}.{part}"] for part in _TABLE_PARTS)
        size = len(slots)
        if size < 2 or size & (size - 1) or rep.shape != vals.shape or len(rep) >= size:
            raise ValueError(f"table {name} has the wrong shape")
        if len(slots) and (int(slots.max()) > len(rep) or int(slots.min()) < 0):
            raise ValueError(f"table {name} points outside its keys")
        if len(rep) and (int(rep.max()) >= n_alias or int(rep.min()) < 0
                         or int(vals.max()) >= n_alias or int(vals.min()) < -groups):
            raise ValueError(f"table {name} out of range")
        tables[name] = (slots, rep, vals)
    entities, ids = _entities_from_columns(npz, meta["entity_fields"], n_ent)
    ambiguous = frozenset(meta["ambiguous"])
    gazetteer = _SavedGazetteer.__new__(_SavedGazetteer)
    gazetteer._saved = entities
    gazetteer.ambiguous = ambiguous
    index = AliasIndex._restore(entities, ids, ambiguous, columns, flags, tables, arrays)
    options = {k: float(v) for k, v in meta["options"].items()}
    return gazetteer, index, options


def _check_arrays(arrays: dict[str, np.ndarray], n_alias: int) -> None:
    """Offsets, postings and ids within bounds, so a damaged file fails here, not in a query."""
    def csr(h: str, off: str, vals: str, bound: int) -> None:
        hh, oo, vv = arrays[h], arrays[off], arrays[vals]
        if len(oo) != len(hh) + 1 or (len(oo) and (oo[0] != 0 or oo[-1] != len(vv))):
            raise ValueError(f"{off} does not match {h} and {vals}")
        if len(vv) and (int(vv.max()) >= bound or int(vv.min()) < -1):
            raise ValueError(f"{vals} out of range")
    csr("key_h", "key_off", "post", n_alias)
    csr("nb_h", "nb_off", "nb_key", len(arrays["key_h"]))
    for bits in ("key_bits", "nb_bits"):
        if arrays[bits].shape != (1,) or not 0 < int(arrays[bits][0]) < 64:
            raise ValueError(f"{bits} is not a bit count")
    if len(arrays["tok_h"]) != len(arrays["tok_df"]):
        raise ValueError("token frequencies do not match their tokens")
    dup, dup_off = arrays["dup_ids"], arrays["dup_off"]
    if len(dup) and (int(dup.max()) >= n_alias or int(dup.min()) < 0):
        raise ValueError("dup_ids out of range")
    if len(dup_off) < 1 or dup_off[0] != 0 or dup_off[-1] != len(dup) or bool((dup_off[1:] <= dup_off[:-1]).any()):
        raise ValueError("dup_off does not match dup_ids")
