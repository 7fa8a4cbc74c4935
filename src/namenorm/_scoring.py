"""How two names are scored: the one scoring function behind ``compare`` and the resolver.

A name is prepared once (:class:`NameForm`): its normal form, its match tokens (titles dropped,
``Abd al-`` compounds joined) and, per token and for the whole name glued together, the tier-1
transliteration key, its consonant skeleton and the loose machine-translation key.

Two names are then compared two ways and the better one counts:

- **whole name**: the glued forms (particles dropped), so "Abdelfattah" meets "Abdel Fattah"
  and "khalifahaftar" meets "Khalifa Haftar";
- **token alignment**: tokens are paired one to one by similarity, regardless of order. The
  score is the mean of the two sides' weighted coverage (particles weigh little), so a name
  part present on one side only costs what it weighs: "Saddam Haftar" against "Khalifa Haftar"
  covers half of each and scores about 0.5. A query that is the surname alone of a person
  (the last name token) is scored by its own coverage, slightly discounted.

Each token pair (and each glued pair) is scored by the best of: plain similarity of the normal
forms; tier-1 key similarity blended with the plain one (keys with fewer than three consonants
count for less); equal consonant skeletons when one side is written without vowels (the
Arabic-script case); equal loose keys when the surface forms are not too far apart (the
machine-translation case). Key tiers add evidence to surface similarity, never replace it. Tokens of three letters or fewer only count when equal: fuzzy similarity between "is"
and "it" means nothing. A token that is another plus a demonym ending ("Libyan" / "Libya",
"German" / "Germany") is not a variant of it.

Similarity is rapidfuzz's normalised optimal-string-alignment similarity (an edit or a swap
costs one, divided by the longer length). An initial ("V.") pairs with a name it abbreviates.
"""

from __future__ import annotations

import re
from itertools import takewhile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import OSA

from namenorm.keys import loose_key, skeleton, translit_key
from namenorm._words import GENERIC_WORDS, LEGAL_FORMS
from namenorm.knowledge import (
    given_name_ids,
    is_nickname_pair,
    legal_form_class,
    legal_form_start,
    number_value,
    object_prefix_length,
    simplified,
)
from namenorm.names import _CAMEL, PARTICLES, match_texts
from namenorm.normalize import normalize

__all__ = ["NameForm", "TokenForm", "acronym_keys", "initials", "make_name", "make_token", "prepare", "score_both", "score_names"]

#: Weigher of a name token: how much it says about identity, 0..1 (rare words say more).
Weigher = Callable[[str], float]

# Optimal string alignment: an edit or a transposition costs one, normalised by the longer
# string. Unlike the Indel ratio it does not forgive a dropped syllable in a short word
# ("Bern" / "Berlin" 0.67, not 0.80), and unlike plain Levenshtein it treats a swap as one typo.
_sim = OSA.normalized_similarity

#: The highest score anything short of an exact match can reach: below an exact weak alias.
W_T1 = 0.92
_SOFT_CAP = 0.90
#: Base score of equal consonant skeletons when one side is written without vowels.
W_SKELETON = 0.78
W_LOOSE = 0.90
PARTICLE_WEIGHT = 0.25
#: Weight of a legal form ("JSC", "GmbH"): present or absent between spellings of one company.
LEGAL_WEIGHT = 0.2
#: Weight of a generic word ("International", "Trading", "Bank") when no gazetteer tells how
#: rare it is.
GENERIC_WEIGHT = 0.5
#: Similarity of two given names that are forms of one name (Mohammed / Muhammad) or a name
#: and its nickname (Bob / Robert).
EQUIVALENT_SIM = 0.88
#: Similarity of two three-letter tokens with one key when one is romanised from another script.
CROSS_SHORT_SIM = 0.80
#: Below this, two tokens are not considered a pair at all.
PAIR_FLOOR = 0.70
#: Score of an acronym against the name it abbreviates ("LNA" / "Libyan National Army").
ACRONYM_SIM = 0.85
#: One Latin word matched only through a key, with surface similarity up to WEAK_KEY_PLAIN,
#: scores at most WEAK_KEY_CAP.
WEAK_KEY_PLAIN = 0.75
WEAK_KEY_CAP = 0.75
#: Similarity of an initial to a name it may abbreviate ("V." / "Vladimir").
INITIAL_SIM = 0.85
#: Similarity of an organisation's last name part to the same word cut short ("Trans" /
#: "Transportation", "Air" / "Airlines"), when both end names of two name parts or more.
ABBREVIATED_SIM = 0.85
#: Below this, the glued (space-free) comparison is ignored.
WHOLE_FLOOR = 0.90
#: The most two name parts score when one is the other with an ending added ("Putin" /
#: "Putintsev"): below PAIR_FLOOR, so they are not a pair.
ENDING_ADDED_SIM = 0.5
#: The most a person's name scores against the same name with another given name in front.
FRONT_CAP = 0.75
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ean", "ese", "ish", "ns", "ans", "ians"})
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})
_GLUED_ARTICLE = ("al", "el")
_PLACE_WORDS = frozenset(
    """
    stadium stadyumu stade stadio estadio arena airport havalimani aeroport aeroporto aeropuerto
    street avenue road boulevard square bridge tunnel highway hospital school university college
    academy institute mosque church cathedral foundation prize award center centre museum park
    hall library station port dam tower building district camp base barracks
    """.split()
)


@dataclass(frozen=True, slots=True)
class TokenForm:
    """One match token and its keys."""

    text: str
    t1: str
    skel: str
    loose: str
    particle: bool
    vowel_poor: bool = False  # written without most vowels (see _vowel_poor)
    number: int | None = None  # the number the token stands for ("2nd", "second", "II", "2")
    legal: str | None = None  # the class of a legal form ("jsc" for AO, PJSC, Joint Stock Company)


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name prepared for scoring (made by :func:`make_name`).

    Besides the name itself, a form carries what every comparison reads of it, worked out once
    when the form is made: the positions of its name parts (tokens that are not particles), its
    numbers, its Jr./Sr. or regnal suffix, the token an acronym would be, and the weights of
    its tokens when no gazetteer tells how rare a word is.
    """

    norm: str
    tokens: tuple[TokenForm, ...]
    glued_text: str  # the name parts without spaces: "abdelfattah"
    glued_all_text: str  # particles kept: "fuentesdeonoro"
    latin: bool = True  # written in Latin script, where surface similarity means something
    family: str | None = None  # scoring family of the entity (None: not known, a query)
    cjk: str = ""  # the Chinese, Japanese or Korean characters of the name as written
    surname_first: bool = False  # written surname first with a comma ("AL-ZORGANI, Tariq")
    name_tokens: tuple[TokenForm, ...] = field(kw_only=True, compare=False, repr=False)
    name_idx: tuple[int, ...] = field(kw_only=True, compare=False, repr=False)  # their positions
    numbers: tuple[int, ...] = field(kw_only=True, compare=False, repr=False)  # sorted
    suffix: str = field(kw_only=True, compare=False, repr=False)  # a trailing Jr. or III, or ""
    # The one token that is not a legal form, when it could be an acronym (two to six letters),
    # or "".
    acronym: str = field(kw_only=True, compare=False, repr=False)
    # Token weights without a gazetteer: in names of persons and places, and in the others,
    # where a generic word ("International", "Trading") weighs GENERIC_WEIGHT.
    plain_weights: tuple[float, ...] = field(kw_only=True, compare=False, repr=False)
    generic_weights: tuple[float, ...] = field(kw_only=True, compare=False, repr=False)


# Keys of glued names, which most comparisons never need (with as many parts on each side,
# only equal glued letters count); bounded.
@lru_cache(maxsize=50_000)
def _glued_token(text: str) -> TokenForm:
    return make_token(text, memo=False)


_TOKEN_CACHE: dict[tuple[str, bool, int | None, str | None], TokenForm] = {}


def make_token(text: str, particle: bool = False, *, memo: bool = True, number: int | None = None,
               legal: str | None = None) -> TokenForm:
    """Keys of one token, memoised: names share most of their tokens. ``memo=False`` for
    strings that will not come back (a whole name glued together), which would only fill the
    memo."""
    key = (text, particle, number, legal)
    tok = _TOKEN_CACHE.get(key)
    if tok is None:
        t1 = translit_key(text)
        tok = TokenForm(text, t1, skeleton(t1), loose_key(text), particle, _vowel_poor(text),
                        number, legal)
        if memo and len(_TOKEN_CACHE) < 500_000:
            _TOKEN_CACHE[key] = tok
    return tok


def is_latin(text: str) -> bool:
    """No letter beyond Latin Extended-B: the surface form is a romanisation already."""
    return text.isascii() or max(text) < "\u0250"


_CJK = re.compile("[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def cjk_chars(text: str) -> str:
    """The Chinese, Japanese and Korean characters of ``text`` (Han, kana, Hangul), in order,
    traditional Chinese characters in their simplified forms (習近平 and 习近平 are written with
    the same characters)."""
    return simplified("".join(_CJK.findall(text))) if not is_latin(text) else ""


def split_tokens(raw: str, norm: str) -> list[str] | None:
    """Tokens split at case changes ("KhalifaHaftar"), or None when that changes nothing."""
    if (raw.isascii() and raw.islower()) or not _CAMEL.search(raw):
        return None
    split = normalize(_CAMEL.sub(" ", raw))
    if split == norm or split.replace(" ", "") != norm.replace(" ", ""):
        return None
    tokens = split.split()
    if min(map(len, tokens)) < 2 and min(map(len, norm.split())) >= 2:
        return None  # "GmbH", "McK": a capital inside a word is no word boundary there
    return tokens


_DOTTED_INITIALS = re.compile(r"(?<![^\W\d_])(?:[^\W\d_]\.){2,}(?![^\W\d_])")


def prepare(raw: str, *, family: str | None = None, titles: bool = True,
            norm: str | None = None) -> NameForm:
    """Prepare a name as written for scoring: normalise it, split glued words, read a
    surname-first name with one comma ("AL-ZORGANI, Tariq") in natural order, and hand the
    tokens to :func:`make_name`.

    Args:
        raw: the name as written.
        family: the scoring family of the entity it names (``person``, ``org``, ``place``...),
            or ``None`` for a query whose family is not known.
        titles: recognise leading titles (``False`` for gazetteer names such as "DR Congo").
        norm: ``normalize(raw)``, when the caller has it already.
    """
    if family == "person" and _DOTTED_INITIALS.search(raw):
        # A person's initials written together ("J.F. Kennedy", "BOYARKIN, V.A.") are initials,
        # not an acronym.
        raw = _DOTTED_INITIALS.sub(lambda m: m.group().replace(".", ". "), raw)
        norm = None
    if family not in ("person", "place") and raw.endswith((")", "）")):
        full = _bracketed_acronym(raw, family)
        if full is not None:
            return full
    if norm is None:
        norm = normalize(raw)
    tokens = split_tokens(raw, norm)
    surname_first = False
    if raw.count(",") == 1 and family not in ("place", "vessel", "aircraft"):
        head, _, tail = raw.partition(",")
        head_n, tail_n = normalize(head), normalize(tail)
        if head_n and tail_n and len(head_n.split()) <= 3:
            tokens = [*tail_n.split(), *head_n.split()]
            surname_first = True
    return make_name(norm, tokens, latin=is_latin(raw), titles=titles, family=family,
                     cjk=cjk_chars(raw), surname_first=surname_first)


_BRACKETED = re.compile(r"^(?P<full>.*\S)\s*[(（](?P<acr>[^()（）]{2,12})[)）]\s*$")


def _bracketed_acronym(raw: str, family: str | None) -> NameForm | None:
    """A name followed by its acronym in brackets ("Islamic Revolutionary Guard Corps (IRGC)",
    "Metal & Mineral Trade (MMT)") is that name: the form of the words before the bracket, which
    the acronym alone matches as an acronym. ``None`` when the bracket holds anything else
    ("Sherkate Basargani Petrochemie (Sahami Khass)")."""
    m = _BRACKETED.match(raw)
    if m is None:
        return None
    acr = normalize(m["acr"])
    if not (2 <= len(acr) <= 8 and acr.isalpha()):
        return None
    form = prepare(m["full"], family=family)
    return form if acr in initials(form) else None


_DIGIT_LETTERS = str.maketrans({"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})
_ONE = re.compile(r"1")


def _deobfuscate(tok: str) -> str:
    """Digits written for letters inside a word ("m0hammed", "4bdullah", "ka1ashnikov"): the
    letters they stand for. A 1 is an l next to a vowel and an i elsewhere."""
    def one(m: re.Match[str]) -> str:
        i = m.start()
        near = tok[i - 1 : i] + tok[i + 1 : i + 2]
        return "l" if any(c in "aeiou" for c in near) else "i"

    return _ONE.sub(one, tok).translate(_DIGIT_LETTERS)


_ROMAN = re.compile(r"^(?=[ivxlc]{2,7}$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _roman(tok: str) -> int | None:
    if not _ROMAN.match(tok):
        return None
    total = 0
    for a, b in zip(tok, tok[1:] + " "):
        va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


def _number_of(tok: str, i: int, n: int) -> int | None:
    """The number a token of a name stands for. Roman numerals count only after the first
    token ("Holdings III", not "Xi Jinping" or "Vi Thanh")."""
    if tok.isalpha() and _ROMAN.match(tok):
        return _roman(tok) if i > 0 else None
    return number_value(tok)


def _letters_run(toks: tuple[str, ...], at_end: bool) -> int:
    """How many single letters start (or end) ``toks``."""
    seq = reversed(toks) if at_end else iter(toks)
    return sum(1 for _ in takewhile(lambda t: len(t) == 1 and t.isalpha(), seq))


def _spelled_form(letters: tuple[str, ...]) -> str | None:
    """The class of a legal form written as letters apart ("P J S C", "S A"), or ``None``."""
    return legal_form_class(("".join(letters),)) if len(letters) >= 2 else None


def _join_letters(toks: tuple[str, ...], legal: dict[int, str]) -> tuple[str, ...]:
    """``toks`` with each run of two single letters or more (not legal forms) made one token;
    ``legal`` (token position -> class) is moved along in place."""
    out: list[str] = []
    moved: dict[int, str] = {}
    i, n = 0, len(toks)
    while i < n:
        j = i
        while j < n and j not in legal and len(toks[j]) == 1 and toks[j].isalpha():
            j += 1
        if j - i >= 2:
            out.append("".join(toks[i:j]))
            i = j
            continue
        if i in legal:
            moved[len(out)] = legal[i]
        out.append(toks[i])
        i += 1
    if len(out) == n:
        return toks
    legal.clear()
    legal.update(moved)
    return tuple(out)


def _legal_spans(toks: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Legal forms at the start or the end of a name ("OOO Acme", "Acme Trading LLC", "Acme
    Joint Stock Company"), also when an abbreviation is written as letters apart ("Acme
    Company P J S C"): (start, end, class); what is left is never empty."""
    n = len(toks)
    if n < 2:
        return []
    spans: list[tuple[int, int, str]] = []
    # Letters apart are a legal form only as a whole run: "A B C Trading" is no "AB".
    spelled = _letters_run(toks, False)
    cls = _spelled_form(toks[:spelled]) if spelled < n else None
    if cls:
        spans.append((0, spelled, cls))
    else:
        for length in range(min(legal_form_start(toks[0]), n - 1), 0, -1):
            cls = legal_form_class(toks[:length])
            if cls:
                spans.append((0, length, cls))
                break
    first_free = spans[0][1] if spans else 0
    spelled = _letters_run(toks, True)
    cls = _spelled_form(toks[n - spelled :]) if spelled < n - first_free else None
    if cls:
        spans.append((n - spelled, n, cls))
        return spans
    for length in range(min(n - first_free - 1, 6), 0, -1):
        if legal_form_start(toks[n - length]) < length:
            continue
        cls = legal_form_class(toks[n - length :])
        if cls:
            spans.append((n - length, n, cls))
            break
    return spans


def make_name(norm: str, tokens: list[str] | None = None, *, latin: bool = True,
              titles: bool = True, family: str | None = None, cjk: str = "",
              surname_first: bool = False) -> NameForm:
    """Prepare a name for scoring from its normal form (and, optionally, its tokens when they
    were split differently, e.g. at case changes). ``latin`` says whether the original was
    written in Latin script (see :func:`is_latin`); ``titles=False`` keeps leading titles as
    name parts (for gazetteer names other than persons'); ``family`` is the scoring family of the entity (legal
    forms are read in names of organisations and of unknown entities, not of persons or
    places); ``cjk`` the name's Chinese, Japanese or Korean characters; ``surname_first`` that
    the name was written surname first with a comma (see :func:`prepare`)."""
    raw_toks = tokens if tokens is not None else norm.split()
    if any(not t.isalpha() and not t.isdigit() for t in raw_toks):
        raw_toks = [_deobfuscate(t) if len(t) >= 3 and number_value(t) is None and any(c.isalpha() for c in t)
                    else t for t in raw_toks]
    # A person's name in a list keeps its titles as titles ("SAFDARI, Seyyed Jaber", "AWEYS,
    # Sheikh Hassan Dahir"); titles=False is for names of other things ("DR Congo").
    toks = match_texts(raw_toks, titles=titles or family == "person")
    if family in ("vessel", "aircraft", "other", None) and len(toks) > 1:
        # "M/V Sea Lark", "MT Sea Lark": the prefix says what the thing is, not which.
        cut = object_prefix_length(toks)
        if cut and toks[0] != "the":
            toks = ("".join(toks[:cut]), *toks[cut:])
            prefixed = True
        else:
            prefixed = False
    else:
        prefixed = False
    legal: dict[int, str] = {}
    if family not in ("person", "place") and len(toks) > 1:
        # Each legal form becomes one token, its class: "Joint Stock Company Acme", "AO Acme"
        # and "Acme PJSC" all read as "jsc" + "acme".
        collapsed: list[str] = []
        pos = 0
        for start, end, cls in sorted(_legal_spans(toks)):
            collapsed.extend(toks[pos:start])
            legal[len(collapsed)] = cls
            collapsed.append(cls)
            pos = end
        if legal:
            toks = (*collapsed, *toks[pos:])
    if family == "org" and len(toks) > 2 and "".join(toks).isascii():
        # Letters written apart are one acronym in an organisation's name ("N P C International"
        # is "NPC International", as "N.P.C." would be); a legal form among them is read above.
        toks = _join_letters(toks, legal)
    n = len(toks)
    forms: list[TokenForm] = []
    name_idx: list[int] = []
    numbers: list[int] = []
    plain: list[float] = []
    generic_at: list[int] = []  # name parts that are generic words
    for i, t in enumerate(toks):
        if i in legal:
            forms.append(make_token(t, True, legal=legal[i]))
            plain.append(LEGAL_WEIGHT)
            continue
        # (the romanised syllables of a Chinese, Japanese or Korean name are never particles:
        # "de guo" for 德國 is not "de" + "Guo")
        particle = n > 1 and not cjk and ((t in PARTICLES and i < n - 1) or t in LEGAL_FORMS
                                          or (i > 0 and t in _SUFFIXES and not _ROMAN.match(t))
                                          or (i == 0 and prefixed))
        if particle:
            forms.append(make_token(t, True))
            plain.append(PARTICLE_WEIGHT)
            continue
        number = _number_of(t, i, n)
        forms.append(make_token(t, False, number=number))
        name_idx.append(i)
        plain.append(1.0)
        if number is not None:
            numbers.append(number)
        elif t in GENERIC_WORDS:
            generic_at.append(i)
    name_tokens = tuple(forms[i] for i in name_idx)
    glued_text = "".join(t.text for t in name_tokens) or "".join(toks)
    last = toks[-1] if toks else ""
    core = n - len(legal)  # tokens that are not legal forms
    if core == 1:
        one = next(t for i, t in enumerate(toks) if i not in legal)
        acronym = one if 2 <= len(one) <= 6 else ""
    else:
        acronym = ""
    plain_w = tuple(plain)
    if generic_at:
        for i in generic_at:
            plain[i] = GENERIC_WEIGHT
        generic_w = tuple(plain)
    else:
        generic_w = plain_w
    return NameForm(norm, tuple(forms), glued_text, "".join(toks), latin, family, cjk, surname_first,
                    name_tokens=name_tokens, name_idx=tuple(name_idx), numbers=tuple(sorted(numbers)),
                    suffix=last if n > 1 and last in _SUFFIXES and forms[-1].number is None else "",
                    acronym=acronym, plain_weights=plain_w,
                    generic_weights=generic_w)


_COUNTRY_ENDINGS = ("ien", "ia", "ie", "ya", "y", "a", "e", "")
_DEMONYM_SUFFIXES = ("ians", "eans", "ans", "ian", "ean", "ese", "ish", "an", "n")


def _demonym_pair(a: str, b: str) -> bool:
    """True when one token is the adjective of the other: libya/libyan, italy/italian,
    germany/german, and against other languages' forms, italien/italian, arabien/arabian."""
    if a == b or min(len(a), len(b)) < 4:
        return False
    if (a == b + "n" and b[-1] == "e") or (b == a + "n" and a[-1] == "e"):
        # an "-e" word and its "-en" form are one word (German "Europäische" / "Europäischen
        # Union", "Vereinte" / "Vereinten Nationen"; "Hanse" / "Hansen"): demonyms add "-an"
        return False
    for x, y in ((a, b), (b, a)):
        for dem in _DEMONYM_SUFFIXES:
            if not x.endswith(dem):
                continue
            stem = x[: -len(dem)]
            if len(stem) < 3:
                continue
            for end in _COUNTRY_ENDINGS:
                if y == stem + end:
                    return True
            if y + "n" == x or y[:-1] == x:  # german / germany
                return True
    return False


def _consonants(skel: str) -> int:
    return len(skel) - (skel[:1] == "a")


_DIGRAPHS = re.compile(r"dsch|tsch|sch|sh|ch|kh|gh|th|dh|ph|zh")
_NO_VOWELS = str.maketrans("", "", "aeiou")


def _vowel_poor(text: str) -> bool:
    """Written without most vowels, as Arabic and Hebrew script transliterate ("hftr"), and
    not merely spelled with long consonant digraphs ("Sarradsch")."""
    # (no digraph holds a vowel, and every one holds an h)
    vowels = len(text) - len(text.translate(_NO_VOWELS))
    return vowels * 4 < (len(_DIGRAPHS.sub("x", text)) if "h" in text else len(text))


def equivalent_names(a: str, b: str) -> bool:
    """Two normalised given names are forms of one name (Mohammed / Muhammad, Youssef /
    Yusuf where the knowledge tables say so) or a name and its nickname (Bob / Robert)."""
    ids = given_name_ids(a)
    return bool(ids and not ids.isdisjoint(given_name_ids(b))) or is_nickname_pair(a, b)


def token_sim(a: TokenForm, b: TokenForm, *, names: bool = True, cross: bool = False) -> tuple[float, str]:
    """Similarity of two tokens in 0..1 and the tier that gave it.

    Key tiers are evidence on top of the surface similarity, never a replacement for it: two
    words that merely share a transliteration key ("July" and "Cile" both give ``sala``) are not
    variants of each other, and the fewer consonants a key has, the less its equality says.
    Numbers agree only with the same number ("2nd" / "second", never "II" / "III"); legal forms
    only with a form of the same class. With ``names``, two given names that are forms of one
    name, or a name and its nickname, score :data:`EQUIVALENT_SIM`.
    """
    return _pair_sim(a, b, names, cross)


def _pair_sim(a: TokenForm, b: TokenForm, names: bool, cross: bool) -> tuple[float, str]:
    """:func:`token_sim`, with positional options (the scorer's inner loop)."""
    if a.text == b.text:
        return 1.0, "exact"
    if a.number is not None or b.number is not None:
        return (1.0, "number") if a.number == b.number else (0.0, "none")
    if a.legal is not None or b.legal is not None:
        return (1.0, "legal form") if a.legal == b.legal else (0.0, "none")
    # (past the numbers and legal forms, a token's keys follow from its text)
    at, bt = a.text, b.text
    if at > bt and not (at[:2] in _GLUED_ARTICLE and bt[:2] in _GLUED_ARTICLE):
        # The similarity is symmetric, so a pair is remembered in one order and the score of
        # the other direction finds it; except between two words that both start with a glued
        # article ("alhassan" / "elhasan"), where the word stripped first depends on the order.
        key = (bt, b.particle, at, a.particle, names, cross)
    else:
        key = (at, a.particle, bt, b.particle, names, cross)
    got = _SIM_MEMO.get(key)
    if got is not None:
        return got
    if names and not (a.particle or b.particle) and equivalent_names(a.text, b.text):
        sim, how = _token_sim(a, b, cross)
        got = (sim, how) if sim > EQUIVALENT_SIM else (EQUIVALENT_SIM, "equivalent")
    elif names and not cross and _ending_added(at, bt):
        # One name part is the other with an ending added ("Putin" / "Putintsev", "Russell" /
        # "Russellson", "Grandi" / "Grandini"): another name, not a spelling of it. (Not
        # across scripts, where the romanised word may carry a case ending: "Хафтаром".)
        got = (min(_token_sim(a, b, cross)[0], ENDING_ADDED_SIM), "none")
    else:
        got = _token_sim(a, b, cross)
    if len(_SIM_MEMO) >= _SIM_MEMO_SIZE:
        _SIM_MEMO.clear()
    _SIM_MEMO[key] = got
    return got


#: Classes of legal forms that make a name a company's (see :func:`_decide_plain`).
_COMPANY_FORMS = frozenset({"llc", "jsc", "corp", "co", "lp", "llp"})


def _words_added(q: NameForm, a: NameForm) -> bool:
    """Every name part of the shorter name is, letter for letter, a name part of the longer
    one, which has whole words more ("... Chemical Weapons" / "... Chemical Weapons Club"): two
    organisations' names that differ by words, not by letters split elsewhere, and comparing
    them glued together would hide that. (Not for places, where a word more is as often a
    particle spelled another way: "Neukirchen un der Vöckla".)"""
    qn, an = {t.text for t in q.name_tokens}, {t.text for t in a.name_tokens}
    return len(qn) != len(an) and (qn < an or an < qn)


def _ending_added(x: str, y: str) -> bool:
    """One of two name parts is the other, of four letters or more, with two letters or more
    added at its end; an ending of only ``h``, ``c``, ``s``, ``z`` spells a last letter another
    way ("Kubis" / "Kubisch" for Kubiš) and is no new ending."""
    s, t = (x, y) if len(x) <= len(y) else (y, x)
    return len(s) >= 4 and len(t) >= len(s) + 2 and t.startswith(s) and not set(t[len(s):]) <= _SPELLED_END


_SPELLED_END = frozenset("hcsz")


# Token pairs already compared (scoring both ways, and the same words across names); bounded.
_SIM_MEMO: dict[tuple[str, bool, str, bool, bool, bool], tuple[float, str]] = {}
_SIM_MEMO_SIZE = 100_000


def _glued_sim(x: str, y: str) -> tuple[float, str]:
    """:func:`_token_sim` of two names glued together, by their texts; remembered in one order
    as :func:`token_sim` remembers token pairs (both directions of a comparison, and a name met
    again, find it)."""
    if x > y and not (x[:2] in _GLUED_ARTICLE and y[:2] in _GLUED_ARTICLE):
        key = (y, x)
    else:
        key = (x, y)
    got = _GLUED_MEMO.get(key)
    if got is None:
        got = _token_sim(_glued_token(x), _glued_token(y))
        if len(_GLUED_MEMO) >= _SIM_MEMO_SIZE:
            _GLUED_MEMO.clear()
        _GLUED_MEMO[key] = got
    return got


# Glued names already compared; bounded.
_GLUED_MEMO: dict[tuple[str, str], tuple[float, str]] = {}


def _token_sim(a: TokenForm, b: TokenForm, cross: bool = False) -> tuple[float, str]:
    """``token_sim`` without the knowledge tiers. ``cross``: one token is the romanisation of a
    name written in another script, where letters say less than keys ("Бизли" -> "bizli" for
    Beasley): key agreement counts for more and surface agreement for less."""
    if len(a.text) <= 3 or len(b.text) <= 3:
        if a.particle and b.particle and a.t1 == b.t1:
            return W_T1, "key"
        if cross and min(len(a.text), len(b.text)) == 3 and a.t1 == b.t1 and not (a.particle or b.particle):
            return CROSS_SHORT_SIM, "key"  # "Эми" -> "emi" / "Amy"
        if len(a.text) == 3 or len(b.text) == 3:
            # A three-letter consonant skeleton from Arabic script ("mmr" for Muammar).
            if a.skel == b.skel and min(len(a.text), len(b.text)) == 3 and (
                _consonants(a.skel) >= 3 and (a.vowel_poor or b.vowel_poor)
            ):
                return W_SKELETON + 0.2 * _sim(a.text, b.text), "skeleton"
        if (len(a.text) == 1 and b.text.startswith(a.text) and not b.particle) or (
            len(b.text) == 1 and a.text.startswith(b.text) and not a.particle
        ):
            return INITIAL_SIM, "initial"
        if min(len(a.text), len(b.text)) == 3 and max(len(a.text), len(b.text)) == 4:
            plain = _sim(a.text, b.text)  # one letter dropped from a four-letter word
            if plain >= 0.75:
                return plain, "fuzzy"
        return 0.0, "none"
    if a.text[:2] in _GLUED_ARTICLE or b.text[:2] in _GLUED_ARTICLE:
        for x, y in ((a, b), (b, a)):
            # The article glued to a name ("Elsisi", "Almasmari") against the bare name.
            if x.text[:2] in _GLUED_ARTICLE and len(x.text) >= 6 and not y.text.startswith(x.text[:2]):
                inner, how = _token_sim(make_token(x.text[2:]), y)
                if inner >= 0.85:
                    return inner * 0.98, how
    plain = _sim(a.text, b.text)
    best, how = plain, "fuzzy"
    if plain < 0.4 and a.t1 != b.t1 and a.skel != b.skel and a.loose != b.loose:
        return plain, how  # no key tier can lift this pair to PAIR_FLOOR
    consonants = min(_consonants(a.skel), _consonants(b.skel))
    k = 1.0 if a.t1 == b.t1 else _sim(a.t1, b.t1)
    if cross:
        s = 0.7 * k + 0.3 * plain
    else:
        s = (0.55 if consonants >= 3 else 0.5) * k + 0.45 * plain
    if k == 1.0 and consonants >= 3:
        s += 0.05
    if s > best and (cross or plain > 0.5 or min(len(a.text), len(b.text)) > 4):
        # (two short words that are half different, "sung" / "jong", are not variants)
        best, how = s, "key"
    if a.skel == b.skel and consonants >= 3 and (a.vowel_poor or b.vowel_poor):
        s = W_SKELETON + 0.2 * plain
        if s > best:
            best, how = s, "skeleton"
    if a.loose == b.loose and len(a.loose) >= 3 and plain >= 0.6 and k >= 0.75:
        # Equal loose keys say "consistent with a machine-translation garble"; the surface
        # similarity says how plausible. Short keys collide more and count for less.
        s = (0.70 if len(a.loose) >= 4 else 0.66) + 0.2 * plain
        if s > best:
            best, how = s, "loose"
    elif cross and a.loose == b.loose and len(a.loose) >= 3 and k >= 0.6:
        # Across scripts the romanisation rarely spells the vowels and sibilants the Latin
        # name has ("bizli" / "Beasley"): equal consonant frames are the evidence.
        s = 0.74 + 0.1 * plain
        if s > best:
            best, how = s, "loose"
    if best >= PAIR_FLOOR and a.text[:3] == b.text[:3] and _demonym_pair(a.text, b.text):
        return 0.0, "none"
    if best > _SOFT_CAP:
        # Squeeze the top of the range below W_T1 without flattening it: of two near-perfect
        # variants, the closer one must still score higher.
        best = _SOFT_CAP + (min(best, 1.05) - _SOFT_CAP) * (W_T1 - _SOFT_CAP) / (1.05 - _SOFT_CAP)
    return best, how


def score_names(q: NameForm, a: NameForm, *, surname_rule: bool,
                weigh: Weigher | None = None) -> tuple[float, str]:
    """Score query ``q`` against name ``a``; returns (score, short reason).

    Args:
        surname_rule: allow a query that is only the last name token(s) of ``a`` to score high
            (for persons). Without it such a partial query scores by mean coverage.
        weigh: how much a word says about identity, 0..1, learned from the gazetteer at hand
            (in a registry of companies "Trading" or "Bank" say little); used for the names of
            organisations. Without it, the generic words of news text weigh
            :data:`GENERIC_WEIGHT` in organisation names.
    """
    got = _outright(q, a)
    if got is not None:
        return got
    names = (a.family or q.family) in (None, "person")
    cross = not (q.latin and a.latin)
    return _decide(q, a, _candidates(q.tokens, a.tokens, names, cross), surname_rule, weigh)


def score_both(q: NameForm, a: NameForm, *, surname_rule: bool) -> tuple[tuple[float, str], tuple[float, str]]:
    """``score_names(q, a)`` and ``score_names(a, q)`` (no weigher) for two names of one family,
    each token pair compared once: the similarity of two tokens does not depend on their order,
    except between two words that both start with a glued article (see :func:`token_sim`),
    which are compared both ways."""
    if q.family != a.family:
        return (score_names(q, a, surname_rule=surname_rule), score_names(a, q, surname_rule=surname_rule))
    got = _outright(q, a)
    if got is not None:
        return got, got
    names = q.family in (None, "person")
    cross = not (q.latin and a.latin)
    fwd: list[tuple[float, int, int, str]] = []
    back: list[tuple[float, int, int, str]] = []
    for i, x in enumerate(q.tokens):
        xt = x.text
        article = xt[:2] in _GLUED_ARTICLE
        for j, y in enumerate(a.tokens):
            if xt == y.text:
                fwd.append((-1.0, i, j, "exact"))
                back.append((-1.0, j, i, "exact"))
                continue
            sim, how = _pair_sim(x, y, names, cross)
            if sim >= PAIR_FLOOR:
                fwd.append((-sim, i, j, how))
            if article and y.text[:2] in _GLUED_ARTICLE:
                sim, how = _pair_sim(y, x, names, cross)
            if sim >= PAIR_FLOOR:
                back.append((-sim, j, i, how))
    return (_decide(q, a, fwd, surname_rule, None), _decide(a, q, back, surname_rule, None))


def _outright(q: NameForm, a: NameForm) -> tuple[float, str] | None:
    """The score of two names that need no token alignment (the same name, one the acronym of
    the other, different characters of a Chinese, Japanese or Korean person's name, an empty
    name), or None. The same both ways."""
    if q.cjk and a.cjk and q.cjk != a.cjk and (a.family or q.family) in ("person", None) \
            and max(len(q.cjk), len(a.cjk)) <= 4:
        # A Chinese, Japanese or Korean person's name is two to four characters: one character
        # different is another person, even where the romanisations agree (homophones). (Names
        # of countries and organisations also differ by simplified and traditional characters.)
        return 0.0, "none"
    if q.norm == a.norm:
        return 1.0, "exact"
    if _acronym_of(q, a) or _acronym_of(a, q):
        return ACRONYM_SIM, "acronym"
    if not q.tokens or not a.tokens:
        return 0.0, "none"
    return None


def _candidates(qt: tuple[TokenForm, ...], at: tuple[TokenForm, ...], names: bool,
                cross: bool) -> list[tuple[float, int, int, str]]:
    """Token pairs similar enough to be aligned, as (-similarity, i, j, tier)."""
    pairs: list[tuple[float, int, int, str]] = []
    for i, x in enumerate(qt):
        xt = x.text
        for j, y in enumerate(at):
            if xt == y.text:
                pairs.append((-1.0, i, j, "exact"))
                continue
            s, how = _pair_sim(x, y, names, cross)
            if s >= PAIR_FLOOR:
                pairs.append((-s, i, j, how))
    return pairs


def _decide(q: NameForm, a: NameForm, pairs: list[tuple[float, int, int, str]], surname_rule: bool,
            weigh: Weigher | None) -> tuple[float, str]:
    """:func:`score_names` once the candidate token pairs are known (see :func:`_candidates`)."""
    family = a.family or q.family
    org_like = family in ("org", "other", "vessel", "aircraft") or (family is None and weigh is not None)
    if org_like and (q.name_idx and a.name_idx) and (len(q.tokens) > 1 or len(a.tokens) > 1):
        joined = _joined(q, a)
        if joined is not None:
            # Two words of one name written as one word of the other ("Ir-Ital" / "Irital
            # Shipping", "Petro Chem" / "Petrochem"): scored with the two words joined, when
            # that scores better.
            jq, ja = joined
            names = family in (None, "person")
            cross = not (jq.latin and ja.latin)
            got = _decide(jq, ja, _candidates(jq.tokens, ja.tokens, names, cross), surname_rule, weigh)
            pairs_score = _decide_plain(q, a, pairs, surname_rule, weigh)
            return (got[0], "joined " + got[1]) if got[0] > pairs_score[0] else pairs_score
    return _decide_plain(q, a, pairs, surname_rule, weigh)


def _joined(q: NameForm, a: NameForm) -> tuple[NameForm, NameForm] | None:
    """``q`` and ``a`` with two adjacent words of one joined where together they are a word of
    the other (five letters or more), or ``None``."""
    for x, y, swap in ((q, a, False), (a, q, True)):
        xs = x.glued_all_text
        for w in y.tokens:
            word = w.text
            if len(word) < 5 or word not in xs or w.legal is not None or w.number is not None:
                continue  # (the common case: no word of y inside x's letters, or one of its words)
            xt = x.tokens
            for i in range(len(xt) - 1):
                u, v = xt[i], xt[i + 1]
                if u.text + v.text == word and u.legal is None and v.legal is None \
                        and u.number is None and v.number is None:
                    texts = [t.text for t in xt]
                    merged = make_name(x.norm, [*texts[:i], word, *texts[i + 2 :]], latin=x.latin,
                                       titles=False, family=x.family, cjk=x.cjk, surname_first=x.surname_first)
                    return (y, merged) if swap else (merged, y)
    return None


def _decide_plain(q: NameForm, a: NameForm, pairs: list[tuple[float, int, int, str]], surname_rule: bool,
                  weigh: Weigher | None) -> tuple[float, str]:
    """:func:`_decide`, the words of both names as they are."""
    qt, at = q.tokens, a.tokens
    nq, na = len(qt), len(at)
    family = a.family or q.family
    org_like = family in ("org", "other", "vessel", "aircraft") or (family is None and weigh is not None)
    if family in ("org", "other") and len(q.name_idx) >= 2 and len(a.name_idx) >= 2:
        # (not between names of vessels, where "Star" and "Starlight" are two ships)
        if _cut_short(qt[q.name_idx[-1]], at[a.name_idx[-1]]):
            pairs = [*pairs, (-ABBREVIATED_SIM, q.name_idx[-1], a.name_idx[-1], "abbreviated")]

    # A token weighs LEGAL_WEIGHT as a legal form, PARTICLE_WEIGHT as a particle; in names
    # other than persons' its rarity in the gazetteer at hand, or without one, in names of
    # organisations, GENERIC_WEIGHT for a generic word; 1 otherwise.
    wq: tuple[float, ...] | list[float]
    wa: tuple[float, ...] | list[float]
    if weigh is not None and (org_like or family == "place"):
        # (in a gazetteer of places, "Zhen", "Xiang", "City of" or "San" say little)
        wq = _weighed(q, weigh)
        wa = _weighed(a, weigh)
    elif org_like:
        wq, wa = q.generic_weights, a.generic_weights
    else:
        wq, wa = q.plain_weights, a.plain_weights
    # Candidate pairs, best first (ties in token order).
    pairs.sort()
    used_q: dict[int, int] = {}
    used_a: set[int] = set()
    got_q = got_a = 0.0
    hows: set[str] = set()
    for neg, i, j, how in pairs:
        if i in used_q or j in used_a:
            continue
        s = -neg
        used_q[i] = j
        used_a.add(j)
        got_q += wq[i] * s
        got_a += wa[j] * s
        if not (qt[i].particle or at[j].particle):
            hows.add(how)
    if q.latin and family in (None, "person") and q.name_idx and a.name_idx \
            and used_q.get(q.name_idx[-1]) == a.name_idx[-1]:
        x, y = qt[q.name_idx[-1]].t1, at[a.name_idx[-1]].t1
        if _ending_added(x, y) and (a.latin or len(x) > len(y)):
            # Last name parts whose keys are one the other with an ending added ("Georgievaini"
            # / "Georgiewa", "Griffithsov" / romanised "Гриффитс"): another surname, as between
            # their letters (see _pair_sim). Against a romanised name only when the Latin side
            # is the longer: the other way, the ending may be a case ("Хафтаром").
            return 0.0, "none"
    if family in ("place", "person") and nq > 1 and nq - 1 not in used_q and qt[-1].legal in _COMPANY_FORMS \
            and len(q.norm.rsplit(" ", 1)[-1]) >= 3:
        # A company's legal form at the end, which the listed name has not ("Istanbul Ltd",
        # "John Morsant LLC"): a company named after the place or the person. (Not the short
        # forms, which are as often a syllable of a place's name: "sa", "se".)
        return 0.0, "none"
    if not hows:
        # Particles and legal forms are never the only thing two names share; what is left
        # is the same letters split elsewhere ("Mohammadreza Karim Zadeh" / "Mohammad Reza
        # Karimzadeh").
        # (or one is the other glued, particles and all: "jardimdeangicos" / "Jardim de
        # Angicos", where no word of one is a word of the other)
        if len(q.glued_text) >= 6 and (q.glued_text == a.glued_text or q.glued_all_text == a.glued_all_text
                                       or q.glued_text == a.glued_all_text or q.glued_all_text == a.glued_text):
            return 0.95, "glued"
        return 0.0, "none"
    # Particles come and go between spellings ("al-Sarraj" / "Sarraj"): one that has no
    # counterpart costs nothing, one that has adds a little evidence.
    q_names, a_names = q.name_idx, a.name_idx
    q_particles, a_particles = len(q_names) < nq, len(a_names) < na
    tot_q = sum(wq[i] for i, t in enumerate(qt) if not t.particle or i in used_q) if q_particles else sum(wq)
    tot_a = sum(wa[j] for j, t in enumerate(at) if not t.particle or j in used_a) if a_particles else sum(wa)
    if tot_q == 0 or tot_a == 0:
        return 0.0, "none"
    cov_q, cov_a = got_q / tot_q, got_a / tot_a
    tok_score = (cov_q + cov_a) / 2
    # Particles without a counterpart cost a little, so that an exact name still wins.
    loose_particles = (sum(1 for i, t in enumerate(qt) if t.particle and i not in used_q) if q_particles else 0) + (
        sum(1 for j, t in enumerate(at) if t.particle and j not in used_a) if a_particles else 0)
    tok_score = min(tok_score, 0.99) - 0.01 * loose_particles
    tok_how = _tier_label(hows)
    if len(q_names) >= 2 and len(a_names) >= 2 and q_names[0] in used_q:
        # A given name matched to a middle name ("Mustafa al-Sarraj" / "Fayez Mustafa
        # al-Sarraj", "Khalifa bin Hamad" / "Tamim bin Hamad bin Khalifa") is another person.
        if used_q[q_names[0]] not in (a_names[0], a_names[-1]):
            tok_score *= 0.9
    front_extra = False
    if surname_rule and len(q_names) >= 2 and len(a_names) > len(q_names) and all(i in used_q for i in q_names) \
            and a_names[0] not in used_a:
        # The longer name adds a given name in front ("Idriss Déby" / "Mahamat Idriss Déby"):
        # usually a son or a namesake, not a fuller form of the same name.
        tok_score, tok_how, front_extra = tok_score - 0.1, "given name in front", True
    elif surname_rule and q.latin and not (q.surname_first and a.surname_first) and len(a_names) >= 2 \
            and len(q_names) > len(a_names) and all(j in used_a for j in a_names) and q_names[0] not in used_q:
        # The same the other way round: a query in Latin letters adds a given name in front
        # ("Klaus Filippo Grandi" / "Filippo Grandi"). In another script the word in front is
        # as often a title that the title list, in Latin letters, does not know ("المشير خليفة
        # حفتر"); between two names written surname first, a given name more is as often a
        # first given name that is dropped ("VELASQUEZ CABALLERO, Daniel" / "VELAZQUEZ
        # CABALLERO, Juan Daniel").
        tok_score, tok_how, front_extra = tok_score - 0.1, "given name in front", True
    if front_extra:
        # A person's name with another given name in front: never a match alone, however long
        # the name ("Ali Abdullah bin Nasser Al Thani" is a son of Abdullah bin Nasser).
        tok_score = min(tok_score, FRONT_CAP)
    if not surname_rule:
        # Outside person names, a distinctive word on one side only is a different entity
        # ("Bank of China" / "Agricultural Bank of China"), not a dropped middle name.
        extra_q = [i for i in q_names if i not in used_q]
        extra_a = [j for j in a_names if j not in used_a]
        # (a generic word costs by its weight: "Muxu" / "Muxu Xiang", "Dodge Center" / "City
        # of Dodge Center" in a gazetteer of places)
        tok_score -= 0.1 * min(sum(wq[i] for i in extra_q) + sum(wa[j] for j in extra_a), 2)
        if org_like and weigh is None and len(extra_q) + len(extra_a) == 1:
            # Two names compared alone (no gazetteer to say which words are common): one word
            # more at the end of a name of two words or more, every other word matched in
            # order, is a descriptor ("Lush Style" / "Lush Style Boutique", "Jaber Ibn Hayan
            # Laboratory"), where a word more in front is a modifier of another entity ("Bank
            # of China" / "Agricultural Bank of China"). Against a gazetteer, the weight of the
            # extra word says it instead.
            if extra_a:
                short, long_, pairs_ = q_names, a_names, tuple(used_q[i] for i in q_names)
                cov_s, cov_l, last = cov_q, cov_a, extra_a[0]
            else:
                back = {j: i for i, j in used_q.items()}
                short, long_, pairs_ = a_names, q_names, tuple(back[j] for j in a_names)
                cov_s, cov_l, last = cov_a, cov_q, extra_q[0]
            if len(short) >= 2 and last == long_[-1] and pairs_ == long_[:-1] \
                    and (qt if extra_q else at)[last].number is None:
                partial = cov_s * (0.82 + 0.1 * cov_l)
                if partial > tok_score:
                    tok_score, tok_how = partial, "descriptor"
    if surname_rule and len(q_names) == 1 and len(a_names) > 1 and a_names[-1] in used_a:
        partial = cov_q * (0.80 + 0.15 * cov_a)
        if partial > tok_score:
            tok_score, tok_how = partial, "surname"
    if surname_rule and len(q_names) >= 2 and len(a_names) > len(q_names):
        # Parts dropped from a longer name ("Emmanuel Macron" / "Emmanuel Jean-Michel Frédéric
        # Macron", "Pedro Sánchez" / "Pedro Sánchez Pérez-Castejón"): every part of the shorter
        # name matched, in the same order, the given name to the given name.
        matched = [used_q[i] for i in q_names if i in used_q]
        if len(matched) == len(q_names) and matched[0] == a_names[0] and matched == sorted(matched):
            partial = cov_q * (0.87 + 0.1 * cov_a)
            if partial > tok_score:
                tok_score, tok_how = partial, "parts dropped"
    # The glued comparison is for glued and split spellings ("Abdelfattah" / "Abdel Fattah"),
    # which change the number of tokens and leave the glued strings nearly identical.
    whole, whole_how = 0.0, "none"
    if not front_extra and not (len(q_names) == len(a_names) and (
            q.glued_text != a.glued_text or [t.text for t in q.name_tokens] == [t.text for t in a.name_tokens])):
        # (with as many tokens on each side, only the same letters split elsewhere count:
        # "Mohammadreza Karim Zadeh" / "Mohammad Reza Karimzadeh"; and a given name in front
        # glued to the rest is still a given name in front: "Ali Al-Saddiq Haftar")
        whole, whole_how = _glued_whole(q, a)
        whole = 0.0 if whole < WHOLE_FLOOR or (org_like and _words_added(q, a)) or (
            family in (None, "person") and _ending_added(q.glued_text, a.glued_text)) else whole * 0.97
    if whole > tok_score:
        score, how = whole, ("glued " + whole_how) if whole_how != "exact" else "glued"
    else:
        score, how = tok_score, tok_how
    if surname_rule and any(qt[i].text in _PLACE_WORDS for i in q_names if i not in used_q):
        # A person's name plus "stadium", "airport", "street": a place named after the person.
        score *= 0.8
    if q.suffix != a.suffix:
        # Jr., Sr., regnal numbers: father and son, Mohammed V and Mohammed VI.
        score *= 0.8
    q_nums, a_nums = q.numbers, a.numbers
    if q_nums != a_nums:
        # A number that differs, or that one name has and the other has not, is another
        # entity: "Holdings II" / "Holdings III", vessel 7 and vessel 8, "Star" and "Star 2".
        score = min(score, 0.5 if q_nums and a_nums else 0.6)
    if (q.latin and len(q_names) == 1 and len(a_names) == 1
            and how.rsplit(" ", 1)[-1] in ("key", "loose", "skeleton")
            and _sim(q.norm, a.norm) <= WEAK_KEY_PLAIN):
        # One Latin word against another that differ at the surface and agree only through a
        # transliteration key ("Para" / "Bara", "Taita" / "Tita"), or against the romanised
        # form of another script ("macaron" / "ماكرون"): in a large gazetteer almost every short
        # word has such a neighbour, so this alone is weak evidence.
        score = min(score, WEAK_KEY_CAP)
    return score, how


def _glued_whole(q: NameForm, a: NameForm) -> tuple[float, str]:
    """The similarity of two names glued together, and how: without their particles, or,
    when either has some, with them kept too (a glued query keeps its particles:
    "fuentesdeonoro" / "Fuentes de Oñoro")."""
    whole, how = _glued_sim(q.glued_text, a.glued_text)
    if a.glued_all_text != a.glued_text or q.glued_all_text != q.glued_text:
        other, other_how = max(_glued_sim(q.glued_all_text, a.glued_all_text),
                               _glued_sim(q.glued_text, a.glued_all_text),
                               _glued_sim(q.glued_all_text, a.glued_text))
        if other > whole:
            whole, how = other, other_how
    return whole, how


def _cut_short(x: TokenForm, y: TokenForm) -> bool:
    """The last name parts of two organisations' names, one the other cut short ("Atlantic
    Shipping and Trans" / "... Transportation Limited", "Fars Qeshm Air" / "... Airlines"): the
    shorter, of three letters or more, begins the longer, which is three quarters as long again
    at least (a word with an ending added, "Libya" / "Libyans", "Tarnak" / "Tarnakers", is not a
    word cut short), and no closer similarity pairs them already."""
    s, t = (x.text, y.text) if len(x.text) <= len(y.text) else (y.text, x.text)
    return len(s) >= 3 and len(t) >= max(len(s) + 2, 1.75 * len(s)) and t.startswith(s) and s.isalpha() \
        and x.number is None and y.number is None and x.legal is None and y.legal is None \
        and _pair_sim(x, y, False, False)[0] < ABBREVIATED_SIM


def _weighed(form: NameForm, weigh: Weigher) -> list[float]:
    """Token weights of ``form`` against a gazetteer: a word's rarity there (see
    :func:`score_names`)."""
    return [LEGAL_WEIGHT if t.legal is not None else PARTICLE_WEIGHT if t.particle
            else weigh(t.text) if t.number is None else 1.0 for t in form.tokens]


def covered(q: NameForm, a: NameForm) -> bool:
    """Every name part of ``q`` has its own counterpart among ``a``'s (a token similarity of at
    least :data:`PAIR_FLOOR`), and both have two name parts or more."""
    qn, an = q.name_tokens, a.name_tokens
    if len(qn) < 2 or len(an) < 2 or len(qn) > len(an):
        return False
    names = (a.family or q.family) in (None, "person")
    cross = not (q.latin and a.latin)
    free = list(range(len(an)))
    for x in qn:
        best, pick = PAIR_FLOOR, -1
        for j in free:
            s, _ = token_sim(x, an[j], names=names, cross=cross)
            if s >= best:
                best, pick = s, j
        if pick < 0:
            return False
        free.remove(pick)
    return True


#: Similarity at which two surnames of a list's "SURNAME, Given" names are one surname.
KIN_SURNAME_SIM = 0.85
#: Similarity at which two given names are one name for :func:`same_surnames_and_given`: the
#: same name, a form of it the knowledge tables know (Mohammed / Muhammad), or a spelling with
#: the same transliteration key; not a merely similar name (Mario / Maria, Said / Saad).
KIN_GIVEN_SIM = EQUIVALENT_SIM


@lru_cache(maxsize=10_000)
def _list_parts(raw: str) -> tuple[tuple[TokenForm, ...], tuple[TokenForm, ...]] | None:
    """The surname parts and the given-name parts (titles dropped) of a person's name written
    surname first with one comma, as :func:`prepare` reads it; ``None`` for any other name."""
    if raw.count(",") != 1 or not is_latin(raw):
        return None
    head, _, tail = raw.partition(",")
    head_n, tail_n = normalize(head), normalize(tail)
    if not head_n or not tail_n or len(head_n.split()) > 3:
        return None
    surnames = make_name(head_n, family="person").name_tokens
    given = make_name(tail_n, family="person").name_tokens
    return (surnames, given) if surnames and given else None


def same_surnames_and_given(q_raw: str, a_raw: str) -> bool:
    """Two persons' names written surname first ("TREVINO MORALES, Oscar Omar" / "TREVINO
    MORALES, Omar Alejandro") have the same surnames, in order, and share one given name
    (not an initial) that is the first given name of one of them, whatever other given names
    either adds or drops.

    Brothers and sisters share the surnames and no given name ("TREVINO MORALES, Miguel Angel");
    this says nothing about whether a shared given name is a patronymic, so it is evidence for
    a resolver that also knows no other entity is near, not a match on its own.
    """
    q, a = _list_parts(q_raw), _list_parts(a_raw)
    if q is None or a is None:
        return False
    (qs, qg), (as_, ag) = q, a
    if len(qs) != len(as_):
        return False
    for x, y in zip(qs, as_):
        if _pair_sim(x, y, True, False)[0] < KIN_SURNAME_SIM:
            return False
    # The shared given name is the first given name of one side at least: two names whose
    # first given names both go unmatched share a middle name or a patronymic, as brothers do
    # ("DOGAYEV, Pedro Yuryevich" / "DOGAYEV, Andrey Yuryevich", "BELTRAN LEYVA, Carlos Alfredo"
    # / "BELTRAN LEYVA, Hector Alfredo").
    return any(len(x.text) > 1 and len(y.text) > 1 and (i == 0 or j == 0)
               and _pair_sim(x, y, True, False)[0] >= KIN_GIVEN_SIM
               for i, x in enumerate(qg) for j, y in enumerate(ag))


def _acronym_of(short: NameForm, long_: NameForm) -> bool:
    """``short`` is one token made of the initials of ``long_``'s name parts ("ICBC"); legal
    forms on either side are left out ("MMT SARL" / "Metal and Mineral Trade S.A.R.L."). (Which
    token could be an acronym is read off a form when it is made.)"""
    if not short.acronym or short.acronym not in initials(long_):
        return False
    # Two letters and a legal form against a name with none ("Ni Gie", where "gie" is the
    # French GIE, against the initials of "Niu Ioke") are too little to be an acronym.
    return len(short.acronym) > 2 or len(short.tokens) == 1 or any(t.legal is not None for t in long_.tokens)


# A legal form at the end of a name of this many letters or fewer is spelled whole in its acronym.
_SPELLED_LEGAL_LETTERS = 4


def initials(form: NameForm) -> tuple[str, ...]:
    """The initials of a name's parts, and of all its words but particles, legal forms left out
    or in; nothing for a name of fewer than two parts."""
    toks = [t for t in form.tokens if t.legal is None]
    if len(toks) < 2:
        return ()
    names = [t.text for t in toks if not t.particle]
    if len(names) < 2:
        return ()
    everything = [t.text for t in toks if t.text not in PARTICLES]
    # ...and with a legal form's own initial where the acronym spells it ("NIOC", National
    # Iranian Oil Company): the class of a one-word form begins with the word's letter
    # (company -> co, corporation -> corp)
    with_legal = [t.text for t in form.tokens if t.legal is not None or not t.particle]
    # ...and of every word as written, particles and each letter of a spelled legal form too
    # ("PDVSA", Petroleos de Venezuela S.A.: the letters of a short legal form at the end,
    # written together or apart)
    words = form.norm.split()
    spelled = "".join(w[0] for w in words)
    out: tuple[str, ...] = ("".join(w[0] for w in names), "".join(w[0] for w in everything),
           "".join(w[0] for w in with_legal), spelled)
    if form.tokens[-1].legal is not None and len(words[-1]) <= _SPELLED_LEGAL_LETTERS and len(words) > 2:
        out += (spelled[:-1] + words[-1],)
    return out


def acronym_keys(norm: str) -> set[str]:
    """The acronyms a name of several words may be written as, from its normal form alone and
    cheaply enough for every alias of a large list: the initials of its words, of its words
    but particles, each with and without the legal forms at its ends, and with a short legal
    form at the end spelled whole ("pdvsa"). The index looks acronyms up by these; the scorer
    decides by :func:`initials`."""
    words = norm.split()
    n = len(words)
    if n < 2:
        return set()
    spans = _legal_spans(tuple(words))
    lo = spans[0][1] if spans and spans[0][0] == 0 else 0
    hi = spans[-1][0] if spans and spans[-1][1] == n and spans[-1][0] > 0 else n
    keys = set()
    for start, end in ((0, n), (lo, hi)):
        if end - start < 2:
            continue
        keys.add("".join(w[0] for w in words[start:end]))
        # particles left out: every one, or all but one that ends the name
        for names in ([w for w in words[start:end] if w not in PARTICLES],
                      [w for i, w in enumerate(words[start:end], start) if w not in PARTICLES or i == n - 1]):
            if len(names) >= 2:
                keys.add("".join(w[0] for w in names))
    if hi < n and len(words[-1]) <= _SPELLED_LEGAL_LETTERS and n > 2:
        keys.add("".join(w[0] for w in words[:-1]) + words[-1])
    return keys


def _tier_label(hows: set[str]) -> str:
    for label in ("loose", "skeleton", "key", "fuzzy", "initial", "abbreviated"):
        if label in hows:
            return label
    # Every name part equal, but order, particles or titles differ.
    return "tokens" if hows else "none"
