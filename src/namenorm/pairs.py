"""Comparing two names, and scoring a query against one gazetteer name.

:func:`compare` and :func:`is_match` score a pair of names on the resolver's 0..1 scale;
:func:`score_alias` is what the resolver calls for each finalist candidate. Both go through
:func:`namenorm._scoring.prepare` and :func:`namenorm._scoring.score_names`, so a pair scores
the same whether it is compared directly or met as a query and a gazetteer name.

How each type family is scored (``type=`` takes the gazetteer's type names or a family):

- ``person``: a surname alone may match the full name; given names that are forms of one
  name (Mohammed / Muhammad) or a nickname (Bob / Robert) count as equal, a little below an
  exact part; extra middle names and patronymics on one side cost little when every part of
  the shorter name matches in order; a surname first with a comma reads in natural order;
  initials written together are initials; a given name added in front is another person,
  except between two names written surname first.
- ``org`` (and ``other``, ``vessel``, ``aircraft``): legal forms are read as their class
  (``AO`` = ``JSC`` = ``Joint Stock Company``) and weigh little; a word present on one side only
  costs; numbers must agree; the last words of two names, one of them cut short ("Trans" /
  "Transportation", "Air" / "Airlines"), are one word, as are two words of one name written as
  one in the other ("Ir-Ital" / "Irital"); against a gazetteer, each word weighs by how rare it
  is there; compared alone, one word more at the end of a name of two words or more is a
  descriptor.
- ``place``: no legal forms and no surname rule; numbers must agree; against a gazetteer, each
  word weighs by how rare it is there.
- no type: names of unknown kind, scored with the person rules for given names and the
  organisation rules for legal forms, but with no surname rule.
"""

from __future__ import annotations

import math
import warnings
import weakref
from functools import lru_cache
from typing import Protocol

from namenorm._scoring import NameForm, Weigher, prepare, score_both, score_names
from namenorm.gazetteer import FAMILIES, Entity, type_family

__all__ = ["DEFAULT_THRESHOLD", "MAX_NAME_LENGTH", "WEAK_FACTOR", "compare", "is_match", "rarity_weigher",
           "score_alias"]

#: Score at or above which :func:`is_match` says yes and :meth:`Resolver.resolve` may answer.
DEFAULT_THRESHOLD = 0.80
#: Names longer than this (in characters) match nothing: no entity is called that.
MAX_NAME_LENGTH = 1000
#: Score given to a weak alias, relative to a strong name matched the same way.
WEAK_FACTOR = 0.95


#: The least a word of an organisation's name weighs, however common it is in the gazetteer.
MIN_WORD_WEIGHT = 0.15


class _Counts(Protocol):
    """What :func:`rarity_weigher` needs of an index: how many aliases hold a token."""

    @property
    def n_aliases(self) -> int: ...

    def token_df(self, token: str) -> int: ...


_WEIGHERS: weakref.WeakKeyDictionary[object, Weigher] = weakref.WeakKeyDictionary()


def rarity_weigher(index: _Counts) -> Weigher:
    """How much a word says about identity in this gazetteer, 0..1: ``log(N/df)`` relative to a
    word that two aliases share, so that in a registry of companies "Trading", "General" or
    "Bank" weigh little and a distinctive word nearly 1 (built once per index)."""
    w = _WEIGHERS.get(index)
    if w is None:
        n = max(index.n_aliases, 2)
        top = math.log((n + 1) / 3)
        memo: dict[str, float] = {}
        df = index.token_df

        def w(token: str) -> float:
            got = memo.get(token)
            if got is None:
                if top <= 0:
                    got = 1.0
                else:
                    got = min(1.0, max(MIN_WORD_WEIGHT, math.log((n + 1) / (df(token) + 1)) / top))
                if len(memo) < 200_000:
                    memo[token] = got
            return got

        _WEIGHERS[index] = w
    return w


def query_family(type_: str | None) -> str | None:
    """The scoring family a ``type=`` argument asks for (``None`` when no type is given)."""
    if type_ is None:
        return None
    return type_ if type_ in FAMILIES else type_family(type_)


def score_alias(query: NameForm, alias: NameForm, entity: Entity, *, weak: bool,
                weigh: Weigher | None = None) -> tuple[float, str]:
    """Score a prepared query against one prepared gazetteer name of ``entity``.

    Returns the score (0..1) and the reason; a weak alias scores :data:`WEAK_FACTOR` of a strong
    one and says so in the reason.
    """
    score, how = score_names(query, alias, surname_rule=entity.family == "person", weigh=weigh)
    if weak:
        return score * WEAK_FACTOR, how + " (weak alias)"
    return score, how


def compare(a: str, b: str, *, type: str | None = None, person: bool | None = None) -> float:  # noqa: A002
    """Score how likely two names denote the same entity, 0..1, on the resolver's scale.

    The same scoring as :meth:`Resolver.resolve` uses against a gazetteer name. Symmetric:
    ``compare(a, b) == compare(b, a)``.

    Args:
        a, b: the names.
        type: the entities' type (``person``, ``org``, ``company``, ``place``, ``vessel``...;
            see the module docstring for how each family is scored), or ``None`` if unknown.
        person: deprecated spelling of ``type="person"``.
    """
    if person is not None:
        warnings.warn("compare(..., person=...) is deprecated; use type='person'",
                      DeprecationWarning, stacklevel=2)
        if person and type is None:
            type = "person"  # noqa: A001
    if len(a) > MAX_NAME_LENGTH or len(b) > MAX_NAME_LENGTH:
        return 1.0 if a == b else 0.0
    family = query_family(type)
    fa = _prepared(a, family)
    fb = _prepared(b, family)
    if not fa.norm or not fb.norm:
        return 0.0
    (s1, _), (s2, _) = score_both(fa, fb, surname_rule=family == "person")
    return round(max(s1, s2), 4)


# Names compared before (a name is usually compared with several others); bounded.
@lru_cache(maxsize=20_000)
def _prepared(name: str, family: str | None) -> NameForm:
    return prepare(name, family=family)


def is_match(a: str, b: str, *, type: str | None = None, threshold: float = DEFAULT_THRESHOLD,  # noqa: A002
             person: bool | None = None) -> bool:
    """``compare(a, b, type=type) >= threshold`` (default :data:`DEFAULT_THRESHOLD`)."""
    if person is not None:
        warnings.warn("is_match(..., person=...) is deprecated; use type='person'",
                      DeprecationWarning, stacklevel=2)
        if person and type is None:
            type = "person"  # noqa: A001
    return compare(a, b, type=type) >= threshold
