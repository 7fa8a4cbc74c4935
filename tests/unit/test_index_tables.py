"""The index's flat tables: columns of strings, exact lookups, keys composed from token keys."""

from __future__ import annotations

import random
import zlib

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Gazetteer, Resolver
from namenorm.index import (
    K_GLUED_T1,
    K_SORTED,
    HashFinder,
    Strings,
    _compose,
    _deletion_hashes,
    _deletion_hashes_flat,
    _exact_tables,
    _first_holders,
    _flat,
    _glue,
    _hash_flat,
    _lookup,
    _match,
    key_hash,
    split_tokens,
)
from namenorm.keys import translit_key

_ODD = ["", "a", "é", "x\x00y", "Zürich", "\ud800", "台湾", "a b", "a", "é"]


def _crc(values: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(v.encode("utf-8", "surrogatepass")) for v in values), dtype=np.uint32)


def _first_by_dict(values: list[str]) -> list[int]:
    first: dict[str, int] = {}
    return [first.setdefault(v, i) for i, v in enumerate(values)]


def test_strings_read_back_as_written() -> None:
    col = Strings.of(_ODD)
    assert len(col) == len(_ODD)
    assert [col[i] for i in range(len(col))] == _ODD
    assert list(col) == _ODD
    assert col[-1] == _ODD[-1]
    assert col.index("Zürich") == 4
    assert Strings(col.data, col.offsets) == col
    ascii_col = Strings.of(["ab", "", "c d"])
    assert list(ascii_col) == ["ab", "", "c d"]


@given(st.lists(st.text(max_size=8), min_size=1, max_size=20), st.data())
def test_strings_take_reads_rows_like_indexing(values: list[str], data: st.DataObject) -> None:
    col = Strings.of(values)
    rows = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=30))
    assert col.take(rows) == [values[i] for i in rows]


def test_first_holders_survive_crc_collisions() -> None:
    rng = random.Random(1)
    values = ["".join(rng.choice("abc") for _ in range(rng.randint(0, 4))) for _ in range(2000)] + _ODD
    col = Strings.of(values)
    expected = _first_by_dict(values)
    assert _first_holders(col, _crc(values)).tolist() == expected
    # every string on one CRC, and CRCs that only tell lengths apart: collisions everywhere
    assert _first_holders(col, np.zeros(len(values), dtype=np.uint32)).tolist() == expected
    lengths = np.array([len(v) for v in values], dtype=np.uint32)
    assert _first_holders(col, lengths).tolist() == expected


def test_exact_tables_answer_like_dicts() -> None:
    rng = random.Random(2)
    texts = ["".join(rng.choice("abcD ") for _ in range(rng.randint(1, 5))) for _ in range(3000)] + _ODD[1:]
    norms = [t.lower().strip() or "x" for t in texts]
    cols = [Strings.of(texts), Strings.of(norms)]
    raw, exact, off, ids = _exact_tables([(cols[0], _crc(texts)), (cols[1], _crc(norms))])
    for table, values in ((raw, texts), (exact, norms)):
        assert len(table) == len(set(values))
        for v in set(values) | {"nothere", "", "zzzzzz"}:
            got = table.get(v, None)
            members = [i for i, x in enumerate(values) if x == v]
            if not members:
                assert got is None
            elif len(members) == 1:
                assert got == members[0]
            else:
                assert got is not None and got < 0
                assert ids[off[-1 - got]:off[-got]].tolist() == members


@given(st.lists(st.lists(st.text("abhk", max_size=4), max_size=5), max_size=30))
def test_composed_keys_equal_the_keys_built_one_by_one(rows: list[list[str]]) -> None:
    vocab = sorted({t for row in rows for t in row})
    pos = {t: i for i, t in enumerate(vocab)}
    data, off = _flat(vocab)
    occ_row = np.array([r for r, row in enumerate(rows) for _ in row], dtype=np.int64)
    occ_tok = np.array([pos[t] for row in rows for t in row], dtype=np.int64)
    glued = Strings(*_as_bytes(_compose(occ_row, occ_tok, len(rows), data, off, glue=True)))
    joined = Strings(*_as_bytes(_compose(occ_row, occ_tok, len(rows), data, off, sep=32)))
    plain = Strings(*_as_bytes(_compose(occ_row, occ_tok, len(rows), data, off)))
    assert list(glued) == [_glue(row) for row in rows]
    assert list(joined) == [" ".join(row) for row in rows]
    assert list(plain) == ["".join(row) for row in rows]
    d, o = _compose(occ_row, occ_tok, len(rows), data, off, sep=32)
    assert _hash_flat(K_SORTED, d, o).tolist() == [key_hash(K_SORTED, " ".join(row)) for row in rows]


def _as_bytes(flat: tuple[np.ndarray, np.ndarray]) -> tuple[bytes, np.ndarray]:
    return flat[0].tobytes(), flat[1]


@given(st.lists(st.text("abdhkz", min_size=1, max_size=20), max_size=20))
def test_deletion_hashes_of_flat_rows(keys: list[str]) -> None:
    hashes, rows = _deletion_hashes_flat(K_GLUED_T1, *_flat(keys))
    got: dict[int, list[int]] = {}
    for h, r in zip(hashes.tolist(), rows.tolist()):
        got.setdefault(r, []).append(h)
    assert [got.get(r, []) for r in range(len(keys))] == [_deletion_hashes(K_GLUED_T1, k) for k in keys]


def test_index_of_names_with_odd_tokens_answers() -> None:
    recs = [
        {"id": "a", "type": "person", "name": "KhalifaHaftar", "aliases": ["Abdel Fattah el-Sisi", "al Mismari"]},
        {"id": "b", "type": "org", "name": "Bank of the East", "aliases": ["BOE", "Bank"]},
        {"id": "c", "type": "place", "name": "Ł", "aliases": ["Zürich Zürich", "Zurich"]},
        {"id": "d", "type": "place", "name": "Zurich", "aliases": ["台湾"]},
    ]
    r = Resolver(Gazetteer.from_records(recs))
    idx = r.index
    for a in range(idx.n_aliases):
        split = split_tokens(idx.alias_text[a], idx.alias_norm[a])
        tokens = _match(split if split is not None else idx.alias_norm[a].split())
        assert idx.alias_key[a] == " ".join(translit_key(t) for t in tokens)
    assert idx.ids(idx.exact, "zurich") == [a for a, n in enumerate(idx.alias_norm) if n == "zurich"]
    assert len(idx.ids(idx.exact, "zurich")) == 2
    assert r.resolve("Khalifa Haftar") is not None
    assert r.resolve("Zurich") is None  # two places carry it
    assert {m.entity.id for m in r.candidates("Zurich")} == {"c", "d"}


@given(st.lists(st.integers(0, 2**64 - 1), max_size=300, unique=True),
       st.lists(st.integers(0, 2**64 - 1), max_size=20), st.integers(0, 60))
def test_hash_finder_agrees_with_binary_search(values: list[int], others: list[int], shift: int) -> None:
    # Tables hold hashes shifted right (their top bits), so their largest value varies.
    table = np.unique(np.array(values, dtype=np.uint64) >> np.uint64(shift))
    probes = [*table.tolist()[::3], *(v >> shift for v in others)]
    expected = _lookup(table, np.array(probes, dtype=np.uint64)).tolist() if len(table) else [-1] * len(probes)
    assert HashFinder(table).positions(probes) == expected
