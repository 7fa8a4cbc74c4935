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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from namenorm._scoring import NameForm, TokenForm, make_token, prepare, split_tokens
from namenorm._words import COMMON_WORDS
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.names import PARTICLES, classify_tokens, match_tokens
from namenorm.names import is_caps as _is_caps
from namenorm.normalize import normalize

__all__ = ["AliasIndex", "Probe", "key_hash", "tokens_of"]

_POSTINGS_CAP = 1000  # a key shared by more aliases than this is too common to generate candidates
_CANDIDATES = 32  # candidates taken from the index, by evidence, for pre-ranking
_FORM_CACHE = 200_000  # prepared alias forms kept in memory
_REJECT = 50.0  # a best pre-ranking score below this: no candidate is worth scoring
_DELTA = 12.0  # finalists are within this many pre-ranking points of the best candidate
_MAX_KEY = 48  # longer glued keys get no deletion neighbourhood (a long name has other keys)

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
K_GLUED, K_GLUED_T1, K_GLUED_LOOSE, K_SORTED, K_DEL, K_T1, K_SKEL, K_LOOSE, K_PLAIN_DEL, K_TOKEN = range(1, 11)
_SALT = [(k * 0x9E3779B97F4A7C15) & _MASK for k in range(12)]


def _mix(h: int) -> int:
    h = ((h ^ (h >> 30)) * _M1) & _MASK
    h = ((h ^ (h >> 27)) * _M2) & _MASK
    return h ^ (h >> 31)


def _mix_np(h: np.ndarray) -> np.ndarray:
    h = (h ^ (h >> np.uint64(30))) * np.uint64(_M1)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(_M2)
    return h ^ (h >> np.uint64(31))


def key_hash(kind: int, key: str) -> int:
    """The 64-bit hash of an ASCII key of the given kind (as stored in the index)."""
    h = _SALT[kind]
    for c, p in zip(key.encode(), _POW):
        h += c * p
    return _mix(h & _MASK)


def _deletion_hashes(kind: int, key: str) -> list[int]:
    """Hashes of every string one deletion away from ``key`` (as :func:`key_hash` would give)."""
    b = key.encode()
    n = len(b)
    pre = [0] * (n + 1)  # pre[i] = sum_{k<i} c_k B^k
    sh = [0] * (n + 1)  # sh[i] = sum_{1<=k<i} c_k B^(k-1)
    for k, c in enumerate(b):
        pre[k + 1] = pre[k] + c * _POW[k]
        sh[k + 1] = sh[k] + (c * _POW[k - 1] if k else 0)
    salt = _SALT[kind]
    return [_mix((salt + pre[i] + sh[n] - sh[i + 1]) & _MASK) for i in range(n)]


def _byte_matrix(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """ASCII keys as a zero-padded uint8 matrix (one row a key) and their lengths."""
    arr = np.array(keys, dtype=np.bytes_)
    width = max(arr.dtype.itemsize, 1)
    if width > _POW_LEN - 1:
        raise ValueError("key too long to hash")
    mat = arr.view(np.uint8).reshape(len(keys), width) if len(keys) else np.zeros((0, 1), np.uint8)
    lens = np.char.str_len(arr).astype(np.int64) if len(keys) else np.zeros(0, np.int64)
    return mat, lens


def _hash_np(kind: int, keys: Sequence[str]) -> np.ndarray:
    """:func:`key_hash` of many keys at once."""
    mat, _ = _byte_matrix(keys)
    h = np.full(len(keys), _SALT[kind], dtype=np.uint64)
    for k in range(mat.shape[1]):
        h += mat[:, k].astype(np.uint64) * _POW_NP[k]
    return _mix_np(h)


def _deletion_hashes_np(kind: int, keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_deletion_hashes` of many keys at once: (hashes, row of the key each came from)."""
    mat, lens = _byte_matrix(keys)
    n, width = mat.shape
    cols = mat.astype(np.uint64)
    shifted_total = np.zeros(n, dtype=np.uint64)
    for k in range(1, width):
        shifted_total += cols[:, k] * _POW_NP[k - 1]
    pre = np.zeros(n, dtype=np.uint64)
    sh_upto = np.zeros(n, dtype=np.uint64)  # sum_{1<=k<=i} c_k B^(k-1)
    out_h: list[np.ndarray] = []
    out_r: list[np.ndarray] = []
    rows = np.arange(n, dtype=np.int64)
    salt = np.uint64(_SALT[kind])
    for i in range(width):
        if i:
            sh_upto += cols[:, i] * _POW_NP[i - 1]
        ok = lens > i
        if not ok.any():
            break
        h = _mix_np(salt + pre + shifted_total - sh_upto)
        out_h.append(h[ok])
        out_r.append(rows[ok])
        pre += cols[:, i] * _POW_NP[i]
    if not out_h:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    return np.concatenate(out_h), np.concatenate(out_r)


# -- key derivation (the same for aliases and queries) -------------------------------------------

def _collapse(key: str) -> str:
    """Tier-1 keys joined into one: runs of one letter (a vowel run is one ``a``) become one."""
    out = []
    last = ""
    for c in key:
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


#: Tokens split at case changes ("KhalifaHaftar"), or None (the scorer's splitter).
tokens_of = split_tokens


def _match(tokens: list[str]) -> list[str]:
    """The scorer's match tokens of a gazetteer name (no titles; ``Abd al-`` compounds joined)."""
    if any(t.startswith("abd") for t in tokens):
        return list(match_tokens(classify_tokens(tokens, titles=False)))
    return tokens


@dataclass(frozen=True, slots=True)
class _Keys:
    """Candidate keys of one name (alias or query), as strings."""

    glued: str
    glued_all: str
    glued_t1: str
    glued_loose: str
    sorted_t1: str
    tokens: tuple[TokenForm, ...]  # name tokens
    pairs: tuple[str, ...]  # tier-1 keys of adjacent tokens glued
    plain: tuple[str, ...]  # every match token as written


def _keys(tokens: list[str], forms: Sequence[TokenForm]) -> _Keys:
    """Candidate keys from match tokens and their token forms (same order)."""
    n = len(tokens)
    keep = [i for i in range(n) if n < 2 or i == n - 1 or tokens[i] not in PARTICLES]
    names = [forms[i] for i in keep]
    glued = "".join(tokens[i] for i in keep)
    t1s = [f.t1 for f in names]
    pairs = tuple(_collapse(forms[i].t1 + forms[i + 1].t1) for i in range(n - 1))
    return _Keys(
        glued=glued,
        glued_all="".join(tokens),
        glued_t1=_collapse("".join(t1s)),
        glued_loose=_collapse("".join(f.loose for f in names)),
        sorted_t1=" ".join(sorted(t1s)) if len(t1s) > 1 else "",
        tokens=tuple(names),
        pairs=pairs,
        plain=tuple(tokens),
    )


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
    ``alias_acronym`` (lists indexed by alias id) and :meth:`indexed`.
    """

    entities: list[Entity]
    entity_pos: dict[str, int]
    ambiguous: frozenset[str]
    alias_text: list[str]
    alias_norm: list[str]
    alias_key: list[str]  # space-separated tier-1 keys of the alias's tokens
    alias_ent: list[int]
    alias_weak: list[bool]
    alias_caps: list[bool]  # all-capitals acronym that is also a common word
    alias_acronym: list[bool]  # short all-capitals alias: matched exactly only
    raw: dict[str, int]  # alias as written -> alias id, or -1 - group in ``dup_ids``
    exact: dict[str, int]  # normal form -> alias id, or -1 - group
    dup_off: np.ndarray
    dup_ids: np.ndarray
    key_h: np.ndarray  # sorted unique key hashes (uint64)
    key_off: np.ndarray  # postings of key i: post[key_off[i]:key_off[i + 1]] (alias ids)
    post: np.ndarray
    nb_h: np.ndarray  # sorted hashes of plain-token deletions (uint64)
    nb_off: np.ndarray
    nb_key: np.ndarray  # -> positions in key_h of the tier-1 keys of the tokens they come from
    tok_h: np.ndarray  # sorted hashes of normalised tokens (uint64)
    tok_df: np.ndarray  # how many aliases contain each

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.entities = list(gazetteer)
        self.entity_pos = {e.id: k for k, e in enumerate(self.entities)}
        self.ambiguous = gazetteer.ambiguous
        self._forms: dict[int, NameForm] = {}
        self._df_memo: dict[str, int] = {}
        self._tok_memo: dict[str, tuple[list[int], list[float], list[int]]] = {}
        self._build()

    # -- build ----------------------------------------------------------------------------------

    def _build(self) -> None:
        text: list[str] = []
        norms: list[str] = []
        ents: list[int] = []
        weak: list[bool] = []
        toks_of: list[list[str]] = []
        for e_idx, ent in enumerate(self.entities):
            seen: set[str] = set()
            for is_weak, names in ((False, ent.all_names), (True, ent.weak_aliases)):
                for alias in names:
                    norm = normalize(alias)
                    if not norm or norm in seen:
                        continue
                    seen.add(norm)
                    text.append(alias)
                    norms.append(norm)
                    ents.append(e_idx)
                    weak.append(is_weak)
                    split = split_tokens(alias, norm)
                    toks_of.append(_match(split if split is not None else norm.split()))
        self.alias_text, self.alias_norm, self.alias_ent, self.alias_weak = text, norms, ents, weak
        caps = [_is_caps(a) for a in text]
        self.alias_caps = [c and n.replace(" ", "") in COMMON_WORDS for c, n in zip(caps, norms)]
        self.alias_acronym = [c and " " not in n and len(n) <= 6 for c, n in zip(caps, norms)]
        self.raw, self.exact, self.dup_off, self.dup_ids = _exact_tables(text, norms)

        # Token forms, once per distinct token.
        vocab: dict[str, TokenForm] = {}
        for toks in toks_of:
            for t in toks:
                if t not in vocab:
                    vocab[t] = make_token(t, memo=False)
        keys = [_keys(toks, [vocab[t] for t in toks]) for toks in toks_of]
        self.alias_key = [" ".join(vocab[t].t1 for t in toks) for toks in toks_of]

        # (kind, key string, alias id) for every key; hashed per kind, vectorised.
        per_kind: dict[int, tuple[list[str], list[int]]] = {k: ([], []) for k in range(1, 11)}

        def add(kind: int, key: str, a: int) -> None:
            lst = per_kind[kind]
            lst[0].append(key)
            lst[1].append(a)

        for a, k in enumerate(keys):
            add(K_GLUED, k.glued, a)
            if k.glued_all != k.glued:
                add(K_GLUED, k.glued_all, a)
            add(K_GLUED_T1, k.glued_t1, a)
            if len(k.glued_loose) >= 3:
                add(K_GLUED_LOOSE, k.glued_loose, a)
            if k.sorted_t1:
                add(K_SORTED, k.sorted_t1, a)
            if 3 <= len(k.glued_t1) <= _MAX_KEY:
                add(K_DEL, k.glued_t1, a)  # expanded into its deletions below
            for t in k.tokens:
                add(K_T1, t.t1, a)
                if len(t.skel) >= 3:
                    add(K_SKEL, t.skel, a)
                if len(t.loose) >= 3:
                    add(K_LOOSE, t.loose, a)
            for p in k.pairs:
                add(K_T1, p, a)
        hashes: list[np.ndarray] = []
        ids: list[np.ndarray] = []
        for kind, (strs, alias_ids) in per_kind.items():
            if not strs:
                continue
            arr_ids = np.array(alias_ids, dtype=np.int32)
            if kind == K_DEL:
                h_del, rows = _deletion_hashes_np(K_GLUED_T1, strs)
                hashes.append(h_del)
                ids.append(arr_ids[rows])
            else:
                hashes.append(_hash_np(kind, strs))
                ids.append(arr_ids)
        self.key_h, self.key_off, self.post = _csr(np.concatenate(hashes), np.concatenate(ids))

        # Plain-token neighbourhoods (SymSpell, one deletion) -> the tier-1 key of the token.
        words = [w for w in vocab if len(w) >= 4]
        w_t1 = _hash_np(K_T1, [vocab[w].t1 for w in words]) if words else np.zeros(0, np.uint64)
        w_pos = np.searchsorted(self.key_h, w_t1).astype(np.int64)
        valid = (w_pos < len(self.key_h))
        valid[valid] = self.key_h[w_pos[valid]] == w_t1[valid]
        w_pos[~valid] = -1
        full = _hash_np(K_PLAIN_DEL, words) if words else np.zeros(0, np.uint64)
        h_del, rows = _deletion_hashes_np(K_PLAIN_DEL, words) if words else (np.zeros(0, np.uint64),
                                                                               np.zeros(0, np.int64))
        nb_hashes = np.concatenate([full, h_del])
        nb_rows = np.concatenate([np.arange(len(words), dtype=np.int64), rows])
        self.nb_h, self.nb_off, self.nb_key = _csr(nb_hashes, w_pos[nb_rows].astype(np.int32))

        # Document frequency of every normalised token.
        tok_names = list({t for n in norms for t in n.split()})
        counts: dict[str, int] = dict.fromkeys(tok_names, 0)
        for n in norms:
            for t in set(n.split()):
                counts[t] += 1
        th = _hash_np(K_TOKEN, tok_names) if tok_names else np.zeros(0, np.uint64)
        order = np.argsort(th, kind="stable")
        self.tok_h = th[order]
        self.tok_df = np.array([counts[t] for t in tok_names], dtype=np.int32)[order]

    # -- save / load support -----------------------------------------------------------------------

    _ARRAYS = ("dup_off", "dup_ids", "key_h", "key_off", "post", "nb_h", "nb_off", "nb_key", "tok_h", "tok_df")

    @classmethod
    def _restore(cls, entities: list[Entity], ambiguous: frozenset[str], lists: dict[str, list],
                 arrays: dict[str, np.ndarray]) -> AliasIndex:
        """An index from saved parts (see :mod:`namenorm.store`); no key is recomputed."""
        idx = cls.__new__(cls)
        idx.entities = entities
        idx.entity_pos = {e.id: k for k, e in enumerate(entities)}
        idx.ambiguous = ambiguous
        idx.alias_text = lists["alias_text"]
        idx.alias_norm = lists["alias_norm"]
        idx.alias_key = lists["alias_key"]
        idx.alias_ent = lists["alias_ent"]
        idx.alias_weak = lists["alias_weak"]
        idx.alias_caps = lists["alias_caps"]
        idx.alias_acronym = lists["alias_acronym"]
        for name in cls._ARRAYS:
            setattr(idx, name, arrays[name])
        idx.raw = _lookup_table(lists["raw_keys"], lists["raw_vals"])
        idx.exact = _lookup_table(lists["exact_keys"], lists["exact_vals"])
        idx._forms = {}
        idx._df_memo = {}
        idx._tok_memo = {}
        return idx

    def _parts(self) -> tuple[dict[str, list], dict[str, np.ndarray]]:
        lists: dict[str, list] = {
            "alias_text": self.alias_text, "alias_norm": self.alias_norm, "alias_key": self.alias_key,
            "alias_ent": self.alias_ent, "alias_weak": self.alias_weak, "alias_caps": self.alias_caps,
            "alias_acronym": self.alias_acronym,
            "raw_keys": list(self.raw), "raw_vals": list(self.raw.values()),
            "exact_keys": list(self.exact), "exact_vals": list(self.exact.values()),
        }
        return lists, {name: getattr(self, name) for name in self._ARRAYS}

    # -- query side -------------------------------------------------------------------------------

    @property
    def n_aliases(self) -> int:
        """Number of aliases in the index (distinct normal forms per entity)."""
        return len(self.alias_text)

    def token_df(self, token: str) -> int:
        """How many aliases contain the normalised token ``token`` (0 for an unknown one)."""
        df = self._df_memo.get(token)
        if df is None:
            h = np.uint64(key_hash(K_TOKEN, token)) if token.isascii() else None
            df = 0
            if h is not None:
                pos = int(np.searchsorted(self.tok_h, h))
                if pos < len(self.tok_h) and self.tok_h[pos] == h:
                    df = int(self.tok_df[pos])
            if len(self._df_memo) < 100_000:
                self._df_memo[token] = df
        return df

    def ids(self, table: dict[str, int], key: str) -> list[int]:
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
        if not tok.text.isascii() or not len(self.key_h):
            return False
        probe = np.array([key_hash(K_T1, tok.t1), key_hash(K_LOOSE, tok.loose), key_hash(K_SKEL, tok.skel)],
                         dtype=np.uint64)
        if (_lookup(self.key_h, probe) >= 0).any():
            return True
        if not len(self.nb_h):
            return False
        nb = np.array([key_hash(K_PLAIN_DEL, tok.text), *_deletion_hashes(K_PLAIN_DEL, tok.text)],
                      dtype=np.uint64)
        return bool((_lookup(self.nb_h, nb) >= 0).any())

    def _token_keys(self, t: TokenForm) -> tuple[list[int], list[float], list[int]]:
        """Hashes and weights of one query token's keys, and of its plain one-deletion strings."""
        got = self._tok_memo.get(t.text)
        if got is None:
            hashes = [key_hash(K_T1, t.t1), key_hash(K_SKEL, t.skel), key_hash(K_LOOSE, t.loose)]
            weights = [1.0, 0.6, 0.5]
            if len(t.text) < 4 and len(t.t1) >= 3:
                hashes.append(key_hash(K_T1, t.t1 + "a"))
                weights.append(0.4)
            nb = [key_hash(K_PLAIN_DEL, t.text), *_deletion_hashes(K_PLAIN_DEL, t.text)] if len(t.text) >= 4 else []
            got = (hashes, weights, nb)
            if len(self._tok_memo) < _FORM_CACHE:
                self._tok_memo[t.text] = got
        return got

    def probe(self, form: NameForm) -> Probe:
        """The keys of a prepared query, hashed, with their weights."""
        toks = [t.text for t in form.tokens]
        if not toks or not all(t.isascii() for t in toks):
            empty = np.zeros(0, np.uint64)
            return Probe(empty, (), empty, empty)
        k = _keys(toks, form.tokens)
        hashes = [key_hash(K_GLUED, k.glued)]
        weights = [4.0]
        if k.glued_all != k.glued:
            hashes.append(key_hash(K_GLUED, k.glued_all))
            weights.append(4.0)
        hashes.append(key_hash(K_GLUED_T1, k.glued_t1))
        weights.append(3.0)
        if len(k.glued_loose) >= 3:
            hashes.append(key_hash(K_GLUED_LOOSE, k.glued_loose))
            weights.append(2.0)
        if k.sorted_t1:
            hashes.append(key_hash(K_SORTED, k.sorted_t1))
            weights.append(3.0)
        if 3 <= len(k.glued_t1) <= _MAX_KEY:
            # one deletion from the query meets the aliases' glued keys and their deletions
            dels = _deletion_hashes(K_GLUED_T1, k.glued_t1)
            hashes.extend(dels)
            weights.extend([2.0] * len(dels))
        own: list[int] = []
        nb: list[int] = []
        for t in k.tokens:
            th, tw, tn = self._token_keys(t)
            own.append(th[0])
            hashes.extend(th)
            weights.extend(tw)
            nb.extend(tn)
        for p in k.pairs:
            hashes.append(key_hash(K_T1, p))
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
        key_h, key_off = self.key_h, self.key_off
        if not len(pr.hashes) or not len(key_h):
            return []
        pos = _lookup(key_h, pr.hashes)
        ok = pos >= 0
        weights = np.asarray(pr.weights)[ok]
        pos = pos[ok]
        own = pos[np.isin(pr.hashes[ok], pr.own_t1)]
        # first occurrence of each key only
        pos, first = np.unique(pos, return_index=True)
        weights = weights[first]
        if len(pr.neighbours) and len(self.nb_h):
            hit = _lookup(self.nb_h, pr.neighbours)
            hit = hit[hit >= 0]
            if len(hit):
                near = np.unique(self.nb_key[_ranges(self.nb_off[hit], self.nb_off[hit + 1] - self.nb_off[hit])])
                near = near[(near >= 0) & ~np.isin(near, own) & ~np.isin(near, pos)]
                if len(near):
                    pos = np.concatenate([pos, near])
                    weights = np.concatenate([weights, np.full(len(near), 0.5)])
                    first = np.concatenate([first, np.full(len(near), len(pr.hashes))])
        starts = key_off[pos]
        sizes = key_off[pos + 1] - starts
        keep = sizes <= _POSTINGS_CAP
        if not keep.any():
            return []
        starts, sizes, weights, first = starts[keep], sizes[keep], weights[keep], first[keep]
        order = np.argsort(first, kind="stable")  # evidence in the order the query lists it
        starts, sizes, weights = starts[order], sizes[order], weights[order]
        ids = self.post[_ranges(starts, sizes)]
        if len(sizes) == 1:
            return ids[:limit].tolist()
        w = np.repeat(weights / (1.0 + 0.1 * np.sqrt(sizes)), sizes)
        uniq, first_seen, inv = np.unique(ids, return_index=True, return_inverse=True)
        votes = np.bincount(inv, weights=w)
        top = np.argpartition(-votes, limit - 1)[:limit] if len(uniq) > limit else np.arange(len(uniq))
        ranked = top[np.lexsort((first_seen[top], -votes[top]))]
        return uniq[ranked].tolist()

    def prerank(self, form: NameForm, cands: list[int], *, finalists: int) -> list[int]:
        """The candidates worth scoring in full, best first, by similarity computed in C.

        Each candidate's pre-ranking score is the best of the Indel ratio of the normal forms,
        of the tier-1 key forms, and (for names of several tokens) of the key forms with their
        tokens sorted. Finalists are within ``_DELTA`` of the best; a query whose best candidate
        scores below ``_REJECT`` gets none (nothing in the gazetteer is close to it).
        """
        if not cands:
            return []
        qkey = " ".join(t.t1 for t in form.tokens)
        keys = [self.alias_key[a] for a in cands]
        score = process.cdist([form.norm], [self.alias_norm[a] for a in cands], scorer=fuzz.ratio)[0]
        np.maximum(score, process.cdist([qkey], keys, scorer=fuzz.ratio)[0], out=score)
        if " " in qkey or any(" " in k for k in keys):
            np.maximum(score, process.cdist([qkey], keys, scorer=fuzz.token_sort_ratio)[0], out=score)
        best = float(score.max())
        if best < _REJECT:
            return []
        order = np.argsort(-score, kind="stable")[:finalists]
        return [cands[i] for i in order.tolist() if score[i] >= best - _DELTA]


def _lookup(table: np.ndarray, hashes: np.ndarray) -> np.ndarray:
    """Positions of ``hashes`` in the sorted ``table``, -1 where absent."""
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


def _csr(hashes: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted unique hashes, offsets and postings (each posting list sorted, without repeats)."""
    order = np.lexsort((ids, hashes))
    h = hashes[order]
    v = ids[order]
    if len(h):
        dup = np.zeros(len(h), dtype=bool)
        dup[1:] = (h[1:] == h[:-1]) & (v[1:] == v[:-1])
        h, v = h[~dup], v[~dup]
    uniq, starts = np.unique(h, return_index=True)
    off = np.empty(len(uniq) + 1, dtype=np.int64)
    off[:-1] = starts
    off[-1] = len(h)
    return uniq, off, v.astype(np.int32)


def _exact_tables(text: list[str], norms: list[str]) -> tuple[dict[str, int], dict[str, int], np.ndarray,
                                                               np.ndarray]:
    """``raw`` and ``exact``: key -> alias id, or -1 - g for keys of several aliases, whose ids are
    ``dup_ids[dup_off[g]:dup_off[g + 1]]``."""
    groups: list[list[int]] = []

    def table(keys: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for a, key in enumerate(keys):
            v = out.get(key)
            if v is None:
                out[key] = a
            elif v >= 0:
                out[key] = -1 - len(groups)
                groups.append([v, a])
            else:
                groups[-1 - v].append(a)
        return out

    raw = table(text)
    exact = table(norms)
    off = np.zeros(len(groups) + 1, dtype=np.int64)
    off[1:] = np.cumsum([len(g) for g in groups]) if groups else []
    ids = np.array([a for g in groups for a in g], dtype=np.int32)
    return raw, exact, off, ids


def _lookup_table(keys: list[str], values: list[int]) -> dict[str, int]:
    return dict(zip(keys, values))
