"""What namenorm knows about name parts, taken from well-kept libraries of the field.

Each table is loaded on first use, once, under a lock:

- **legal forms** (``data/legal_forms.tsv``, generated from fingerprints' company types and
  rigour's generic organisation types): "AO", "Aktsionernoe Obshchestvo", "PJSC" and "Joint
  Stock Company" are all of class ``jsc``; "OOO", "GmbH", "Ltd" and "Limited Liability Company"
  of class ``llc``.
- **numbers** (``data/numbers.tsv``, from rigour's ordinals): "2nd", "second", "II", "zweite"
  and "2" are the number 2.
- **given names** (``data/given_names.tsv``, from rigour's person-name symbols over real
  first-name lists): "Mohammed" and "Muhammad" are forms of one name.
- **first names** (``data/first_names.txt``, faker's first names of every locale and the
  nicknames package's names): "Chad", "Georgia" and "Mustafa" are given names somewhere.
- **nicknames** (the ``nicknames`` package): "Bob" is a nickname of "Robert".
- **prefixes** (``data/prefixes.tsv``, from rigour's name prefixes): "M/V" and "MT" before a
  vessel's name are not part of it.
- **state forms** (``data/state_forms.tsv``, from CLDR's territory names): the words for
  "republic" and "kingdom" in the CLDR languages ("Republik", "Cumhuriyeti", "共和国",
  "Royaume"), which official names of countries put before or after the country's name.
- **simplified characters** (``data/simplified.tsv``, from OpenCC's dictionary): the
  simplified form of a traditional Chinese character (習 -> 习), so that 習近平 and 习近平 are
  the same characters.

The generated tables are rebuilt by ``gazetteer/tools/generate_knowledge.py``; every name in
them is in :func:`namenorm.normalize` form, as every query and gazetteer name is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources

from namenorm._words import COMMON_WORDS
from namenorm.keys import translit_key

__all__ = ["given_name_ids", "is_given_name", "is_nickname_name", "is_nickname_pair", "is_state_word",
           "legal_form_class", "legal_form_phrases", "legal_form_start", "load_given_names", "number_value",
           "object_prefix_length", "simplified", "state_form_rests"]

_LOCK = threading.Lock()
# The transliteration key of one word, remembered: every query's words are looked up as the
# start or the end of a legal form, several times for a name of several words.
_word_key = lru_cache(maxsize=65536)(translit_key)
# Two-letter legal forms that are far more often something else in a name: a country code
# ("UK", "US") or an ordinary word.
_NOT_LEGAL = frozenset({"uk", "us", "ii", "is", "im", "up", "ok", "et", "eu", "on", "so", "no"})


def _rows(name: str) -> list[list[str]]:
    text = (resources.files("namenorm") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def _legal_forms() -> dict[tuple[str, ...], str]:
    with _LOCK:
        table: dict[tuple[str, ...], str] = {}
        for form, cls in _rows("legal_forms.tsv"):
            key = tuple(form.split())
            if len(key) == 1 and (form in _NOT_LEGAL or form in COMMON_WORDS or form.isdigit()):
                continue
            table[key] = cls
        return table


def legal_form_class(tokens: tuple[str, ...]) -> str | None:
    """The generic class of a legal form given as normalised tokens, or ``None``.

    A form of two words or more also matches through the transliteration key of each word,
    since lists romanise the same Russian or Persian form differently ("Obshchestvo s
    Ogranichennoi Otvetstvennostyu", "... Ogranichennoy Otvetstvennostiu").

    >>> legal_form_class(("aktsionernoe", "obshchestvo")), legal_form_class(("ltd",))
    ('jsc', 'llc')
    >>> legal_form_class(("obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"))
    'llc'
    """
    cls = _legal_forms().get(tokens)
    if cls is None and len(tokens) >= 2:
        cls = _keyed_legal_forms().get(tuple(map(_word_key, tokens)))
    return cls


@cache
def _keyed_legal_forms() -> dict[tuple[str, ...], str]:
    """Legal forms of two words or more by the transliteration keys of their words; a key that
    two classes share is dropped."""
    table: dict[tuple[str, ...], str] = {}
    clash: set[tuple[str, ...]] = set()
    for form, cls in _legal_forms().items():
        if len(form) < 2:
            continue
        key = tuple(translit_key(t) for t in form)
        if table.setdefault(key, cls) != cls:
            clash.add(key)
    for key in clash:
        del table[key]
    return table


@cache
def legal_form_phrases() -> dict[str, int]:
    """First token of every legal form -> the longest form it starts (in tokens); the first
    word's transliteration key counts too (see :func:`legal_form_class`)."""
    longest: dict[str, int] = {}
    for key in _legal_forms():
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    for key in _keyed_legal_forms():
        longest[key[0]] = max(longest.get(key[0], 0), len(key))
    return longest


@lru_cache(maxsize=65536)
def legal_form_start(token: str) -> int:
    """The longest legal form (in tokens) that can start with ``token``, 0 if none."""
    starts = legal_form_phrases()
    return max(starts.get(token, 0), starts.get(_word_key(token), 0))


@cache
def _numbers() -> dict[str, int]:
    with _LOCK:
        return {tok: int(value) for tok, value in _rows("numbers.tsv")}


def number_value(token: str) -> int | None:
    """The number a normalised token stands for (digits, number words, ordinals, Roman
    numerals of two letters or more), or ``None``.

    >>> number_value("2nd"), number_value("second"), number_value("ii"), number_value("1234")
    (2, 2, 2, 1234)
    """
    if token.isdigit():
        return int(token) if len(token) <= 18 else None
    return _numbers().get(token)


@cache
def _given_names() -> dict[str, frozenset[str]]:
    with _LOCK:
        return {name: frozenset(ids.split(",")) for name, ids in _rows("given_names.tsv")}


def given_name_ids(token: str) -> frozenset[str]:
    """Wikidata ids of the given names that a normalised token is a form of (empty if none)."""
    return _given_names().get(token, frozenset())


@cache
def _first_names() -> frozenset[str]:
    with _LOCK:
        return frozenset(line for line, *_ in _rows("first_names.txt"))


def load_given_names() -> None:
    """Read the given-name tables now instead of on first use (the larger of them takes tens of
    milliseconds): for a structure built once that will read them, so that the first document
    it reads does not pay for them."""
    _given_names()
    _first_names()


def is_given_name(token: str) -> bool:
    """A normalised token is a given name somewhere: one of the first names that faker ships for
    its locales or a name of the nicknames package ("chad", "georgia", "mustafa"). Many are
    also words or places; this says only that a person may carry it."""
    return token in _first_names()


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    """Name -> the names it is a nickname of, or that are its nicknames (both directions)."""
    from nicknames import NickNamer

    with _LOCK:
        pairs: dict[str, set[str]] = {}
        for canonical, nicks in NickNamer().nickname_lookup.items():
            for nick in nicks:
                pairs.setdefault(canonical, set()).add(nick)
                pairs.setdefault(nick, set()).add(canonical)
        return {k: frozenset(v) for k, v in pairs.items()}


def is_nickname_name(token: str) -> bool:
    """A normalised token is a name of the nicknames package (English given names and their
    nicknames: "chris", "madison", "tim"); a narrower test than :func:`is_given_name`, whose
    lists of every locale also hold words that are mostly something else ("wadi", a valley)."""
    return token in _nicknames()


def is_nickname_pair(a: str, b: str) -> bool:
    """One normalised given name is a nickname of the other ("bob" / "robert")."""
    return b in _nicknames().get(a, ())


@cache
def _object_prefixes() -> frozenset[tuple[str, ...]]:
    with _LOCK:
        return frozenset(tuple(p.split()) for kind, p in _rows("prefixes.tsv") if kind == "object")


def object_prefix_length(tokens: tuple[str, ...]) -> int:
    """How many leading tokens are a prefix written before the name of a vessel or another
    object ("m v", "mt", "ss"), leaving at least one token; 0 if none."""
    prefixes = _object_prefixes()
    for n in (2, 1):
        if len(tokens) > n and tokens[:n] in prefixes:
            return n
    return 0


@cache
def _state_forms() -> tuple[frozenset[tuple[str, ...]], int]:
    with _LOCK:
        forms = frozenset(tuple(form.split()) for form, *_ in _rows("state_forms.tsv"))
        return forms, max(map(len, forms), default=0)


# Words of up to this many letters between the word for "republic" (or "kingdom") and a
# country's name are read as a preposition or an article ("of", "de", "d'", "of the").
_LINK_LETTERS = 3
_MIN_REST_LETTERS = 4
# Free words (see state_form_rests) taken beside the word for "republic" at most.
_MAX_FREE = 2
# A compound that ends with a state form has three letters of its own and a form of six or more.
_COMPOUND_LETTERS = 9


def state_form_rests(tokens: tuple[str, ...], *,
                     free: Callable[[str], bool] | None = None) -> list[tuple[tuple[str, ...], bool]]:
    """What is left of a normalised name once the word for "republic" or "kingdom" in some
    language is taken from its start or its end, as a country's official name writes it
    ("republik albanien", "arnavutluk cumhuriyeti"), as ``(rest, linked)`` pairs: that rest (``linked`` False), then,
    after a word taken from the start, the rest without the one or two short words ("of",
    "de", "of the") that follow it (``linked`` True). Empty when the name neither starts nor
    ends with such a word, or nothing of four letters or more is left.

    With ``free`` (a test of one word: a word that names nothing, such as a qualifier of the
    state no list holds), up to two such words beside the state's word are taken too, as in
    "federativnaia respublika braziliia", "cong hoa hoi giao ..." or "volksrepublik ...",
    where a compound ends with the word; those rests come last, all ``linked``."""
    forms, longest = _state_forms()
    out: list[tuple[tuple[str, ...], bool]] = []
    for n in range(min(longest, len(tokens) - 1), 0, -1):
        if tokens[-n:] in forms and sum(map(len, tokens[:-n])) >= _MIN_REST_LETTERS:
            out.append((tokens[:-n], False))
        if tokens[:n] not in forms:
            continue
        rest = tokens[n:]
        for linked in (False, True, True):
            if sum(map(len, rest)) < _MIN_REST_LETTERS:
                break
            out.append((rest, linked))
            if len(rest) < 2 or len(rest[0]) > _LINK_LETTERS:
                break
            rest = rest[1:]
    if free is not None:
        out += [(rest, True) for rest in _rests_beside_free_words(tokens, forms, longest, free) if (rest, True) not in out]
    return out


def is_state_word(word: str) -> bool:
    """``word`` is a word of a state form ("republik", "gong"), or a compound that ends with
    one ("volksrepublik")."""
    return word in _word_ends()[3] or _is_state_word((word,), _state_forms()[0])


def _is_state_word(tokens: tuple[str, ...], forms: frozenset[tuple[str, ...]]) -> bool:
    """A state form, or one word that ends with a one-word state form of six letters or more
    after at least three letters of its own ("volksrepublik")."""
    if tokens in forms:
        return True
    if len(tokens) != 1:
        return False
    word = tokens[0]
    return word.endswith(_word_ends()[1]) and any(
        word[-k:] in _word_ends()[0] and len(word) - k >= 3 for k in range(6, len(word) - 2))


@cache
def _word_ends() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], frozenset[str]]:
    """The one-word state forms a compound may end with (as a set and as a tuple for
    ``str.endswith``), the first words of every state form, and all their words."""
    forms = _state_forms()[0]
    ends = sorted(f[0] for f in forms if len(f) == 1 and len(f[0]) >= 6)
    return frozenset(ends), tuple(ends), frozenset(f[0] for f in forms), frozenset(w for f in forms for w in f)


def _rests_beside_free_words(tokens: tuple[str, ...], forms: frozenset[tuple[str, ...]], longest: int,
                             free: Callable[[str], bool]) -> list[tuple[str, ...]]:
    """The rests of :func:`state_form_rests` once up to two free words beside the state's word
    are taken with it: before and after it at the start of the name (then the short linking
    words, then the rest), or between the rest and the state's word at the end."""
    found: list[tuple[str, ...]] = []
    _, ends, firsts, _ = _word_ends()
    if firsts.isdisjoint(tokens) and not any(len(t) >= _COMPOUND_LETTERS and t.endswith(ends) for t in tokens):
        return found  # no word for "republic" anywhere (most names)
    last = len(tokens)
    for before in range(min(_MAX_FREE, last - 2) + 1):
        if before and not free(tokens[before - 1]):
            break
        for n in range(min(longest, last - before - 1), 0, -1):
            if not _is_state_word(tokens[before:before + n], forms):
                continue
            at = before + n
            for after in range(_MAX_FREE - before + 1):
                if after and (at + after >= last or not free(tokens[at + after - 1])):
                    break
                if not before and not after and tokens[:n] in forms:
                    continue  # the plain state form: state_form_rests has it
                rest = tokens[at + after:]
                for dropped in range(3):
                    if sum(map(len, rest)) < _MIN_REST_LETTERS:
                        break
                    if dropped or not after:  # after the state's word, free words need a link
                        found.append(rest)
                    if len(rest) < 2 or len(rest[0]) > _LINK_LETTERS:
                        break
                    rest = rest[1:]
    for n in range(min(longest, last - 1), 0, -1):
        if not _is_state_word(tokens[-n:], forms):
            continue
        for k in range(1, _MAX_FREE + 1):
            end = last - n - k
            if end < 1 or not free(tokens[end]):
                break
            if sum(map(len, tokens[:end])) >= _MIN_REST_LETTERS:
                found.append(tokens[:end])
        if tokens[-n:] not in forms and sum(map(len, tokens[:-n])) >= _MIN_REST_LETTERS:
            found.append(tokens[:-n])  # a compound state word at the end
    return found


@cache
def _simplified_table() -> dict[int, str]:
    with _LOCK:
        return {ord(trad): simp for trad, simp in _rows("simplified.tsv")}


def simplified(text: str) -> str:
    """``text`` with each traditional Chinese character in its simplified form (习近平 for
    習近平); other characters as they are."""
    return text.translate(_simplified_table())
