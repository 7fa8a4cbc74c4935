"""The alias index: key hashing, candidate recall, token frequencies, saved files, workers."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import numpy as np
import pytest

import namenorm.resolve as resolve_mod
from namenorm import Gazetteer, IndexFormatError, Resolver
from namenorm._scoring import make_token, prepare
from namenorm.index import (
    K_GLUED_T1,
    K_T1,
    _deletion_hashes,
    _deletion_hashes_np,
    _glue,
    _hash_np,
    key_hash,
    token_keys,
)
from namenorm.keys import loose_key, skeleton, translit_key
from namenorm.store import FORMAT

_RECORDS = [
    {"id": "p1", "type": "person", "name": "Khalifa Haftar", "aliases": ["Khalifa Belqasim Haftar", "خليفة حفتر"],
     "weak_aliases": ["Haftar"]},
    {"id": "p2", "type": "person", "name": "Fayez al-Sarraj", "aliases": ["Fayez Mustafa al-Sarraj"]},
    {"id": "p3", "type": "person", "name": "Abdel Fattah el-Sisi", "aliases": ["Abdelfattah Elsisi"]},
    {"id": "c1", "type": "org", "name": "Agricultural Bank of China", "aliases": ["ABC"]},
    {"id": "c2", "type": "org", "name": "Bank of China", "aliases": []},
    {"id": "g1", "type": "place", "name": "Bardejov", "aliases": ["Bartfeld", "Бардеёв"]},
    {"id": "g2", "type": "place", "name": "Sankt Peterburg", "aliases": ["Saint Petersburg", "Leningrad"]},
    {"id": "g3", "type": "place", "name": "Fuentes de Oñoro", "aliases": []},
    {"id": "g4", "type": "place", "name": "Az Zawiyah", "aliases": ["Zawiya", "Ez-Zawiyah"]},
    {"id": "g5", "type": "place", "name": "Springfield", "aliases": []},
    {"id": "g6", "type": "place", "name": "Springfield Gardens", "aliases": []},
    {"id": "g7", "type": "place", "name": "Misrata", "aliases": ["Misurata", "Misratah"]},
]
_QUERIES = [
    "Khalifa Haftar", "khalifa hafter", "Haftar", "Hafter", "KhalifaHaftar", "Haftar, Khalifa",
    "خليفة حفتر", "Fayez Sarraj", "al-Sarraj", "Abdelfattah el-Sisi", "Abdel Fatah Sisi", "ABC",
    "Bank of China", "Agricultural Bank of China", "Bardejow", "Bardejv", "Bartfeld", "Бардеёв",
    "St Petersburg", "Sankt-Peterburg", "sanktpeterburg", "Peterburg Sankt", "Fuentes de Onoro",
    "fuentesdeonoro", "Ez Zawiyah", "EzZawiyah", "Zawiyah", "Springfeld", "Springfield Gardens",
    "Misratta", "Misurata", "Nowhere at all", "Xqzzy", "", "   ", "Bank", "China",
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture(scope="module")
def user_resolver() -> Resolver:
    return Resolver(Gazetteer.from_records(_RECORDS))


def _answers(r: Resolver, names: list[str]) -> list[tuple[str, float, str, str] | None]:
    out = []
    for n in names:
        m = r.resolve(n)
        out.append(None if m is None else (m.entity.id, m.score, m.alias, m.reason))
    return out


def _candidates(r: Resolver, names: list[str]) -> list[list[tuple[str, float]]]:
    return [[(m.entity.id, m.score) for m in r.candidates(n, limit=5)] for n in names]


# -- hashing -----------------------------------------------------------------------------------


def test_vectorised_hashes_equal_the_query_side_ones() -> None:
    rng = random.Random(7)
    keys = ["".join(rng.choice("abdhklmnrstwy") for _ in range(rng.randint(1, 30))) for _ in range(300)]
    assert _hash_np(K_T1, keys).tolist() == [key_hash(K_T1, k) for k in keys]
    hashes, rows = _deletion_hashes_np(K_GLUED_T1, keys)
    got: dict[int, list[int]] = {}
    for h, r in zip(hashes.tolist(), rows.tolist()):
        got.setdefault(r, []).append(h)
    for r, k in enumerate(keys):
        assert got[r] == _deletion_hashes(K_GLUED_T1, k)
        # a deletion hash is the hash of the string with that letter removed
        assert got[r] == [key_hash(K_GLUED_T1, k[:i] + k[i + 1:]) for i in range(len(k))]


def test_token_keys_in_one_pass_equal_the_keys_one_by_one() -> None:
    rng = random.Random(11)
    words = ["".join(rng.choice("aeiouybcdghjkpqrstvwxz") for _ in range(rng.randint(1, 14))) for _ in range(2000)]
    words += ["haftar", "cavusoglu", "oglu", "yy", "w", "sch", "tchad", "y", "ghazi", "ugo", "eagle"]
    t1s, skels, looses = token_keys(words)
    assert t1s == [translit_key(w) for w in words]
    assert skels == [skeleton(translit_key(w)) for w in words]
    assert looses == [loose_key(w) for w in words]


def test_glued_keys_have_no_runs_of_a_letter() -> None:
    import re

    rng = random.Random(13)
    for _ in range(500):
        words = ["".join(rng.choice("aeiobdhklmnrst") for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 4))]
        for keys in (token_keys(words)[0], token_keys(words)[2]):
            assert _glue(keys) == re.sub(r"(.)\1+", r"\1", "".join(keys))


def test_kinds_of_key_do_not_collide() -> None:
    assert key_hash(K_T1, "haftar") != key_hash(K_GLUED_T1, "haftar")
    assert key_hash(K_T1, "haftar") == key_hash(K_T1, "haftar")
    assert key_hash(K_T1, "haftar") != key_hash(K_T1, "hafter")


# -- candidates and counts -----------------------------------------------------------------------


def test_one_edit_finds_the_alias_among_many() -> None:
    rng = random.Random(3)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(6, 11))) for _ in range(3000)})
    gaz = Gazetteer.from_records([{"id": f"x{i}", "type": "place", "name": w} for i, w in enumerate(words)],
                                 shared_aliases="ambiguous")
    r = Resolver(gaz)
    idx = r.index
    missed = []
    for w in words[:300]:
        i = rng.randrange(1, len(w))
        variant = w[:i] + rng.choice(letters) + w[i + 1:] if rng.random() < 0.5 else w[:i] + w[i + 1:]
        found = {idx.alias_norm[a] for a in idx.gather(prepare(variant))}
        if w not in found:
            missed.append((w, variant))
    assert not missed


def test_token_frequencies(user_resolver: Resolver) -> None:
    idx = user_resolver.index
    assert idx.n_aliases == len(idx.alias_text) == len(idx.alias_norm)
    expected: dict[str, int] = {}
    for norm in idx.alias_norm:
        for tok in set(norm.split()):
            expected[tok] = expected.get(tok, 0) + 1
    assert expected["bank"] == 2 and expected["china"] == 2
    for tok, df in expected.items():
        assert idx.token_df(tok) == df
    assert idx.token_df("nosuchword") == 0


def test_mention_finder_members(user_resolver: Resolver) -> None:
    idx = user_resolver.index
    a = idx.alias_text.index("Bartfeld")
    assert idx.entities[idx.alias_ent[a]].id == "g1"
    assert idx.entity_pos["g1"] == idx.alias_ent[a]
    assert idx.indexed(make_token("bardejov")) and idx.indexed(make_token("bardejow"))
    assert not idx.indexed(make_token("qqqqqq"))


# -- saved files -------------------------------------------------------------------------------


def test_saved_and_loaded_index_answers_like_the_built_one(tmp_path: Path, user_resolver: Resolver) -> None:
    path = tmp_path / "user.nnidx"
    user_resolver.save(path)
    loaded = Resolver.load(path)
    assert loaded.gazetteer == user_resolver.gazetteer
    assert [e.source for e in loaded.gazetteer] == [e.source for e in user_resolver.gazetteer]
    assert loaded.gazetteer.ambiguous == user_resolver.gazetteer.ambiguous
    assert _answers(loaded, _QUERIES) == _answers(user_resolver, _QUERIES)
    assert _candidates(loaded, _QUERIES) == _candidates(user_resolver, _QUERIES)
    text = "Khalifa Haftar met Fayez al-Sarraj in Misrata and then flew to Bardejov."
    assert loaded.annotate(text) == user_resolver.annotate(text)
    for tok in ("bank", "china", "haftar", "nosuchword"):
        assert loaded.index.token_df(tok) == user_resolver.index.token_df(tok)


def test_saved_default_gazetteer_answers_alike(tmp_path: Path, resolver: Resolver) -> None:
    path = tmp_path / "default.nnidx"
    resolver.save(path)
    loaded = Resolver.load(path)
    assert loaded.threshold == resolver.threshold and loaded.margin == resolver.margin
    names = [n for e in list(resolver.gazetteer)[:150] for n in e.all_names[:2]]
    names += [n.lower() + "x" for n in names[:100]] + ["Hafter", "Tripolli", "Al Sarraj", "Misurata"]
    assert _answers(loaded, names) == _answers(resolver, names)


def _rewrite(src: Path, dst: Path, change) -> None:  # type: ignore[no-untyped-def]
    with np.load(src, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    change(arrays)
    with open(dst, "wb") as fh:
        np.savez(fh, **arrays)


def test_other_format_version_is_refused(tmp_path: Path, user_resolver: Resolver) -> None:
    path = tmp_path / "a.nnidx"
    user_resolver.save(path)

    def older(arrays: dict[str, np.ndarray]) -> None:
        meta = json.loads(arrays["meta"].tobytes())
        assert meta["format"] == FORMAT
        meta["format"] = "namenorm-index-1"
        arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)

    _rewrite(path, tmp_path / "old.nnidx", older)
    with pytest.raises(IndexFormatError, match="namenorm-index-1"):
        Resolver.load(tmp_path / "old.nnidx")


def test_truncated_foreign_or_damaged_files_are_refused(tmp_path: Path, user_resolver: Resolver) -> None:
    path = tmp_path / "a.nnidx"
    user_resolver.save(path)
    data = path.read_bytes()
    for cut in (10, len(data) // 3, len(data) // 2, len(data) - 30):
        bad = tmp_path / f"cut{cut}.nnidx"
        bad.write_bytes(data[:cut])
        with pytest.raises(IndexFormatError):
            Resolver.load(bad)
    foreign = tmp_path / "foreign.nnidx"
    foreign.write_bytes(b"not an index at all\n" * 50)
    with pytest.raises(IndexFormatError):
        Resolver.load(foreign)
    np.save(tmp_path / "plain.npy", np.arange(10))
    with pytest.raises(IndexFormatError):
        Resolver.load(tmp_path / "plain.npy")
    other_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(other_zip, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(IndexFormatError):
        Resolver.load(other_zip)
    with pytest.raises(IndexFormatError):
        Resolver.load(tmp_path / "missing.nnidx")

    def drop_postings(arrays: dict[str, np.ndarray]) -> None:
        del arrays["i.post"]

    _rewrite(path, tmp_path / "nopost.nnidx", drop_postings)
    with pytest.raises(IndexFormatError):
        Resolver.load(tmp_path / "nopost.nnidx")

    def bad_offsets(arrays: dict[str, np.ndarray]) -> None:
        arrays["i.key_off"] = arrays["i.key_off"][:-3]

    _rewrite(path, tmp_path / "badoff.nnidx", bad_offsets)
    with pytest.raises(IndexFormatError):
        Resolver.load(tmp_path / "badoff.nnidx")

    def short_column(arrays: dict[str, np.ndarray]) -> None:
        arrays["a.alias_ent"] = arrays["a.alias_ent"][:-1]

    _rewrite(path, tmp_path / "short.nnidx", short_column)
    with pytest.raises(IndexFormatError):
        Resolver.load(tmp_path / "short.nnidx")


def test_save_replaces_a_file_whole(tmp_path: Path, user_resolver: Resolver) -> None:
    path = tmp_path / "a.nnidx"
    path.write_bytes(b"old contents")
    user_resolver.save(path)
    assert Resolver.load(path).gazetteer == user_resolver.gazetteer
    assert [p.name for p in tmp_path.iterdir()] == ["a.nnidx"]


def test_strings_with_separators_survive(tmp_path: Path) -> None:
    recs = [{"id": "a", "type": "place", "name": "Odd\x1fName", "aliases": ["Other\x1eName", "Third\nName"]},
            {"id": "b", "type": "place", "name": "Plain", "aliases": ["With\x00Nul"]}]
    r = Resolver(Gazetteer.from_records(recs))
    r.save(tmp_path / "odd.nnidx")
    loaded = Resolver.load(tmp_path / "odd.nnidx")
    assert loaded.gazetteer == r.gazetteer
    assert loaded.index.alias_text == r.index.alias_text


# -- workers -----------------------------------------------------------------------------------


def test_workers_give_the_same_answers_in_input_order(monkeypatch: pytest.MonkeyPatch,
                                                      user_resolver: Resolver) -> None:
    monkeypatch.setattr(resolve_mod, "PARALLEL_MIN", 10)
    rng = random.Random(5)
    names = [rng.choice(_QUERIES) + rng.choice(["", " ", "s"]) for _ in range(400)]
    serial = user_resolver.resolve_many(names)
    fresh = Resolver(user_resolver.gazetteer)
    parallel = fresh.resolve_many(names, workers=2)
    assert parallel == serial
    assert parallel == [user_resolver.resolve(n) for n in names]
    with pytest.raises(ValueError):
        user_resolver.resolve_many(names, workers=0)
    with pytest.raises(TypeError):
        user_resolver.resolve_many(["a", 3], workers=2)  # type: ignore[list-item]
