"""The results namenorm returns: frozen dataclasses with named fields, scores 0..1."""

from __future__ import annotations

from dataclasses import dataclass

from namenorm.gazetteer import Entity

__all__ = ["Match", "Mention"]


@dataclass(frozen=True, slots=True)
class Match:
    """A resolved name.

    Attributes:
        entity: the entity.
        score: 0..1, higher is better; comparable across queries (see ``DEFAULT_THRESHOLD``).
        alias: the gazetteer name that matched, as written in the gazetteer.
        reason: how it matched: ``exact``, ``normalised``, ``key`` (transliteration key),
            ``skeleton`` (consonant skeleton, other scripts), ``loose`` (machine-translation
            key), ``fuzzy``, ``glued``, ``surname``; ``weak alias`` is added for weak aliases,
            ``state form`` for a country's official name read around the word for "republic"
            or "kingdom" ("Republik Albanien").
    """

    entity: Entity
    score: float
    alias: str
    reason: str


_new = object.__new__
_set_entity = vars(Match)["entity"].__set__  # the slots' descriptors
_set_score = vars(Match)["score"].__set__
_set_alias = vars(Match)["alias"].__set__
_set_reason = vars(Match)["reason"].__set__


def new_match(entity: Entity, score: float, alias: str, reason: str) -> Match:
    """``Match(entity, score, alias, reason)`` for the exact-hit path, where the frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) is a tenth of the lookup:
    the same object, its slots filled directly."""
    m = _new(Match)
    _set_entity(m, entity)
    _set_score(m, score)
    _set_alias(m, alias)
    _set_reason(m, reason)
    return m


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention of an entity in a text.

    Attributes:
        start, end: offsets into the original text; ``text[start:end] == mention.text``.
        text: the mention as written.
        entity: the entity it refers to.
        score: 0..1, the resolver's scale.
        reason: how it was found (``name``, ``acronym``, ``defined in text``, ``document``,
            ``title``, ``variant``).
    """

    start: int
    end: int
    text: str
    entity: Entity
    score: float
    reason: str
