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

__all__ = ["deletions", "loose_key", "skeleton", "translit_key"]

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
