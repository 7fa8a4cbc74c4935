"""Finding and resolving entity mentions in running text.

:func:`annotate` cuts the text into word tokens whose offsets point into the original string
(:func:`_tokenise`) and builds one document state, :class:`_Doc`: the tokens, the tokens already
taken by a mention or by an unknown name, the mentions found so far, the evidence they give
(entities named, the document's topic). The passes then read and extend that state, in this
order; each rule lives in the pass it belongs to:

1. :func:`_pass_names`: runs of tokens equal (after normalisation) to a name of an entity,
   longest first, without crossing punctuation other than hyphens. A strong
   name carried by one entity is a mention; a weak or shared one is kept as a *weak hit* for
   the evidence passes. Acronyms that are also words ("US", "IS") match only in capitals, a
   one-word name that is an ordinary word ("Dawn", "Chad") only when capitalised; a possessive
   without its apostrophe ("Turkeys") counts as the name; descriptors ("Interfax news agency")
   and a leading "the" stay outside.
2. :func:`_pass_whole_names`: capitalised runs that read as a name (given names, particles,
   initials, a surname) are taken whole. A run that resolves as a whole ("Fayez Mustafa
   al-Serraj", "Khalifa Hiftar") is one mention, never pieces; a run that does not is an
   unknown name ("Georgia Brandt", "Mustafa Sarraj", "Libya Herald"), and none of its tokens is
   linked on its own by any later pass. The same for a place at the head of an unknown
   institution ("Misrata University"). After a personal title ("Pope", "Mr") a single name is
   a person's.
3. :func:`_pass_definitions`: "Libyan National Army (LNA)" links "LNA" to the army for the rest
   of the document, as written.
4. :func:`_pass_document_evidence`: a weak alias ("Sarraj"), a shared name ("Gaddafi") or a bare
   surname of a person named in full in the document ("Pompeo") is linked when exactly one
   entity of the document (or one related to it, such as a person's army) fits. Never a bare
   given name.
5. :func:`_pass_variants`: spelling variants, with evidence: a capitalised token or run that the
   resolver matches to a strong name with a high score ("Misratat"), a token after a title or
   role ("President teben"; only a person there), a variant of an entity already in the
   document ("haftal"). A bare surname spelt differently needs the person in the document.
6. :func:`_pass_document_evidence` again, with what the variants added; then
   :func:`_pass_topic`: the countries that the document's mentions belong to make its topic
   (through the gazetteer's own links: a place's or a person's country, an organisation's
   country, an affiliation's). A weak name that nothing else settles ("HoR", "the House of
   Representatives") is linked when exactly one entity carrying it belongs to the country that
   leads the document, and nothing next to it ("Egypt's", "Egyptian", "of Egypt") points to
   another country. A weak name in capitals in a credit position (:func:`_pass_credits`: a
   dateline "DENVER (AP) —", "Photo: AA", "(Reuters)" closing a caption) is the agency of
   that name when one organisation carries it. A longer weak name that nothing settles gives
   way to the one-word name it begins with (:func:`_pass_unsettled`: "Libya" in "Libya's HoR").
7. :func:`_pass_repeats`: later lower-case repeats of a variant ("salaj" ... "salaj").
8. :func:`_pass_namesakes`: a word found alone that is the surname of a person the text names
   and the gazetteer does not hold ("Chris Jordan ... Jordan had a modest winter"), or the
   given name of one named in the body, is that person again: not linked to the place.
9. :func:`_pass_based`: a listed name that says where a body is based ("Tripoli-based
   Government of National Unity") is two mentions, the place and the body's own name.

Titles are never part of a mention; an ambiguous name that nothing in the document settles is
left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, fields
from itertools import accumulate, compress, count, repeat
from operator import add, and_, ge, is_, itemgetter, lt, not_ as _not, or_, sub
from collections.abc import Iterable, Sequence
from types import MemberDescriptorType
from typing import TYPE_CHECKING, Protocol

import numpy as np

from namenorm._scoring import make_token
from namenorm._words import COMMON_WORDS, DEMONYMS, GENERIC_WORDS, ORDINARY
from namenorm.errors import InputTooLongError
from namenorm.knowledge import given_name_ids, is_given_name, is_nickname_name, load_given_names
from namenorm.names import _CAMEL, PARTICLES, TITLES
from namenorm.names import is_caps as _is_caps
from namenorm.normalize import normalize
from namenorm.results import Match, Mention

if TYPE_CHECKING:
    from namenorm.index import AliasIndex

__all__ = ["MAX_TEXT_LENGTH", "Mention", "annotate"]

#: Texts longer than this (in characters) are refused with InputTooLongError.
MAX_TEXT_LENGTH = 50_000_000


class _Resolves(Protocol):
    """What the mention finder needs of a resolver (kept abstract: no import of resolve.py)."""

    threshold: float

    @property
    def _mention_index(self) -> MentionIndex: ...

    def resolve(self, name: str, *, type: str | None = None) -> Match | None: ...  # noqa: A002


# -- word lists of the rules ----------------------------------------------------------------------

_MAX_PHRASE = 8
_APOSTROPHES = "'’ʼ"
# Gaps between two tokens that a name may span: spaces and hyphens only (all such gaps of up to
# three characters, so that a gap is tested by one set lookup). "" joins the pieces of one word.
_JOINABLE: frozenset[str] = frozenset(
    {""} | {a + b + c for a in " \t\u00a0-" for b in ("", *" \t\u00a0-") for c in ("", *" \t\u00a0-")
            if not (b == "" and c != "")}
)
# A name of the gazetteer may also run across a possessive ("Libya's Presidential Council");
# a run of capitalised words that reads as one name does not ("France's Celine Boutier").
_NAME_GAPS: frozenset[str] = _JOINABLE | {ap + s + g for ap in "'’ʼ" for s in "sS" for g in _JOINABLE if g}
# Words after which a lower-case abbreviation that is also a common word is the abbreviation
# ("the largest base of is"), not the word ("the troops is").
_ABBR_BEFORE = frozenset({"of", "out", "against", "by", "from", "with", "to", "and", "the", "on", "fight", "fighting"})
_EXTRA_COMMON = frozenset({"turkey", "chad", "jordan", "china", "guinea", "georgia", "nice", "mali", "niger", "bath", "reading", "split"})
_DESCRIPTORS = frozenset({"news", "agency", "newspaper", "daily", "broadcaster", "channel",
                          "television", "tv", "radio", "website", "agence", "agenzia"})
# Titles and roles before a person's name: a token after one is resolved (as a person's name).
_ROLE_WORDS = TITLES | {"leader", "commander", "counterpart", "envoy", "marshal", "premier", "pope",
                        "cardinal", "archbishop", "bishop", "patriarch", "rabbi", "pastor", "coach",
                        "striker", "midfielder", "goalkeeper", "defender", "winger", "skipper",
                        "mayor", "governor", "lawmaker", "deputy", "spokesperson", "sprecher",
                        "porte", "parole", "portavoce", "sozcusu"}
# Words that never begin or continue a personal name, even capitalised: function words of the
# languages of the press, days and months, and the generic words and demonyms of _words.
_FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor of in on at to for with from by as into onto upon over under about
    after before since until while when where which who whom whose what why how this that these
    those it its he she they we you i his her their our your my me him them us is are was were
    be been being has have had do does did will would shall should can could may might must not
    no yes so if then than also only just even still yet very more most all any some each every
    both either neither such other another many much few one two three there here now today
    le la les un une des du de et ou en au aux der die das den dem des ein eine und oder im il
    lo gli una el los las y del al bu ve ile bir
    """.split()
)
_DAYS_MONTHS = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mon tue tues wed thu thur thurs fri sat
    sun jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
_NEVER_NAME = _FUNCTION_WORDS | _DAYS_MONTHS | GENERIC_WORDS | DEMONYMS
# Capitalised words that cannot begin a name-shaped run (titles can: they begin one after them).
_CANNOT_BEGIN = (_NEVER_NAME | COMMON_WORDS) - _ROLE_WORDS
# Particles that may stand, in lower case, inside a personal name ("Fayez al-Sarraj").
_NAME_PARTICLES = PARTICLES - {"of", "the", "and", "for", "und", "et"}
# Particles that are also English words ("as", "an", "at", "us": the Arabic article before a
# sun letter): inside a name only with a hyphen after them ("as-Sisi"); across a space they are
# the English words ("beat Australia as Jordan Henderson watched").
_HYPHENED_PARTICLES = frozenset({"as", "an", "at", "us"})
# The Spanish word for "and", also a particle of double surnames ("Ortega y Gasset").
_COORDINATING = frozenset({"y"})
# The last word of an institution named after a place ("Misrata University", "Tripoli Port").
_INSTITUTION_HEADS = frozenset(
    """
    university college academy institute school hospital clinic airport airbase stadium club
    bank airways airlines museum hotel mosque church cathedral port harbour harbor refinery
    terminal prison company corporation times post herald tribune journal gazette review
    observer express chronicle
    """.split()
)
_INSTITUTION_LINKS = frozenset({"international", "central", "national", "medical", "military",
                                "university", "teaching", "general", "commercial", "air", "sea",
                                "oil", "football", "sports", "city", "state", "islamic", "grand"})
# Function words of languages that capitalise every noun (German): in such a text a capitalised
# word after a name is not evidence of a longer name.
_NOUN_CAPITALISING = frozenset({"der", "die", "das", "und", "nicht", "ist", "mit", "sich", "auch", "dem"})
_TOPIC_SCORE = 0.88

# What a word of the text is to pass 1 (bits of MentionIndex.word_flags).
_ONE_WORD, _ROLE, _BEGINS = 2, 4, 8
# ...and to the passes after it: _SECOND (the second word of a name of two words or more: a
# pair is looked up only where a _BEGINS word has one after it), _SURNAME (a listed person's
# surname), _NO_BEGIN (a word that cannot begin a name, see _CANNOT_BEGIN).
_SECOND, _SURNAME, _NO_BEGIN = 1024, 2048, 4096
# ...and to the tokeniser (bits of MentionIndex.word_code, with those of word_flags), and to
# pass 5 (_LIVE: the word as written may be a variant, see MentionIndex.word_entities).
_UNLOWERED, _SPECIAL, _LIVE = 16, 32, 64
# ...and bits that later passes select tokens by: _CAPITAL (the word as written begins with a
# capital), _LOST_S (a normal form of five letters or more ending in s: a possessive or plural
# that may have lost its apostrophe), _COMPASS (a normal form that begins with a compass word).
_CAPITAL, _LOST_S, _COMPASS = 128, 256, 512
# Compass words that German glues to a country's name ("Westlibyen", "Nordsyrien").
_COMPASS_WORDS = ("nordost", "nordwest", "sudost", "sudwest", "nord", "sud", "ost", "west")

_FORM_MEMO = 200_000  # words whose normal forms (and index checks) are kept per resolver


def _shape_bits(raw: str, norm: str) -> int:
    """The bits _CAPITAL, _LOST_S and _COMPASS of a token written ``raw``, normal form ``norm``."""
    return ((_CAPITAL if raw[:1].isupper() else 0) | (_LOST_S if len(norm) > 4 and norm[-1:] == "s" else 0)
            | (_COMPASS if norm.startswith(_COMPASS_WORDS) else 0))


# -- tables built once per resolver -----------------------------------------------------------------

class MentionIndex:
    """Phrase tables derived from a resolver's index (built once per resolver).

    Reads only the index's entities, their positions, the declared ambiguous names, the alias
    lists and :meth:`AliasIndex.indexed`. Per-word answers (normal forms of words outside ASCII,
    index checks, keys) are memoised here, bounded: words come back from text to text.
    """

    def __init__(self, idx: AliasIndex) -> None:
        self.idx = idx
        #: the scoring family of each entity ("person", "org", "place", ...), looked up once.
        self.family: list[str] = [ent.family for ent in idx.entities]
        load_given_names()  # read by the passes on every text that names people
        self.strong: dict[tuple[str, ...], set[int]] = {}
        self.weak: dict[tuple[str, ...], set[int]] = {}
        #: declared ambiguous names -> the entities holding them as a strong name (their own
        #: name or alias, not a weak one): "Government of National Unity", the 2021 government's
        #: name and a weak alias of the 2016 one.
        self.own_ambiguous: dict[tuple[str, ...], set[int]] = {}
        first: dict[str, int] = {}  # first token of a name -> longest name starting with it
        self.caps_only: set[tuple[str, ...]] = set()  # acronyms that are also words
        self.cap_first: set[tuple[str, ...]] = set()  # one-word names that are also words
        #: every run of two or more tokens that begins a name.
        self.prefixes: set[tuple[str, ...]] = set()
        #: the last name token of persons' full names -> the persons ("Pompeo").
        self.surnames: dict[str, set[int]] = {}
        #: first tokens of persons' full names ("Mustafa", "Fayez").
        self.given_names: set[str] = set()
        self._norm_memo: dict[str, list[str]] = {}
        #: words as written -> (lower-case form, bits): see word_code.
        self._word_memo: dict[str, tuple[str, int]] = {}
        self._indexed_memo: dict[str, bool] = {}
        self._may_vary: dict[str, bool] = {}
        self._word_entities: dict[str, frozenset[int]] = {}
        self._entity_names: dict[int, frozenset[str]] = {}
        self._given_only: dict[tuple[str, str], bool] = {}
        self._lost_s: dict[str, tuple[int, frozenset[int]]] = {}
        #: words of the text that are no variant of any entity (see word_entities).
        self.dead_words: set[str] = set()
        #: a one-word name as written -> what it is in running text (see decide_solo).
        self.solo_decision: dict[str, tuple[int, frozenset[int]]] = {}
        written = idx.written_only
        for a, alias in enumerate(idx.alias_text):
            if a in written:
                continue  # its normal form is ordinary words, which are not this name
            e = idx.alias_ent[a]
            norm = idx.alias_norm[a]
            keys = {tuple(norm.split()), tuple(normalize(_CAMEL.sub(" ", alias)).split())}
            ambiguous = norm in idx.ambiguous
            table = self.weak if (idx.alias_weak[a] or ambiguous) else self.strong
            for key in keys:
                if not key or len(key) > _MAX_PHRASE:
                    continue
                table.setdefault(key, set()).add(e)
                if ambiguous and not idx.alias_weak[a]:
                    self.own_ambiguous.setdefault(key, set()).add(e)
                first[key[0]] = max(first.get(key[0], 0), len(key))
                for k in range(2, len(key) + 1):
                    self.prefixes.add(key[:k])
                if idx.alias_caps[a]:
                    self.caps_only.add(key)
                elif len(key) == 1 and (key[0] in COMMON_WORDS or key[0] in _EXTRA_COMMON or _acronym(alias)):
                    # (an acronym in lower case is a word of some language: Spanish "uno"
                    # beside the UN's "UNO")
                    self.cap_first.add(key)
            if not idx.alias_weak[a] and self.family[e] == "person":
                toks = [t for t in norm.split() if t not in PARTICLES and t not in TITLES]
                if len(toks) > 1:
                    last = toks[-1]
                    if len(last) >= 4 and last not in ORDINARY:
                        self.surnames.setdefault(last, set()).add(e)
                    if toks[0] not in ORDINARY:
                        self.given_names.add(toks[0])
        #: one lookup per candidate run: (the entity when exactly one strong name fits, else -1;
        #: every entity the run names; capitals required; capital initial required).
        self.phrases: dict[tuple[str, ...], tuple[int, frozenset[int], bool, bool]] = {}
        for key in self.strong.keys() | self.weak.keys():
            strong = self.strong.get(key, set())
            only_one = next(iter(strong)) if len(strong) == 1 else -1
            self.phrases[key] = (only_one, frozenset(strong | self.weak.get(key, set())),
                                 key in self.caps_only, key in self.cap_first)
        #: words that are a one-word name, with the phrase entry of that name.
        self.solo: dict[str, tuple[int, frozenset[int], bool, bool]] = {
            key[0]: entry for key, entry in self.phrases.items() if len(key) == 1}
        #: first word -> length of the longest name it begins (for words beginning longer ones).
        self.longest: dict[str, int] = {w: k for w, k in first.items() if k > 1}
        #: the first two words of every name of two words or more.
        self.pairs: frozenset[tuple[str, ...]] = frozenset(p for p in self.prefixes if len(p) == 2)
        #: names of two words that begin no longer name -> their phrase entry.
        longer_than_two = {p[:2] for p in self.prefixes if len(p) > 2}
        self.two_only: dict[tuple[str, ...], tuple[int, frozenset[int], bool, bool]] = {
            key: entry for key, entry in self.phrases.items() if len(key) == 2 and key not in longer_than_two}
        self.first: frozenset[str] = frozenset(first)
        #: one-word names, titles or roles, first and second words of longer names, surnames,
        #: words that cannot begin a name -> what they are (bits _ONE_WORD, _ROLE, _BEGINS,
        #: _SECOND, _SURNAME, _NO_BEGIN): one lookup a word of the text.
        self.word_flags: dict[str, int] = dict.fromkeys(self.solo, _ONE_WORD)
        for w in _ROLE_WORDS:
            self.word_flags[w] = self.word_flags.get(w, 0) | _ROLE
        for w in self.longest:
            self.word_flags[w] = self.word_flags.get(w, 0) | _BEGINS
        for w in {p[1] for p in self.pairs}:
            self.word_flags[w] = self.word_flags.get(w, 0) | _SECOND
        for w in self.surnames:
            self.word_flags[w] = self.word_flags.get(w, 0) | _SURNAME
        for w in _CANNOT_BEGIN:
            self.word_flags[w] = self.word_flags.get(w, 0) | _NO_BEGIN
        #: every token of every name.
        self.name_tokens: frozenset[str] = frozenset(t for key in self.phrases for t in key)
        #: one string object for each word of the tables: the lower-case forms of the words of
        #: a text are these objects (see word_code), hashed once, found in tables by identity.
        self._canon: dict[str, str] = {w: w for w in self.word_flags}
        for w in self.name_tokens:
            self._canon.setdefault(w, w)
        #: the country each entity belongs to (itself for a country), through its country
        #: link, what it is part of, or its affiliations; -1 when none.
        self.country_of: list[int] = [self._country(e, 0) for e in range(len(idx.entities))]
        #: the entity each entity is part of (the UN for its Security Council), -1 when none.
        self.parent: list[int] = [idx.entity_pos.get(ent.part_of, -1) if ent.part_of else -1
                                  for ent in idx.entities]
        #: the entities each entity is affiliated with (its army, its party).
        self.affiliated: list[tuple[int, ...]] = [
            tuple(idx.entity_pos[a] for a in ent.affiliations if a in idx.entity_pos) for ent in idx.entities]
        #: stems of one-word country names -> the countries (see demonym_countries).
        self.country_stems: dict[str, set[int]] = {}
        for e, ent in enumerate(idx.entities):
            if ent.type == "country":
                for name in ent.all_names:
                    norm = normalize(name)
                    if norm.isalpha() and norm.isascii() and len(norm) >= 4:
                        self.country_stems.setdefault(norm[: max(4, len(norm) - 2)], set()).add(e)
        #: token key (tier 1, loose, skeleton) of any name -> the entities with that key.
        owners: dict[str, set[int]] = {}
        for e in range(len(idx.entities)):
            for token_key in _entity_keys(idx, e):
                owners.setdefault(token_key, set()).add(e)
        self.key_entities: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in owners.items()}
        #: (a place's name parts, a kind of facility) -> the listed facilities so named: "Jufra
        #: air base" and "Al-Jufra Airbase" give (("jufra",), "base").
        self.facilities: dict[tuple[tuple[str, ...], str], set[int]] = {}
        for e, ent in enumerate(idx.entities):
            if ent.type == "facility":
                for name in ent.all_names:
                    got = _facility_key(normalize(name).split())
                    if got is not None:
                        self.facilities.setdefault(got, set()).add(e)

    def _country(self, e: int, depth: int) -> int:
        idx = self.idx
        ent = idx.entities[e]
        if ent.type == "country":
            return e
        if ent.country is not None and ent.country in idx.entity_pos:
            return idx.entity_pos[ent.country]
        if depth < 4:
            for link in (ent.part_of, *ent.affiliations):
                if link is not None and link in idx.entity_pos:
                    c = self._country(idx.entity_pos[link], depth + 1)
                    if c >= 0:
                        return c
        return -1

    def decide_solo(self, raw: str, norm: str) -> tuple[int, frozenset[int]]:
        """What the one-word name ``norm``, written ``raw``, is in running text: (the entity,
        or -1; the entities it may name, none when its case rules it out)."""
        only_one, ents, caps_only, cap_first = self.solo[norm]
        # A place is a proper noun: written in lower case, its one-word name is a word of some
        # language ("libyen", French for Libyan; "roma"), not the place.
        lower_place = raw.islower() and only_one >= 0 and self.family[only_one] == "place"
        if caps_only and not _is_caps(raw) or cap_first and not raw[:1].isupper() or lower_place:
            got: tuple[int, frozenset[int]] = (-1, frozenset())
        else:
            got = (only_one, ents)
        if len(self.solo_decision) < _FORM_MEMO:
            self.solo_decision[raw] = got
        return got

    def entity_names(self, e: int) -> frozenset[str]:
        """The normal forms of every name of entity ``e``, weak ones included (memoised)."""
        got = self._entity_names.get(e)
        if got is None:
            ent = self.idx.entities[e]
            got = frozenset(normalize(a) for a in (*ent.all_names, *ent.weak_aliases))
            self._entity_names[e] = got
        return got

    def demonym_countries(self, word: str) -> set[int]:
        """The countries ``word`` may be the demonym of: a one-word name of the country, less
        its last two letters and four letters at least, begins it ("libyan" / "Libya",
        "egyptian" / "Egypt")."""
        stems = self.country_stems
        return set().union(*(stems.get(word[:k], ()) for k in range(4, len(word) + 1)))

    def decide_lost_s(self, norm: str) -> tuple[int, frozenset[int]]:
        """What a capitalised word ``norm`` ending in s is when the s is a possessive or plural
        that lost its apostrophe: (the entity its stem strongly names, or -1; the entities a
        weak or shared stem may name). Memoised."""
        got = self._lost_s.get(norm)
        if got is None:
            stem = (norm[:-1],)
            strong = self.strong.get(stem, set())
            if len(strong) == 1 and stem not in self.caps_only:
                got = (next(iter(strong)), frozenset())
            else:
                got = (-1, frozenset(strong) | frozenset(self.weak.get(stem, ())))
            if len(self._lost_s) < _FORM_MEMO:
                self._lost_s[norm] = got
        return got

    def given_name_only(self, norm: str, alias: str) -> bool:
        """``norm`` matches a given name of the person's name ``alias``, not its surname
        (memoised)."""
        got = self._given_only.get((norm, alias))
        if got is None:
            parts = [t for t in normalize(alias).split() if t not in PARTICLES]
            key = make_token(norm).t1
            keys = [make_token(t).t1 for t in parts]
            got = len(parts) > 1 and key in keys[:-1] and key != keys[-1]
            if len(self._given_only) < _FORM_MEMO:
                self._given_only[(norm, alias)] = got
        return got

    def word_code(self, word: str) -> tuple[str, int]:
        """A word of the text as the tokeniser first sees it: its lower-case form, and bits:
        its form's :attr:`word_flags`, _UNLOWERED (a capital somewhere), _SPECIAL (a case
        change inside, or letters outside ASCII: the word goes through :func:`_word_tokens`),
        _LIVE (:meth:`word_entities` has entities for it). Memoised, bounded."""
        low = word.lower()
        low = self._canon.get(low, low)
        code = self.word_flags.get(low, 0) | _shape_bits(word, low)
        if self.word_entities(word):
            code |= _LIVE
        if low != word:
            code |= _UNLOWERED
            # Title-case words are plain; of the others only capitals and numbers are.
            if not word.istitle() and not (word.isupper() or word.isdigit()):
                code |= _SPECIAL
        if not word.isascii():
            code |= _SPECIAL
        got = (low, code)
        if len(self._word_memo) < _FORM_MEMO:
            self._word_memo[word] = got
        return got

    def token_code(self, raw: str, norm: str) -> int:
        """The bits of a token that the tokeniser rewrote (see word_code)."""
        return (self.word_flags.get(norm, 0) | (_UNLOWERED if raw != raw.lower() else 0)
                | (_LIVE if self.word_entities(raw) else 0) | _shape_bits(raw, norm))

    def word_norms(self, piece: str) -> list[str]:
        """The normal-form tokens of one word of the text."""
        got = self._norm_memo.get(piece)
        if got is None:
            got = normalize(piece).split()
            if len(self._norm_memo) < _FORM_MEMO:
                self._norm_memo[piece] = got
        return got

    def indexed(self, norm: str) -> bool:
        """Some gazetteer name shares a key with this word, or is one edit away from it."""
        got = self._indexed_memo.get(norm)
        if got is None:
            got = self.idx.indexed(make_token(norm))
            if len(self._indexed_memo) < _FORM_MEMO:
                self._indexed_memo[norm] = got
        return got

    def may_vary(self, norm: str) -> bool:
        """A capitalised word with this normal form may be a spelling variant of a name: four
        letters or more, no ordinary word, and :meth:`indexed`. Memoised, bounded."""
        got = len(norm) >= 4 and norm not in ORDINARY and norm.isalpha() and self.indexed(norm)
        if len(self._may_vary) < _FORM_MEMO:
            self._may_vary[norm] = got
        return got

    def word_entities(self, word: str) -> frozenset[int]:
        """The entities that a lower-case word of the text shares a token key with (tier 1,
        loose or skeleton): those it may be a variant of. Only words of four letters or more
        that are not ordinary words have any; words with none are remembered in
        ``dead_words``."""
        got = self._word_entities.get(word)
        if got is None:
            got = frozenset()
            if len(word) >= 4 and word.isalpha() and word.islower() and word not in ORDINARY:
                ft = make_token(normalize(word) if not word.isascii() else word)
                owners = self.key_entities
                got = owners.get(ft.t1, got) | owners.get(ft.loose, got) | owners.get(ft.skel, got)
            if len(self._word_entities) < _FORM_MEMO:
                self._word_entities[word] = got
                if not got:
                    self.dead_words.add(word)
        return got


def _entity_keys(idx: AliasIndex, e: int) -> frozenset[str]:
    keys: set[str] = set()
    ent = idx.entities[e]
    for name in (*ent.all_names, *ent.weak_aliases):
        for tok in normalize(name).split():
            ft = make_token(tok)
            keys.update((ft.t1, ft.loose, ft.skel))
    return frozenset(keys)


# -- tokens ----------------------------------------------------------------------------------------

_first_char = itemgetter(0)
_first = itemgetter(0)
_second = itemgetter(1)
_third = itemgetter(2)
# Runs of word characters; combining accents belong to their word ("Mire\u0301lle").
_SPLIT = re.compile("([\\w\u0300-\u036f]+)")
# The same cut for a text in ASCII: the ASCII word class is tested faster.
_SPLIT_ASCII = re.compile(r"([A-Za-z0-9_]+)")
# A character outside ASCII other than the punctuation of news text (quotes, dashes, no-break
# spaces, the Latin-1 signs): none of those is a word character or an accent, so a text whose
# only characters outside ASCII are those is cut by _SPLIT_ASCII into the same words.
_NOT_PLAIN_PUNCTUATION = re.compile("[^\\x00-\\x7f" + "".join(
    re.escape(c) for c in map(chr, (*range(0xA0, 0xC0), 0xD7, 0xF7, *range(0x2010, 0x2070)))
    if not c.isalnum()) + "]")
# Gaps inside a word: an apostrophe ("Haftar's", "O'Brien", "l'Armée") or the dot of a dotted
# acronym ("U.S.").
_APOSTROPHE_GAPS = frozenset(_APOSTROPHES)
_INNER_GAPS = _APOSTROPHE_GAPS | {"."}


@dataclass(slots=True)
class _Tokens:
    """The words of a text as parallel lists, no object per word: the word as written, its
    lower-case normal form, its offsets, and the text between it and the previous word (""
    between the pieces of one word)."""

    raw: list[str]
    norm: list[str]
    start: list[int]
    end: list[int]
    gap: list[str]
    #: the tokens with a capital letter somewhere (capitalised, in capitals, a case change).
    unlowered: list[int]
    #: each token's bits, as an array for selections by bit (:func:`_with_bits`): its normal
    #: form's MentionIndex.word_flags, _UNLOWERED, _LIVE (the token as written may be a
    #: variant: MentionIndex.word_entities has entities), and the shape bits (see _shape_bits).
    bits: np.ndarray


def _with_bits(bits: np.ndarray, bit: int) -> list[int]:
    """The positions whose bits include all of ``bit``."""
    return np.flatnonzero((bits & bit) == bit).tolist()  # type: ignore[no-any-return]


def _bit_array(codes: list[int]) -> np.ndarray:
    """The tokens' bits as an array (see _Tokens.bits)."""
    return np.fromiter(codes, np.int64, len(codes))


def _tokenise(text: str, mi: MentionIndex) -> _Tokens:
    """Word tokens of ``text`` with offsets into it.

    One ``re.split`` cuts the text into alternating gaps and runs of word characters; offsets
    are computed a list at a time, each word's lower-case form and bits come from one memo
    lookup (:meth:`MentionIndex.word_code`), and bit tests find the few places that need more
    (no Python call per word once the words are known):

    - an apostrophe between two runs: a possessive ``'s`` is dropped ("Haftar's" -> "Haftar");
      the two runs are one word when that word is a name token ("O'Brien", "N'Djamena");
      otherwise the apostrophe separates an elided article or a suffix from the name
      ("l'Armée", "Libya'da");
    - single letters with dots are one acronym ("U.S.");
    - a word with a case change inside ("KhalifaHaftar") or letters outside ASCII goes through
      :func:`_word_tokens`.
    """
    ascii_words = text.isascii() or _NOT_PLAIN_PUNCTUATION.search(text) is None
    parts = (_SPLIT_ASCII if ascii_words else _SPLIT).split(text)
    if len(parts) < 3:
        return _Tokens([], [], [], [], [], [], _bit_array([]))
    bounds = list(accumulate(map(len, parts)))
    words = parts[1::2]
    gaps = parts[0:-1:2]
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    # Each word's lower-case form and bits, one lookup a word (see word_code): the words come
    # back from text to text, their forms are shared objects, hashed once.
    memo = mi._word_memo
    coded: list[tuple[str, int]] = list(map(memo.get, words))  # type: ignore[arg-type]  # None: below
    if None in coded:
        word_code = mi.word_code
        for k in _where(map(is_, coded, repeat(None))):
            coded[k] = word_code(words[k])
    norms = list(map(_first, coded))
    codes = list(map(_second, coded))
    bits = _bit_array(codes)
    # Words with a case change inside or letters outside ASCII.
    special = _with_bits(bits, _SPECIAL)
    inner = _where(map(_INNER_GAPS.__contains__, gaps))
    if not special and not inner:
        # Words with a capital somewhere (capitalised, in capitals, a case change inside).
        return _Tokens(words, norms, starts, ends, gaps, _with_bits(bits, _UNLOWERED), bits)
    raw = list(words)
    # Words rewritten in place (one token for one word), and words that drop out (merged into
    # the word before: []) or become several tokens.
    changes: dict[int, list[tuple[str, str, int, int, str]]] = {}
    token_code = mi.token_code
    for k in special:
        pieces = _word_tokens(words[k], starts[k], gaps[k], mi)
        if len(pieces) == 1:
            raw[k], norms[k], starts[k], ends[k], _ = pieces[0]
            # The word's capitals; the rest from the token.
            codes[k] = (codes[k] & _UNLOWERED) | (token_code(raw[k], norms[k]) & ~_UNLOWERED)
        else:
            changes[k] = pieces
    if inner:
        _inner_gaps(text, mi, inner, raw, norms, starts, ends, gaps, codes, changes)
    if not changes:
        bits = _bit_array(codes)
        return _Tokens(raw, norms, starts, ends, gaps, _with_bits(bits, _UNLOWERED), bits)
    # The lists again, copied a slice at a time between the changes.
    out = _Tokens([], [], [], [], [], [], bits)
    mask: list[int] = []
    done = 0
    for k in sorted(changes):
        out.raw += raw[done:k]
        out.norm += norms[done:k]
        out.start += starts[done:k]
        out.end += ends[done:k]
        out.gap += gaps[done:k]
        mask += codes[done:k]
        done = k + 1
        for p, piece in enumerate(changes[k]):
            out.raw.append(piece[0])
            out.norm.append(piece[1])
            out.start.append(piece[2])
            out.end.append(piece[3])
            out.gap.append(gaps[k] if p == 0 else piece[4])  # the gap as the dots and possessives left it
            mask.append(token_code(piece[0], piece[1]))
    out.raw += raw[done:]
    out.norm += norms[done:]
    out.start += starts[done:]
    out.end += ends[done:]
    out.gap += gaps[done:]
    mask += codes[done:]
    out.bits = _bit_array(mask)
    out.unlowered = _with_bits(out.bits, _UNLOWERED)
    return out


def _inner_gaps(text: str, mi: MentionIndex, inner: list[int], raw: list[str], norms: list[str],
                starts: list[int], ends: list[int], gaps: list[str], codes: list[int],
                changes: dict[int, list[tuple[str, str, int, int, str]]]) -> None:
    """Apostrophes and dots inside words (see :func:`_tokenise`): merge words in place into
    the first of them (its bits in ``codes`` made again); the ones that drop out are recorded
    in ``changes`` with no token."""
    n = len(raw)
    names = mi.name_tokens
    for k in inner:
        if k == 0 or k - 1 in changes or k in changes:
            continue
        if gaps[k] == ".":
            # A dotted acronym: single letters, each followed by a dot.
            if len(raw[k]) != 1 or len(raw[k - 1]) != 1 or not raw[k - 1].isalpha() or not raw[k].isalpha():
                continue
            stop = k
            while stop + 1 < n and gaps[stop + 1] == "." and len(raw[stop + 1]) == 1 and raw[stop + 1].isalpha():
                stop += 1
            end = ends[stop] + (1 if text[ends[stop] : ends[stop] + 1] == "." else 0)
            raw[k - 1] = text[starts[k - 1] : end]
            norms[k - 1] = "".join(norms[k - 1 : stop + 1])
            ends[k - 1] = end
            codes[k - 1] = mi.token_code(raw[k - 1], norms[k - 1])
            for j in range(k, stop + 1):
                changes[j] = []
            if end > ends[stop] and stop + 1 < n:
                gaps[stop + 1] = gaps[stop + 1][1:]
        elif norms[k] == "s" and (k + 1 == n or gaps[k + 1] not in _APOSTROPHE_GAPS):
            changes[k] = []  # a possessive: the name ends before it, the next word follows it
            if k + 1 < n:
                gaps[k + 1] = gaps[k] + raw[k] + gaps[k + 1]
        else:
            glued = norms[k - 1] + norms[k]
            if glued in names:  # "O'Brien", "N'Djamena": the apostrophe is part of the name
                raw[k - 1] = text[starts[k - 1] : ends[k]]
                norms[k - 1] = glued
                ends[k - 1] = ends[k]
                codes[k - 1] = mi.token_code(raw[k - 1], norms[k - 1])
                changes[k] = []


def _word_tokens(raw: str, start: int, gap: str, mi: MentionIndex) -> list[tuple[str, str, int, int, str]]:
    """The general path for one word: case changes inside, letters outside ASCII. One word may
    give several tokens, all with offsets into the text; the pieces after the first are joined
    to it (gap "")."""
    if len(raw) > 3 and raw[-1] in "sS" and raw[-2] in _APOSTROPHES:
        raw = raw[:-2]  # a possessive after an apostrophe that is a letter ("Haftarʼs")
    pieces = [(start, raw)]
    if _CAMEL.search(raw):
        pieces = []
        at = start
        for part in _CAMEL.sub(" ", raw).split(" "):
            pieces.append((at, part))
            at += len(part)
    out: list[tuple[str, str, int, int, str]] = []
    for i, (s, piece) in enumerate(pieces):
        norms = [piece.lower()] if piece.isascii() and piece.isalnum() else mi.word_norms(piece)
        for j, n in enumerate(norms):
            out.append((piece, n, s, s + len(piece), gap if (i == 0 and j == 0) else ""))
    return out


def _where(flags: Iterable[object]) -> list[int]:
    """The positions of the true values (itertools at C speed: no Python code per value)."""
    return list(compress(count(), flags))


def _select(items: list[int], flags: Iterable[object]) -> list[int]:
    """The items whose flag is true."""
    return list(compress(items, flags))


def _select_free(taken: list[bool], positions: list[int]) -> list[int]:
    """The positions not taken."""
    return list(compress(positions, map(_not, map(taken.__getitem__, positions))))


# -- the document state --------------------------------------------------------------------------

# A mention found, as a tuple: (first token, end token (exclusive), entity, score, reason).
_Cand = tuple[int, int, int, float, str]


@dataclass(slots=True, eq=False)
class _Doc:
    """Everything the passes share about one text."""

    text: str
    resolver: _Resolves
    mi: MentionIndex
    toks: _Tokens
    #: token -> part of a mention, or of an unknown name that no pass may link into.
    taken: list[bool]
    #: capitalised tokens, in order.
    caps: list[int]
    #: the normal forms with three empty strings after them (lookups past the end).
    padded_norms: list[str]
    #: mentions found so far (in the order found).
    found: list[_Cand] = field(default_factory=list)
    #: weak or shared names found by pass 1: (first token, end token, entities carrying it).
    weak_hits: list[tuple[int, int, frozenset[int]]] = field(default_factory=list)
    #: entities the document names.
    in_doc: set[int] = field(default_factory=set)
    #: tokens right after a personal title: only a person's name may be linked there.
    person_slots: set[int] = field(default_factory=set)
    #: line start -> the line is a headline in title case.
    headlines: dict[int, bool] = field(default_factory=dict)
    #: the text capitalises every noun (German); decided on first use.
    noun_caps: bool | None = None
    #: tokens that are titles or roles ("President", "minister").
    roles: list[int] = field(default_factory=list)
    #: one-word names at the start of a longer weak name ("Libya" of "Libya's HoR").
    under_weak: list[int] = field(default_factory=list)
    #: first tokens of the weak or shared names of two words or more that pass 1 found.
    weak_starts: set[int] = field(default_factory=set)
    #: the surnames (and, named in the body, given names) of people the text names and the
    #: gazetteer does not hold.
    unknown_people: set[str] = field(default_factory=set)

    def joined(self, k: int) -> bool:
        """Token ``k`` follows the previous one across spaces or a hyphen only."""
        return self.toks.gap[k] in _JOINABLE

    def add(self, s: int, e: int, entity: int, score: float, reason: str) -> None:
        """Record a mention of ``entity`` on tokens ``s..e``."""
        self.found.append((s, e, entity, score, reason))
        taken = self.taken
        for k in range(s, e):
            taken[k] = True
        self.in_doc.add(entity)

    def drop(self, s: int, e: int) -> None:
        """Tokens ``s..e`` are an unknown name: forget what was found inside, take them all."""
        taken = self.taken
        # (the tokens of every mention found are taken: with none taken, none is inside)
        if True in taken[s:e]:
            kept = [c for c in self.found if c[0] >= e or c[1] <= s]
            if len(kept) < len(self.found):
                self.found = kept
                self.in_doc = set(map(_third, kept))
        for k in range(s, e):
            taken[k] = True

    def is_headline(self, k: int) -> bool:
        """Token ``k`` is on a line in title case without a full stop at its end."""
        text = self.text
        at = self.toks.start[k]
        line_start = text.rfind("\n", 0, at) + 1
        got = self.headlines.get(line_start)
        if got is None:
            line_end = text.find("\n", at)
            if line_end < 0:
                line_end = len(text)
            line = text[line_start:line_end].rstrip()
            # (most lines are sentences: their end says so before their words are counted)
            got = not line.endswith((".", "!", "?", ".\u201d", '."', ":"))
            if got:
                first = bisect_left(self.toks.start, line_start)
                last = bisect_left(self.toks.start, line_end)
                line_words = self.toks.raw[first:last]
                words = list(compress(line_words, map(and_, map(ge, map(len, line_words), repeat(4)),
                                                      map(str.isalpha, line_words))))
                capitalised = sum(map(str.isupper, map(_first_char, words)))
                got = len(words) >= 2 and capitalised >= 0.75 * len(words)
            self.headlines[line_start] = got
        return got

    def capitalises_nouns(self) -> bool:
        """The text is in a language that capitalises every noun (German)."""
        if self.noun_caps is None:
            norms = self.toks.norm
            hits = sum(map(_NOUN_CAPITALISING.__contains__, norms))
            self.noun_caps = hits >= max(3, len(norms) // 40)
        return self.noun_caps

    def sentence_initial(self, k: int) -> bool:
        """Token ``k`` begins a sentence, a line or a quotation (its capital says nothing)."""
        if k == 0:
            return True
        gap = self.toks.gap[k]
        return any(c in gap for c in ".!?:;\n\"“”‘«»(") and self.toks.norm[k - 1] not in TITLES


def annotate(resolver: _Resolves, text: str) -> list[Mention]:
    """Find the mentions of ``resolver``'s entities in ``text`` (see the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputTooLongError("text", len(text), MAX_TEXT_LENGTH)
    mi = resolver._mention_index
    toks = _tokenise(text, mi)
    raw = toks.raw
    caps = _with_bits(toks.bits, _CAPITAL)
    doc = _Doc(text, resolver, mi, toks, [False] * len(raw), caps, [*toks.norm, "", "", ""])
    _pass_names(doc)
    _pass_whole_names(doc)
    _pass_definitions(doc)
    _pass_document_evidence(doc)
    _pass_compounds(doc)
    _pass_variants(doc)
    _pass_document_evidence(doc)
    _pass_topic(doc)
    _pass_credits(doc)
    _pass_unsettled(doc)
    _pass_repeats(doc)
    _pass_namesakes(doc)
    _pass_given_names(doc)
    _pass_based(doc)
    _pass_facility_heads(doc)
    return _mentions(doc)


# -- pass 1: names ---------------------------------------------------------------------------------

def _pass_names(doc: _Doc) -> None:
    """Listed names, longest first (see the module docstring)."""
    mi = doc.mi
    toks = doc.toks
    norms = toks.norm
    raws = toks.raw
    gaps = toks.gap
    first = mi.first
    found = doc.found
    taken = doc.taken
    weak_hits = doc.weak_hits
    # Where a name may begin: the first two words of a longer name (the gap between them is
    # checked below), or a one-word name. The tokeniser gave each token its word_flags bits
    # (among others): one numpy bit test over all tokens for each.
    bits = toks.bits
    doc.roles = _with_bits(bits, _ROLE)
    longer = _pair_starts(mi, doc.padded_norms, bits)
    next_free = 0
    weak_starts = doc.weak_starts
    two_only = mi.two_only
    for i in longer:
        if i < next_free or gaps[i + 1] not in _NAME_GAPS:
            continue
        pair = (norms[i], norms[i + 1])
        ph: tuple[int, frozenset[int], bool, bool] | None = two_only.get(pair)
        if ph is not None and not ph[2] and not ph[3]:
            length = 2  # a name of two words that begins no longer one
        else:
            length, ph = _longest_name(mi, norms, gaps, i, raws)
        if ph is None:
            continue  # a one-word name at most: below, with the others
        only_one = ph[0]
        if only_one < 0:
            weak_hits.append((i, i + length, ph[1]))
            weak_starts.add(i)  # the longest name wins, even a weak one
            continue
        s, e = i, i + length
        if norms[e - 1] in _DESCRIPTORS or norms[i] == "the":
            s, e = _trim(doc, s, e, only_one)
        if e - s == 2 and gaps[s + 1] in _JOINABLE:
            found.append((s, e, only_one, 1.0, "name"))  # no possessive inside
            taken[s] = taken[s + 1] = True
        else:
            for s, e, entity in _at_possessive(doc, s, e, only_one):
                found.append((s, e, entity, 1.0, "name"))
                taken[s:e] = [True] * (e - s)
        next_free = i + length
    # One-word names, decided once per word as written (its case matters): lookups mapped
    # over the positions, no Python call per word once the words are known.
    single = _with_bits(bits, _ONE_WORD)
    if found:
        single = _select(single, map(_not, map(taken.__getitem__, single)))
    if weak_starts:  # kept aside, for when nothing settles the weak name
        aside = list(map(weak_starts.__contains__, single))
        doc.under_weak = _select(single, aside)
        single = _select(single, map(_not, aside))
    decide = mi.solo_decision
    known = list(map(decide.get, map(raws.__getitem__, single)))
    decisions: list[tuple[int, frozenset[int]]] = [
        d if d is not None else mi.decide_solo(raws[k], norms[k]) for k, d in zip(single, known)
    ] if None in known else known  # type: ignore[assignment]
    entities = list(map(_first, decisions))
    linked = list(map(ge, entities, repeat(0)))
    if True in linked:
        hit_at = list(compress(single, linked))
        found.extend(zip(hit_at, map(add, hit_at, repeat(1)), compress(entities, linked), repeat(1.0), repeat("name")))
        any(map(taken.__setitem__, hit_at, repeat(True)))  # __setitem__ returns None: any() runs it to the end
    if False in linked:
        weak_hits.extend([(k, k + 1, d[1]) for k, d, hit in zip(single, decisions, linked) if not hit and d[1]])
    # A possessive or plural that lost its apostrophe: "Turkeys", "CNNs", "Gaddafis".
    for k in _with_bits(bits, _CAPITAL | _LOST_S):
        if not taken[k] and norms[k] not in first:
            _possessive_without_apostrophe(doc, k)
    if weak_hits:
        weak_hits.sort()
    doc.in_doc.update(map(_third, found))


def _pair_starts(mi: MentionIndex, padded: list[str], bits: np.ndarray) -> list[int]:
    """The tokens that begin the first two words of a name of two words or more, in order.

    ``padded`` is the normal forms with empty strings after them, ``bits`` the tokens' bits
    (``_Tokens.bits``). A pair is looked up only where a word that begins a longer name
    (_BEGINS) comes before one that is the second word of some name (_SECOND): a few words of
    news text, not every word. (zip reuses its pair when the lookup lets go of it: no tuple is
    made a word.)
    """
    if len(bits) < 2:
        return []
    begins = np.flatnonzero((bits[:-1] & _BEGINS != 0) & (bits[1:] & _SECOND != 0)).tolist()
    return _select(begins, map(mi.pairs.__contains__,
                               zip(map(padded.__getitem__, begins), map(padded.__getitem__, map(add, begins, repeat(1))))))


def _at_possessive(doc: _Doc, s: int, e: int, entity: int) -> list[tuple[int, int, int]]:
    """A name that runs across a possessive ("Libya's Presidential Council") is two mentions
    when what follows the possessive is itself a name of the entity and what comes before it
    a name of one entity: the possessive is not part of a mention. Otherwise the name whole."""
    gaps = doc.toks.gap
    for p in range(s + 1, e):
        if gaps[p] not in _JOINABLE:  # the possessive (names cross nothing else)
            mi = doc.mi
            norms = doc.toks.norm
            head = mi.strong.get(tuple(norms[s:p]), set())
            if _names(mi, tuple(norms[p:e]), entity) and len(head) == 1:
                return [(s, p, next(iter(head))), (p, e, entity)]
            break
    return [(s, e, entity)]


def _longest_name(mi: MentionIndex, norms: list[str], gaps: list[str], i: int,
                  raws: list[str]) -> tuple[int, tuple[int, frozenset[int], bool, bool] | None]:
    """The longest name of two words or more that begins at token ``i`` and runs over joined
    tokens only, as (length, phrase entry); (0, None) when there is none (one-word names are
    decided elsewhere)."""
    n = len(norms)
    longest = mi.longest[norms[i]]
    prefixes = mi.prefixes
    key: tuple[str, ...] = (norms[i], norms[i + 1])
    j = i + 2
    while j - i < longest and j < n and gaps[j] in _NAME_GAPS:
        longer = (*key, norms[j])
        if longer not in prefixes:
            break
        key = longer
        j += 1
    phrases = mi.phrases
    for length in range(len(key), 1, -1):
        ph = phrases.get(key if length == len(key) else key[:length])
        if ph is None:
            continue
        if ph[2] and not all(_is_caps(x) for x in raws[i : i + length]):
            continue
        if ph[3] and not raws[i][:1].isupper():
            continue
        return length, ph
    return 0, None


def _possessive_without_apostrophe(doc: _Doc, i: int) -> None:
    """A capitalised word ending in s that is a name less that s ("Turkeys", "CNNs")."""
    entity, ents = doc.mi.decide_lost_s(doc.toks.norm[i])
    if entity >= 0:
        doc.add(i, i + 1, entity, 1.0, "name")
    elif ents:
        doc.weak_hits.append((i, i + 1, ents))


def _acronym(alias: str) -> bool:
    """A one-word name written as an acronym: letters, two capitals or more, a capital first
    ("UNO", "NOC", "HoR")."""
    return alias.isalpha() and 2 <= len(alias) <= 6 and alias[0].isupper() and sum(map(str.isupper, alias)) >= 2


def _names(mi: MentionIndex, key: tuple[str, ...], entity: int) -> bool:
    return entity in mi.strong.get(key, ()) or entity in mi.weak.get(key, ())


def _trim(doc: _Doc, s: int, e: int, entity: int) -> tuple[int, int]:
    """Descriptors are not part of the name ("Interfax news agency", "the Financial Times"):
    trim them, and a leading "the", when what is left still names the same entity."""
    norms = doc.toks.norm
    mi = doc.mi
    for cut in range(e - 1, s, -1):
        if norms[cut] not in _DESCRIPTORS:
            break
        if _names(mi, tuple(norms[s:cut]), entity):
            e = cut
            break
    if e - s > 1 and norms[s] == "the" and not mi.idx.entities[entity].name.lower().startswith("the ") \
            and _names(mi, tuple(norms[s + 1 : e]), entity):
        s += 1
    return s, e


# -- pass 2: whole names and unknown names -------------------------------------------------------

@dataclass(slots=True)
class _Unit:
    """One piece of a capitalised run: a name found by pass 1, or one token."""

    #: "mention" (a name found by pass 1), "name" (a capitalised word that is not ordinary),
    #: "common" (a capitalised common word: a surname only after another part, "Georgia
    #: Hall"), "initial" ("J."), "particle" ("al", "bin", "de" inside a name).
    kind: str
    start: int
    end: int
    cand: _Cand | None = None


def _pass_whole_names(doc: _Doc) -> None:
    """Capitalised runs that read as names: one mention when the run resolves as a whole, an
    unknown name (none of its tokens linked) when it does not."""
    caps = doc.caps
    if not caps:
        return
    toks = doc.toks
    norms = toks.norm
    raws = toks.raw
    gaps = toks.gap
    n = len(norms)
    capset = set(caps)
    # Runs worth a look: a capitalised token (or a name found by pass 1) followed, across a
    # space or hyphen, a particle or an initial's dot, by another; or one after a title.
    cover = {c[0]: c for c in doc.found}
    particles = _NAME_PARTICLES
    # Capitalised words that begin a name found by pass 1, or are in none; the token after
    # each (after the name, if any); then the few that a capital or a particle follows. All
    # with maps at C speed.
    taken = doc.taken
    # (and not a word that cannot begin a name, "The", "Foreign", unless a name begins there).
    may_begin = np.flatnonzero(doc.toks.bits & (_CAPITAL | _NO_BEGIN) == _CAPITAL).tolist()
    caps = sorted({*_select(may_begin, map(_not, map(taken.__getitem__, may_begin))),
                   *filter(capset.__contains__, cover)})
    after: list[int] = list(map({k: c[1] for k, c in cover.items()}.get, caps, map(add, caps, repeat(1))))  # type: ignore[arg-type]
    padded = doc.padded_norms
    followed = map(or_, map(capset.__contains__, after), map(particles.__contains__, map(padded.__getitem__, after)))
    starts = [k for k, e in compress(zip(caps, after), followed) if e < n and (
        (e in capset and (gaps[e] in _JOINABLE or (len(raws[k]) == 1 and gaps[e] in (". ", "."))))
        or (norms[e] in particles and gaps[e] in _JOINABLE and _particle_joins(doc, e)
            and (e + 1 in capset or (e + 2 in capset and norms[e + 1] in particles))))]
    titled = [k + 1 for k in doc.roles if k + 1 in capset and gaps[k + 1] in _JOINABLE]
    if titled:
        starts = sorted(set(starts).union(titled))
    if not starts:
        return
    visited = 0
    for k in starts:
        if k < visited:
            continue
        after_title, units, stop = _name_run(doc, k, cover)
        visited = max(stop, k + 1)
        if units:
            _settle_run(doc, units, after_title)


def _particle_joins(doc: _Doc, k: int) -> bool:
    """The particle at token ``k`` may join the next word into a name: a particle that is also
    an English word only with a hyphen after it (see :data:`_HYPHENED_PARTICLES`)."""
    return doc.toks.norm[k] not in _HYPHENED_PARTICLES or (k + 1 < len(doc.toks.gap) and "-" in doc.toks.gap[k + 1])


def _unit_at(doc: _Doc, j: int, cover: dict[int, _Cand], has_units: bool) -> _Unit | str:
    """What token ``j`` is inside a capitalised run: a unit, "title" or "break"."""
    toks = doc.toks
    c = cover.get(j)
    raw = toks.raw[j]
    norm = toks.norm[j]
    if c is not None:  # a listed name, capitalised or after a name ("Fayez Mustafa al-Serraj")
        return _Unit("mention", j, c[1], c) if raw[:1].isupper() or (has_units and norm in _NAME_PARTICLES) \
            else "break"
    if not raw[:1].isupper():
        # Particles inside a name, one or more ("al-Sarraj", "van der Berg").
        k = j
        while has_units and k < len(toks.raw) and toks.norm[k] in _NAME_PARTICLES and doc.joined(k) \
                and _particle_joins(doc, k):
            k += 1
        if k > j and k < len(toks.raw) and doc.joined(k) and toks.raw[k][:1].isupper():
            return _Unit("particle", j, k)
        return "break"
    if doc.taken[j]:
        return "break"
    if has_units and norm in _NAME_PARTICLES and j + 1 < len(toks.raw) and doc.joined(j + 1) \
            and toks.raw[j + 1][:1].isupper():
        return _Unit("particle", j, j + 1)  # a capitalised particle inside a name ("Le Drian")
    if norm in _ROLE_WORDS:
        return "title"
    if len(raw) == 1:  # an initial: a word of one letter and a dot ("J. Smith")
        nxt = toks.gap[j + 1] if j + 1 < len(toks.gap) else ""
        initial = raw.isalpha() and nxt.startswith(".") and toks.gap[j] != ""
        return _Unit("initial", j, j + 1) if initial else "break"
    if raw.isupper() or not norm.isalpha() or norm in _NEVER_NAME:
        return "break"
    end = j + 1
    while end < len(toks.raw) and toks.gap[end] == "":  # pieces of one word ("McAllister")
        if len(toks.raw[end]) < 2 or toks.raw[end].isupper():
            return "break"  # an acronym in mixed case ("HoR")
        end += 1
    if end > j + 1:
        return _Unit("name", j, end)
    if norm in COMMON_WORDS:
        return _Unit("common", j, j + 1) if has_units else "break"
    return _Unit("name", j, j + 1)


def _name_run(doc: _Doc, k: int, cover: dict[int, _Cand]) -> tuple[bool, list[_Unit], int]:
    """The name-shaped run that starts at capitalised token ``k``: whether a title comes
    before it, its units, and the token where it stops."""
    toks = doc.toks
    n = len(toks.raw)
    after_title = k > 0 and toks.norm[k - 1] in _ROLE_WORDS and doc.joined(k)
    units: list[_Unit] = []
    through = 0  # the end of a person's name with its article that the run has gone through
    j = k
    while j < n:
        if units and not (doc.joined(j) or (units[-1].kind == "initial" and toks.gap[j] in (". ", "."))):
            break
        unit = _unit_at(doc, j, cover, bool(units))
        if unit == "title":
            if units:
                break
            after_title = True
            j += 1
            continue
        if isinstance(unit, str):
            break
        if units and j in doc.weak_starts:
            whole = _whole_with_article(doc, units[0].start, j)
            if not whole and units[0].kind == "mention" and len(units) > 1:
                # a listed name, then a person's ("the Libyan Presidential Council Mohammad
                # al-Menfi"): the person's name alone
                whole = _whole_with_article(doc, units[1].start, j)
            if whole:
                through = whole
            elif through:
                # after a person's name with its article, another name ("Mosa al Koni y
                # Abdulá Husein al Lafi"): the run is that person's name
                return after_title, [u for u in units if u.end <= through], through
            else:
                # A listed name of several words begins here, after a preposition that is
                # also a name particle ("Ministra degli Esteri del Governo di unità
                # nazionale"): the run stops before it, and words before it that name nothing
                # stay unlinked.
                if all(u.kind != "mention" for u in units):
                    doc.drop(units[0].start, units[-1].end)
                    return after_title, [], j
                break
        if not units and unit.kind == "name" and doc.sentence_initial(j) and not after_title \
                and not _given_name(doc.mi, toks.norm[j]):
            return False, [], j + 1  # an ordinary word that begins a sentence ("Meanwhile")
        units.append(unit)
        j = unit.end
    if through and units and units[-1].end > through:
        # the run through a person's name with its article ends with it
        units, j = [u for u in units if u.end <= through], through
    while units and units[-1].kind == "particle":
        units.pop()
    return after_title, units, j


def _whole_with_article(doc: _Doc, s: int, j: int) -> int:
    """When the weak name found at ``j`` begins with a name particle, a person's surname with
    its article ("al Koni"), and the run from ``s`` through it is a person's name in another
    spelling ("Mosa al Koni"): the token where that name ends (the run goes on through it);
    else 0."""
    if doc.toks.norm[j] not in _NAME_PARTICLES:
        return 0
    end = next((e for w, e, _ in doc.weak_hits if w == j), 0)
    if not end:
        return 0
    return end if _resolves_to_person(doc, s, end) else 0


def _resolves_to_person(doc: _Doc, s: int, e: int) -> bool:
    """The text of tokens ``s`` to ``e`` resolves, as a whole, to a listed person."""
    toks = doc.toks
    m = doc.resolver.resolve(doc.text[toks.start[s]:toks.end[e - 1]])
    return m is not None and doc.mi.family[doc.mi.idx.entity_pos[m.entity.id]] == "person"


def _given_name(mi: MentionIndex, norm: str) -> bool:
    """``norm`` is a known given name: a first name of a listed person, or one of the given
    names namenorm knows of."""
    return norm in mi.given_names or bool(given_name_ids(norm))


def _settle_run(doc: _Doc, units: list[_Unit], after_title: bool) -> None:
    names = [u for u in units if u.kind != "particle"]
    if len(names) == 1:
        u = names[0]
        if after_title:
            if u.cand is None:
                doc.person_slots.add(u.start)
            elif doc.mi.family[u.cand[2]] != "person":
                doc.drop(u.start, u.end)  # "Mr Jordan": a person's name, not the country
        elif u.cand is not None:
            _institution(doc, u)
        return
    if all(u.kind == "mention" for u in names):
        return  # listed names side by side ("Turkeys Anadolu")
    s, e = units[0].start, units[-1].end
    toks = doc.toks
    resolver = doc.resolver
    if any(doc.mi.indexed(toks.norm[u.start]) for u in names if u.kind != "initial"):
        m = resolver.resolve(doc.text[toks.start[s] : toks.end[e - 1]])
        if m is not None:
            ent = doc.mi.idx.entity_pos[m.entity.id]
            person = doc.mi.family[ent] == "person"
            if (person or m.score >= max(resolver.threshold, 0.85)) and (person or not after_title):
                doc.drop(s, e)
                doc.add(s, e, ent, m.score, "name" if m.score >= 1.0 else "variant")
                return
    cut = next((i for i, u in enumerate(units) if 0 < i < len(units) - 1 and u.kind == "particle"
                and toks.norm[u.start] in _COORDINATING), -1)
    if cut > 0 and _names_a_person(doc, units[:cut]):
        # "Abdelhamid Dbeibé y Fazi Bashaga": the word for "and" that is also a particle of
        # double surnames ("Ortega y Gasset") joins two names when what comes before it is
        # a listed person's name: each side is settled on its own.
        _settle_run(doc, units[:cut], after_title)
        _settle_run(doc, units[cut + 1:], False)
        return
    rest = units[1:]
    while rest and rest[0].kind == "particle":
        rest = rest[1:]
    if names[0].kind == "mention" and names[0].end - names[0].start >= 2 and len(rest) >= 2 \
            and rest[0].kind == "name" and _given_name(doc.mi, toks.norm[rest[0].start]):
        # A listed name of several words, then a person's name beside it ("the Libyan
        # Presidential Council Mohammad al-Menfi"): two names, the person's settled alone.
        _settle_run(doc, rest, False)
        return
    if doc.is_headline(s) and not _person_shaped(doc, names, after_title):
        return  # title case: a run of capitals is not yet a name ("Libya Oil Chief Says")
    if doc.capitalises_nouns() and not after_title and not _given_name(doc.mi, toks.norm[s]):
        return
    doc.drop(s, e)  # an unknown name: none of its tokens is linked on its own
    first, last = names[0], names[-1]
    if 2 <= len(names) <= 4 and first.kind in _WORDS and last.kind in _WORDS and last.end == last.start + 1 \
            and first.end == first.start + 1 and (_given_name(doc.mi, toks.norm[s]) or is_nickname_name(toks.norm[s])):
        doc.unknown_people.add(toks.norm[last.start])
        if not doc.is_headline(s):
            # A given name alone refers back to a person named in the body; people named in
            # a caption or a credit line ("Editing by Jordan Tamsworth") are not spoken of again.
            doc.unknown_people.add(toks.norm[first.start])


def _names_a_person(doc: _Doc, units: list[_Unit]) -> bool:
    """The units, from the first to the last, are a listed person's name (as written or in
    another spelling)."""
    names = [u for u in units if u.kind != "particle"]
    if not names or units[-1].kind == "particle":
        return False
    if len(names) == 1 and names[0].cand is not None:
        return doc.mi.family[names[0].cand[2]] == "person"
    return _resolves_to_person(doc, units[0].start, units[-1].end)


_LINE_LEAD = " \t\"'\u201c\u2018([-\u2013\u2014\u2022*"  # what may come before a line's first word


def _person_shaped(doc: _Doc, names: list[_Unit], after_title: bool) -> bool:
    """A run that reads as a person's name even in a title-case line (a caption, a credit):
    after a title or inside the line, a given name, then only initials and words that are
    neither listed nor ordinary ("Paycom CEO Chad Richison", "Editing by Georgia Stanway").
    At the start of a headline such a run may still be a place and a name it does not hold
    ("London Heathrow Strike"), and is left alone."""
    if not 2 <= len(names) <= 4 or names[-1].kind != "name" \
            or not all(u.kind in ("name", "initial") for u in names[1:]):
        return False
    toks = doc.toks
    start = toks.start[names[0].start]
    if not after_title and not doc.text[doc.text.rfind("\n", 0, start) + 1 : start].strip(_LINE_LEAD):
        return False
    norm = toks.norm[names[0].start]
    return _given_name(doc.mi, norm) or is_given_name(norm)


# What a listed facility's name may be followed by, as the kind of facility it is.
_FACILITY_HEADS = frozenset({"airport", "airbase", "base", "port", "harbour", "harbor", "terminal", "refinery",
                             "field", "oilfield"})


def _institution(doc: _Doc, u: _Unit) -> None:
    """A place at the head of an institution's name that is not listed ("Misrata University",
    "Tripoli International Airport"): the place is not a mention there. A listed facility
    followed by the kind of facility it is ("Gardabiya International Airport" for the Gardabiya
    air base) is one mention of the facility, the head attached as in "Sharara oilfield"."""
    assert u.cand is not None
    if doc.mi.family[u.cand[2]] != "place":
        return
    toks = doc.toks
    j = u.end
    n = len(toks.raw)
    while j < n and j - u.end < 3 and doc.joined(j) and toks.raw[j][:1].isupper() and not doc.taken[j]:
        norm = toks.norm[j]
        if norm in _FACILITY_HEADS and doc.mi.idx.entities[u.cand[2]].type == "facility":
            doc.drop(u.start, j + 1)
            doc.add(u.start, j + 1, u.cand[2], u.cand[3], "name")
            return
        if norm in _INSTITUTION_HEADS:
            if not doc.is_headline(u.start):
                doc.drop(u.start, j + 1)
            return
        if norm not in _INSTITUTION_LINKS:
            return
        j += 1


# -- pass 3: definitions in the text -------------------------------------------------------------

def _pass_definitions(doc: _Doc) -> None:
    """Abbreviations defined in the text, "Long Name (ABBR)"."""
    toks = doc.toks
    text = doc.text
    gaps = toks.gap
    n = len(toks.raw)
    defined: dict[str, int] = {}
    if "(" not in text:
        return
    for c in [c for c in doc.found if c[1] < n and gaps[c[1]].endswith("(")]:
        j = c[1]
        if not doc.taken[j] and gaps[j].strip() == "(" and text[toks.end[j] : toks.end[j] + 1] == ")":
            initials = "".join(x[0] for x in toks.norm[c[0] : c[1]] if x not in PARTICLES)
            if toks.norm[j] == initials or toks.norm[j] in doc.mi.entity_names(c[2]):
                defined[toks.raw[j]] = c[2]
    if not defined:
        return
    for j in _where(map(defined.__contains__, toks.raw)):
        if doc.taken[j]:
            continue
        raw, norm = toks.raw[j], toks.norm[j]
        if norm in COMMON_WORDS and not _is_caps(raw):
            before = toks.norm[j - 1] if j else ""
            after = text[toks.end[j] : toks.end[j] + 1]
            paren = text[toks.start[j] - 1 : toks.start[j]] == "(" and after == ")"
            if not (paren or before in _ABBR_BEFORE or after in ",.;:)"):
                continue
        doc.add(j, j + 1, defined[raw], 0.95, "defined in text")


# -- pass 4: document evidence ---------------------------------------------------------------------

def _pass_document_evidence(doc: _Doc) -> None:
    """Weak, shared and partial names settled by the entities the document names."""
    in_doc = doc.in_doc
    taken = doc.taken
    norms = doc.toks.norm
    mi = doc.mi
    pending = [h for h in doc.weak_hits if not taken[h[0]]]
    if pending:
        related: set[int] | None = None  # the entities of the document and their affiliations
        for s, e, ents in pending:
            if True in taken[s:e] or _indefinite(doc, s):
                continue
            fits: frozenset[int] | set[int] = ents & in_doc
            if not fits:
                if related is None:
                    related = set(in_doc).union(*map(mi.affiliated.__getitem__, in_doc))
                fits = ents & related
                if not fits:
                    # A body named by its short name beside the one it is part of ("the UN's
                    # envoy ... the Security Council").
                    fits = {x for x in ents if mi.parent[x] in in_doc}
            if len(fits) > 1:
                # The document points at several holders of the name: the one whose own name it
                # is (not a weak alias) is the answer, when there is one ("Government of
                # National Unity" beside Dbeibah and a former minister of the 2016 government).
                own = mi.own_ambiguous.get(tuple(norms[s:e]), set()) & fits
                if len(own) == 1:
                    fits = own
            if len(fits) == 1:
                doc.add(s, e, next(iter(fits)), 0.9, "document")
            elif not fits and len(ents) == 1:
                # A weak alias followed by the rest of one of its entity's names across a quote
                # or bracket ('"Wagner" group').
                only = next(iter(ents))
                nxt = tuple(norms[s : min(e + 2, len(norms))])
                if any(mi.strong.get(nxt[:k]) == {only} for k in range(e - s + 1, len(nxt) + 1)):
                    doc.add(s, e, only, 0.9, "document")
    # Bare surnames of persons the document names in full ("Pompeo"); never a given name.
    surnames = mi.surnames
    for j in _with_bits(doc.toks.bits, _CAPITAL | _SURNAME):
        if taken[j]:
            continue
        persons = surnames[norms[j]] & in_doc
        if len(persons) == 1:
            doc.add(j, j + 1, next(iter(persons)), 0.88, "document")


# -- pass 4b: compounds ----------------------------------------------------------------------------

def _pass_compounds(doc: _Doc) -> None:
    """In a language that writes them as one word (German), a compass prefix and a country's
    name are the country ("Westlibyen", "Nordsyrien"), as "western Libya" is Libya. A compound
    that is a listed name of its own ("Nordkorea", "Südsudan") was found by pass 1."""
    starts = _with_bits(doc.toks.bits, _CAPITAL | _COMPASS)
    if not starts or not doc.capitalises_nouns():
        return
    mi = doc.mi
    norms = doc.toks.norm
    entities = mi.idx.entities
    for k in _select_free(doc.taken, starts):
        norm = norms[k]
        for prefix in _COMPASS_WORDS:
            if norm.startswith(prefix) and len(norm) - len(prefix) >= 4 and norm.isalpha():
                entry = mi.solo.get(norm[len(prefix):])
                if entry is not None and entry[0] >= 0 and entities[entry[0]].type == "country":
                    doc.add(k, k + 1, entry[0], 0.9, "variant")
                break


# -- pass 5: spelling variants ---------------------------------------------------------------------

def _pass_variants(doc: _Doc) -> None:
    """Spelling variants, with evidence. Resolving is the expensive step, so a token is only
    resolved when the index has something that shares one of its keys."""
    mi = doc.mi
    toks = doc.toks
    norms = toks.norm
    taken = doc.taken
    n = len(norms)
    # Tokens after a title or role ("President teben"), in any case.
    after_titles = {k + 1 for k in doc.roles if k + 1 < n and not taken[k + 1] and doc.joined(k + 1)}
    # Capitalised words: those the index may know (decided once per word).
    free = _select_free(taken, doc.caps)
    free_norms = list(map(norms.__getitem__, free))
    distinct = list(set(free_norms))
    may_vary = list(map(mi._may_vary.get, distinct))
    if None in may_vary:
        may_vary = [m if m is not None else mi.may_vary(w) for w, m in zip(distinct, may_vary)]
    known = set(compress(distinct, may_vary))
    pending = set(_select(free, map(known.__contains__, free_norms)))
    pending.update(after_titles)
    pending.difference_update(doc.under_weak)  # settled with their weak name, or given way to
    # A lower-case word is a candidate only as a variant of an entity the document already
    # names: decided once per distinct word, and most words drop out here.
    fitting, at = _fitting_words(doc)
    if at:
        pending.update(_select_free(taken, at))
    next_free = 0
    for j in sorted(pending):
        if j >= next_free and not taken[j]:
            next_free = _variant_at(doc, j, j in after_titles, fitting) or next_free


def _fitting_words(doc: _Doc) -> tuple[set[str], list[int]]:
    """Lower-case words of the text that share a key with an entity the document names, other
    than a place (a lower-case word is never a place's name: see _variant_at), and the tokens
    written so. Only the tokens with entities at all (bit _LIVE) are read."""
    in_doc = doc.in_doc
    if not in_doc:
        return set(), []
    mi = doc.mi
    raws = doc.toks.raw
    live = _with_bits(doc.toks.bits, _LIVE)
    if not live:
        return set(), []
    words = list(set(map(raws.__getitem__, live)) - mi.dead_words)
    entities: list[frozenset[int]] = list(map(mi._word_entities.get, words))  # type: ignore[arg-type]  # None: below
    if None in entities:
        word_entities = mi.word_entities
        entities = [e if e is not None else word_entities(w) for w, e in zip(words, entities)]
    family = mi.family
    named = {e for e in in_doc if family[e] != "place"}
    fitting = set(compress(words, map(_not, map(named.isdisjoint, entities))))
    return fitting, _select(live, map(fitting.__contains__, map(raws.__getitem__, live))) if fitting else []


def _variant_at(doc: _Doc, j: int, after_title: bool, fitting: set[str]) -> int:
    """Try token ``j`` (and the capitalised run it begins) as a variant; the end token of the
    mention found, or 0."""
    mi = doc.mi
    idx = mi.idx
    resolver = doc.resolver
    threshold = resolver.threshold
    toks = doc.toks
    raw, norm = toks.raw[j], toks.norm[j]
    in_doc = doc.in_doc
    if len(norm) < 4 or norm in ORDINARY:
        return 0
    if not after_title and not raw[:1].isupper():
        if raw in fitting:
            m = resolver.resolve(raw)
            if m is None or ("weak" in m.reason and m.score < threshold) \
                    or mi.family[idx.entity_pos[m.entity.id]] == "place":
                if len(mi.dead_words) < _FORM_MEMO:
                    mi.dead_words.add(raw)  # no variant of anything (a place has a capital): not again
                return 0
            e = idx.entity_pos[m.entity.id]
            if e in in_doc:
                doc.add(j, j + 1, e, m.score, "variant")
                return j + 1
        return 0
    if _is_caps(raw) or not norm.isalpha() or not mi.indexed(norm):
        return 0
    person_only = after_title or j in doc.person_slots
    # A capitalised run (up to three tokens) or a token after a title.
    end = j + 1
    n = len(toks.raw)
    while end < n and end - j < 3 and not doc.taken[end] and doc.joined(end) and toks.raw[end][:1].isupper():
        end += 1
    for stop in range(end, j, -1):
        m = resolver.resolve(doc.text[toks.start[j] : toks.end[stop - 1]])
        if m is None:
            continue
        e = idx.entity_pos[m.entity.id]
        person = mi.family[e] == "person"
        if person_only and not person:
            continue  # a name after a title is a person's ("Pope Francis" is not France)
        if person and stop - j == 1:
            if mi.given_name_only(norm, m.alias):
                continue  # a bare given name is never evidence enough
            if not after_title and e not in in_doc and m.score < 1.0:
                continue  # nor a bare surname spelt differently ("Ramadan" / Romdhane)
        elif stop - j == 1 and m.score < 1.0 and e not in in_doc and is_given_name(norm):
            continue  # a given name alone ("Gina") is a person, not a spelling of Guinea
        weak = "weak" in m.reason
        if (m.score >= max(threshold, 0.85) and not weak) or e in in_doc or (after_title and m.score >= threshold):
            doc.add(j, stop, e, m.score, "title" if after_title else "variant")
            return stop
    return 0


# -- pass 6: topic -------------------------------------------------------------------------------

def _pass_topic(doc: _Doc) -> None:
    """Weak names that nothing else settles, linked through the document's leading country, or
    else through the one country the document names that one of the name's entities belongs to
    ("State Department" where the text names the United States)."""
    taken = doc.taken
    pending = [h for h in doc.weak_hits if True not in taken[h[0] : h[1]]]
    if not pending or not doc.found:
        return
    country_of, family = doc.mi.country_of, doc.mi.family
    weights = Counter(map(country_of.__getitem__, map(_third, doc.found)))
    weights.pop(-1, None)
    if not weights:
        return
    ranked = weights.most_common(2)
    top, lead = ranked[0]
    if lead < 2 or (len(ranked) > 1 and ranked[1][1] >= lead):
        top = -1  # no country leads the document
    toks = doc.toks
    for s, e, ents in pending:
        if True in taken[s:e]:
            continue
        fits = [x for x in ents if country_of[x] == top] if top >= 0 else []
        if len(fits) != 1:
            # of the countries the document names, one holds one of the name's entities
            fits = [x for x in ents if country_of[x] in weights]
            if len(fits) != 1 or not toks.raw[s][:1].isupper() or family[fits[0]] == "person":
                continue
        where = country_of[fits[0]]
        if e - s == 1 and toks.norm[s] in ORDINARY and not toks.raw[s][:1].isupper():
            continue  # a single ordinary word in lower case is the word
        if _indefinite(doc, s):
            continue
        if _points_elsewhere(doc, s, e, where):
            continue
        doc.add(s, e, fits[0], _TOPIC_SCORE, "topic")


#: Words that make the lower-case phrase after them a common noun, not a name ("a presidential
#: council", "another interim government").
_INDEFINITE = frozenset({"a", "an", "another", "any", "each", "every", "some", "such"})


def _indefinite(doc: _Doc, s: int) -> bool:
    """The weak name at token ``s`` is written in lower case after an indefinite determiner,
    at most one lower-case word between them ("a nominally interim government"): a common
    noun phrase."""
    toks = doc.toks
    if toks.raw[s][:1].isupper():
        return False
    for j in (s - 1, s - 2):
        if j < 0 or not doc.joined(j + 1) or toks.raw[j][:1].isupper():
            return False
        if toks.norm[j] in _INDEFINITE:
            return True
    return False


def _points_elsewhere(doc: _Doc, s: int, e: int, country: int) -> bool:
    """The words around a weak name tie it to another country: a mention or a demonym just
    before it ("Egypt's House of Representatives", "the Egyptian parliament") or "of" and a
    mention just after it."""
    toks = doc.toks
    mi = doc.mi
    near: list[int] = []
    if s > 0:
        near.append(s - 1)
    if e + 1 < len(toks.raw) and toks.norm[e] == "of":
        near.append(e + 1)
    for j in near:
        for c in doc.found:
            if c[0] <= j < c[1]:
                other = mi.country_of[c[2]]
                if other >= 0 and other != country:
                    return True
        norm = toks.norm[j]
        if not toks.raw[j][:1].isupper() or norm in _FUNCTION_WORDS:
            continue
        countries = mi.demonym_countries(norm)
        if country in countries:
            continue
        # A demonym of another country ("Kestrian"), or one the gazetteer cannot place.
        if countries or norm in DEMONYMS:
            return True
    return False


# A dateline ("DENVER (AP) —", "TRIPOLI, Libya (AFP) -"): the words in capitals a line begins
# with, a place after a comma, and the opening bracket of the credit.
_DATELINE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z'.\-]+(?: [A-Z][A-Z'.\-]+)*(?:, [A-Z][\w.'\- ]*)?[ \t]*\($")
# A credit ("Photo: AA / AA", "SOURCE:AA", "Foto: ANSA"): a label of the genre and a colon,
# maybe other credits and slashes, on the same line.
_CREDIT_LABEL = re.compile(
    r"(?i)\b(?:photos?|pictures?|images?|sources?|credits?|fotos?|fuentes?|kaynak|quelle|fonte|cr[ée]dits?)"
    r"[ \t]*:[ \t]*(?:[^\n:]*?/[ \t]*)?$")


def _pass_credits(doc: _Doc) -> None:
    """A weak name in capitals in a credit position is the news agency or outlet of that name,
    when one organisation carries it: in a dateline ("DENVER (AP) —"), after a credit label
    ("Photo: AA", "SOURCE:AA"), or in brackets closing a caption line ("... al-Menfi (Reuters)")."""
    if not doc.weak_hits:
        return
    toks = doc.toks
    text = doc.text
    family = doc.mi.family
    for s, e, ents in doc.weak_hits:
        if True in doc.taken[s:e] or not all(map(str.isupper, toks.raw[s:e])):
            continue
        orgs = [x for x in ents if family[x] == "org"]
        if len(orgs) != 1:
            continue
        start, end = toks.start[s], toks.end[e - 1]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        line_end = text.find("\n", end)
        after = text[end:line_end if line_end >= 0 else len(text)]
        dateline = _DATELINE.search(text, max(0, line_start - 1), start) is not None \
            and after.lstrip().startswith(")") and after.lstrip()[1:].lstrip()[:1] in ("—", "–", "-", ":")
        credit = _CREDIT_LABEL.search(before) is not None
        caption = before.rstrip().endswith("(") and after.strip() == ")"
        if dateline or credit or caption:
            doc.add(s, e, orgs[0], 0.9, "credit")


def _pass_unsettled(doc: _Doc) -> None:
    """A longer weak name that nothing settled gives way to the one-word name it begins with
    ("Libya" in "Libya's HoR" when the document says nothing of the HoR)."""
    mi = doc.mi
    toks = doc.toks
    for k in doc.under_weak:
        if not doc.taken[k]:
            d = mi.solo_decision.get(toks.raw[k]) or mi.decide_solo(toks.raw[k], toks.norm[k])
            if d[0] >= 0:
                doc.add(k, k + 1, d[0], 1.0, "name")


# -- pass 7: repeats -------------------------------------------------------------------------------

def _pass_repeats(doc: _Doc) -> None:
    """Later lower-case repeats of a variant found after a title ("salaj" ... "met with salaj")."""
    norms = doc.toks.norm
    seen = {norms[c[0]]: c[2] for c in doc.found if c[1] - c[0] == 1 and c[4] in ("title", "variant")}
    if not seen:
        return
    for j in _where(map(seen.__contains__, norms)):
        if not doc.taken[j]:
            doc.add(j, j + 1, seen[norms[j]], 0.85, "document")


# -- last: people the gazetteer does not hold --------------------------------------------------------

_WORDS = ("name", "mention")  # units of a run that are one word, listed or not


def _pass_namesakes(doc: _Doc) -> None:
    """A word found alone that is the surname of a person the text names and the gazetteer does
    not hold ("Chris Jordan ... Jordan had a modest winter"), or the given name of one named in
    the body, is that person again, not the country or place of that name: it is left
    unlinked. (People named in a caption or a credit line are not spoken of again: "Jordan
    signed the deal" beside "Editing by Jordan Tamsworth" is the country.)"""
    parts = doc.unknown_people
    if not parts:
        return
    norms = doc.toks.norm
    family = doc.mi.family
    doc.found = [c for c in doc.found
                 if not (c[1] == c[0] + 1 and norms[c[0]] in parts and family[c[2]] != "person")]


def _pass_given_names(doc: _Doc) -> None:
    """A capitalised word alone, after the full name of the one listed person the text names
    with it as his given name ("Saddam Haftar ... Saddam"), and of no one else the text names
    (no other listed person named in full with it, no unknown person with it as a name): that
    person, as a reader takes it. Only when the word is not a mention already, stands outside any
    run of capitalised words, and is no ordinary word; the given name of a person the text never
    names in full is no one's ("said Mustafa X" links nothing)."""
    family = doc.mi.family
    toks = doc.toks
    norms, raws = toks.norm, toks.raw
    owners: dict[str, set[int]] = {}
    first: dict[int, int] = {}  # person -> token where the text first names him in full
    for c in doc.found:
        s, e, ent = c[0], c[1], c[2]
        if e - s >= 2 and family[ent] == "person" and norms[s] not in PARTICLES:
            owners.setdefault(norms[s], set()).add(ent)
            first[ent] = min(first.get(ent, s), s)
    if not owners:
        return
    n = len(norms)
    taken = doc.taken
    for k in doc.caps:
        got = owners.get(norms[k])
        if got is None or len(got) != 1 or taken[k] or norms[k] in doc.unknown_people or norms[k] in ORDINARY:
            continue
        (ent,) = got
        if first[ent] > k or (k + 1 < n and raws[k + 1][:1].isupper() and doc.joined(k + 1)) \
                or (k > 0 and raws[k - 1][:1].isupper() and doc.joined(k)):
            continue
        doc.add(k, k + 1, ent, 0.85, "document")


# -- last: where an organisation is based -----------------------------------------------------------

_BASED = frozenset({"based", "backed"})


def _pass_based(doc: _Doc) -> None:
    """A listed name that says where a body is based or who backs it ("Tripoli-based Government
    of National Unity", "Tobruk-based House of Representatives") is two mentions, as a reader
    marks them: the place (when it is a listed place or country on its own) and the body's own
    name after it, when that is a name of the same entity (else the whole stays one mention:
    "Tobruk-based parliament"); the words between are neither."""
    toks = doc.toks
    norms = toks.norm
    found = doc.found
    if not any(norms[k] in _BASED for c in found for k in range(c[0] + 1, c[1] - 1)):
        return
    idx = doc.mi.idx
    text = doc.text
    out: list[_Cand] = []
    for c in found:
        s, e, ent = c[0], c[1], c[2]
        cut = next((k for k in range(s + 1, e - 1) if norms[k] in _BASED and toks.gap[k] == "-"), -1)
        if cut < 0:
            out.append(c)
            continue
        rest = " ".join(norms[cut + 1:e])
        if not any(idx.alias_ent[a] == ent for a in idx.ids(idx.exact, rest)):
            out.append(c)  # "Tobruk-based parliament": the whole is the only name of the body
            continue
        place = doc.resolver.resolve(text[toks.start[s]:toks.end[cut - 1]])
        if place is not None and place.entity.family in ("place", "country") and place.score >= 1.0:
            out.append((s, cut, idx.entity_pos[place.entity.id], place.score, "name"))
        out.append((cut + 1, e, ent, c[3], c[4]))
    doc.found = out


# The kinds of facility a name ends in (or, "port of ...", begins with), and the words that
# may stand between a place's name and the kind ("air base", "oil terminal").
_FACILITY_KINDS: dict[str, str] = {
    "base": "base", "airbase": "base", "airport": "airport", "airfield": "airport", "port": "port",
    "harbour": "port", "harbor": "port", "seaport": "port", "terminal": "terminal", "refinery": "refinery",
    "field": "field", "oilfield": "field",
}
_FACILITY_QUALIFIERS = frozenset({"air", "oil", "naval", "military", "international", "export"})


def _facility_key(tokens: list[str]) -> tuple[tuple[str, ...], str] | None:
    """A facility's name as (the place's name parts, the kind of facility), or ``None``: "al
    jufra air base" -> (("jufra",), "base"), "port of misrata" -> (("misrata",), "port")."""
    if len(tokens) >= 3 and tokens[0] in _FACILITY_KINDS and tokens[1] == "of":
        kind, rest = _FACILITY_KINDS[tokens[0]], tokens[2:]
    elif len(tokens) >= 2 and tokens[-1] in _FACILITY_KINDS:
        kind, rest = _FACILITY_KINDS[tokens[-1]], tokens[:-1]
        while rest and rest[-1] in _FACILITY_QUALIFIERS:
            rest = rest[:-1]
    else:
        return None
    parts = tuple(t for t in rest if t not in PARTICLES)
    return (parts, kind) if parts else None


def _pass_facility_heads(doc: _Doc) -> None:
    """A listed place followed in lower case by the kind of facility it has ("the Al-Jufra
    base", "the Misrata air base", "Zawiya refinery"): one mention of the listed facility of
    that place and kind, when there is exactly one, the kind attached as in its name."""
    mi = doc.mi
    if not mi.facilities:
        return
    toks = doc.toks
    norms, raws = toks.norm, toks.raw
    n = len(norms)
    out: list[_Cand] = []
    for c in doc.found:
        s, e, ent = c[0], c[1], c[2]
        j = e
        while j < n and j - e < 2 and norms[j] in _FACILITY_QUALIFIERS and raws[j].islower() and doc.joined(j):
            j += 1
        kind = _FACILITY_KINDS.get(norms[j]) if j < n and raws[j].islower() and doc.joined(j) else None
        if kind is None or mi.family[ent] != "place" or mi.idx.entities[ent].type == "facility":
            out.append(c)
            continue
        parts = tuple(t for t in norms[s:e] if t not in PARTICLES)
        owners = mi.facilities.get((parts, kind), ())
        if len(owners) == 1:
            (fac,) = owners
            out.append((s, j + 1, fac, c[3], c[4]))
        else:
            out.append(c)
    doc.found = out


def _mentions(doc: _Doc) -> list[Mention]:
    """The mentions found, in text order, without overlaps."""
    toks = doc.toks
    text = doc.text
    entities = doc.mi.idx.entities
    found = doc.found
    found.sort()  # by first token, then end token (spans never share a token)
    # Offsets, texts and entities a list at a time; the mention's own loop only when two
    # spans overlap (the pieces of one word share its offsets).
    starts = list(map(toks.start.__getitem__, map(_first, found)))
    ends = list(map(toks.end.__getitem__, map(sub, map(_second, found), repeat(1))))
    if any(map(lt, starts[1:], ends)):
        keep: list[bool] = []
        last_end = -1
        for s, e in zip(starts, ends):
            keep.append(s >= last_end)
            if s >= last_end:
                last_end = e
        found = list(compress(found, keep))
        starts = list(compress(starts, keep))
        ends = list(compress(ends, keep))
    return _new_mentions(starts, ends, list(map(text.__getitem__, map(slice, starts, ends))),
                         list(map(entities.__getitem__, map(_third, found))),
                         [sc if sc == 1.0 else round(sc, 4) for sc in map(itemgetter(3), found)],
                         list(map(itemgetter(4), found)))


def _slot_setters() -> tuple[MemberDescriptorType, ...] | None:
    """The slots of :class:`Mention`, in the order of its fields, when it is a plain slotted
    dataclass (no ``__post_init__``, every field a slot); else None."""
    names = [f.name for f in fields(Mention)]
    slots = [vars(Mention).get(name) for name in names]
    if hasattr(Mention, "__post_init__") or not all(isinstance(s, MemberDescriptorType) for s in slots):
        return None
    return tuple(slots)  # type: ignore[arg-type]


_MENTION_SLOTS = _slot_setters()


def _new_mentions(*columns: Sequence[object]) -> list[Mention]:
    """Mentions made from their fields' columns (in the order of the fields).

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, one
    Python call a field a mention; filling the slots a column at a time (``map`` over the slot
    descriptor's ``__set__``) makes the same objects at C speed, with the same values, equal
    and hashed as if made by ``Mention(...)``.
    """
    if _MENTION_SLOTS is None:
        return list(map(Mention, *columns))
    made: list[Mention] = list(map(object.__new__, repeat(Mention, len(columns[0]))))
    for slot, column in zip(_MENTION_SLOTS, columns):
        any(map(slot.__set__, made, column))  # __set__ returns None: any() runs it to the end
    return made
