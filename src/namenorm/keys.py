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

__all__ = ["glue", "loose_key", "skeleton", "translit_key"]

# Order matters: longer digraphs first.
_T1_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"dsch|tsch|sch|sh|ch|zh|dj|dg|tch|j|ş", "s"),
        (r"kh", "h"),
        (r"x", "ks"),
        (r"gh|ck|q|g|c(?![eiy])", "k"),
        (r"c", "s"),
        (r"dh|z", "d"),
        (r"p", "b"),  # Arabic has no p: "Putin" is written with b
        (r"th", "t"),
        (r"ph", "f"),
        (r"v", "w"),
        (r"(?<![aeiou])[wy](?![aeiou])", "a"),  # w, y between consonants are vowels (Arabic skeletons)
        (r"[aeiouy]+", "a"),
        (r"([a-z])\1+", r"\1"),
    )
)
_T2_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"(?<=[aeiou])g(?=[aeiou]|lu)", ""),  # Turkish soft g: "oglu" -> "olu", "dogan" -> "doan"
        (r"(?<![aeiou])[wy](?![aeiou])", ""),  # w, y between consonants are vowels (Arabic skeletons)
        (r"x", "ks"),
        (r"ck|gh|q|g", "k"),
        (r"p", "b"),
        (r"dsch|tsch|sch|sh|ch|zh|dj|tch|ts|j|z|c", "s"),  # hard c is tier 1's business
        (r"kh", "h"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"ph", "f"),
        (r"v", "w"),
        (r"r", "l"),
        (r"(?<=.)[aeiouyh]+", ""),
        (r"([a-z])\1+", r"\1"),
    )
)


def translit_key(token: str) -> str:
    """Tier-1 key of one normalised token (or of a space-free string).

    >>> [translit_key(t) for t in ("haftar", "hifter", "heftar", "qadhafi", "gaddafi")]
    ['haftar', 'haftar', 'haftar', 'kadafa', 'kadafa']
    """
    for pat, rep in _T1_RULES:
        token = pat.sub(rep, token)
    return token


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
    for pat, rep in _T2_RULES:
        token = pat.sub(rep, token)
    return token


def glue(tokens: tuple[str, ...] | list[str]) -> str:
    """Tokens joined without spaces: the form in which glued and split spellings meet."""
    return "".join(tokens)
