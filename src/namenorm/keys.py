"""Matching keys: what is left of a name when romanisation differences are folded away.

Two tiers, both computed from :func:`namenorm.normalize` output, one token at a time:

``translit_key`` (tier 1) merges what romanisation systems disagree on: q/k/g/gh/c as one
letter, kh/h, dh/d/z, th/t, sh/ch/sch/j/dj/zh, w/v, ph/f, p/b (Arabic script has no p), doubled
letters, and every vowel run as one vowel. "Haftar", "Hifter", "Hafter" and "Heftar" share the key ``haftar``.

``loose_key`` (tier 2) also merges what machine translation through Chinese does to names: r
becomes l, vowels are inserted or dropped (all vowels go), h disappears, the Turkish soft g
between vowels is silent. "Tebboune" and "teben" share ``tbn``; "Çavuşoğlu" and "chawushiolu"
share ``swsl``. A loose key is weak evidence and is only used together with other scores.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = ["deletions", "loose_key", "loose_keys", "skeleton", "skeletons", "translit_key", "translit_keys"]

# Each tier is a handful of passes: one alternation that rewrites letters and digraphs (longest
# first, so "sch" is not read as "s" + "ch"), then the vowel and doubled-letter rules.
_T1_MAP = {
    **dict.fromkeys(("dsch", "tsch", "sch", "tch", "sh", "ch", "zh", "dj", "dg", "j", "ş"), "s"),
    "kh": "h", "x": "ks", **dict.fromkeys(("gh", "ck", "q", "g"), "k"), "ce": "se", "ci": "si",
    "cy": "sy", "c": "k", "dh": "d", "z": "d", "th": "t", "ph": "f", "p": "b", "v": "w",
}
_T2_MAP = {
    **dict.fromkeys(("dsch", "tsch", "sch", "tch", "sh", "ch", "zh", "dj", "ts", "j", "z", "c"), "s"),
    "kh": "h", **dict.fromkeys(("gh", "ck", "q", "g"), "k"), "dh": "d", "th": "t", "ph": "f",
    "x": "ks", "p": "b", "v": "w", "r": "l",
}


def _first(m: re.Match[str]) -> str:
    return m.group(1)


def _t1_letter(m: re.Match[str]) -> str:
    return _T1_MAP[m.group()]


def _t2_letter(m: re.Match[str]) -> str:
    return _T2_MAP[m.group()]


def _alternation(mapping: dict[str, str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))


_T1_LETTERS = _alternation(_T1_MAP)
_T2_LETTERS = _alternation(_T2_MAP)
_SOFT_G = re.compile(r"(?<=[aeiou])g(?=[aeiou]|lu)")  # Turkish soft g: "oglu" -> "olu"
_SEMIVOWEL = re.compile(r"(?<![aeiou])[wy](?![aeiou])")  # w, y between consonants are vowels
_VOWELS = re.compile(r"[aeiouy]+")
_INNER_VOWELS_H = re.compile(r"(?<=.)[aeiouyh]+")
_NO_VOWELS_H = str.maketrans("", "", "aeiouyh")
_DOUBLED = re.compile(r"([a-z])\1+")


def translit_key(token: str) -> str:
    """Tier-1 key of one normalised token (or of a space-free string).

    >>> [translit_key(t) for t in ("haftar", "hifter", "heftar", "qadhafi", "gaddafi")]
    ['haftar', 'haftar', 'haftar', 'kadafa', 'kadafa']
    """
    token = _T1_LETTERS.sub(_t1_letter, token)
    if "w" in token or "y" in token:
        token = _SEMIVOWEL.sub("a", token)
    token = _VOWELS.sub("a", token)
    return _DOUBLED.sub(_first, token) if _DOUBLED.search(token) else token


def skeleton(key: str) -> str:
    """The consonants of a tier-1 key (its first letter kept even if a vowel): the form in which
    a vowel-less Arabic-script spelling meets its Latin romanisation.

    >>> skeleton(translit_key("khalifa")), skeleton(translit_key("khlyfa"))
    ('hlf', 'hlf')
    """
    return key[:1] + key[1:].replace("a", "")


def loose_key(token: str) -> str:
    """Tier-2 (machine-translation) key of one normalised token.

    >>> [loose_key(t) for t in ("cavusoglu", "chawushiolu", "tebboune", "teben", "sarraj", "salaj")]
    ['swsl', 'swsl', 'tbn', 'tbn', 'sls', 'sls']
    """
    if "g" in token:
        token = _SOFT_G.sub("", token)
    if "w" in token or "y" in token:
        token = _SEMIVOWEL.sub("", token)
    token = _T2_LETTERS.sub(_t2_letter, token)
    if "\n" in token:
        token = _INNER_VOWELS_H.sub("", token)
    else:
        # (within one line, every vowel and h after the first letter goes)
        token = token[:1] + token[1:].translate(_NO_VOWELS_H)
    return _DOUBLED.sub(_first, token) if _DOUBLED.search(token) else token


def deletions(word: str) -> list[str]:
    """Every string one deletion away from ``word`` (its SymSpell neighbourhood)."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


# -- many tokens at once (building an index) -------------------------------------------------------
# The same keys for hundreds of thousands of tokens, in passes of ``str.replace`` and
# ``str.translate`` over all of them joined by newlines instead of regex scans.
#
# The letter rewrites: the alternation rewrites, left to right, the longest key at each position.
# The same result comes from replacing the keys of several letters one key at a time, each by a
# mark that no later key matches, then every mark and single letter at once, provided that a key
# whose occurrence the alternation would leave alone (because an earlier or longer match takes
# its letters) comes after the key that takes them. In these maps only these take another key's
# letters: "dsch" and "tsch" take "sch" and "ch", "sch" and "tch" take "ch", "ck" takes the k of
# "kh" ("ckh"), "dg" the g of "gh" ("dgh"), "ts" the s of "sh" ("tsh"); every other key of
# several letters starts with a letter that no key holds further in, and no key starts with the
# last letter of another (h, j, e, i, y). So the orders below (longest first, and each taker
# before what it takes) give what the alternation gives. Marks are ASCII control characters
# (``str.translate`` is fast on ASCII text only), used when the text holds none of them.
_T1_ORDER = ("dsch", "tsch", "sch", "tch", "ck", "dg", "sh", "ch", "zh", "dj", "kh", "gh", "ce", "ci", "cy",
             "dh", "th", "ph")
_T2_ORDER = ("dsch", "tsch", "sch", "tch", "ck", "ts", "sh", "ch", "zh", "dj", "kh", "gh", "dh", "th", "ph")
_MARKS = tuple(chr(c) for c in range(1, 32) if c != 10)


def _steps(mapping: dict[str, str], order: tuple[str, ...]
           ) -> tuple[tuple[tuple[str, str], ...], dict[int, str], tuple[tuple[str, str], ...]]:
    """(key, mark) for each key of several letters, in ``order``; the table that turns marks and
    single letters into what they stand for, where that is one letter; (mark or letter, what it
    stands for) for the others (replaced after the table, as no output holds them)."""
    assert set(order) == {k for k in mapping if len(k) > 1}
    marks = dict(zip(order, _MARKS))
    table = {ord(k): v for k, v in mapping.items() if len(k) == 1 and len(v) == 1}
    table.update({ord(m): mapping[k] for k, m in marks.items() if len(mapping[k]) == 1})
    longer = [(k, v) for k, v in mapping.items() if len(k) == 1 and len(v) > 1]
    longer += [(m, mapping[k]) for k, m in marks.items() if len(mapping[k]) > 1]
    outputs = "".join(mapping.values())
    assert not any(k in outputs for k, _ in longer)
    return tuple(marks.items()), table, tuple(longer)


_T1_STEPS = _steps(_T1_MAP, _T1_ORDER)
_T2_STEPS = _steps(_T2_MAP, _T2_ORDER)
_TO_A = str.maketrans("eiouy", "aaaaa")


def _letters(text: str, steps: tuple[tuple[tuple[str, str], ...], dict[int, str], tuple[tuple[str, str], ...]]) -> str:
    """The rewrite of one alternation of :data:`_T1_MAP` or :data:`_T2_MAP` (see above)."""
    keys, table, longer = steps
    for key, mark in keys:
        text = text.replace(key, mark)
    text = text.translate(table)
    for mark, value in longer:
        text = text.replace(mark, value)
    return text


def _class(letters: str) -> np.ndarray:
    out = np.zeros(256, dtype=bool)
    out[list(letters.encode("ascii"))] = True
    return out


_VOWEL = _class("aeiou")
_LETTER = _class("abcdefghijklmnopqrstuvwxyz")
_W, _Y, _G, _L, _U, _A = (ord(c) for c in "wyglua")


def _before(c: np.ndarray, cls: np.ndarray) -> np.ndarray:
    """Where the character before is in ``cls``."""
    out = np.zeros(len(c), dtype=bool)
    out[1:] = cls[c[:-1]]
    return out


def _after(c: np.ndarray, cls: np.ndarray) -> np.ndarray:
    """Where the character after is in ``cls``."""
    out = np.zeros(len(c), dtype=bool)
    out[:-1] = cls[c[1:]]
    return out


def _semivowels(c: np.ndarray) -> np.ndarray:
    """Where :data:`_SEMIVOWEL` matches: w or y with no vowel (aeiou) on either side."""
    return ((c == _W) | (c == _Y)) & ~_before(c, _VOWEL) & ~_after(c, _VOWEL)


def _soft_g(c: np.ndarray) -> np.ndarray:
    """Where :data:`_SOFT_G` matches: g after a vowel and before a vowel or "lu"."""
    lu = np.zeros(len(c), dtype=bool)
    lu[:-2] = (c[1:-1] == _L) & (c[2:] == _U)
    return (c == _G) & _before(c, _VOWEL) & (_after(c, _VOWEL) | lu)


def _undoubled(c: np.ndarray) -> np.ndarray:
    """``_DOUBLED.sub(_first, ...)``: every run of one letter (a-z) as one letter."""
    repeat = np.zeros(len(c), dtype=bool)
    repeat[1:] = c[1:] == c[:-1]
    return c[~(repeat & _LETTER[c])]


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8)


def _text(c: np.ndarray) -> str:
    return c.tobytes().decode("ascii")


def _drop_after_first(lines: str, letters: str) -> str:
    """Each line of ``lines`` without the ``letters`` that follow its first character."""
    text = "\n" + lines
    keep = {}
    for c, mark in zip(letters, _MARKS):
        if "\n" + c in text:
            text = text.replace("\n" + c, "\n" + mark)
        keep[ord(mark)] = c
    return text.translate({**dict.fromkeys(map(ord, letters)), **keep})[1:]


def _lines(tokens: Sequence[str]) -> str | None:
    """The tokens joined by newlines, or None unless they are ASCII without control characters
    (the marks of the passes above)."""
    text = "\n".join(tokens)
    if not text.isascii() or any(m in text for m in _MARKS):
        return None
    return text


def translit_keys(tokens: Sequence[str]) -> list[str]:
    """``[translit_key(t) for t in tokens]`` (tokens without newlines), in a few passes over all
    of them."""
    text = _lines(tokens)
    if text is None:
        return [translit_key(t) for t in tokens]
    c = _codes(_letters(text, _T1_STEPS)).copy()
    c[_semivowels(c)] = _A
    # every vowel run as one vowel: all vowels as "a", then the runs of "a" go with the doubles
    c = _codes(_text(c).translate(_TO_A))
    out = _text(_undoubled(c)).split("\n")
    return out if len(out) == len(tokens) else [translit_key(t) for t in tokens]


def loose_keys(tokens: Sequence[str]) -> list[str]:
    """``[loose_key(t) for t in tokens]`` (tokens without newlines), in a few passes over all of
    them."""
    text = _lines(tokens)
    if text is None:
        return [loose_key(t) for t in tokens]
    c = _codes(text)
    c = c[~_soft_g(c)]
    c = c[~_semivowels(c)]
    text = _drop_after_first(_letters(_text(c), _T2_STEPS), "aeiouyh")
    out = _text(_undoubled(_codes(text))).split("\n")
    return out if len(out) == len(tokens) else [loose_key(t) for t in tokens]


def skeletons(keys: Sequence[str]) -> list[str]:
    """``[skeleton(k) for k in keys]`` (keys without newlines), in a few passes."""
    text = _lines(keys)
    if text is None:
        return [skeleton(k) for k in keys]
    out = _drop_after_first(text, "a").split("\n")
    return out if len(out) == len(keys) else [skeleton(k) for k in keys]
