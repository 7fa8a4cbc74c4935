"""The alias index: everything derived from a gazetteer for finding candidates.

Built once per resolver from the gazetteer's names, each prepared with the same normaliser and
the same :func:`namenorm._scoring.make_name` as queries. It holds exact-name dictionaries and
inverted indexes from token keys (tier-1 transliteration keys, consonant skeletons, loose
machine-translation keys, one-deletion neighbourhoods of plain tokens) and glued forms to the
aliases that carry them. :meth:`AliasIndex.gather` turns a prepared query into candidate
aliases, best evidence first; it never scans the gazetteer.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import TypeVar

from namenorm._scoring import NameForm, TokenForm, is_latin, make_name, make_token
from namenorm._words import COMMON_WORDS
from namenorm.gazetteer import Entity, Gazetteer
from namenorm.keys import deletions, translit_key
from namenorm.names import _CAMEL, is_caps as _is_caps
from namenorm.normalize import normalize

__all__ = ["AliasIndex", "tokens_of"]

_POSTINGS_CAP = 1000  # a key shared by more aliases than this is too common to generate candidates
_CANDIDATES = 32  # candidates taken from the index, by evidence, for pre-ranking
_FORM_CACHE = 200_000  # prepared alias forms kept in memory


def tokens_of(name: str, norm: str) -> list[str] | None:
    """Tokens split at case changes ("KhalifaHaftar"), or None when that changes nothing."""
    if (name.isascii() and name.islower()) or not _CAMEL.search(name):
        return None
    split = normalize(_CAMEL.sub(" ", name))
    if split == norm or split.replace(" ", "") != norm.replace(" ", ""):
        return None
    return split.split()


class AliasIndex:
    """Everything derived from a gazetteer for resolving. Immutable once built."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.entities: list[Entity] = list(gazetteer)
        self.entity_pos: dict[str, int] = {e.id: k for k, e in enumerate(self.entities)}
        self.ambiguous = gazetteer.ambiguous
        self.alias_text: list[str] = []
        self.alias_norm: list[str] = []
        self.alias_ent: list[int] = []
        self.alias_weak: list[bool] = []
        self.alias_caps: list[bool] = []  # all-capitals acronym that is also a common word
        self.alias_acronym: list[bool] = []  # short all-capitals alias: matched exactly only
        self.raw: dict[str, list[int]] = {}
        self.exact: dict[str, list[int]] = {}
        self.glued: dict[str, list[int]] = {}
        self.tok_t1: dict[str, list[int]] = {}
        self.tok_loose: dict[str, list[int]] = {}
        self.tok_skel: dict[str, list[int]] = {}
        self.deletes: dict[str, list[str]] = {}
        self._forms: dict[int, NameForm] = {}
        self._keys: dict[int, str] = {}
        self._vocab: set[str] = set()
        for e_idx, ent in enumerate(self.entities):
            seen: set[str] = set()
            for weak, alias in [(False, n) for n in ent.all_names] + [(True, n) for n in ent.weak_aliases]:
                norm = normalize(alias)
                if not norm or norm in seen:
                    continue
                seen.add(norm)
                self._add(alias, norm, e_idx, weak)
        # One-deletion neighbourhoods of the name tokens as written (SymSpell): a typo is one
        # edit of the plain token, whereas in a transliteration key it may be two.
        for word in self._vocab:
            for d in (word, *deletions(word)):
                _post(self.deletes, d, word)
        del self._vocab

    def _add(self, alias: str, norm: str, e_idx: int, weak: bool) -> None:
        i = len(self.alias_text)
        self.alias_text.append(alias)
        self.alias_norm.append(norm)
        self.alias_ent.append(e_idx)
        self.alias_weak.append(weak)
        self.alias_caps.append(_is_caps(alias) and norm.replace(" ", "") in COMMON_WORDS)
        self.alias_acronym.append(_is_caps(alias) and " " not in norm and len(norm) <= 6)
        self.raw.setdefault(alias, []).append(i)
        self.exact.setdefault(norm, []).append(i)
        form = make_name(norm, tokens_of(alias, norm), titles=False)
        for g in {form.glued, form.glued_all}:
            self.glued.setdefault(g.text, []).append(i)
            self.glued.setdefault("=" + g.t1, []).append(i)
            self.glued.setdefault("~" + g.loose, []).append(i)
        toks = form.name_tokens
        for t in toks:
            if len(t.text) >= 4:
                self._vocab.add(t.text)
            _post(self.tok_t1, t.t1, i)
            if len(t.loose) >= 3:
                _post(self.tok_loose, t.loose, i)
            if len(t.skel) >= 3:
                _post(self.tok_skel, t.skel, i)
        for a, b in zip(toks, toks[1:]):  # glued pairs: "al"+"mismari", "abdel"+"fattah"
            _post(self.tok_t1, translit_key(a.text + b.text), i)

    _STATE = ("entities", "entity_pos", "ambiguous", "alias_text", "alias_norm", "alias_ent",
              "alias_weak", "alias_caps", "alias_acronym", "raw", "exact", "glued", "tok_t1",
              "tok_loose", "tok_skel", "deletes")

    def __getstate__(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self._STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        for k in self._STATE:
            setattr(self, k, state[k])
        self._forms = {}
        self._keys = {}

    # -- query side ---------------------------------------------------------------------------

    def alias_key(self, a: int) -> str:
        """Alias ``a`` as space-separated tier-1 keys of its tokens (memoised like forms)."""
        key = self._keys.get(a)
        if key is None:
            key = " ".join([make_token(t).t1 for t in self.alias_norm[a].split()])
            if len(self._keys) < _FORM_CACHE:
                self._keys[a] = key
        return key

    def form(self, a: int) -> NameForm:
        """The prepared form of alias ``a`` (memoised; bounded for very large gazetteers)."""
        f = self._forms.get(a)
        if f is None:
            text = self.alias_text[a]
            f = make_name(self.alias_norm[a], tokens_of(text, self.alias_norm[a]), latin=is_latin(text),
                          titles=False)
            if len(self._forms) < _FORM_CACHE:
                self._forms[a] = f
        return f

    def indexed(self, tok: TokenForm) -> bool:
        """Some alias shares a key with this token, or a plain token one edit away from it."""
        if tok.t1 in self.tok_t1 or tok.loose in self.tok_loose or tok.skel in self.tok_skel:
            return True
        deletes = self.deletes
        return tok.text in deletes or any(d in deletes for d in deletions(tok.text))

    def gather(self, form: NameForm) -> list[int]:
        """Candidate alias ids for a prepared query, best evidence first."""
        votes: dict[int, float] = {}
        get = votes.get

        def vote(ids: Sequence[int], weight: float) -> None:
            if not ids or len(ids) > _POSTINGS_CAP:
                return
            w = weight / (1.0 + 0.1 * len(ids) ** 0.5)
            for a in ids:
                votes[a] = get(a, 0.0) + w

        g = form.glued
        vote(self.glued.get(g.text, ()), 4.0)
        vote(self.glued.get("=" + g.t1, ()), 3.0)
        if len(g.loose) >= 3:
            vote(self.glued.get("~" + g.loose, ()), 2.0)
        toks = form.name_tokens or form.tokens
        for t in toks:
            vote(self.tok_t1.get(t.t1, ()), 1.0)
            vote(self.tok_skel.get(t.skel, ()), 0.6)
            vote(self.tok_loose.get(t.loose, ()), 0.5)
            if len(t.text) >= 4:
                near: set[str] = set()
                for d in (t.text, *deletions(t.text)):
                    near.update(self.deletes.get(d, ()))
                near.discard(t.text)
                for k in {make_token(w).t1 for w in near} - {t.t1}:
                    vote(self.tok_t1.get(k, ()), 0.5)
            elif len(t.t1) >= 3:
                vote(self.tok_t1.get(t.t1 + "a", ()), 0.4)
        if len(toks) > 1:  # a glued query token may be split in the gazetteer, and vice versa
            for a, b in zip(toks, toks[1:]):
                vote(self.tok_t1.get(translit_key(a.text + b.text), ()), 1.0)
        if not votes:
            return []
        # The best-supported candidates; ties keep the order in which evidence arrived.
        return heapq.nlargest(_CANDIDATES, votes, key=votes.get)  # type: ignore[arg-type]


_V = TypeVar("_V")


def _post(table: dict[str, list[_V]], key: str, value: _V) -> None:
    """Append ``value`` to the postings of ``key``, once (values arrive grouped)."""
    values = table.get(key)
    if values is None:
        table[key] = [value]
    elif values[-1] != value:
        values.append(value)
