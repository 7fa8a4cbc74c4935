"""Resolving a name to an entity: exact lookup, candidates from an index, scoring, decision.

Stages, cheapest first:

1. **exact**: the query as given, then its normal form, looked up in dictionaries of the
   gazetteer's names (microseconds). A strong name found this way is the answer.
2. **candidates**: the query's tokens, their transliteration keys, loose keys and one-deletion
   neighbours (SymSpell style) are looked up in inverted indexes, as are its glued forms; the
   aliases that share the most evidence become candidates. Nothing scans the whole gazetteer.
3. **scoring**: the few candidates with the most index evidence are scored with
   :func:`namenorm._scoring.score_names` (the same function as :func:`compare`), which uses
   rapidfuzz for the string similarities.
4. **decision**: the best entity is returned when its score reaches the threshold and beats
   the best other entity by the margin; otherwise the resolver abstains (``None``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from namenorm._parallel import resolve_in_processes
from namenorm._scoring import cjk_chars, is_latin, prepare, same_surnames_and_given
from namenorm._words import is_ordinary
from namenorm.gazetteer import FAMILIES, Entity, Gazetteer, _no_gc
from namenorm.index import AliasIndex
from namenorm.knowledge import is_state_word, state_form_rests
from namenorm.mentions import MentionIndex, annotate
from namenorm.names import is_caps as _is_caps
from namenorm.normalize import normalize
from namenorm.pairs import (
    DEFAULT_THRESHOLD,
    LONE_DROP,
    MAX_NAME_LENGTH,
    WEAK_FACTOR,
    compare,
    is_match,
    lone_evidence,
    query_family,
    rarity_weigher,
    score_alias,
)
from namenorm.results import Match, Mention, new_match
from namenorm.store import read as read_saved
from namenorm.store import write as write_saved

__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_THRESHOLD",
    "MAX_NAME_LENGTH",
    "Match",
    "Resolver",
    "compare",
    "is_match",
]

#: How far the best entity must be ahead of the next one for :meth:`Resolver.resolve` to answer.
DEFAULT_MARGIN = 0.03

#: A best entity up to :data:`~namenorm.pairs.LONE_DROP` below the threshold is still the answer
#: when every other entity is this far behind it and the names themselves say so (see
#: :func:`namenorm.pairs.lone_evidence`: each of the name's two parts or more is found in the
#: entity's name, reason "..., alone", not for places; or a person's name written surname first
#: has the entity's surnames and one of its given names, and no other listed person shares them,
#: reason "..., same surnames alone").
LONE_MARGIN = 0.15

#: Distinct names from which :meth:`Resolver.resolve_many` with ``workers > 1`` uses processes.
PARALLEL_MIN = 5000

_FINALISTS = 3  # candidates, after pre-ranking, that are scored in full
_RESULT_CACHE = 100_000  # resolved names remembered per resolver
_MISSING = object()


def _plural_s(name: str) -> bool:
    """``name`` ends in a Latin word of five letters or more with a final s (not ss)."""
    if len(name) > MAX_NAME_LENGTH:
        return False
    last = name.rstrip().rsplit(" ", 1)[-1]
    return len(last) > 4 and last[-1] in "sS" and last[-2] not in "sS" and last.isascii() and last.isalpha()


class Resolver:
    """Resolves names to entities of a gazetteer.

    Args:
        gazetteer: the gazetteer; ``None`` for the bundled one (:meth:`Gazetteer.default`).
        threshold: minimum score for an answer.
        margin: minimum lead of the best entity over the next one for an answer.

    A resolver is immutable once built, thread-safe (its index is built once, under a lock, on
    first use), deterministic and picklable (the pickle holds the gazetteer; the index is
    rebuilt on first use after unpickling).
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        threshold: float = DEFAULT_THRESHOLD,
        margin: float = DEFAULT_MARGIN,
    ) -> None:
        if not 0.0 <= threshold <= 1.0:
            raise ValueError("threshold must be within 0..1")
        if not 0.0 <= margin <= 1.0:
            raise ValueError("margin must be within 0..1")
        self.gazetteer = Gazetteer.default() if gazetteer is None else gazetteer
        self.threshold = threshold
        self.margin = margin
        self._index: AliasIndex | None = None
        self._mentions: MentionIndex | None = None
        self._countries: _CountryTables | None = None  # see _country_tables
        self._lock = threading.Lock()
        # Answers are deterministic, so repeated names (the rule in pipelines) are answered
        # from a bounded memo. Single dict operations are atomic, so threads may share it.
        # answers remembered: by the name alone for untyped lookups, by (name, type) otherwise
        self._cache: dict[str | tuple[str, str], Match | None] = {}

    def __repr__(self) -> str:
        return f"Resolver({self.gazetteer!r}, threshold={self.threshold}, margin={self.margin})"

    def __getstate__(self) -> dict[str, object]:
        return {"gazetteer": self.gazetteer, "threshold": self.threshold, "margin": self.margin}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["gazetteer"], threshold=state["threshold"], margin=state["margin"])  # type: ignore[arg-type, misc]

    @property
    def index(self) -> AliasIndex:
        """The resolver's index, built on first use."""
        idx = self._index
        if idx is None:
            with self._lock:
                if self._index is None:
                    with _no_gc():
                        self._index = AliasIndex(self.gazetteer)
                idx = self._index
        return idx

    def save(self, path: str | Path) -> None:
        """Write this resolver, its gazetteer and its built index to one file for :meth:`load`.

        For large user gazetteers, where building the index takes longer than reading it back
        (a million aliases: seconds to build, a fraction of a second to load). The file holds
        flat arrays and strings, no pickle (see :mod:`namenorm.store`), and names its format
        version.
        """
        write_saved(path, self.gazetteer, self.index, {"threshold": self.threshold, "margin": self.margin})

    @classmethod
    def load(cls, path: str | Path) -> Resolver:
        """Read a resolver written by :meth:`save`; it answers exactly as the saved one did.

        Raises:
            IndexFormatError: the file is missing, not a saved index, written by another
                format version, truncated or damaged. Nothing is half-loaded.
        """
        with _no_gc():
            gazetteer, idx, options = read_saved(path)
        resolver = cls(gazetteer, threshold=options["threshold"], margin=options["margin"])
        resolver._index = idx
        return resolver

    @property
    def _mention_index(self) -> MentionIndex:
        mi = self._mentions
        if mi is None:
            idx = self.index
            with self._lock:
                if self._mentions is None:
                    self._mentions = MentionIndex(idx)
                mi = self._mentions
        return mi

    # -- public API ---------------------------------------------------------------------------

    def annotate(self, text: str) -> list[Mention]:
        """The mentions of this resolver's entities in ``text``: sorted by position,
        non-overlapping, the longest match winning. Offsets point into ``text`` itself.

        Raises:
            InputTooLongError: ``text`` is longer than :data:`namenorm.mentions.MAX_TEXT_LENGTH`.
        """
        return annotate(self, text)

    def resolve(self, name: str, *, type: str | None = None) -> Match | None:  # noqa: A002
        """The entity ``name`` refers to, or ``None`` when no entity is a confident answer.

        Args:
            name: any string; names longer than :data:`MAX_NAME_LENGTH` match nothing.
            type: only consider entities of this type.

        Returns:
            The best :class:`Match` if it reaches the threshold and beats every other entity by
            the margin, or, reason "..., alone", within :data:`LONE_DROP` below the threshold and
            :data:`LONE_MARGIN` ahead of every other entity with every part of the name found in
            it (see the README); ``None`` otherwise (no match, or an ambiguous one).
        """
        key = name if type is None else (name, type)
        cached = self._cache.get(key, _MISSING)
        if cached is not _MISSING:
            return cached  # type: ignore[return-value]
        found = None
        if type is None and name.__class__ is str and len(name) <= MAX_NAME_LENGTH and is_latin(name):
            # A Latin-script name held by one strong alias: the lone match of score 1 that the
            # ranking and decision stages would give, without them.
            idx = self.index
            norm = normalize(name)
            found = _strong_exact(idx, name, idx.exact.get(norm, -1) if norm else -1)
        if found is None:
            found = self._resolve(name, type)
        if len(name) <= 200:
            if len(self._cache) >= _RESULT_CACHE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _resolve(self, name: str, type: str | None) -> Match | None:  # noqa: A002
        ranked = self._rank(name, type=type, limit=2)
        if type in (None, "country") and len(name) <= MAX_NAME_LENGTH and (not ranked or ranked[0].score < 1.0):
            # Before the fuzzy decision: "جمهورية ألبانيا" (Republic of Albania) is nearer, by
            # its letters, to Lebanon's official name than to any name of Albania.
            found = self._state_form(name)
            if found is not None:
                return found
        found = self._decide(ranked, name, type_=type)
        if found is not None and found.score < 1.0 \
                and (_short_place_edit(name, found) or self._another_country_s(name, found)
                     or self._state_word_only(name, found)):
            return None
        if found is None and name.endswith((")", "]", "）")):
            found = self._bracketed(name, type)
        if found is None and "," in name:
            found = self._qualified(name, type)
        if found is None and _plural_s(name):
            # "Putins", "Algerias": a possessive or plural that lost its apostrophe.
            found = self._decide(self._less_s(self._rank(name.rstrip()[:-1], type=type, limit=2)))
        if found is None and name[:4].lower() == "the " and name[4:5].isupper():
            # "The United Kingdom", "the United States": the article before a name that is, as
            # it stands, a name of the gazetteer (its words alone are ordinary words, which
            # answer only exactly).
            rest = self._decide(self._rank(name[4:], type=type, limit=2), name[4:], type_=type)
            if rest is not None and rest.score >= 1.0:
                found = Match(rest.entity, rest.score, rest.alias, f"{rest.reason}, article dropped")
        if found is None and _SYLLABLES.fullmatch(name):
            # A foreign name written syllable by syllable, as Vietnamese does ("Ni-giê-ri-a",
            # "Xô-ma-li"): the word the syllables make.
            word = name.replace("-", "")
            respelled = "".join(map(_respell_syllable, name.split("-")))
            for text in dict.fromkeys((word, respelled)):
                found = self._decide(self._rank(text, type=type, limit=2), text, type_=type)
                if found is not None and found.score < 1.0 and _short_place_edit(text, found):
                    found = None
                if found is not None:
                    how = "syllables joined" if text == word else "syllables joined and respelled"
                    found = Match(found.entity, found.score, found.alias, f"{found.reason}, {how}")
                    break
        return found

    def _state_word_only(self, name: str, m: Match) -> bool:
        """A country found through a name that shares its word for "republic" or "kingdom" with
        the alias matched, the rest of which is not a spelling of the alias's rest: another
        country's official name ("Греческая Республика", the Hellenic Republic, is not "Чэская
        Рэспубліка", the Czech Republic, for the word they share)."""
        if m.entity.type != "country":
            return False
        words, alias = normalize(name).split(), normalize(m.alias).split()
        shared = {w for w in words if w in alias and is_state_word(w)}
        if not shared:
            return False
        rest, alias_rest = [w for w in words if w not in shared], [w for w in alias if w not in shared]
        if not rest or not alias_rest:
            return True
        # (a word of the rest that is the alias's own keeps it: "die Bundesrepublik Deutschland")
        return not set(rest) & set(alias_rest) \
            and compare(" ".join(rest), " ".join(alias_rest), type="place") < self.threshold

    def _another_country_s(self, name: str, m: Match) -> bool:
        """``name`` ends in "of" or "in" and a country's name that is not ``m``'s entity, nor
        its country, nor in the alias matched: the same name of another country's entity
        ("Government of National Unity of Sudan", "Tripoli of Lebanon"); or, but for a
        person's name, ends in such a country's name alone ("CNN Brasil"). An entity with no
        country (an international body: "... High Commissioner for Refugees in Algeria", its
        office there) is not told apart so."""
        ent = m.entity
        if ent.country is None:
            return False
        tail = _COUNTRY_TAIL.search(name)
        tails = [] if tail is None else [tail["tail"]]
        if ent.family != "person":
            # The country's name alone after the name ("CNN Brasil", "Foreign Ministry
            # Tanzania"); not after a person's, where it is as often a surname ("Jordan",
            # "Chad"). A short word
            # alone is a country's code only in capitals ("CNN USA", not a syllable "sa").
            words = name.split()
            tails += [t for t in (" ".join(words[-k:]) for k in (1, 2, 3) if len(words) > k)
                      if len(t) > 3 or t.isupper()]
        alias = normalize(m.alias)
        idx = self.index
        for text in tails:
            norm = normalize(text)
            if not norm or norm in alias:
                continue
            where = _strong_exact(idx, text, idx.exact.get(norm, -1))
            if where is not None and where.entity.type == "country":
                return where.entity.id not in (ent.id, ent.country)
        return False

    def _bracketed(self, name: str, type_: str | None) -> Match | None:
        """A name with a remark in brackets at its end, as lists write them ("CROATIA
        (HRVATSKA)", "CHINA (MAINLAND)", "... (FORMERLY ZAIRE)", a company's "(Sahami Khass)",
        "Tripoli (Libya)"): the entity of the name before the bracket, when the bracket names
        that entity, its country or what it is part of, or (except for a place, which a bracket
        tells from its namesakes: "Paris (Texas)") no entity at all; a name before the bracket
        that is not one of the entity's names exactly needs the bracket to name one of those."""
        m = _TRAILING_BRACKET.match(name)
        if m is None:
            return None
        head = self.resolve(m["head"], type=type_)
        if head is None:
            return None
        ent = head.entity
        inner = self.resolve(m["inner"])
        if inner is None:
            if head.score < 1.0 or (ent.family == "place" and ent.type != "country"):
                return None
        elif inner.entity.id not in (ent.id, ent.country, ent.part_of, *ent.affiliations):
            return None
        return Match(ent, head.score, head.alias, f"{head.reason}, bracket aside")

    def _qualified(self, name: str, type_: str | None) -> Match | None:
        """A place's name, a comma, and the country or region it lies in, as datelines, address
        lines and lists write them ("Benghazi, Libya", "Tripoli, Lebanon", "Springfield,
        Illinois"): of the places the head names, the one that lies in the entity the
        qualifier names (through its country or what it is part of), when exactly one of
        the best of them does. A person's "SURNAME, Given" is untouched: its given name names
        no place that holds the surname's entity."""
        head, _, qual = name.rpartition(",")
        head, qual = head.strip(), qual.strip()
        if not head or not qual or len(qual.split()) > _QUALIFIER_WORDS or type_ not in (None, "place", "city"):
            return None
        where = self.resolve(qual)
        if where is None or where.entity.family != "place":
            return None
        inside = [m for m in self._rank(head, type=type_, limit=_QUALIFIED_CANDIDATES)
                  if m.score >= self.threshold and m.entity.family == "place" and m.entity.id != where.entity.id
                  and where.entity.id in self._containers(m.entity)]
        if not inside or (len(inside) > 1 and inside[1].score > inside[0].score - self.margin):
            return None
        best = inside[0]
        return Match(best.entity, best.score, best.alias, f"{best.reason}, in {where.entity.name}")

    def _containers(self, ent: Entity) -> list[str]:
        """The ids of the entities a place lies in: its country, what it is part of, theirs."""
        out: list[str] = []
        todo = [ent]
        while todo and len(out) < 8:
            e = todo.pop()
            for up in (e.country, e.part_of):
                if up is not None and up not in out:
                    out.append(up)
                    nxt = self.gazetteer.get(up)
                    if nxt is not None:
                        todo.append(nxt)
        return out

    def _state_form(self, name: str) -> Match | None:
        """A country's official name: the word for "republic" or "kingdom" in some language
        before or after a name of the country ("Republik Albanien", "Arnavutluk Cumhuriyeti",
        "Royaume du Maroc"). The rest must resolve to an entity of type ``country`` on its own;
        once the short words between ("of", "de") or free words beside the state's word are
        dropped too, only by an exact or normalised name, or by one that differs from it in the
        endings of its words only, as a case ending does ("Δημοκρατία της Αλβανίας", "Republika
        Albanii": the genitive) and from no name of another country ("Nigirias" is as near
        Niger's "Nigiras" as Nigeria's "Nigiria"). Free words are read only in scripts that
        put spaces between words: in Chinese, Japanese or Korean script a word that no name
        holds as a word may be glued inside one ("minju", democratic, in the glued name of a
        Korea)."""
        tokens = tuple(normalize(name).split())
        free = None if cjk_chars(name) else self._free_words(tokens)
        whole: dict[str, str] | None = None
        for rest, linked in state_form_rests(tokens, free=free):
            text = " ".join(rest)
            m = self.resolve(text)
            if m is not None and m.entity.type == "country" and (not linked or m.score >= 1.0):
                return Match(m.entity, m.score, m.alias, f"{m.reason}, state form")
            if tokens[:len(rest)] == rest or (m is not None and m.entity.type != "country"):
                continue  # before a state's word at the end, a name may be an adjective: "Dominican", "Chechen"
            owners = self._inflected_names(text)
            if len(owners) != 1 or (m is not None and m.entity.id not in owners):
                continue
            if whole is None:
                whole = self._inflected_names(" ".join(tokens))
            if whole.keys() - owners.keys():
                continue  # the whole name is another country's with an ending
            (eid, alias), = owners.items()
            ent = self.gazetteer.get(eid)
            if ent is not None:
                return Match(ent, m.score if m is not None else self.threshold, alias, "case ending, state form")
        return None

    def _inflected_names(self, text: str) -> dict[str, str]:
        """The countries with a name that differs from the normalised ``text`` in the endings
        of its words only (see :func:`_case_ending_apart`), by id, with one such name each."""
        stems = self._country_tables()[0]
        return {eid: n for norm, eid, n in stems.get(text[:_STEM_LETTERS], ()) if _case_ending_apart(text, norm)}

    def _free_words(self, tokens: tuple[str, ...]) -> Callable[[str], bool]:
        """The test of a word of ``tokens`` that may come off beside the word for "republic": of
        three letters or more, no ordinary word, and either no part of any name of the gazetteer
        (a qualifier of the state no list holds: "federativnaia", "hoi giao") or a part of
        countries' names only, none of which holds another word of the name too: the
        "demokraticheskaia" of Ethiopia's official name comes off, that of "... Respublika
        Kongo" does not (another country's name holds both), and neither does a word of
        other names ("Trading")."""
        def free(word: str) -> bool:
            if len(word) < 3 or not word.isalpha() or is_ordinary(word):
                return False
            df = self.index.token_df(word)
            if not df:
                return True
            holders = self._country_tables()[1]
            countries, names = holders.get(word, (frozenset(), 0))
            if names < df:
                return False  # a part of other names too
            return not any(countries & holders.get(t, (frozenset(), 0))[0]
                           for t in tokens if t != word and len(t) > 3 and not is_state_word(t))

        return free

    def _country_tables(self) -> _CountryTables:
        """What the official-name rules read of the countries' names, built once: the names by
        their first letters (:meth:`_inflected_names`), and each word of them with the countries
        whose names hold it and how many of their names (distinct normal forms) do
        (:meth:`_free_words`)."""
        tables = self._countries
        if tables is None:
            with self._lock:
                if self._countries is None:
                    stems: dict[str, list[tuple[str, str, str]]] = {}
                    ids: dict[str, set[str]] = {}
                    counts: dict[str, int] = {}
                    for ent in self.gazetteer:
                        if ent.type != "country":
                            continue
                        norms = [(normalize(n), n) for n in ent.all_names]
                        for norm, n in norms:
                            if len(norm) >= _STEM_LETTERS:
                                stems.setdefault(norm[:_STEM_LETTERS], []).append((norm, ent.id, n))
                        for norm in {norm for norm, _ in norms}:
                            for word in set(norm.split()):
                                ids.setdefault(word, set()).add(ent.id)
                                counts[word] = counts.get(word, 0) + 1
                    self._countries = (stems, {w: (frozenset(e), counts[w]) for w, e in ids.items()})
            tables = self._countries
        return tables

    @staticmethod
    def _less_s(matches: list[Match]) -> list[Match]:
        return [Match(m.entity, round(m.score * 0.97, 4), m.alias, m.reason + ", less final s")
                for m in matches]

    def _decide(self, cands: list[Match], name: str = "", *, type_: str | None = None) -> Match | None:
        if not cands:
            return None
        best = cands[0]
        if len(cands) == 1 and best.score >= self.threshold and best.score >= self.margin:
            return best  # (alone, so ahead of any other by its whole score)
        second = cands[1].score if len(cands) > 1 else 0.0
        if best.score < self.threshold:
            # Evidence in the names themselves (every part of the name found in the entity's;
            # the same surnames and a given name), when the best entity is far ahead of every
            # other one: the answer a person sees when the score is near. A person's name also
            # needs no listed relative among the candidates.
            if best.score >= self.threshold - LONE_DROP and second <= best.score - LONE_MARGIN \
                    and "weak alias" not in best.reason:
                why = lone_evidence(name, best.alias, best.entity.family)
                if why == "alone" or (why is not None and not self._kin_rival(name, best, type_)):
                    return Match(best.entity, best.score, best.alias, f"{best.reason}, {why}")
            return None
        if second > best.score - self.margin:
            if best.score == 1.0 == second and name:
                return self._country_over_its_places(name, type_)
            return None
        return best

    def _country_over_its_places(self, name: str, type_: str | None) -> Match | None:
        """A name that a country shares with places of its own, every one of them its very
        name (Arabic "الجزائر", Russian "Алжир", Turkish "Cezayir": Algeria and Algiers;
        "تونس": Tunisia and Tunis): the country. A language writes the bare name for the
        country and qualifies the city ("الجزائر العاصمة", "Algiers the capital"), as English
        writes "Kuwait" and "Kuwait City". Through strong aliases only."""
        tied = [m for m in self._rank(name, type=type_, limit=_TIE_LIMIT) if m.score == 1.0]
        if len(tied) >= _TIE_LIMIT or any("weak alias" in m.reason for m in tied):
            return None
        countries = [m for m in tied if m.entity.type == "country"]
        if len(countries) != 1:
            return None
        state = countries[0]
        if all(m is state or (m.entity.family == "place" and state.entity.id in (m.entity.country, m.entity.part_of))
               for m in tied):
            return Match(state.entity, state.score, state.alias, f"{state.reason}, country over its own place")
        return None

    def _kin_rival(self, name: str, best: Match, type_: str | None) -> bool:
        """Another person's name among the index's candidates for ``name`` has the same
        surnames and a given name in common with it (see :func:`same_surnames_and_given`): a
        relative listed beside ``best``, which pre-ranking may have left unscored because
        another of its given names is further from the query's."""
        idx = self.index
        caps = _is_caps(name)
        for a in idx.gather(prepare(name, family=query_family(type_))):
            ent = idx.entities[idx.alias_ent[a]]
            if ent.id != best.entity.id and ent.family == "person" and self._ok(idx, a, type_, caps) \
                    and same_surnames_and_given(name, idx.alias_text[a]):
                return True
        return False

    def candidates(self, name: str, *, limit: int = 5, type: str | None = None) -> list[Match]:  # noqa: A002
        """Up to ``limit`` best-scoring entities for ``name``, best first, one match per entity,
        including those below the threshold."""
        if limit < 1:
            return []
        ranked = self._rank(name, type=type, limit=limit)
        if _plural_s(name):
            merged = {m.entity.id: m for m in ranked}
            for m in self._less_s(self._rank(name.rstrip()[:-1], type=type, limit=limit)):
                if m.entity.id not in merged or merged[m.entity.id].score < m.score:
                    merged[m.entity.id] = m
            ranked = sorted(merged.values(), key=lambda m: (-m.score, m.entity.id))[:limit]
        return ranked

    def resolve_many(self, names: Iterable[str], *, type: str | None = None,  # noqa: A002
                     workers: int = 1) -> list[Match | None]:
        """:meth:`resolve` for each name, in input order (repeated names are resolved once).

        Args:
            names: the names.
            type: as for :meth:`resolve`.
            workers: processes to use. With more than one, a batch of at least
                :data:`PARALLEL_MIN` distinct names is split among that many worker processes,
                which share the built index (forked after it is built, or, where processes
                cannot be forked, loading it once each from a temporary saved file). The
                answers are the same as with one, in input order.
        """
        if workers < 1:
            raise ValueError("workers must be at least 1")
        names = list(names)
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"name must be a str, not {_type_name(name)}")
        distinct = list(dict.fromkeys(names))
        if workers > 1 and len(distinct) >= PARALLEL_MIN:
            self.index  # noqa: B018 - built before the workers start, so they share it
            found = resolve_in_processes(self, distinct, type_=type, workers=workers, loader=self.__class__.load)
            memo = dict(zip(distinct, found))
        else:
            memo = {name: self.resolve(name, type=type) for name in distinct}
        return [memo[name] for name in names]

    # -- internals ----------------------------------------------------------------------------

    def _ok(self, idx: AliasIndex, a: int, type_: str | None, caps: bool) -> bool:
        if idx.alias_caps[a] and not caps:
            return False
        if type_ is None:
            return True
        ent = idx.entities[idx.alias_ent[a]]
        return ent.type == type_ or (type_ in FAMILIES and ent.family == type_)

    def _rank(self, name: str, *, type: str | None, limit: int) -> list[Match]:  # noqa: A002
        if name.__class__ is not str and not isinstance(name, str):
            raise TypeError(f"name must be a str, not {_type_name(name)}")
        if len(name) > MAX_NAME_LENGTH:
            return []
        idx = self.index
        quick = type is None and limit <= 2
        if is_latin(name):
            # Normalising a Latin-script name costs less than a lookup, and the normal form
            # usually belongs to one alias, which tells whether the name is that alias as written.
            norm = normalize(name)
            if not norm:
                return []
            # (None: no alias; -1 - g: group g of several aliases, the first of them -1)
            got = idx.exact.get(norm)
            found = _strong_exact(idx, name, got) if quick and got is not None else None
            if found is not None:
                return [found]
            caps = _is_caps(name)
            if got is None:
                hits = []
            elif got >= 0:
                hits = [got] if self._ok(idx, got, type, caps) else []
            else:  # several aliases share the normal form: the one written so, or all of them
                hits = [a for a in idx.ids(idx.raw, name) if self._ok(idx, a, type, caps)] \
                    or [a for a in idx.ids(idx.exact, norm) if self._ok(idx, a, type, caps)]
        else:
            caps = _is_caps(name)
            got = idx.raw.get(name)
            found = _strong_exact(idx, name, got) if quick and got is not None else None
            if found is not None:  # a name exactly as the gazetteer writes it, for one alias
                return [found]
            hits = [a for a in idx.ids(idx.raw, name) if self._ok(idx, a, type, caps)] if got is not None else []
            norm = normalize(name) if not hits else idx.alias_norm[hits[0]]
            if not norm:
                return []
            cjk = cjk_chars(name)
            if not hits and quick:
                # the next fastest path: one name, after normalisation
                a = idx.exact.get(norm, -1)
                found = _strong_exact(idx, name, a) if a >= 0 and _same_characters(idx, a, cjk) else None
                if found is not None:
                    return [found]
            if not hits:
                hits = [a for a in idx.ids(idx.exact, norm) if self._ok(idx, a, type, caps)]
                if cjk and len(cjk) <= 4:
                    # Homophones romanise alike: a person's name in Chinese, Japanese or Korean
                    # characters is the same name only with the same characters.
                    hits = [a for a in hits if _same_characters(idx, a, cjk)]
        if idx.written_only and hits:
            # (a name romanised to ordinary words answers only a query written in its letters)
            hits = [a for a in hits if a not in idx.written_only or _same_letters(idx.alias_text[a], name)]
        strong = [a for a in hits if not idx.alias_weak[a]]
        if strong and limit <= 2 and all(idx.alias_ent[a] == idx.alias_ent[strong[0]] for a in hits):
            a = strong[0]
            reason = "exact" if idx.alias_text[a] == name else "normalised"
            return [Match(idx.entities[idx.alias_ent[a]], 1.0, idx.alias_text[a], reason)]
        best: dict[int, Match] = {}

        def offer(e: int, score: float, a: int, reason: str) -> None:
            m = best.get(e)
            if m is None or score > m.score:
                best[e] = Match(idx.entities[e], round(score, 4), idx.alias_text[a], reason)

        for a in hits:
            weak = idx.alias_weak[a]
            reason = "exact" if idx.alias_text[a] == name else "normalised"
            offer(idx.alias_ent[a], WEAK_FACTOR if weak else 1.0, a,
                  reason + (" (weak alias)" if weak else ""))
        if is_ordinary(norm):
            # Ordinary words ("army", "Libyan", "national army") are a name only when they are
            # exactly one ("Chad", "Nice"), and not even then through a weak alias.
            keep = [idx.alias_ent[a] for a in hits if not idx.alias_weak[a] or (caps and idx.alias_acronym[a])]
            return sorted((best[e] for e in set(keep)), key=lambda m: (-m.score, m.entity.id))[:limit]
        form = prepare(name, norm=norm, family=query_family(type))
        if type is None:  # (the common case, without a call per candidate)
            acronym, caps_only = idx.alias_acronym, idx.alias_caps
            cands = [a for a in idx.gather(form) if not acronym[a] and (caps or not caps_only[a]) and a not in hits]
        else:
            cands = [a for a in idx.gather(form)
                     if self._ok(idx, a, type, caps) and a not in hits and not idx.alias_acronym[a]]
        if cands and idx.written_only:
            cands = [a for a in cands if a not in idx.written_only]
        if cands:
            # Pre-ranking in C (rapidfuzz): only the finalists reach the scorer below.
            cands = idx.prerank(form, cands, finalists=_FINALISTS)
            weigh = rarity_weigher(idx)
            for a in cands:
                score, how = score_alias(form, idx.form(a), idx.entities[idx.alias_ent[a]],
                                         weak=idx.alias_weak[a], weigh=weigh)
                offer(idx.alias_ent[a], score, a, how)
        if caps and form.acronym:
            # An acronym in capitals finds the names of organisations whose initials spell it
            # ("NIOC", "PDVSA"); no letter of it is like theirs, so no other key does.
            weigh = rarity_weigher(idx)
            for a in idx.by_initials(form.acronym):
                if a not in hits and (type is None or self._ok(idx, a, type, caps)):
                    score, how = score_alias(form, idx.form(a), idx.entities[idx.alias_ent[a]],
                                             weak=idx.alias_weak[a], weigh=weigh)
                    offer(idx.alias_ent[a], score, a, how)
        ranked_matches = sorted(best.values(), key=lambda m: (-m.score, m.entity.id))
        return ranked_matches[:limit]


# A word inflected for case keeps this many letters of its stem at least, and ends in no more
# than two letters of its own on either side, three on both ("albanii" / "albania", "albaniei" /
# "albania", never "chechen" / "chechia").
_STEM_LETTERS = 4
_ENDING_LETTERS = 2
_ENDINGS_LETTERS = 3
# (names by their first _STEM_LETTERS letters: normal form, id, name; word -> (countries, names))
_CountryTables = tuple[dict[str, list[tuple[str, str, str]]], dict[str, tuple[frozenset[str], int]]]


#: A one-word place name this short (letters, normal form) is no answer when only an edit
#: reaches a name of the place ("fuzzy"): one letter in five is as often another place of the
#: world (Braga / Brega, Sabah / Sabha, Condon / London) as a spelling of this one.
SHORT_PLACE_LETTERS = 5


def _short_place_edit(name: str, m: Match) -> bool:
    """``m`` is a place that only an edit of ``name``, one word of at most
    :data:`SHORT_PLACE_LETTERS` letters, reaches (see that constant)."""
    if m.entity.family != "place" or not m.reason.startswith("fuzzy"):
        return False
    norm = normalize(name)
    return " " not in norm and len(norm) <= SHORT_PLACE_LETTERS


def _case_ending_apart(a: str, b: str) -> bool:
    """Two normalised names of as many words, each pair of words the same but for their endings
    after a shared stem of four letters or more ("alvanias" / "alvania", "albanii" / "albania")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return False
    for x, y in zip(wa, wb):
        if x != y:
            stem = len(os.path.commonprefix((x, y)))
            ends = (len(x) - stem, len(y) - stem)
            if stem < _STEM_LETTERS or max(ends) > _ENDING_LETTERS or sum(ends) > _ENDINGS_LETTERS:
                return False
    return True


# A name, then one remark in brackets at its end.
_TRAILING_BRACKET = re.compile(r"^(?P<head>[^()\[\]（）]*[^\s()\[\]（）])\s*[(\[（](?P<inner>[^()\[\]（）]+)[)\]）]\s*$")
# More entities than this holding one name exactly: no reading of it is the plain one.
_TIE_LIMIT = 4
# A qualifier after a place's name and a comma has at most this many words ("Benghazi, Libya",
# "Paris, Ile de France"); the places of that name looked at.
_QUALIFIER_WORDS = 4
# One word of hyphen-joined syllables of at most four letters each ("Ác-hen-ti-na", "Li-bi").
_SYLLABLES = re.compile(r"[^\W\d_]{1,4}(?:-[^\W\d_]{1,4})+")
# A name's last words after "of" or "in" (and "the"), at most three: where an entity is.
_COUNTRY_TAIL = re.compile(r"\s(?:of|in)\s+(?:the\s+)?(?P<tail>[^\s,()]+(?:\s+[^\s,()]+){0,2})\s*$", re.IGNORECASE)
_QUALIFIED_CANDIDATES = 8


def _respell_syllable(syllable: str) -> str:
    """A syllable of a foreign name as Vietnamese writes it, with the letters that Vietnamese
    spells otherwise than most languages written back: ``x`` is s, ``gi`` before a vowel j,
    ``ph`` f ("Xy-ri" Syria, "Gioóc-đa-ni" Jordan, "Phi-líp-pin")."""
    low = syllable.lower()
    if low.startswith("gi") and len(low) > 2:
        low = "j" + low[2:]
    elif low.startswith("ph"):
        low = "f" + low[2:]
    return low.replace("x", "s")


def _letters_beyond_ascii(text: str) -> str:
    return "".join([ch for ch in text.casefold() if ch.isalpha() and not ch.isascii()])


def _same_letters(written: str, name: str) -> bool:
    """``name`` is written with the letters of ``written``, a name in a script other than Latin,
    whatever its case, spaces, punctuation and marks (Georgian capitals, a possessive):
    never with no such letter at all ("a man" for 阿曼). A name with no such letter (an exact
    alias in Latin letters, "Belanda", "S’Avana") is written so when the normal forms agree."""
    letters = _letters_beyond_ascii(written)
    if not letters:
        return normalize(written) == normalize(name)
    return letters == _letters_beyond_ascii(name)


def _strong_exact(idx: AliasIndex, name: str, a: int) -> Match | None:
    """The exact match of ``name`` to alias ``a``, the one alias holding its normal form (``a``
    is -1 or a group when there is none): ``None`` when that alias is weak, or written in
    capitals only and ``name`` is not."""
    if a < 0:
        return None
    e = idx.exact_owner[a]
    if e < 0:
        if e == -1 or not _is_caps(name):
            return None
        e = -2 - e
    text = idx.alias_text[a]
    return new_match(idx.entities[e], 1.0, text, "exact" if text == name else "normalised")


def _same_characters(idx: AliasIndex, a: int, cjk: str) -> bool:
    """Alias ``a`` is not a person's name in Chinese, Japanese or Korean characters, or its
    entity has a name with the same normal form written in the characters ``cjk`` (the index
    keeps one alias per normal form)."""
    ent = idx.entities[idx.alias_ent[a]]
    if ent.family != "person" or not cjk_chars(idx.alias_text[a]):
        return True
    norm = idx.alias_norm[a]
    return any(cjk_chars(n) == cjk and normalize(n) == norm for n in (*ent.all_names, *ent.weak_aliases))


def _type_name(obj: object) -> str:
    return type(obj).__name__
