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
            key), ``fuzzy``, ``glued``, ``surname``; ``weak alias`` is added for weak aliases.
    """

    entity: Entity
    score: float
    alias: str
    reason: str


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
