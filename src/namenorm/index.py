"""The alias index: everything derived from a gazetteer for finding candidates.

Built once per resolver from the gazetteer's names, each normalised with the same normaliser
as queries and cut into the same tokens. Candidate keys are derived from the tokens' keys
(:func:`namenorm._scoring.make_token`: tier-1 transliteration key, consonant skeleton, loose
key), so a query and an alias meet when they agree on a key:

- whole-name keys: the name glued together, as written, as tier-1 keys and as loose keys; its
  tier-1 tokens in sorted order (reordered names); and every string one deletion away from the
  glued tier-1 key (SymSpell), so a typo or a romanisation difference in any part of a name
  still finds it in one lookup;
- token keys: each name token's tier-1 key, skeleton and loose key, adjacent tokens glued
  ("al" + "mismari"), and, through the one-deletion neighbourhoods of the plain tokens, the
  tier-1 keys of the tokens one edit away.

Keys are 64-bit hashes (:func:`key_hash`) in one sorted numpy array with postings in CSR form
(offsets into one array of alias ids), so the index is a handful of flat arrays: built with
vectorised code, saved and loaded as arrays (:mod:`namenorm.store`), and looked up with one
``searchsorted`` per query. :meth:`AliasIndex.gather` turns a prepared query into candidate
aliases, best evidence first; it never scans the gazetteer.
"""

from __future__ import annotations

import re
import threading
import zlib
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, count, repeat
from operator import and_, attrgetter, eq, mul, not_
from typing import overload

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from namenorm._scoring import NameForm, TokenForm, acronym_keys, is_latin, prepare, split_tokens
from namenorm._words import COMMON_WORDS, is_ordinary
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.keys import loose_keys, skeletons, translit_keys
from namenorm.names import _CAMEL, PARTICLES, classify_tokens, match_tokens
from namenorm.names import is_caps as _is_caps

__all__ = ["AliasIndex", "ExactTable", "Probe", "Strings", "key_hash", "tokens_of"]

_POSTINGS_CAP = 1000  # a key shared by more aliases than this is too common to generate candidates
_CANDIDATES = 32  # candidates taken from the index, by evidence, for pre-ranking
_FORM_CACHE = 200_000  # prepared alias forms kept in memory
_REJECT = 0.5  # a best pre-ranking score below this: no candidate is worth scoring
_DELTA = 0.08  # finalists are within this much pre-ranking score of the best candidate
_PART = 0.9  # pre-ranking weight of a query that is one part of a longer name, or contains one
_GLUED_ARTICLE = ("al", "el")
_BUILD_CHUNK = 200_000  # aliases whose key strings are held at once while building
_MAX_KEY = 48  # longer glued keys get no deletion neighbourhood (a long name has other keys)
# Names of organisations of this many words spell an acronym, of this many letters (the scorer
# reads acronyms of two to six letters; of two or three, too many names spell each one: ISO
# codes such as "KAZ" or "UGA" would find organisations).
_SPELLED_WORDS = (2, 10)
_INITIALS_LETTERS = (4, 6)
# More aliases than this spelling one acronym: it says nothing about which.
_INITIALS_CAP = 8

# -- hashing ------------------------------------------------------------------------------------
# A polynomial hash over the key's bytes (sum of c_k * B^k mod 2^64, so trailing padding adds
# nothing and the hash of a one-deletion string follows from prefix sums), salted by the kind of
# key and passed through the splitmix64 finaliser. The same arithmetic runs on numpy arrays at
# build time and on Python ints at query time, and it does not depend on the process (unlike
# ``hash``), so saved indexes stay valid.
_MASK = (1 << 64) - 1
_BASE = 0x100000001B3
_POW_LEN = 129
_POW = [pow(_BASE, k, 1 << 64) for k in range(_POW_LEN)]
_POW_NP = np.array(_POW, dtype=np.uint64)
_M1 = 0xBF58476D1CE4E5B9
_M2 = 0x94D049BB133111EB

# Kinds of key (the salt keeps equal strings of different kinds apart).
K_GLUED, K_GLUED_T1, K_GLUED_LOOSE, K_SORTED, K_DEL, K_T1, K_SKEL, K_LOOSE, K_PLAIN_DEL, K_TOKEN, K_WORD, \
    K_INITIALS = range(1, 13)
_SALT = [(k * 0x9E3779B97F4A7C15) & _MASK for k in range(13)]


def _mix(h: int) -> int:
    h = ((h ^ (h >> 30)) * _M1) & _MASK
    h = ((h ^ (h >> 27)) * _M2) & _MASK
    return h ^ (h >> 31)


def _mix_np(h: np.ndarray) -> np.ndarray:
    h = (h ^ (h >> np.uint64(30))) * np.uint64(_M1)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(_M2)
    return h ^ (h >> np.uint64(31))


def key_hash(kind: int, key: str) -> int:
    """The 64-bit hash of a key of the given kind (as stored in the index)."""
    h = (_SALT[kind] + sum(map(mul, key.encode("utf-8", "surrogatepass"), _POW))) & _MASK
    h = ((h ^ (h >> 30)) * _M1) & _MASK
    h = ((h ^ (h >> 27)) * _M2) & _MASK
    return h ^ (h >> 31)


def _deletion_hashes(kind: int, key: str) -> list[int]:
    """Hashes of every string one deletion away from ``key`` (as :func:`key_hash` would give)."""
    b = key.encode("utf-8", "surrogatepass")
    pre = [0, *accumulate(map(mul, b, _POW))]  # pre[i] = sum_{k<i} c_k B^k
    sh = [0, 0, *accumulate(map(mul, b[1:], _POW))]  # sh[i] = sum_{1<=k<i} c_k B^(k-1)
    base = _SALT[kind] + sh[-1]
    out = []
    for i in range(len(b)):
        h = (base + pre[i] - sh[i + 1]) & _MASK
        h = ((h ^ (h >> 30)) * _M1) & _MASK
        h = ((h ^ (h >> 27)) * _M2) & _MASK
        out.append(h ^ (h >> 31))
    return out


def _flat_bytes(keys: Sequence[str]) -> tuple[bytes, np.ndarray]:
    """Keys as one block of their UTF-8 bytes, one after the other, and the offsets of each."""
    joined = "".join(keys)
    if joined.isascii():
        data = joined.encode("ascii")
        lens = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    else:
        enc = [k.encode("utf-8", "surrogatepass") for k in keys]
        data = b"".join(enc)
        lens = np.fromiter(map(len, enc), dtype=np.int64, count=len(enc))
    off = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lens, out=off[1:])
    return data, off


def _flat(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_flat_bytes` as an array of bytes."""
    data, off = _flat_bytes(keys)
    return np.frombuffer(data, dtype=np.uint8), off


def _columns(off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For flat bytes with row offsets ``off``: each byte's row and its position in the row."""
    lens = np.diff(off)
    rows = np.repeat(np.arange(len(lens), dtype=np.int64), lens)
    cols = np.arange(int(off[-1]), dtype=np.int64) - np.repeat(off[:-1], lens)
    return rows, cols


def _cols(off: np.ndarray) -> np.ndarray:
    """The positions in their rows of :func:`_columns` alone."""
    return np.arange(int(off[-1]), dtype=np.int64) - np.repeat(off[:-1], np.diff(off))


def _row_sums(values: np.ndarray, off: np.ndarray) -> np.ndarray:
    """Sum of ``values`` (uint64, wrapping) over each row of ``off``; 0 for an empty row."""
    n = len(off) - 1
    out = np.zeros(n, dtype=np.uint64)
    if not len(values):
        return out
    cum = np.empty(len(values) + 1, dtype=np.uint64)
    cum[0] = 0
    np.cumsum(values, dtype=np.uint64, out=cum[1:])
    return cum[off[1:]] - cum[off[:-1]]


def _hash_flat(kind: int, data: np.ndarray, off: np.ndarray) -> np.ndarray:
    """:func:`key_hash` of each row of flat bytes (only the first ``_POW_LEN`` bytes count)."""
    return _mix_np(np.uint64(_SALT[kind]) + _hash_sums(data, off))


def _hash_sums(data: np.ndarray, off: np.ndarray) -> np.ndarray:
    """The unsalted, unmixed part of :func:`_hash_flat`: the sum of ``c_k * B^k`` of each row."""
    cols = _cols(off)
    if len(cols) and int((off[1:] - off[:-1]).max()) > _POW_LEN:
        terms = data.astype(np.uint64) * _POW_NP[np.minimum(cols, _POW_LEN - 1)]
        terms[cols >= _POW_LEN] = 0
    else:  # no row is longer than the powers
        terms = data.astype(np.uint64) * _POW_NP[cols]
    return _row_sums(terms, off)


def _deletion_hashes_flat(kind: int, data: np.ndarray, off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_deletion_hashes` of each row of flat bytes (rows of at most ``_POW_LEN`` bytes):
    (hashes, row each came from), one per byte, rows in order.

    Deleting byte ``i`` of a row leaves ``sum_{k<i} c_k B^k + sum_{k>i} c_k B^(k-1)``: the
    prefix sums of the plain and of the shifted terms within the row give every one at once.
    """
    rows, cols = _columns(off)
    lens = np.diff(off)
    starts = off[:-1][lens > 0]
    lens = lens[lens > 0]
    c = data.astype(np.uint64)
    plain = c * _POW_NP[cols]  # c_k B^k
    np.subtract(cols, 1, out=cols)
    np.maximum(cols, 0, out=cols)
    shifted = c * _POW_NP[cols]  # c_k B^(k-1), zero for the first byte of a row
    del c, cols
    shifted[starts] = 0
    # h = salt + (plain terms before i) + (shifted terms of the whole row) - (shifted terms up to i)
    h = np.cumsum(plain, dtype=np.uint64)
    h -= plain  # exclusive prefix sums of the plain terms
    h -= np.repeat(h[starts], lens)
    del plain
    sh = np.cumsum(shifted, dtype=np.uint64)  # inclusive prefix sums of the shifted terms
    ends = starts + lens - 1
    row_total = sh[ends] - sh[starts] + shifted[starts]
    base = sh[starts] - shifted[starts]
    sh -= np.repeat(base, lens)  # within the row
    h -= sh
    del sh, shifted
    h += np.repeat(row_total, lens)
    h += np.uint64(_SALT[kind])
    return _mix_np(h), rows


def _hash_np(kind: int, keys: Sequence[str]) -> np.ndarray:
    """:func:`key_hash` of many keys at once."""
    return _hash_flat(kind, *_flat(keys))


def _deletion_hashes_np(kind: int, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_deletion_hashes` of many keys at once: (hashes, row of the key each came from)."""
    return _deletion_hashes_flat(kind, *_flat(keys))


def _compose(occ_row: np.ndarray, occ_tok: np.ndarray, n_rows: int, data: np.ndarray, off: np.ndarray, *,
             glue: bool = False, sep: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Keys made of token keys, all at once, as flat bytes with row offsets.

    Row ``r`` is the keys ``occ_tok`` of the occurrences with ``occ_row == r`` (occurrences
    sorted by row, in order within a row; token ``t``'s key is ``data[off[t]:off[t + 1]]``),
    joined by the byte ``sep`` if given, else glued as :func:`_glue` glues them.
    """
    n_occ = len(occ_tok)
    lens = (off[1:] - off[:-1])[occ_tok]
    starts = off[:-1][occ_tok]
    first = np.ones(n_occ, dtype=bool)
    first[1:] = occ_row[1:] != occ_row[:-1]
    skip = np.zeros(n_occ, dtype=np.int64)
    if glue and n_occ:
        # a letter that ends the previous non-empty key of the row and starts this one is
        # written once
        nonempty = lens > 0
        last = np.maximum.accumulate(np.where(nonempty, np.arange(n_occ), -1))
        prev = np.concatenate(([-1], last[:-1]))
        ok = nonempty & (prev >= 0)
        ok[ok] = occ_row[prev[ok]] == occ_row[ok]
        p = prev[ok]
        same = data[starts[p] + lens[p] - 1] == data[starts[ok]]
        skip[np.flatnonzero(ok)[same]] = 1
    extra = (~first).astype(np.int64) if sep else np.zeros(n_occ, dtype=np.int64)
    contrib = lens - skip + extra
    occ_off = np.zeros(n_occ + 1, dtype=np.int64)
    np.cumsum(contrib, out=occ_off[1:])
    row_len = np.bincount(occ_row, weights=contrib, minlength=n_rows).astype(np.int64) if n_occ \
        else np.zeros(n_rows, dtype=np.int64)
    row_off = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(row_len, out=row_off[1:])
    occ_of, k = _columns(occ_off)
    src = starts[occ_of] + skip[occ_of] + k - extra[occ_of]
    if sep:
        is_sep = (k == 0) & (extra[occ_of] == 1)
        out = data[np.where(is_sep, 0, src)] if len(data) else np.zeros(len(src), dtype=np.uint8)
        out[is_sep] = sep
    else:
        out = data[src]
    return out, row_off


def _select(data: np.ndarray, off: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows ``rows`` (sorted) of flat bytes with offsets ``off``."""
    lens = np.diff(off)[rows]
    new_off = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lens, out=new_off[1:])
    cols = _cols(new_off)
    return data[np.repeat(off[:-1][rows], lens) + cols], new_off


# -- key derivation (the same for aliases and queries) -------------------------------------------

def _glue(keys: Iterable[str]) -> str:
    """Keys of consecutive tokens joined into one key of the whole: a letter that ends one key
    and starts the next is written once, as inside a key (no key holds a run of one letter)."""
    out = ""
    for k in keys:
        if out and k and out[-1] == k[0]:
            out += k[1:]
        else:
            out += k
    return out


#: Tokens split at case changes ("KhalifaHaftar"), or None (the scorer's splitter).
tokens_of = split_tokens


def token_keys(words: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Tier-1 keys, skeletons and loose keys of many normalised tokens (as
    :func:`namenorm.keys.translit_key`, :func:`~namenorm.keys.skeleton` and
    :func:`~namenorm.keys.loose_key` give them one by one), each computed in a few passes over
    all the tokens at once (:func:`~namenorm.keys.translit_keys` and the like)."""
    t1s = translit_keys(words)
    return t1s, skeletons(t1s), loose_keys(words)


def _match(tokens: list[str]) -> list[str]:
    """The scorer's match tokens of a gazetteer name (no titles; ``Abd al-`` compounds joined)."""
    if any(t.startswith("abd") for t in tokens):
        return list(match_tokens(classify_tokens(tokens, titles=False)))
    return tokens


@dataclass(frozen=True, slots=True)
class Probe:
    """A prepared query's key hashes, with the weight of the evidence each one gives."""

    hashes: np.ndarray  # uint64, one per key looked up
    weights: tuple[float, ...]
    neighbours: np.ndarray  # uint64 hashes of the plain tokens' one-deletion neighbourhoods
    own_t1: np.ndarray  # uint64 hashes of the query's own token tier-1 keys (not neighbours)


# -- the index -------------------------------------------------------------------------------------


class AliasIndex:
    """Everything derived from a gazetteer for resolving. Immutable once built.

    Members read by the mention finder: ``entities``, ``entity_pos``, ``ambiguous``,
    ``alias_text``, ``alias_norm``, ``alias_ent``, ``alias_weak``, ``alias_caps``,
    ``alias_acronym``, ``alias_written`` (sequences indexed by alias id) and :meth:`indexed`. The columns of
    strings are :class:`Strings` (one block of bytes, each string decoded when read), the
    exact lookups :class:`ExactTable` (flat arrays), so that a saved index loads as arrays.
    """

    entities: Sequence[Entity]
    ambiguous: frozenset[str]
    alias_text: Strings
    alias_norm: Strings
    alias_key: Strings  # space-separated tier-1 keys of the alias's tokens
    alias_ent: list[int]
    alias_weak: list[bool]
    alias_caps: list[bool]  # all-capitals acronym that is also a common word
    alias_acronym: list[bool]  # short all-capitals alias: matched exactly only
    alias_written: list[bool]  # non-Latin name romanised to ordinary words: matched as written only
    written_only: frozenset[int]  # the aliases of alias_written
    raw: ExactTable  # alias as written -> alias id, or -1 - group in ``dup_ids``
    exact: ExactTable  # normal form -> alias id, or -1 - group
    exact_owner: memoryview  # alias id -> entity; -1 weak, -2 - entity capitals-only word
    dup_off: np.ndarray
    dup_ids: np.ndarray
    key_bits: np.ndarray  # [b]: key_h holds key hashes shifted right by b bits (see _pack)
    key_h: np.ndarray  # sorted distinct key hashes, shifted (uint64)
    key_off: np.ndarray  # postings of key i: post[key_off[i]:key_off[i + 1]] (alias ids)
    post: np.ndarray
    nb_bits: np.ndarray  # [b]: nb_h holds hashes shifted right by b bits
    nb_h: np.ndarray  # sorted hashes of plain-token deletions, shifted (uint64)
    nb_off: np.ndarray
    nb_key: np.ndarray  # -> positions in key_h of the plain tokens they come from (K_WORD keys)
    tok_h: np.ndarray  # sorted hashes of normalised tokens (uint64)
    tok_df: np.ndarray  # how many aliases contain each

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.entities = list(gazetteer)
        self._entity_pos: dict[str, int] | None = dict(zip(map(_ID, self.entities), count()))
        self._entity_ids: Sequence[str] = ()
        self.ambiguous = gazetteer.ambiguous
        self._forms: dict[int, NameForm] = {}
        self._df_memo: dict[str, int] = {}
        self._tok_find: HashFinder | None = None  # made on first use
        self._tok_memo: dict[str, tuple[str, str, str, list[int], list[float], list[int]]] = {}
        self._build(gazetteer._take_normal_forms())

    @property
    def entity_pos(self) -> dict[str, int]:
        """Entity id -> position in ``entities`` (made on first use for a loaded index)."""
        pos = self._entity_pos
        if pos is None:
            pos = self._entity_pos = {e: k for k, e in enumerate(self._entity_ids)}
        return pos

    # -- build ----------------------------------------------------------------------------------

    def _build(self, all_norms: list[str]) -> None:
        # Aliases: the distinct normal forms of each entity's names (strong ones first), each
        # normalised once, by the gazetteer's validation.
        # Entity by entity, as lists of names and of their forms; an entity whose forms are all
        # distinct and non-empty (the rule: no two names alike) keeps them all.
        names_of: list[Sequence[str]] = list(map(_all_names, self.entities))
        sizes = list(map(len, names_of))
        strong = [1 + len(e.aliases) for e in self.entities]
        # (an entity's exact aliases come last: the names from this position on)
        exact_from = [1 + len(e.aliases) + len(e.weak_aliases) for e in self.entities]
        any_exact = any(e.exact_aliases for e in self.entities)
        bounds = [0, *accumulate(sizes)]
        forms_of: list[list[str]] = list(map(all_norms.__getitem__, map(slice, bounds[:-1], bounds[1:])))
        del all_norms, bounds
        clean = map(and_, map(eq, map(len, map(set, forms_of)), sizes), map(all, forms_of))
        for e in compress(range(len(sizes)), map(not_, clean)):
            # the first name of each non-empty form
            mine, seen, keep = forms_of[e], set(), []
            for j, norm in enumerate(mine):
                if norm and norm not in seen:
                    seen.add(norm)
                    keep.append(j)
            names = names_of[e]
            names_of[e] = [names[j] for j in keep]
            forms_of[e] = [mine[j] for j in keep]
            sizes[e] = len(keep)
            strong[e] = bisect_left(keep, strong[e])
            exact_from[e] = bisect_left(keep, exact_from[e])
        text = list(chain.from_iterable(names_of))
        norms = list(chain.from_iterable(forms_of))
        del names_of, forms_of
        n_alias = len(text)
        per_ent = np.array(sizes, dtype=np.int64)
        self.alias_ent = np.repeat(np.arange(len(sizes), dtype=np.int64), per_ent).tolist()
        starts = np.concatenate(([0], np.cumsum(per_ent)[:-1]))  # each entity's first alias
        weak = np.ones(n_alias, dtype=bool)  # strong names first in each entity
        weak[_ranges(starts, np.array(strong, dtype=np.int64))] = False
        exact = np.zeros(n_alias, dtype=bool)
        if any_exact:
            exact_start = starts + np.array(exact_from, dtype=np.int64)
            exact[_ranges(exact_start, np.maximum(starts + per_ent - exact_start, 0))] = True
            weak[exact] = False  # an exact alias is a strong name, asked for as it is
        self.alias_weak = weak.tolist()
        del per_ent, starts, weak, sizes, strong, exact_from
        self.alias_caps = [False] * n_alias
        self.alias_acronym = [False] * n_alias
        for a in _caps_rows(text):
            n = norms[a]
            self.alias_caps[a] = n.replace(" ", "") in COMMON_WORDS
            self.alias_acronym[a] = " " not in n and len(n) <= 6
        # A name in a script other than Latin whose romanisation is ordinary English words
        # (Chinese "阿曼", Oman, is "a man"; "也门", Yemen, "ye men"; Japanese "トーゴ", Togo,
        # "to go"), or an acronym another name is written as in capitals (Arabic "صنعاء",
        # Sanaa, is "sna", the Syrian National Army's SNA), is that name only as written: the
        # words "a man" are not Oman, nor SNA Sanaa.
        acronyms = set(compress(norms, self.alias_acronym))
        self.alias_written = [not t.isascii() and not is_latin(t) and (is_ordinary(norms[a]) or norms[a] in acronyms)
                              for a, t in enumerate(text)]
        # An exact alias is matched only as it is written, too (see Entity.exact_aliases).
        for a in np.flatnonzero(exact).tolist():
            self.alias_written[a] = True
        del exact

        # Tokens: the words of the normal form, except for the few aliases that the scorer
        # splits at case changes ("KhalifaHaftar") or whose "Abd al-" compounds it joins.
        counts = [n.count(" ") + 1 for n in norms]
        words_all = " ".join(norms).split(" ")
        special = sorted(set(_camel_rows(text)) | set(_rows_holding(norms, "abd")))
        extra_df: dict[str, int] = {}  # plain tokens the scorer's tokens of an alias leave out
        if special:
            bounds = [0, *accumulate(counts)]
            pieces: list[list[str]] = []
            done = 0
            for a in special:
                split = split_tokens(text[a], norms[a])
                toks = _match(split if split is not None else norms[a].split())
                if " " in norms[a] or len(toks) != 1:
                    for t in set(norms[a].split()).difference(toks):
                        extra_df[t] = extra_df.get(t, 0) + 1
                pieces.append(words_all[bounds[done]:bounds[a]])
                pieces.append(toks)
                counts[a] = len(toks)
                done = a + 1
            pieces.append(words_all[bounds[done]:])
            words_all = [w for p in pieces for w in p]
            del pieces, bounds
        # each distinct word numbered on its first occurrence
        vocab: defaultdict[str, int] = defaultdict(count().__next__)
        occ_tok = np.fromiter(map(vocab.__getitem__, words_all), dtype=np.int64, count=len(words_all))
        vocab.default_factory = None
        words = list(vocab)
        del words_all
        row_n = np.array(counts, dtype=np.int64)
        del counts
        occ_row = np.repeat(np.arange(n_alias, dtype=np.int64), row_n)
        row_start = np.zeros(n_alias + 1, dtype=np.int64)
        np.cumsum(row_n, out=row_start[1:])
        occ_pos = np.arange(len(occ_tok), dtype=np.int64) - row_start[:-1][occ_row]

        # Keys of every distinct token, computed in a few passes over all of them at once.
        t1s, skels, looses = token_keys(words)
        w_data, w_off = _flat(words)
        t_data, t_off = _flat(t1s)
        l_data, l_off = _flat(looses)
        s_data, s_off = _flat(skels)
        sum_word = _hash_sums(w_data, w_off)  # (the words' hashes of three kinds follow from it)
        h_word = _mix_np(np.uint64(_SALT[K_WORD]) + sum_word)
        h_t1 = _hash_flat(K_T1, t_data, t_off)
        h_skel = _hash_flat(K_SKEL, s_data, s_off)
        del s_data
        h_loose = _hash_flat(K_LOOSE, l_data, l_off)
        particle = np.fromiter(map(PARTICLES.__contains__, words), dtype=bool, count=len(words))
        # order of the tier-1 keys as strings (ASCII: byte order is code point order; equal
        # keys may take either order, their sorted join is the same)
        t1_rank = np.empty(len(t1s), dtype=np.int64)
        t1_rank[np.argsort(np.array(t1s, dtype=np.bytes_), kind="stable")] = np.arange(len(t1s))
        del skels

        # Space-separated tier-1 keys of each alias's tokens (read by the pre-ranking).
        key_data, key_off = _compose(occ_row, occ_tok, n_alias, t_data, t_off, sep=32)
        enc_text = list(map(str.encode, text, repeat("utf-8"), repeat("surrogatepass")))
        self.alias_text = Strings.of_encoded(enc_text)
        crc_text = np.fromiter(map(zlib.crc32, enc_text), dtype=np.uint32, count=n_alias)
        del enc_text
        enc_norm = list(map(str.encode, norms, repeat("ascii")))  # normal forms are ASCII
        self.alias_norm = Strings.of_encoded(enc_norm)
        crc_norm = np.fromiter(map(zlib.crc32, enc_norm), dtype=np.uint32, count=n_alias)
        del enc_norm
        self.alias_key = Strings(key_data.tobytes(), key_off)
        del key_data, key_off
        self.raw, self.exact, self.dup_off, self.dup_ids = _exact_tables(
            ((self.alias_text, crc_text), (self.alias_norm, crc_norm)))
        spelled, spelled_ids = _spelled_initials(self.alias_ent, text, norms, self.entities)
        del text, norms, crc_text, crc_norm

        # The parts of a name that vote: particles vote only as the last token or alone.
        last = occ_pos == row_n[occ_row] - 1
        kept = (row_n[occ_row] < 2) | last | ~particle[occ_tok]
        n_kept = np.bincount(occ_row[kept], minlength=n_alias)
        df = np.bincount(_distinct(occ_row * len(words) + occ_tok) % max(len(words), 1),
                         minlength=len(words)) if len(words) else np.zeros(0, np.int64)

        # Postings, each a key hash packed with the alias id into one uint64 (see _pack).
        alias_bits = max(n_alias.bit_length(), 1)
        packed: list[np.ndarray] = []

        def post(hashes: np.ndarray, ids: np.ndarray) -> None:
            packed.append(_pack(hashes, ids, alias_bits))

        k_row, k_tok = occ_row[kept], occ_tok[kept]
        post(h_word[k_tok], k_row)
        post(h_t1[k_tok], k_row)
        ok = (s_off[1:] - s_off[:-1])[k_tok] >= 3
        post(h_skel[k_tok[ok]], k_row[ok])
        ok = (l_off[1:] - l_off[:-1])[k_tok] >= 3
        post(h_loose[k_tok[ok]], k_row[ok])
        # adjacent tokens glued: "al" + "mismari"
        pair = np.flatnonzero(~last)
        pair_rows = np.repeat(np.arange(len(pair), dtype=np.int64), 2)
        pair_toks = np.stack((occ_tok[pair], occ_tok[pair + 1]), axis=1).ravel()
        for lo in range(0, len(pair), _BUILD_CHUNK):
            hi = min(lo + _BUILD_CHUNK, len(pair))
            d, o = _compose(pair_rows[2 * lo:2 * hi] - lo, pair_toks[2 * lo:2 * hi], hi - lo, t_data, t_off,
                            glue=True)
            post(_hash_flat(K_T1, d, o), occ_row[pair[lo:hi]])
        del pair, pair_rows, pair_toks

        # Keys of the whole name, in chunks of aliases (bounded memory).
        for lo in range(0, n_alias, _BUILD_CHUNK):
            hi = min(lo + _BUILD_CHUNK, n_alias)
            o_lo, o_hi = int(row_start[lo]), int(row_start[hi])
            c_row, c_tok, c_kept = occ_row[o_lo:o_hi] - lo, occ_tok[o_lo:o_hi], kept[o_lo:o_hi]
            r_ids = np.arange(lo, hi, dtype=np.int64)
            kr, kt = c_row[c_kept], c_tok[c_kept]
            d, o = _compose(kr, kt, hi - lo, w_data, w_off)
            post(_hash_flat(K_GLUED, d, o), r_ids)
            dropped = np.flatnonzero(n_kept[lo:hi] < row_n[lo:hi])
            if len(dropped):
                d, o = _compose(c_row, c_tok, hi - lo, w_data, w_off)
                d, o = _select(d, o, dropped)
                post(_hash_flat(K_GLUED, d, o), r_ids[dropped])
            d, o = _compose(kr, kt, hi - lo, t_data, t_off, glue=True)
            post(_hash_flat(K_GLUED_T1, d, o), r_ids)
            lens = np.diff(o)
            rows = np.flatnonzero((lens >= 3) & (lens <= _MAX_KEY))
            d, o = _select(d, o, rows)
            h_del, r_del = _deletion_hashes_flat(K_GLUED_T1, d, o)
            post(h_del, r_ids[rows][r_del])
            d, o = _compose(kr, kt, hi - lo, l_data, l_off, glue=True)
            rows = np.flatnonzero(np.diff(o) >= 3)
            d, o = _select(d, o, rows)
            post(_hash_flat(K_GLUED_LOOSE, d, o), r_ids[rows])
            order = np.lexsort((t1_rank[kt], kr))
            d, o = _compose(kr[order], kt[order], hi - lo, t_data, t_off, sep=32)
            rows = np.flatnonzero(n_kept[lo:hi] > 1)
            d, o = _select(d, o, rows)
            post(_hash_flat(K_SORTED, d, o), r_ids[rows])
            del d, o, c_row, c_tok, c_kept, kr, kt
        del occ_row, occ_tok, occ_pos, kept, last
        if spelled:
            post(_hash_np(K_INITIALS, spelled), np.array(spelled_ids, dtype=np.int64))
        del spelled, spelled_ids
        self.key_bits = np.array([alias_bits], dtype=np.int64)
        self.key_h, self.key_off, self.post = _csr(packed, alias_bits)
        del packed

        # Plain-token neighbourhoods (SymSpell, one deletion) -> the aliases holding the token.
        w_len = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        long_rows = np.flatnonzero((w_len >= 4) & (w_len <= _MAX_KEY))
        w_t1 = h_word[long_rows] >> np.uint64(alias_bits)
        w_pos = _lookup(self.key_h, w_t1) if len(self.key_h) else np.full(len(w_t1), -1)
        w_pos = np.where(w_pos < 0, len(self.key_h), w_pos).astype(np.uint64)  # absent: past the end
        key_bits = max(len(self.key_h).bit_length(), 1)
        nb = [_pack(_mix_np(np.uint64(_SALT[K_PLAIN_DEL]) + sum_word[long_rows]), w_pos, key_bits)]
        for lo in range(0, len(long_rows), _BUILD_CHUNK):
            h_del, rows = _deletion_hashes_flat(K_PLAIN_DEL, *_select(w_data, w_off, long_rows[lo:lo + _BUILD_CHUNK]))
            nb.append(_pack(h_del, w_pos[lo + rows], key_bits))
            del h_del, rows
        del w_data, w_off, long_rows, w_len
        self.nb_bits = np.array([key_bits], dtype=np.int64)
        self.nb_h, self.nb_off, nb_key = _csr(nb, key_bits)
        self.nb_key = np.where(nb_key >= len(self.key_h), -1, nb_key).astype(np.int32)
        self._shifts()

        # Document frequency of every token: the scorer's match tokens and the plain ones.
        names_df = words + [t for t in extra_df if t not in vocab]
        counts_df = np.concatenate([df, np.array([extra_df[t] for t in names_df[len(words):]], dtype=np.int64)])
        for t, c in extra_df.items():
            if t in vocab:
                counts_df[vocab[t]] += c
        th = np.concatenate((_mix_np(np.uint64(_SALT[K_TOKEN]) + sum_word), _hash_np(K_TOKEN, names_df[len(words):])))
        order = np.argsort(th, kind="stable")
        self.tok_h = th[order]
        self.tok_df = counts_df[order].astype(np.int32)

    def _shifts(self) -> None:
        # the stored hashes keep their top bits only (see _pack)
        self._kshift = np.uint64(int(self.key_bits[0]))
        self._nshift = np.uint64(int(self.nb_bits[0]))
        self._key_find = HashFinder(self.key_h)
        self._nb_find = HashFinder(self.nb_h)
        self._nb_offv = np.ascontiguousarray(self.nb_off).data
        self._nb_keyv = np.ascontiguousarray(self.nb_key).data
        # For the exact-hit path, one array in place of three lists: the entity of each
        # alias, -1 for a weak alias, -2 - entity for one in capitals that is also a word.
        owner = np.array(self.alias_ent, dtype=np.int32)
        owner[np.array(self.alias_weak, dtype=bool)] = -1
        caps = np.array(self.alias_caps, dtype=bool) & (owner >= 0)
        owner[caps] = -2 - owner[caps]
        written = np.array(self.alias_written, dtype=bool)
        owner[written] = -1
        self.exact_owner = np.ascontiguousarray(owner).data
        self.written_only = frozenset(np.flatnonzero(written).tolist())

    # -- save / load support -----------------------------------------------------------------------

    _ARRAYS = ("dup_off", "dup_ids", "key_bits", "key_h", "key_off", "post", "nb_bits", "nb_h", "nb_off", "nb_key",
               "tok_h", "tok_df")
    _STRINGS = ("alias_text", "alias_norm", "alias_key")
    _FLAGS = ("alias_ent", "alias_weak", "alias_caps", "alias_acronym", "alias_written")
    _TABLES = ("raw", "exact")

    @classmethod
    def _restore(cls, entities: Sequence[Entity], ids: Sequence[str], ambiguous: frozenset[str],
                 columns: dict[str, Strings], flags: dict[str, np.ndarray],
                 tables: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]],
                 arrays: dict[str, np.ndarray]) -> AliasIndex:
        """An index from saved parts (see :mod:`namenorm.store`); no key is recomputed and no
        string decoded. ``entities`` may be a sequence that reads each entity on first use;
        ``ids`` are their ids (read when ``entity_pos`` is first used)."""
        idx = cls.__new__(cls)
        idx.entities = entities
        idx._entity_pos = None
        idx._entity_ids = ids
        idx.ambiguous = ambiguous
        for name in cls._STRINGS:
            setattr(idx, name, columns[name])
        idx.alias_ent = flags["alias_ent"].tolist()
        for name in cls._FLAGS[1:]:
            setattr(idx, name, flags[name].astype(bool).tolist())
        for name in cls._ARRAYS:
            setattr(idx, name, arrays[name])
        idx._shifts()
        idx.raw = ExactTable(idx.alias_text, *tables["raw"])
        idx.exact = ExactTable(idx.alias_norm, *tables["exact"])
        idx._forms = {}
        idx._df_memo = {}
        idx._tok_find = None
        idx._tok_memo = {}
        return idx

    def _parts(self) -> tuple[dict[str, Strings], dict[str, np.ndarray],
                              dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]], dict[str, np.ndarray]]:
        """What :mod:`namenorm.store` writes: columns of strings, flag columns, exact tables and
        the index's arrays."""
        columns = {name: getattr(self, name) for name in self._STRINGS}
        flags = {"alias_ent": np.array(self.alias_ent, dtype=np.int32),
                 **{name: np.array(getattr(self, name), dtype=bool) for name in self._FLAGS[1:]}}
        tables = {"raw": self.raw.arrays(), "exact": self.exact.arrays()}
        return columns, flags, tables, {name: getattr(self, name) for name in self._ARRAYS}

    # -- query side -------------------------------------------------------------------------------

    @property
    def n_aliases(self) -> int:
        """Number of aliases in the index (distinct normal forms per entity)."""
        return len(self.alias_text)

    def token_df(self, token: str) -> int:
        """How many aliases contain the normalised token ``token`` (0 for an unknown one)."""
        df = self._df_memo.get(token)
        if df is None:
            df = 0
            if token.isascii():
                finder = self._tok_find
                if finder is None:
                    finder = self._tok_find = HashFinder(self.tok_h)
                (pos,) = finder.positions([key_hash(K_TOKEN, token)])
                if pos >= 0:
                    df = int(self.tok_df[pos])
            if len(self._df_memo) < 100_000:
                self._df_memo[token] = df
        return df

    def by_initials(self, acronym: str) -> list[int]:
        """The aliases of organisations whose initials spell the normalised ``acronym`` (see
        :func:`_spelled_initials`); empty when none do, or more than ``_INITIALS_CAP`` do."""
        if not len(self.key_h) or not _INITIALS_LETTERS[0] <= len(acronym) <= _INITIALS_LETTERS[1]:
            return []
        (p,) = self._key_find.positions([key_hash(K_INITIALS, acronym) >> int(self._kshift)])
        if p < 0:
            return []
        lo, hi = int(self.key_off[p]), int(self.key_off[p + 1])
        return self.post[lo:hi].tolist() if hi - lo <= _INITIALS_CAP else []

    def ids(self, table: ExactTable, key: str) -> list[int]:
        """The alias ids under ``key`` in ``raw`` or ``exact`` (empty if none)."""
        v = table.get(key)
        if v is None:
            return []
        if v >= 0:
            return [v]
        g = -1 - v
        return self.dup_ids[self.dup_off[g]:self.dup_off[g + 1]].tolist()

    def form(self, a: int) -> NameForm:
        """The prepared form of alias ``a`` (memoised; bounded for very large gazetteers)."""
        f = self._forms.get(a)
        if f is None:
            text = self.alias_text[a]
            norm = self.alias_norm[a]
            f = prepare(text, family=self.entities[self.alias_ent[a]].family, titles=False, norm=norm)
            if len(self._forms) < _FORM_CACHE:
                self._forms[a] = f
        return f

    def indexed(self, tok: TokenForm) -> bool:
        """Some alias shares a key with this token, or a plain token one edit away from it."""
        if not len(self.key_h):
            return False
        t1, skel, loose, _, _, nb = self._token_keys(tok)
        ks, ns = int(self._kshift), int(self._nshift)
        probe = [key_hash(K_T1, t1) >> ks, key_hash(K_LOOSE, loose) >> ks, key_hash(K_SKEL, skel) >> ks]
        if max(self._key_find.positions(probe)) >= 0:
            return True
        if not nb or not len(self.nb_h):
            return False
        return max(self._nb_find.positions([h >> ns for h in nb])) >= 0

    def _token_keys(self, tok: TokenForm) -> tuple[str, str, str, list[int], list[float], list[int]]:
        """One query token's keys (tier-1, skeleton, loose: those of its prepared form), the
        hashes and weights of the token keys it looks up, and the hashes of its plain
        one-deletion strings (memoised)."""
        text = tok.text
        got = self._tok_memo.get(text)
        if got is None:
            t1, skel, loose = tok.t1, tok.skel, tok.loose
            hashes = [key_hash(K_T1, t1), key_hash(K_WORD, text), key_hash(K_SKEL, skel), key_hash(K_LOOSE, loose)]
            weights = [1.0, 0.5, 0.6, 0.5]
            if len(text) < 4 and len(t1) >= 3:
                hashes.append(key_hash(K_T1, t1 + "a"))
                weights.append(0.4)
            nb = [key_hash(K_PLAIN_DEL, text), *_deletion_hashes(K_PLAIN_DEL, text)] \
                if 4 <= len(text) <= _MAX_KEY else []
            got = (t1, skel, loose, hashes, weights, nb)
            if len(self._tok_memo) < _FORM_CACHE:
                self._tok_memo[text] = got
        return got

    def probe(self, form: NameForm) -> Probe:
        """The keys of a prepared query (the same keys as the aliases'), hashed, with the weight
        of the evidence each one gives."""
        toks = [t.text for t in form.tokens]
        if not toks:
            empty = np.zeros(0, np.uint64)
            return Probe(empty, (), empty, empty)
        tk = [self._token_keys(t) for t in form.tokens]
        n = len(toks)
        keep = [i for i in range(n) if n < 2 or i == n - 1 or toks[i] not in PARTICLES]
        glued = "".join([toks[i] for i in keep])
        hashes = [key_hash(K_GLUED, glued)]
        weights = [4.0]
        if len(keep) < n:
            hashes.append(key_hash(K_GLUED, "".join(toks)))
            weights.append(4.0)
        gt1 = _glue([tk[i][0] for i in keep])
        hashes.append(key_hash(K_GLUED_T1, gt1))
        weights.append(3.0)
        gl = _glue([tk[i][2] for i in keep])
        if len(gl) >= 3:
            hashes.append(key_hash(K_GLUED_LOOSE, gl))
            weights.append(2.0)
        if len(keep) > 1:
            hashes.append(key_hash(K_SORTED, " ".join(sorted([tk[i][0] for i in keep]))))
            weights.append(3.0)
        if 3 <= len(gt1) <= _MAX_KEY:
            # one deletion from the query meets the aliases' glued keys and their deletions
            dels = _deletion_hashes(K_GLUED_T1, gt1)
            hashes.extend(dels)
            weights.extend([2.0] * len(dels))
        own: list[int] = []
        nb: list[int] = []
        for i in keep:
            _, _, _, th, tw, tn = tk[i]
            own.append(th[0])
            hashes.extend(th)
            weights.extend(tw)
            nb.extend(tn)
        for i in range(n - 1):
            hashes.append(key_hash(K_T1, _glue((tk[i][0], tk[i + 1][0]))))
            weights.append(1.0)
        return Probe(np.array(hashes, dtype=np.uint64), tuple(weights), np.array(nb, dtype=np.uint64),
                     np.array(own, dtype=np.uint64))

    def gather(self, form: NameForm, *, limit: int = _CANDIDATES) -> list[int]:
        """Candidate alias ids for a prepared query, best evidence first (at most ``limit``).

        Each key the query shares with aliases votes for them with its weight, divided by a
        slowly growing function of how many aliases share it; keys shared by more than
        ``_POSTINGS_CAP`` aliases do not vote. Ties keep the order in which evidence arrived.
        """
        pr = self.probe(form)
        key_h = self.key_h
        if not len(pr.hashes) or not len(key_h):
            return []
        found = self._key_find.positions((pr.hashes >> self._kshift).tolist())
        own = set(pr.own_t1.tolist())
        keys: dict[int, float] = {}  # key position -> weight, in the order the query lists them
        own_pos: set[int] = set()
        for p, w, h in zip(found, pr.weights, pr.hashes.tolist()):
            if p >= 0:
                if p not in keys:
                    keys[p] = w
                if h in own:
                    own_pos.add(p)
        if len(pr.neighbours) and len(self.nb_h):
            hits = [p for p in self._nb_find.positions((pr.neighbours >> self._nshift).tolist()) if p >= 0]
            if hits:
                # (a few short runs: read in Python, cheaper than numpy calls on tiny arrays)
                off, nb_key = self._nb_offv, self._nb_keyv
                runs: list[int] = []
                for h in hits:
                    runs += nb_key[off[h]:off[h + 1]].tolist()
                for p in set(runs):
                    if p >= 0 and p not in keys and p not in own_pos:
                        keys[p] = 0.8
        if not keys:
            return []
        pos = np.fromiter(keys, dtype=np.int64, count=len(keys))
        weights = np.fromiter(keys.values(), dtype=np.float64, count=len(keys))
        starts = self.key_off[pos]
        sizes = self.key_off[pos + 1] - starts
        keep = sizes <= _POSTINGS_CAP
        if not keep.all():
            starts, sizes, weights = starts[keep], sizes[keep], weights[keep]
            if not len(sizes):
                return []
        if len(sizes) == 1:
            return self.post[int(starts[0]):int(starts[0]) + min(int(sizes[0]), limit)].tolist()
        ids = self.post[_ranges(starts, sizes)]
        vote = np.repeat(weights / (1.0 + 0.1 * np.sqrt(sizes)), sizes)
        # A stable sort of the ids, as one plain sort of (id, place of arrival) packed in one
        # integer: several times cheaper than a stable argsort on a thousand ids.
        bits = len(ids).bit_length()
        packed = (ids.astype(np.int64) << bits) | np.arange(len(ids), dtype=np.int64)
        packed.sort()
        order = packed & ((1 << bits) - 1)
        ids = packed >> bits
        heads = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
        votes = np.add.reduceat(vote[order], heads)
        first_seen = order[heads]  # stable sort: the first place each alias got evidence
        uniq = ids[heads]
        if len(uniq) > limit:
            top = np.argpartition(-votes, limit - 1)[:limit]
            votes, first_seen, uniq = votes[top], first_seen[top], uniq[top]
        return uniq[np.lexsort((first_seen, -votes))].tolist()

    def prerank(self, form: NameForm, cands: list[int], *, finalists: int) -> list[int]:
        """The candidates worth scoring in full, best first, by similarities computed in C.

        A candidate's pre-ranking score follows the scorer's tiers on whole names: the best of
        the optimal-string-alignment similarity of the normal forms, its blend with that of the
        tier-1 key forms (``0.55 * key + 0.45 * plain``), the similarity of the glued forms
        where a name has several tokens, and, where both have, the Indel similarity with tokens
        sorted (reordered names; on key forms a little less than on plain ones) or as sets (one
        name holding the other's tokens, somewhat less); for a single token that starts with
        an article (``al``, ``el``), also without it. Finalists
        are within ``_DELTA`` of the best; a query whose best candidate scores below
        ``_REJECT`` gets none: nothing in the gazetteer is close to it. The candidate with the
        most index evidence (the first) is always among the finalists.
        """
        if not cands:
            return []
        qkey = " ".join([self._token_keys(t)[0] for t in form.tokens])
        keys = self.alias_key.take(cands)
        norms = self.alias_norm.take(cands)
        osa = OSA.normalized_similarity
        plain = process.cdist([form.norm], norms, scorer=osa)[0]
        score = np.maximum(plain, 0.55 * process.cdist([qkey], keys, scorer=osa)[0] + 0.45 * plain)
        several = np.array([" " in n for n in norms], dtype=bool)
        if " " in form.norm or several.any():
            # glued and split spellings
            glued = [n.replace(" ", "") for n in norms]
            np.maximum(score, process.cdist([form.norm.replace(" ", "")], glued, scorer=osa)[0], out=score)
        if " " in form.norm and several.any():
            # Between names of several tokens: reordered names (keys a little behind plain
            # forms), and one name that holds all the tokens of the other (titles, extra names).
            order = np.maximum(process.cdist([form.norm], norms, scorer=fuzz.token_sort_ratio)[0] / 100,
                               process.cdist([qkey], keys, scorer=fuzz.token_sort_ratio)[0] / 105)
            np.maximum(order, process.cdist([form.norm], norms, scorer=fuzz.token_set_ratio)[0] / 110, out=order)
            np.maximum(score, np.where(several, order, 0.0), out=score)
        if form.norm[:2] in _GLUED_ARTICLE and len(form.norm) >= 6 and " " not in form.norm:
            # the article glued to a name ("alsarraj", from Arabic script), as the scorer reads it
            np.maximum(score, 0.98 * process.cdist([form.norm[2:]], norms, scorer=osa)[0], out=score)
        q_tokens = form.norm.count(" ") + 1
        if q_tokens == 1 or any(n.count(" ") + 1 != q_tokens for n in norms):
            # A part of a longer name (a surname or a given name alone, "Fayez" for "Fayez
            # al-Sarraj") is as close as its best-aligned window there, a little behind a
            # whole-name match: the scorer decides whether a part is enough.
            part = process.cdist([form.norm], norms, scorer=fuzz.partial_ratio)[0] / 100
            np.maximum(score, _PART * part, out=score)
        best = float(score.max())
        if best < _REJECT:
            return []
        order = np.argsort(-score, kind="stable")[:finalists]
        out = [cands[i] for i in order.tolist() if score[i] >= best - _DELTA]
        if cands[0] not in out:  # the index's own best guess (most evidence) is scored too
            out = [*out[:finalists - 1], cands[0]]
        return out


def _spelled_initials(alias_ent: Sequence[int], text: Sequence[str], norms: Sequence[str],
                      entities: Sequence[Entity]) -> tuple[list[str], list[int]]:
    """The acronyms that the names of organisations written in Latin script spell (see
    :func:`acronym_keys`: "nioc" for National Iranian Oil Company, "pdvsa" for Petroleos de
    Venezuela S.A.; nobody writes the initials of a romanised Arabic name), with the alias
    each comes from: the keys by which an acronym written in capitals finds the
    name it abbreviates (see :meth:`AliasIndex.by_initials`)."""
    keys: list[str] = []
    ids: list[int] = []
    org = np.fromiter((e.family == "org" for e in entities), dtype=bool, count=len(entities))
    if not org.any():
        return keys, ids
    for a in np.flatnonzero(org[np.asarray(alias_ent, dtype=np.int64)]).tolist():
        norm = norms[a]
        if not _SPELLED_WORDS[0] <= norm.count(" ") + 1 <= _SPELLED_WORDS[1] or not is_latin(text[a]):
            continue
        for key in acronym_keys(norm):
            if _INITIALS_LETTERS[0] <= len(key) <= _INITIALS_LETTERS[1]:
                keys.append(key)
                ids.append(a)
    return keys, ids


class HashFinder:
    """Positions of single hashes in a sorted array of distinct uint64 hashes, for queries.

    A binary search over millions of entries touches a new cache line at nearly every step;
    a directory of the hashes' top bits (built on first use, about one bucket per four
    entries) narrows each search to a few neighbouring entries. Same answers as
    :func:`_lookup`, which stays the tool for many hashes at once."""

    __slots__ = ("_dir", "_lock", "_shift", "_table", "_values")

    def __init__(self, table: np.ndarray) -> None:
        self._table = table
        self._dir: memoryview | None = None
        self._shift = 0
        self._values = np.ascontiguousarray(table, dtype=np.uint64).data
        self._lock = threading.Lock()

    def _directory(self) -> memoryview:
        with self._lock:
            if self._dir is None:
                table = self._table
                top = max(int(table[-1]).bit_length(), 1) if len(table) else 1
                bits = max(1, min(top, (len(table) // 4).bit_length()))
                self._shift = top - bits
                counts = np.bincount((table >> np.uint64(self._shift)).astype(np.int64), minlength=1 << bits)
                starts = np.zeros(len(counts) + 1, dtype=np.int64)
                np.cumsum(counts, out=starts[1:])
                self._dir = starts.data
            return self._dir

    def positions(self, hashes: list[int]) -> list[int]:
        """The position of each hash in the table, -1 where it is absent."""
        d = self._dir if self._dir is not None else self._directory()
        values, shift, last = self._values, self._shift, len(d) - 1
        out = []
        for h in hashes:
            b = h >> shift
            if b >= last:
                out.append(-1)
                continue
            lo, hi = d[b], d[b + 1]
            i = bisect_left(values, h, lo, hi)
            out.append(i if i < hi and values[i] == h else -1)
        return out


def _lookup(table: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Positions of ``hashes`` in the sorted ``table``, -1 where absent."""
    if len(hashes) > 10_000:  # many at once: looked up in order, which the caches like better
        order = np.argsort(hashes)
        pos = np.empty(len(hashes), dtype=np.int64)
        pos[order] = np.searchsorted(table, hashes[order])
    else:
        pos = np.searchsorted(table, hashes)
    pos[pos >= len(table)] = 0
    return np.where(table[pos] == hashes, pos, -1)


def _ranges(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """``concatenate([arange(s, s + n) for s, n in zip(starts, sizes)])``, vectorised."""
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(starts - np.concatenate(([0], np.cumsum(sizes)[:-1])), sizes)
    return np.arange(total, dtype=np.int64) + shift


def _pack(hashes: np.ndarray, ids: np.ndarray, bits: int) -> np.ndarray:
    """Hashes with an id in their low ``bits`` bits: one uint64 per posting, so that building the
    tables is one in-place sort of one array (the hash keeps its top ``64 - bits`` bits)."""
    b = np.uint64(bits)
    return ((hashes >> b) << b) | ids.astype(np.uint64)


def _csr(packed: list[np.ndarray], bits: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """From packed (hash, id) postings: the sorted distinct hashes (shifted right by ``bits``),
    offsets into the postings, and the postings (each list sorted, without repeats)."""
    total = sum(len(p) for p in packed)
    allp = np.empty(total, dtype=np.uint64)
    at = 0
    while packed:
        p = packed.pop(0)
        allp[at:at + len(p)] = p
        at += len(p)
        del p
    allp.sort()
    if total:
        fresh = np.empty(total, dtype=bool)
        fresh[0] = True
        np.not_equal(allp[1:], allp[:-1], out=fresh[1:])
        allp = allp[fresh]
        del fresh
    b = np.uint64(bits)
    ids = (allp & np.uint64((1 << bits) - 1)).astype(np.int32)
    allp >>= b
    if len(allp):
        heads = np.empty(len(allp), dtype=bool)
        heads[0] = True
        np.not_equal(allp[1:], allp[:-1], out=heads[1:])
        starts = np.flatnonzero(heads)
        del heads
    else:
        starts = np.zeros(0, dtype=np.int64)
    keys = allp[starts]
    del allp
    off = np.empty(len(keys) + 1, dtype=np.int64)
    off[:-1] = starts
    off[-1] = len(ids)
    return keys, off, ids


# -- columns of strings and exact lookup tables ----------------------------------------------------


class Strings(Sequence[str]):
    """A column of strings kept as one block of UTF-8 bytes with offsets, each string decoded
    when it is read: a million aliases cost a few flat arrays, not a million objects, and a
    saved column is loaded without decoding it."""

    __slots__ = ("_data", "_off", "_offv")

    def __init__(self, data: bytes, off: np.ndarray) -> None:
        self._data = data
        self._off = np.ascontiguousarray(off, dtype=np.int64)
        self._offv = self._off.data  # a memoryview: plain Python ints on indexing, fast

    @classmethod
    def of(cls, values: Sequence[str]) -> Strings:
        """The column of ``values``."""
        return cls(*_flat_bytes(values))

    @classmethod
    def of_encoded(cls, values: Sequence[bytes]) -> Strings:
        """The column of strings whose UTF-8 bytes are ``values``."""
        off = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)), out=off[1:])
        return cls(b"".join(values), off)

    @property
    def data(self) -> bytes:
        """The strings' UTF-8 bytes, one after the other."""
        return self._data

    @property
    def offsets(self) -> np.ndarray:
        """Where each string starts in :attr:`data` (and, last, where the data ends)."""
        return self._off

    def __len__(self) -> int:
        return len(self._off) - 1

    def __getitem__(self, i: int) -> str:  # type: ignore[override]
        o = self._offv
        if i < 0:
            i += len(o) - 1
        return self._data[o[i]:o[i + 1]].decode("utf-8", "surrogatepass")

    def take(self, rows: Iterable[int]) -> list[str]:
        """The strings at ``rows`` (non-negative), in that order: one call for a query's
        candidates instead of one :meth:`__getitem__` each."""
        o, data = self._offv, self._data
        return [data[o[i]:o[i + 1]].decode("utf-8", "surrogatepass") for i in rows]

    def encoded(self, i: int) -> bytes:
        """String ``i`` as UTF-8 bytes."""
        o = self._offv
        return self._data[o[i]:o[i + 1]]

    def __iter__(self) -> Iterator[str]:
        text = self._data.decode("utf-8", "surrogatepass")
        if len(text) == len(self._data):  # one byte per character: cut the text itself
            bounds = self._off.tolist()
            return map(text.__getitem__, map(slice, bounds[:-1], bounds[1:]))
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Strings):
            return self._data == other._data and bool(np.array_equal(self._off, other._off))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class ExactTable:
    """A string -> value table over a column of strings (the index's ``raw`` and ``exact``),
    as flat arrays: an open-addressing table of CRC-32 hashes whose hits are checked against
    the strings themselves. ``get`` answers as ``dict.get`` would: the alias id of a string
    held by one alias, ``-1 - g`` for a string several aliases hold (group ``g`` of the index's
    ``dup_off``/``dup_ids``)."""

    __slots__ = ("_mask", "_rep", "_repv", "_slots", "_slotv", "_strings", "_vals", "_valv")

    def __init__(self, strings: Strings, slots: np.ndarray, rep: np.ndarray, vals: np.ndarray) -> None:
        self._strings = strings
        self._slots = np.ascontiguousarray(slots, dtype=np.int32)  # key number + 1, 0 for empty
        self._rep = np.ascontiguousarray(rep, dtype=np.int32)  # an alias holding each key
        self._vals = np.ascontiguousarray(vals, dtype=np.int32)
        self._mask = len(self._slots) - 1
        self._slotv, self._repv, self._valv = self._slots.data, self._rep.data, self._vals.data

    @classmethod
    def build(cls, strings: Strings, crc: np.ndarray, first: np.ndarray, shared: np.ndarray,
              groups: np.ndarray) -> ExactTable:
        """The table of ``strings`` (``crc``: the CRC-32 of each): ``first[a]`` is the first
        alias with alias ``a``'s string; the strings of the aliases ``shared`` are held by
        several, group ``groups``."""
        keys = np.flatnonzero(first == np.arange(len(first)))  # one alias per distinct string
        vals = keys.copy()
        vals[np.searchsorted(keys, shared)] = -1 - groups
        hashes = crc[keys]
        size = 1 << max(4, (2 * len(keys)).bit_length())
        slots = np.zeros(size, dtype=np.int32)
        todo = np.arange(len(keys))
        step = 0
        # Linear probing, placed in rounds: in round r each key not placed yet tries the slot r
        # after its home; so every slot between a key's home and its place is taken.
        while len(todo):
            pos = (hashes[todo].astype(np.int64) + step) & (size - 1)
            free = slots[pos] == 0
            cand, cpos = todo[free], pos[free]
            first_at = _first_of_each(cpos)
            slots[cpos[first_at]] = cand[first_at] + 1
            placed = np.zeros(len(todo), dtype=bool)
            placed[np.flatnonzero(free)[first_at]] = True
            todo = todo[~placed]
            step += 1
        return cls(strings, slots, keys, vals)

    @overload
    def get(self, key: str) -> int | None: ...

    @overload
    def get(self, key: str, default: int) -> int: ...

    def get(self, key: str, default: int | None = None) -> int | None:
        """The value of ``key``, or ``default``."""
        b = key.encode("utf-8", "surrogatepass")
        mask = self._mask
        i = zlib.crc32(b) & mask
        slots, rep = self._slotv, self._repv
        data, off = self._strings._data, self._strings._offv  # (inlined: this is the hot path)
        while True:
            k = slots[i]
            if not k:
                return default
            r = rep[k - 1]
            if data[off[r]:off[r + 1]] == b:
                return self._valv[k - 1]
            i = (i + 1) & mask

    def __len__(self) -> int:
        return len(self._rep)

    def values(self) -> list[int]:
        """Every value, one per distinct string."""
        return self._vals.tolist()

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(slots, one alias per key, values), to save the table."""
        return self._slots, self._rep, self._vals


# Where names._CAMEL matches (between a small letter and a capital), found by the pair of letters
# (two such pairs never overlap: the second letter of one is a capital, the first of the next a
# small letter), which a regex scan finds faster than the empty match between them.
_CAMEL_PAIR = re.compile(r"[a-zà-öø-ÿ][A-ZÀ-ÖØ-Þ]")
assert _CAMEL.pattern == r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])"


def _camel_rows(texts: list[str]) -> list[int]:
    """The aliases whose text has a capital right after a small letter ("KhalifaHaftar"): the
    only ones :func:`split_tokens` may split (found with one scan over all the texts)."""
    joined = "\n".join(texts)  # a case change never spans the newline
    return _rows_of(texts, [m.start() for m in _CAMEL_PAIR.finditer(joined)])


def _rows_holding(texts: list[str], part: str) -> list[int]:
    """The rows of ``texts`` (without newlines) that hold ``part``, found in one scan."""
    joined = "\n".join(texts)
    return _rows_of(texts, [m.start() for m in re.finditer(re.escape(part), joined)])


def _rows_of(texts: list[str], pos: list[int]) -> list[int]:
    """The distinct rows of ``texts`` at positions ``pos`` of the texts joined by newlines."""
    if not pos:
        return []
    starts = np.zeros(len(texts), dtype=np.int64)
    lens = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    np.cumsum(lens[:-1] + 1, out=starts[1:])
    return np.unique(np.searchsorted(starts, np.array(pos), side="right") - 1).tolist()


_ID = attrgetter("id")


def _all_names(ent: Entity) -> tuple[str, ...]:
    """An entity's names as the gazetteer gives their normal forms: name, aliases, weak aliases,
    exact aliases."""
    return (ent.name, *ent.aliases, *ent.weak_aliases, *ent.exact_aliases)


_POSSESSIVE = ("'s", "\u2019s", "\u02bcs")


def _caps_rows(texts: list[str]) -> list[int]:
    """The rows whose text :func:`namenorm.names.is_caps` finds written in capitals: the
    upper-case texts, and the possessives whose text without the ending is."""
    caps = list(map(str.isupper, texts))
    for a in compress(range(len(texts)), map(str.endswith, texts, repeat(_POSSESSIVE))):
        caps[a] = _is_caps(texts[a])
    return list(compress(range(len(texts)), caps))


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values, sorted (``np.unique`` by one sort)."""
    v = np.sort(values)
    if len(v):
        keep = np.empty(len(v), dtype=bool)
        keep[0] = True
        np.not_equal(v[1:], v[:-1], out=keep[1:])
        v = v[keep]
    return v


def _first_of_each(values: np.ndarray) -> np.ndarray:
    """The position of the first occurrence of each distinct value."""
    order = np.argsort(values, kind="stable")
    v = values[order]
    heads = np.ones(len(v), dtype=bool)
    heads[1:] = v[1:] != v[:-1]
    return order[heads]


def _first_holders(col: Strings, crc: np.ndarray) -> np.ndarray:
    """For each string of ``col``, the first position holding the same string (``crc``: the
    strings' CRC-32). Strings of one CRC are compared byte for byte with the first of them; a
    group with a CRC collision in it is sorted out by comparing the strings themselves."""
    n = len(crc)
    order = np.argsort(crc, kind="stable")  # equal CRCs together, in position order
    c = crc[order]
    run_head = np.ones(n, dtype=bool)
    run_head[1:] = c[1:] != c[:-1]
    head_at = np.flatnonzero(run_head)
    run_of = np.cumsum(run_head) - 1
    first = np.arange(n, dtype=np.int64)
    first[order] = order[head_at][run_of]
    others = np.flatnonzero(first != np.arange(n))  # positions whose CRC an earlier one has
    if not len(others):
        return first
    heads = first[others]
    off = col.offsets
    lens = np.diff(off)
    same = lens[others] == lens[heads]
    data = np.frombuffer(col.data, dtype=np.uint8)
    cand, chead = others[same], heads[same]
    clen = lens[cand]
    pair_off = np.zeros(len(cand) + 1, dtype=np.int64)
    np.cumsum(clen, out=pair_off[1:])
    pair, k = _columns(pair_off)
    differs = np.bincount(pair[data[off[cand][pair] + k] != data[off[chead][pair] + k]], minlength=len(cand)) > 0
    same[np.flatnonzero(same)[differs]] = False
    if not same.all():
        # a CRC collision: the first of each distinct string among the positions of that CRC
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n)
        ends = np.append(head_at[1:], n)
        for r in np.unique(run_of[rank[heads[~same]]]).tolist():
            seen: dict[bytes, int] = {}
            for p in order[head_at[r]:ends[r]].tolist():
                first[p] = seen.setdefault(col.encoded(p), p)
    return first


def _exact_tables(columns: Iterable[tuple[Strings, np.ndarray]]
                  ) -> tuple[ExactTable, ExactTable, np.ndarray, np.ndarray]:
    """``raw`` and ``exact`` from (column of strings, their CRC-32): key -> alias id, or
    -1 - g for keys of several aliases, whose ids are ``dup_ids[dup_off[g]:dup_off[g + 1]]``
    (in alias order)."""
    members: list[np.ndarray] = []
    sizes: list[np.ndarray] = []
    tables = []
    n_groups = 0
    for col, crc in columns:
        first = _first_holders(col, crc)
        counts = np.bincount(first, minlength=len(first))
        shared = np.flatnonzero(counts > 1)  # first holders of strings several aliases hold
        dup = np.flatnonzero(counts[first] > 1)  # the aliases holding them, in order
        members.append(dup[np.argsort(first[dup], kind="stable")])
        sizes.append(counts[shared])
        tables.append(ExactTable.build(col, crc, first, shared, n_groups + np.arange(len(shared))))
        n_groups += len(shared)
    off = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.concatenate(sizes), out=off[1:])
    return tables[0], tables[1], off, np.concatenate(members).astype(np.int32)
