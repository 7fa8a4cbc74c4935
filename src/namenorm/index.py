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
from itertools import accumulate
from operator import mul

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from namenorm._scoring import NameForm, TokenForm, prepare, split_tokens
from namenorm._words import COMMON_WORDS
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.keys import loose_key, skeleton, translit_key
from namenorm.names import PARTICLES, classify_tokens, match_tokens
from namenorm.names import is_caps as _is_caps
from namenorm.normalize import normalize

__all__ = ["AliasIndex", "Probe", "key_hash", "tokens_of"]

_POSTINGS_CAP = 1000  # a key shared by more aliases than this is too common to generate candidates
_CANDIDATES = 32  # candidates taken from the index, by evidence, for pre-ranking
_FORM_CACHE = 200_000  # prepared alias forms kept in memory
_REJECT = 0.5  # a best pre-ranking score below this: no candidate is worth scoring
_DELTA = 0.08  # finalists are within this much pre-ranking score of the best candidate
_PART = 0.9  # pre-ranking weight of a query that is one part of a longer name, or contains one
_GLUED_ARTICLE = ("al", "el")
_BUILD_CHUNK = 200_000  # aliases whose key strings are held at once while building
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
K_GLUED, K_GLUED_T1, K_GLUED_LOOSE, K_SORTED, K_DEL, K_T1, K_SKEL, K_LOOSE, K_PLAIN_DEL, K_TOKEN, K_WORD = range(1, 12)
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


def _byte_matrix(keys: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Keys as a zero-padded uint8 matrix of their UTF-8 bytes (one row a key, at most
    ``_POW_LEN`` columns: longer keys are hashed on their first bytes) and their lengths."""
    if not len(keys):
        return np.zeros((0, 1), np.uint8), np.zeros(0, np.int64)
    try:
        arr = np.array(keys, dtype=np.bytes_)
    except UnicodeEncodeError:
        arr = np.array([k.encode("utf-8", "surrogatepass") for k in keys], dtype=np.bytes_)
    width = max(arr.dtype.itemsize, 1)
    mat = arr.view(np.uint8).reshape(len(keys), width)[:, :_POW_LEN]
    return mat, np.char.str_len(arr).astype(np.int64)


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
    :func:`~namenorm.keys.loose_key` give them one by one): each key function runs once over
    all the tokens joined by newlines, which none of its rules reads across."""
    if not words:
        return [], [], []
    t1s = translit_key("\n".join(words)).split("\n")
    looses = loose_key("\n".join(words)).split("\n")
    if len(t1s) != len(words) or len(looses) != len(words):  # pragma: no cover - a token held a newline
        t1s = [translit_key(w) for w in words]
        looses = [loose_key(w) for w in words]
    return t1s, [skeleton(k) for k in t1s], looses


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
        vocab: dict[str, int] = {}
        flat: list[int] = []  # token ids of every alias, one after the other
        ends: list[int] = []  # where each alias's tokens end in ``flat``
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
                    for t in _match(split if split is not None else norm.split()):
                        flat.append(vocab.setdefault(t, len(vocab)))
                    ends.append(len(flat))
        self.alias_text, self.alias_norm, self.alias_ent, self.alias_weak = text, norms, ents, weak
        caps = [_is_caps(a) for a in text]
        self.alias_caps = [c and n.replace(" ", "") in COMMON_WORDS for c, n in zip(caps, norms)]
        self.alias_acronym = [c and " " not in n and len(n) <= 6 for c, n in zip(caps, norms)]
        self.raw, self.exact, self.dup_off, self.dup_ids = _exact_tables(text, norms)

        # Keys of every distinct token, computed in a few passes over all of them at once.
        words = list(vocab)
        t1s, skels, looses = token_keys(words)
        starts = [0, *ends[:-1]]
        self.alias_key = [" ".join([t1s[i] for i in flat[b:e]]) for b, e in zip(starts, ends)]

        # Alias keys in chunks (bounded memory), hashed per kind with vectorised code, each
        # hash packed with the alias id into one uint64 (see _pack).
        n_alias = len(text)
        alias_bits = max(n_alias.bit_length(), 1)
        packed: list[np.ndarray] = []
        df = np.zeros(len(words), dtype=np.int64)
        for lo in range(0, n_alias, _BUILD_CHUNK):
            per_kind: dict[int, tuple[list[str], list[int]]] = {k: ([], []) for k in range(1, 12)}
            tok_ids: list[int] = []
            g_s, g_a = per_kind[K_GLUED]
            t_s, t_a = per_kind[K_GLUED_T1]
            l_s, l_a = per_kind[K_GLUED_LOOSE]
            s_s, s_a = per_kind[K_SORTED]
            d_s, d_a = per_kind[K_DEL]
            k1_s, k1_a = per_kind[K_T1]
            ks_s, ks_a = per_kind[K_SKEL]
            kl_s, kl_a = per_kind[K_LOOSE]
            w_s, w_a = per_kind[K_WORD]
            for a in range(lo, min(lo + _BUILD_CHUNK, n_alias)):
                ix = flat[starts[a]:ends[a]]
                toks = [words[i] for i in ix]
                tok_ids.extend(set(ix) if len(ix) > 1 else ix)
                n = len(toks)
                keep = [i for i in range(n) if n < 2 or i == n - 1 or toks[i] not in PARTICLES]
                glued = "".join([toks[i] for i in keep])
                g_s.append(glued)
                g_a.append(a)
                if len(keep) < n:
                    g_s.append("".join(toks))
                    g_a.append(a)
                names = [ix[i] for i in keep]
                gt1 = _glue([t1s[i] for i in names])
                t_s.append(gt1)
                t_a.append(a)
                if 3 <= len(gt1) <= _MAX_KEY:
                    d_s.append(gt1)
                    d_a.append(a)
                gl = _glue([looses[i] for i in names])
                if len(gl) >= 3:
                    l_s.append(gl)
                    l_a.append(a)
                if len(names) > 1:
                    s_s.append(" ".join(sorted([t1s[i] for i in names])))
                    s_a.append(a)
                for i in names:
                    w_s.append(words[i])
                    w_a.append(a)
                    k1_s.append(t1s[i])
                    k1_a.append(a)
                    if len(skels[i]) >= 3:
                        ks_s.append(skels[i])
                        ks_a.append(a)
                    if len(looses[i]) >= 3:
                        kl_s.append(looses[i])
                        kl_a.append(a)
                for i in range(n - 1):  # adjacent tokens glued: "al" + "mismari"
                    k1_s.append(_glue((t1s[ix[i]], t1s[ix[i + 1]])))
                    k1_a.append(a)
            df += np.bincount(np.array(tok_ids, dtype=np.int64), minlength=len(words))
            for kind, (strs, alias_ids) in per_kind.items():
                if not strs:
                    continue
                arr_ids = np.array(alias_ids, dtype=np.uint64)
                if kind == K_DEL:
                    h_del, rows = _deletion_hashes_np(K_GLUED_T1, strs)
                    packed.append(_pack(h_del, arr_ids[rows], alias_bits))
                else:
                    packed.append(_pack(_hash_np(kind, strs), arr_ids, alias_bits))
            del per_kind
        self.key_bits = np.array([alias_bits], dtype=np.int64)
        self.key_h, self.key_off, self.post = _csr(packed, alias_bits)
        del packed

        # Plain-token neighbourhoods (SymSpell, one deletion) -> the aliases holding the token.
        long_words = [w for w in words if 4 <= len(w) <= _MAX_KEY]
        w_t1 = _hash_np(K_WORD, long_words) >> np.uint64(alias_bits)
        w_pos = _lookup(self.key_h, w_t1) if len(self.key_h) else np.full(len(w_t1), -1)
        w_pos = np.where(w_pos < 0, len(self.key_h), w_pos).astype(np.uint64)  # absent: past the end
        key_bits = max(len(self.key_h).bit_length(), 1)
        h_del, rows = _deletion_hashes_np(K_PLAIN_DEL, long_words)
        nb = [_pack(_hash_np(K_PLAIN_DEL, long_words), w_pos, key_bits), _pack(h_del, w_pos[rows], key_bits)]
        self.nb_bits = np.array([key_bits], dtype=np.int64)
        self.nb_h, self.nb_off, nb_key = _csr(nb, key_bits)
        self.nb_key = np.where(nb_key >= len(self.key_h), -1, nb_key).astype(np.int32)
        self._shifts()

        # Document frequency of every token: the scorer's match tokens and the plain ones.
        extra: dict[str, int] = {}
        for a, norm in enumerate(norms):
            if " " in norm or ends[a] - starts[a] != 1:
                plain = set(norm.split())
                plain.difference_update(words[i] for i in flat[starts[a]:ends[a]])
                for t in plain:
                    extra[t] = extra.get(t, 0) + 1
        names_df = words + [t for t in extra if t not in vocab]
        counts = np.concatenate([df, np.array([extra[t] for t in names_df[len(words):]], dtype=np.int64)])
        for t, c in extra.items():
            if t in vocab:
                counts[vocab[t]] += c
        th = _hash_np(K_TOKEN, names_df)
        order = np.argsort(th, kind="stable")
        self.tok_h = th[order]
        self.tok_df = counts[order].astype(np.int32)

    def _shifts(self) -> None:
        # the stored hashes keep their top bits only (see _pack)
        self._kshift = np.uint64(int(self.key_bits[0]))
        self._nshift = np.uint64(int(self.nb_bits[0]))

    # -- save / load support -----------------------------------------------------------------------

    _ARRAYS = ("dup_off", "dup_ids", "key_bits", "key_h", "key_off", "post", "nb_bits", "nb_h", "nb_off", "nb_key",
               "tok_h", "tok_df")

    @classmethod
    def _restore(cls, entities: Sequence[Entity], ids: list[str], ambiguous: frozenset[str],
                 lists: dict[str, list], arrays: dict[str, np.ndarray]) -> AliasIndex:
        """An index from saved parts (see :mod:`namenorm.store`); no key is recomputed.
        ``entities`` may be a sequence that reads each entity on first use; ``ids`` are their ids."""
        idx = cls.__new__(cls)
        idx.entities = entities  # type: ignore[assignment]
        idx.entity_pos = {e: k for k, e in enumerate(ids)}
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
        idx._shifts()
        first = idx.dup_ids[idx.dup_off[:-1]].tolist()  # first alias of each group
        idx.raw = _lookup_table(idx.alias_text, first, lists["raw_vals"])
        idx.exact = _lookup_table(idx.alias_norm, first, lists["exact_vals"])
        idx._forms = {}
        idx._df_memo = {}
        idx._tok_memo = {}
        return idx

    def _parts(self) -> tuple[dict[str, list], dict[str, np.ndarray]]:
        lists: dict[str, list] = {
            "alias_text": self.alias_text, "alias_norm": self.alias_norm, "alias_key": self.alias_key,
            "alias_ent": self.alias_ent, "alias_weak": self.alias_weak, "alias_caps": self.alias_caps,
            "alias_acronym": self.alias_acronym,
            "raw_vals": list(self.raw.values()), "exact_vals": list(self.exact.values()),
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
        if not len(self.key_h):
            return False
        t1, skel, loose, _, _, nb = self._token_keys(tok.text)
        probe = np.array([key_hash(K_T1, t1), key_hash(K_LOOSE, loose), key_hash(K_SKEL, skel)],
                         dtype=np.uint64)
        if (_lookup(self.key_h, probe >> self._kshift) >= 0).any():
            return True
        if not nb or not len(self.nb_h):
            return False
        return bool((_lookup(self.nb_h, np.array(nb, dtype=np.uint64) >> self._nshift) >= 0).any())

    def _token_keys(self, text: str) -> tuple[str, str, str, list[int], list[float], list[int]]:
        """One query token's keys (tier-1, skeleton, loose), the hashes and weights of the
        token keys it looks up, and the hashes of its plain one-deletion strings (memoised)."""
        got = self._tok_memo.get(text)
        if got is None:
            (t1,), (skel,), (loose,) = token_keys([text])
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
        tk = [self._token_keys(t) for t in toks]
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
        found = _lookup(key_h, pr.hashes >> self._kshift).tolist()
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
            hit = _lookup(self.nb_h, pr.neighbours >> self._nshift)
            hit = hit[hit >= 0]
            if len(hit):
                lo = self.nb_off[hit]
                near = set(self.nb_key[_ranges(lo, self.nb_off[hit + 1] - lo)].tolist())
                for p in near:
                    if p >= 0 and p not in keys and p not in own_pos:
                        keys[p] = 0.8
        if not keys:
            return []
        pos = np.fromiter(keys, dtype=np.int64, count=len(keys))
        starts = self.key_off[pos]
        sizes = self.key_off[pos + 1] - starts
        keep = sizes <= _POSTINGS_CAP
        if not keep.all():
            starts, sizes, pos = starts[keep], sizes[keep], pos[keep]
            if not len(pos):
                return []
        if len(pos) == 1:
            return self.post[int(starts[0]):int(starts[0]) + min(int(sizes[0]), limit)].tolist()
        weights = np.fromiter((keys[p] for p in pos.tolist()), dtype=np.float64, count=len(pos))
        ids = self.post[_ranges(starts, sizes)]
        w = np.repeat(weights / (1.0 + 0.1 * np.sqrt(sizes)), sizes)
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        heads = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
        votes = np.add.reduceat(w[order], heads)
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
        qkey = " ".join([self._token_keys(t.text)[0] for t in form.tokens])
        keys = [self.alias_key[a] for a in cands]
        norms = [self.alias_norm[a] for a in cands]
        osa = OSA.normalized_similarity
        plain = process.cdist([form.norm], norms, scorer=osa)[0]
        score = np.maximum(plain, 0.55 * process.cdist([qkey], keys, scorer=osa)[0] + 0.45 * plain)
        several = np.fromiter((" " in n for n in norms), dtype=bool, count=len(norms))
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


def _lookup_table(strings: list[str], first: list[int], values: list[int]) -> dict[str, int]:
    """``raw`` or ``exact`` again from its values: each names its key's first alias."""
    return dict(zip([strings[v] if v >= 0 else strings[first[-1 - v]] for v in values], values))
