"""Finding and resolving entity mentions in running text.

The text is cut into word tokens whose offsets point into the original string. Mentions are then
found in passes, each with its own evidence:

1. **names**: a run of tokens equal (after normalisation) to a strong name of an entity, longest
   first. Runs do not cross punctuation other than hyphens and apostrophes. Acronyms that are
   also words ("US", "IS") match only in capitals, and a one-word name that is an ordinary word
   ("Dawn", "Chad") only when capitalised. A possessive without its apostrophe ("Turkeys",
   "CNNs") counts as the name.
2. **definitions in the text**: "Libyan National Army (LNA)" links "LNA" to the army for the
   rest of the document, as written.
3. **document evidence**: a weak alias ("Sarraj"), a shared one ("Gaddafi"), or a single name
   part of an entity already named in full in the document ("Pompeo", "Fayez") is linked to
   that entity when exactly one entity of the document fits.
4. **spelling variants**: a capitalised token (or run) the resolver matches to a strong name
   with a high score ("Misratat"), a token after a title or role ("President teben", "foreign
   minister bukadum"), and a variant of an entity already found in the document ("haftal"
   where "haftar" is found) are linked when the resolver's score reaches its threshold.

Titles are never part of a mention; an ambiguous name that nothing in the document settles is
left out.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING, Protocol

from namenorm._words import COMMON_WORDS, ORDINARY
from namenorm.errors import InputTooLongError
from namenorm._scoring import TokenForm, make_token
from namenorm.gazetteer import Entity
from namenorm.keys import deletions
from namenorm.names import _CAMEL, PARTICLES, TITLES
from namenorm.names import is_caps as _is_caps
from namenorm.normalize import normalize
from namenorm.results import Match, Mention

if TYPE_CHECKING:
    from namenorm.index import AliasIndex


class _Resolves(Protocol):
    """What the mention finder needs of a resolver (kept abstract: no import of resolve.py)."""

    threshold: float

    @property
    def _mention_index(self) -> MentionIndex: ...

    def resolve(self, name: str, *, type: str | None = None) -> Match | None: ...  # noqa: A002

__all__ = ["MAX_TEXT_LENGTH", "Mention", "annotate"]

#: Texts longer than this (in characters) are refused with InputTooLongError.
MAX_TEXT_LENGTH = 50_000_000

_MAX_PHRASE = 8
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}(?![^\W_])|[^\W_]+(?:['’ʼ][^\W_]+)*")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
_APOSTROPHE_CHARS = "'’ʼ"
# A gap between two tokens that a name may span: spaces and hyphens only.
_JOINABLE_GAP = re.compile(r"^[ \t\u00a0-]{1,3}$")
# Words after which a lower-case abbreviation that is also a common word is the abbreviation
# ("the largest base of is"), not the word ("the troops is").
_ABBR_BEFORE = frozenset({"of", "out", "against", "by", "from", "with", "to", "and", "the", "on", "fight", "fighting"})
_EXTRA_COMMON = frozenset({"turkey", "chad", "jordan", "china", "guinea", "georgia", "nice", "mali", "niger", "bath", "reading", "split"})
_DESCRIPTORS = frozenset({"news", "agency", "newspaper", "daily", "broadcaster", "channel",
                          "television", "tv", "radio", "website", "agence", "agenzia"})
_ROLE_WORDS = TITLES | {"leader", "commander", "counterpart", "envoy", "marshal", "premier"}


class _Tok(tuple):  # type: ignore[type-arg]
    """A word of the text: (start, end, norm, raw, joined). A tuple, so that a text's tokens
    are built by ``map`` and ``zip`` without a Python call per word."""

    __slots__ = ()
    start: int = property(itemgetter(0))  # type: ignore[assignment]
    end: int = property(itemgetter(1))  # type: ignore[assignment]
    norm: str = property(itemgetter(2))  # type: ignore[assignment]
    raw: str = property(itemgetter(3))  # type: ignore[assignment]
    #: Only spaces and hyphens since the previous word: a name may run across.
    joined: bool = property(itemgetter(4))  # type: ignore[assignment]


class MentionIndex:
    """Phrase tables derived from a resolver's index (built once per resolver)."""

    def register(self, e: int) -> None:
        """Record the token keys (tier 1, loose, skeleton) of all names of entity ``e`` in
        ``key_owners``, once: afterwards a word's keys tell which registered entities it may
        be a variant of."""
        if e not in self._registered:
            with self._lock:  # readers see an entity only once all its keys are in
                if e not in self._registered:
                    for key in _entity_keys(self.idx, e):
                        self.key_owners.setdefault(key, set()).add(e)
                    self._registered.add(e)

    def __init__(self, idx: AliasIndex) -> None:
        self.idx = idx
        self.strong: dict[tuple[str, ...], set[int]] = {}
        self.weak: dict[tuple[str, ...], set[int]] = {}
        self.first: dict[str, int] = {}
        self.prefixes: set[tuple[str, ...]] = set()  # every run of two or more tokens that begins a name
        self.caps_only: set[tuple[str, ...]] = set()  # acronyms that are also words
        self.cap_first: set[tuple[str, ...]] = set()  # one-word names that are also words
        self.name_parts: dict[str, set[int]] = {}  # single name tokens of strong names
        self._registered: set[int] = set()
        self._lock = threading.Lock()
        self.key_owners: dict[str, set[int]] = {}
        for a, alias in enumerate(idx.alias_text):
            e = idx.alias_ent[a]
            keys = {tuple(normalize(alias).split()), tuple(normalize(_CAMEL.sub(" ", alias)).split())}
            ambiguous = idx.alias_norm[a] in idx.ambiguous
            table = self.weak if (idx.alias_weak[a] or ambiguous) else self.strong
            for key in keys:
                if not key or len(key) > _MAX_PHRASE:
                    continue
                table.setdefault(key, set()).add(e)
                self.first[key[0]] = max(self.first.get(key[0], 0), len(key))
                for k in range(2, len(key) + 1):
                    self.prefixes.add(key[:k])
                if idx.alias_caps[a]:
                    self.caps_only.add(key)
                elif len(key) == 1 and (key[0] in COMMON_WORDS or key[0] in _EXTRA_COMMON):
                    self.cap_first.add(key)
            if not idx.alias_weak[a] and idx.entities[e].type == "person":
                toks = [t for t in normalize(alias).split() if t not in PARTICLES]
                if len(toks) > 1:
                    for t in toks:
                        if len(t) >= 4 and t not in ORDINARY:
                            self.name_parts.setdefault(t, set()).add(e)
        # One lookup per candidate run: (the entity when exactly one strong name fits, else -1;
        # every entity the run names; capitals required; capital initial required).
        self.phrases: dict[tuple[str, ...], tuple[int, frozenset[int], bool, bool]] = {}
        for key in self.strong.keys() | self.weak.keys():
            strong = self.strong.get(key, set())
            only_one = next(iter(strong)) if len(strong) == 1 else -1
            self.phrases[key] = (only_one, frozenset(strong | self.weak.get(key, set())),
                                 key in self.caps_only, key in self.cap_first)


def _entity_keys(idx: AliasIndex, e: int) -> frozenset[str]:
    keys: set[str] = set()
    ent = idx.entities[e]
    for name in (*ent.all_names, *ent.weak_aliases):
        for tok in normalize(name).split():
            ft = make_token(tok)
            keys.update((ft.t1, ft.loose, ft.skel))
    return frozenset(keys)


def _tokens(text: str) -> list[_Tok]:
    """Word tokens of ``text`` with offsets into it.

    One ``re.split`` call cuts the text into alternating gaps and words; offsets, lower-cased
    forms and the joined flags are then computed a list at a time. Only the rare words that
    need more (a possessive, an apostrophe or dot inside, a case change inside, a non-ASCII
    letter) go through the general path.
    """
    parts = _WORD_SPLIT.split(text)
    if len(parts) < 3:
        return []
    bounds = list(accumulate(map(len, parts)))
    words = parts[1::2]
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    gaps = parts[2:-1:2]
    joined = [False, *[g == " " or _JOINABLE_GAP.match(g) is not None for g in gaps]]
    norms = [w.lower() for w in words]
    # Words that need the general path: anything but plain ASCII letters in one case pattern
    # (lower, Title or UPPER) or digits: a non-ASCII letter, an apostrophe or a dot inside, a
    # case change inside. String methods in a comprehension: no Python call per word.
    special = [k for k, w in enumerate(words)
               if not ((w.isascii() and w.isalpha() and (w.islower() or w.istitle() or w.isupper()))
                       or w.isdigit())]
    if not special:
        return list(map(_Tok, zip(starts, ends, norms, words, joined)))
    simple = list(map(_Tok, zip(starts, ends, norms, words, joined)))
    toks: list[_Tok] = []
    done = 0
    for k in special:
        toks.extend(simple[done:k])
        done = k + 1
        toks.extend(_word_tokens(words[k], starts[k], joined[k]))
    toks.extend(simple[done:])
    return toks


def _word_tokens(raw: str, start: int, joined: bool) -> list[_Tok]:
    """The general path for one word: possessive, inner apostrophes and dots, case changes,
    other scripts (one word may give several tokens, all with offsets into the text)."""
    if len(raw) > 3 and raw[-1] in "sS" and raw[-2] in _APOSTROPHE_CHARS:
        raw = raw[:-2]  # possessive 's: not part of the name
    pieces = [(start, raw)]
    if _CAMEL.search(raw):
        pieces = []
        at = start
        for part in _CAMEL.sub(" ", raw).split(" "):
            pieces.append((at, part))
            at += len(part)
    out: list[_Tok] = []
    for i, (s, piece) in enumerate(pieces):
        if piece.isascii():
            norm = piece.lower().replace("'", "").replace(".", "")
            norms = [norm] if norm else []
        else:
            norms = normalize(piece).split()
        for j, n in enumerate(norms):
            out.append(_Tok((s, s + len(piece), n, piece, joined if (i == 0 and j == 0) else True)))
    return out


def _names(mi: MentionIndex, key: tuple[str, ...], entity: int) -> bool:
    return entity in mi.strong.get(key, ()) or entity in mi.weak.get(key, ())


def _is_cap(raw: str) -> bool:
    return raw[:1].isupper()


@dataclass(slots=True)
class _Cand:
    start_tok: int
    end_tok: int  # exclusive
    entity: int
    score: float
    reason: str


def annotate(resolver: _Resolves, text: str) -> list[Mention]:
    """Find the mentions of ``resolver``'s entities in ``text`` (see the module docstring)."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise InputTooLongError("text", len(text), MAX_TEXT_LENGTH)
    mi = resolver._mention_index
    idx = mi.idx
    toks = _tokens(text)
    n = len(toks)
    taken = [False] * n
    found: list[_Cand] = []
    weak_hits: list[tuple[int, int, set[int]]] = []

    # Pass 1: names, longest first. Only tokens that can start a name (or end in a lost
    # possessive s) are visited; the comprehension does the filtering at C speed.
    first = mi.first
    phrases = mi.phrases
    norms_all = [t[2] for t in toks]
    starts = [k for k, nm in enumerate(norms_all)
              if nm in first or (nm[-1:] == "s" and len(nm) > 4 and toks[k][3][:1].isupper())]
    next_free = 0
    for i in starts:
        if i < next_free:
            continue
        t = toks[i]
        longest = first.get(t.norm, 0)
        hit = None
        if longest:
            # A name runs over joined tokens only (no punctuation in between), and only as
            # long as the tokens so far begin some name.
            norms: tuple[str, ...] = (t.norm,)
            while len(norms) < longest and i + len(norms) < n and toks[i + len(norms)].joined:
                longer = (*norms, toks[i + len(norms)].norm)
                if longer not in mi.prefixes:
                    break
                norms = longer
            span = len(norms)
            for length in range(span, 0, -1):
                ph = phrases.get(norms if length == span else norms[:length])
                if ph is None:
                    continue
                only_one, ents, caps_only, cap_first = ph
                if caps_only and not all(_is_caps(x.raw) for x in toks[i : i + length]):
                    continue
                if cap_first and not _is_cap(t.raw):
                    continue
                if only_one >= 0:
                    hit = (length, only_one, "name")
                else:
                    weak_hits.append((i, i + length, set(ents)))
                    hit = (length, -1, "")
                break
        elif len(t.norm) > 4 and t.norm.endswith("s") and _is_cap(t.raw):
            # A possessive or plural that lost its apostrophe: "Turkeys", "CNNs", "Gaddafis".
            stem = (t.norm[:-1],)
            stem_ents = mi.strong.get(stem)
            if stem_ents and len(stem_ents) == 1 and stem not in mi.caps_only:
                hit = (1, next(iter(stem_ents)), "name")
            elif stem_ents or stem in mi.weak:
                weak_hits.append((i, i + 1, set(stem_ents or ()) | mi.weak.get(stem, set())))
        if hit is not None and hit[1] >= 0:
            length, e, reason = hit
            # Descriptors are not part of the name ("Interfax news agency", "the Financial
            # Times"): trim them when what is left still names the same entity.
            for cut in range(length - 1, 0, -1):
                if toks[i + cut].norm not in _DESCRIPTORS:
                    break
                if _names(mi, tuple(x.norm for x in toks[i : i + cut]), e):
                    length = cut
                    break
            if length > 1 and toks[i].norm == "the" and not idx.entities[e].name.lower().startswith("the ") \
                    and _names(mi, tuple(x.norm for x in toks[i + 1 : i + length]), e):
                i += 1
                length -= 1
            found.append(_Cand(i, i + length, e, 1.0, reason))
            for k in range(i, i + length):
                taken[k] = True
            next_free = i + length

    in_doc = {c.entity for c in found}

    # Pass 2: abbreviations defined in the text, "Long Name (ABBR)".
    defined: dict[str, int] = {}
    for c in found:
        j = c.end_tok
        if j < n and not taken[j] and text[toks[j - 1].end : toks[j].start].strip() == "(" \
                and j + 1 <= n and text[toks[j].end : toks[j].end + 1] == ")":
            abbr = toks[j]
            initials = "".join(x.norm[0] for x in toks[c.start_tok : c.end_tok] if x.norm not in PARTICLES)
            ent_names = {normalize(a) for a in (idx.entities[c.entity].all_names + idx.entities[c.entity].weak_aliases)}
            if abbr.norm == initials or abbr.norm in ent_names:
                defined[abbr.raw] = c.entity
    if defined:
        for j, t in enumerate(toks):
            if taken[j] or t.raw not in defined:
                continue
            if t.norm in COMMON_WORDS and not _is_caps(t.raw):
                before = toks[j - 1].norm if j else ""
                after = text[t.end : t.end + 1]
                paren = text[t.start - 1 : t.start] == "(" and after == ")"
                if not (paren or before in _ABBR_BEFORE or after in ",.;:)"):
                    continue
            found.append(_Cand(j, j + 1, defined[t.raw], 0.95, "defined in text"))
            taken[j] = True

    # Pass 3: weak, shared and partial names settled by the document.
    name_parts = mi.name_parts
    part_positions = [k for k, nm in enumerate(norms_all) if nm in name_parts]

    def settle_weak() -> None:
        related = set(in_doc)
        for e in in_doc:
            ent = idx.entities[e]
            related.update(idx.entity_pos[a] for a in ent.affiliations if a in idx.entity_pos)
        for s, e, ents in weak_hits:
            if any(taken[k] for k in range(s, e)):
                continue
            fits = ents & in_doc or ents & related
            if len(fits) == 1:
                found.append(_Cand(s, e, next(iter(fits)), 0.9, "document"))
            elif not fits and len(ents) == 1:
                # A weak alias followed by the rest of one of its entity's names across a
                # quote or bracket ('"Wagner" group').
                only = next(iter(ents))
                nxt = tuple(x.norm for x in toks[s : min(e + 2, n)])
                if any(mi.strong.get(nxt[:k]) == {only} for k in range(e - s + 1, len(nxt) + 1)):
                    found.append(_Cand(s, e, only, 0.9, "document"))
                else:
                    continue
            else:
                continue
            for k in range(s, e):
                taken[k] = True
        for j in part_positions:
            t = toks[j]
            if taken[j] or not _is_cap(t.raw):
                continue
            fits = name_parts[t.norm] & in_doc
            if len(fits) == 1:
                found.append(_Cand(j, j + 1, next(iter(fits)), 0.88, "document"))
                taken[j] = True
        in_doc.update(c.entity for c in found)

    settle_weak()

    # Pass 4: spelling variants, with evidence. Resolving is the expensive step, so a token
    # is only resolved when the index has something that shares one of its keys.
    threshold = resolver.threshold
    for e in in_doc:
        mi.register(e)
    owners = mi.key_owners
    lower_fits: dict[str, bool] = {}  # lower-case word -> shares a key with the document
    # Candidates: words of four letters or more that are not ordinary words (selected by a
    # comprehension, which is cheap), visited in order.
    pending = [k for k, nm in enumerate(norms_all)
               if len(nm) >= 4 and nm not in ORDINARY and not taken[k]]
    after_titles = {k for k in pending if k and norms_all[k - 1] in _ROLE_WORDS and toks[k][4]}
    # A lower-case word is a candidate only as a variant of an entity the document already
    # names: decided once per distinct word, and most words drop out here.
    for word in {norms_all[k] for k in pending if toks[k][3][:1].islower()}:
        ft = make_token(word)
        lower_fits[word] = word.isalpha() and (
            not in_doc.isdisjoint(owners.get(ft.t1, ()))
            or not in_doc.isdisjoint(owners.get(ft.loose, ()))
            or not in_doc.isdisjoint(owners.get(ft.skel, ())))
    pending = [k for k in pending
               if k in after_titles or not toks[k][3][:1].islower() or lower_fits[norms_all[k]]]
    next_free = 0
    for j in pending:
        if j < next_free or taken[j]:
            continue
        t = toks[j]
        norm = t.norm
        after_title = j in after_titles
        if not after_title and t.raw[:1].islower():
            m = resolver.resolve(t.raw)
            if m is not None and _idx_of(idx, m.entity) in in_doc and "weak" not in m.reason \
                    or m is not None and _idx_of(idx, m.entity) in in_doc and m.score >= threshold:
                found.append(_Cand(j, j + 1, _idx_of(idx, m.entity), m.score, "variant"))
                taken[j] = True
            continue
        cap = _is_cap(t.raw) and not _is_caps(t.raw)
        if not (cap or after_title) or not norm.isalpha() or not idx.indexed(make_token(norm)):
            continue
        # A capitalised run (up to three tokens) or a token after a title.
        end = j + 1
        while end < n and end - j < 3 and not taken[end] and toks[end].joined and _is_cap(toks[end].raw):
            end += 1
        for stop in range(end, j, -1):
            m = resolver.resolve(text[toks[j].start : toks[stop - 1].end])
            if m is None:
                continue
            e = _idx_of(idx, m.entity)
            weak = "weak" in m.reason
            strong_enough = (m.score >= max(threshold, 0.85) and not weak) or e in in_doc \
                or (after_title and m.score >= threshold and m.entity.type == "person")
            if strong_enough:
                reason = "title" if after_title else "variant"
                found.append(_Cand(j, stop, e, m.score, reason))
                for k in range(j, stop):
                    taken[k] = True
                in_doc.add(e)
                next_free = stop
                break

    settle_weak()

    # Later lower-case repeats of a variant found after a title ("salaj" ... "met with salaj").
    seen_surface = {toks[c.start_tok].norm: c.entity for c in found if c.end_tok - c.start_tok == 1 and c.reason in ("title", "variant")}
    if seen_surface:
        for j in [k for k, t in enumerate(toks) if t.norm in seen_surface]:
            if not taken[j]:
                found.append(_Cand(j, j + 1, seen_surface[toks[j].norm], 0.85, "document"))
                taken[j] = True

    found.sort(key=lambda c: (toks[c.start_tok].start, -(toks[c.end_tok - 1].end)))
    out: list[Mention] = []
    last_end = -1
    for c in found:
        s, e = toks[c.start_tok].start, toks[c.end_tok - 1].end
        if s < last_end:
            continue
        out.append(Mention(s, e, text[s:e], idx.entities[c.entity], round(c.score, 4), c.reason))
        last_end = e
    return out


def _idx_of(idx: AliasIndex, entity: Entity) -> int:
    return idx.entity_pos[entity.id]
