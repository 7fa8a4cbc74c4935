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

from namenorm._scoring import (
    EQUIVALENT_SIM,
    PAIR_FLOOR,
    NameForm,
    Weigher,
    covered,
    is_latin,
    prepare,
    same_surnames_and_given,
    score_both,
    score_names,
    token_sim,
)
from namenorm.gazetteer import FAMILIES, Entity, type_family

__all__ = ["DEFAULT_THRESHOLD", "LONE_DROP", "MAX_NAME_LENGTH", "WEAK_FACTOR", "compare", "is_match",
           "lone_evidence", "rarity_weigher", "score_alias"]

#: Score at or above which :func:`is_match` says yes and :meth:`Resolver.resolve` may answer.
DEFAULT_THRESHOLD = 0.80
#: A score this far below the threshold is still a match when the names themselves say so
#: (see :func:`lone_evidence`): for :func:`is_match`, and for :meth:`Resolver.resolve` when no
#: other entity is near.
LONE_DROP = 0.15
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
def _prepared(name: str, family: str | None, titles: bool = True) -> NameForm:
    return prepare(name, family=family, titles=titles)


def lone_evidence(query: str, name: str, family: str | None, *, added_in_front: bool = True) -> str | None:
    """What makes ``query`` a match for ``name`` although its score is a little short of the
    threshold, or ``None``; the reason's suffix when there is something.

    - ``"alone"``: a name of two parts or more, each of them found in ``name`` ("JABER IBN
      HAYAN" / "JABER IBN HAYAN LABORATORY", "TAJMUDIN, Kasim" / "TAJIDDINE, Kassim
      Mohammad"). Not for places (in a gazetteer of the world, "New Guinea" is not "Papua New
      Guinea"), nor for lower-case text, which is more often words than a name ("oil
      facilities" / "Oil Facilities Guard").
    - ``"same surnames alone"``: two persons' names written surname first with the same
      surnames and one given name in common, other given names added or dropped on either side
      (see :func:`namenorm._scoring.same_surnames_and_given`).

    With ``added_in_front=False``, ``name`` may not have a part of its own in front of the
    query's first: a word added in front of a name makes another entity ("Kavosh Dravel Osmin",
    "Ali Khalifa Haftar"), except between two names written surname first, whose given names
    come and go. The resolver allows it, since a listed name is longer than the ways it is
    written; between two names, nothing says which one is the entity's.

    Evidence, not a match: the resolver asks for it only when every other entity is far
    behind, :func:`is_match` only between two names.
    """
    if family == "place" or not any(map(str.isalpha, query)) or (query.islower() and is_latin(query)):
        return None
    q, a = _prepared(query, family), _prepared(name, family, False)
    if covered(q, a) and (added_in_front or (q.surname_first and a.surname_first)
                          or _same_first_part(q, a, family)):
        return "alone"
    if family == "person" and same_surnames_and_given(query, name):
        return "same surnames alone"
    return None


def _same_first_part(q: NameForm, a: NameForm, family: str | None) -> bool:
    """The first name parts of ``q`` and ``a`` are one word: for persons' names the same name
    or a form of it (*Nadia* is not *Nadir*), for others a spelling of it."""
    names = family in (None, "person")
    sim, _ = token_sim(q.name_tokens[0], a.name_tokens[0], names=names, cross=not (q.latin and a.latin))
    return sim >= (EQUIVALENT_SIM if names else PAIR_FLOOR)


def is_match(a: str, b: str, *, type: str | None = None, threshold: float = DEFAULT_THRESHOLD,  # noqa: A002
             person: bool | None = None) -> bool:
    """Whether ``a`` and ``b`` name the same entity, decided as :meth:`Resolver.resolve` decides
    on a lone best entity: ``compare(a, b, type=type) >= threshold``, or a score at most
    :data:`LONE_DROP` below it with the evidence of :func:`lone_evidence` (every part of one
    name found in the other, with no word added in front of it; two persons' names written
    surname first with the same surnames and a given name in common), either name being the
    shorter.
    """
    if person is not None:
        warnings.warn("is_match(..., person=...) is deprecated; use type='person'",
                      DeprecationWarning, stacklevel=2)
        if person and type is None:
            type = "person"  # noqa: A001
    score = compare(a, b, type=type)
    if score >= threshold:
        return True
    if score < threshold - LONE_DROP or score <= 0.0:
        return False
    family = query_family(type)
    return lone_evidence(a, b, family, added_in_front=False) is not None \
        or lone_evidence(b, a, family, added_in_front=False) is not None
