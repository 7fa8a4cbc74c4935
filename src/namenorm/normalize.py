"""The one normaliser through which gazetteer data and queries both pass.

Whatever the resolver derives from a gazetteer (exact keys, transliteration keys, token indexes)
is derived from :func:`normalize` output, and every query goes through the same function: a
mismatch between the two is the most common source of silent misses in name matching.
"""

from __future__ import annotations

import re
import unicodedata

from namenorm._translit import Table, to_ascii

__all__ = ["normalize"]

_SURROGATES = re.compile("[\ud800-\udfff]")
# Turkish dotted capital I and dotless small i: both are plain "i" in a Latin-script key. Done
# before case folding, which would turn "İ" into "i" plus a combining dot.
_TURKISH_I = Table(str.maketrans({"\u0130": "i", "\u0131": "i"}))
# Apostrophe-like marks. The non-ASCII ones become a plain apostrophe before anything else (NFKC
# would turn the acute accent ´ into a space plus a combining mark); all of them vanish at the end,
# after the possessive "'s" has been removed.
_APOSTROPHES = "'`"
_APOSTROPHE_LIKE = Table(str.maketrans(dict.fromkeys(
    "\u2019\u2018\u201b\u02bc\u02bb\u02bd\u02be\u02bf\u00b4\u2032\u02b9\ua78c\uff07\uff40", "'")))
# The English possessive, and the Turkish case suffixes that the press sets off from a name
# with an apostrophe ("Hafter'in", "Libya'da", "Erdoğan'ın", "Ankara'dan").
_POSSESSIVE = re.compile(
    r"(?<=[a-z0-9]{2})\.?'(?:s|in|un|nin|nun|a|e|ya|ye|da|de|ta|te|dan|den|tan|ten|la|le|yla|yle"
    r"|yi|yu|nda|nde|ndan|nden)(?![a-z0-9])|(?<=[0-9])'s(?![a-z0-9])"  # and a number's ("5+5's")
)
# Dotted acronyms: U.S. -> us, U.A.E. -> uae. Two or more single letters, each followed by a dot
# (the final dot optional); "V. Putin" is an initial, not an acronym, and is left alone.
# After two letters, or after a letter and up to three marks that are not word characters to
# the regex (Myanmar "ယူကရိန်း" ends in a vowel killer and a visarga, Tibetan "གོ" in a vowel
# sign): the marks are kept (group 1), only the possessive goes. One letter and an apostrophe
# are a romanisation ("rʼs", "bʼs" for an ayin or alef), not a possessive.
_UNICODE_POSSESSIVE = re.compile(
    r"(?:(?<=[^\W\d_][^\W\d_])|(?<=\d))'[sS](?![^\W_])|(?<=[^\W\d_])([^\w\s]{1,3})'[sS](?![^\W_])")
_DOTTED_ACRONYM = re.compile(r"(?<![a-z0-9])(?:[a-z]\.)+[a-z](?![a-z0-9])\.?")
_AMPERSAND = re.compile(r"\s*&\s*")
# Everything that is not a lower-case ASCII letter or digit becomes a space, apostrophes vanish.
_ASCII_FOLD = Table(str.maketrans(
    {
        **{chr(c): " " for c in range(128) if not chr(c).isalnum()},
        **{c: "" for c in _APOSTROPHES},
    }
))

# The same fold for ASCII text with no apostrophe, as a byte table that also lower-cases.
_ASCII_BYTES = bytes(
    c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() and c < 128 else 32 for c in range(256))


def _collapse_acronym(match: re.Match[str]) -> str:
    return match.group(0).replace(".", "")


def _latin_char(c: str) -> str:
    """The non-ASCII part of the pipeline applied to one Latin-range character."""
    c = c.translate(_APOSTROPHE_LIKE)
    c = unicodedata.normalize("NFKC", c)
    if "\u0301" in c:
        c = c.replace(" \u0301", "'")
    return to_ascii(c.translate(_TURKISH_I).casefold())


# Below U+0250 (Latin-1, Latin Extended-A and -B) every step of the non-ASCII pipeline works
# character by character (no combining marks to compose, no context in case folding), so a
# translation table built from that same pipeline gives the same result, several times faster.
_LATIN_LIMIT = "\u0250"
_LATIN_TABLE = {**{cp: chr(cp) for cp in range(0x80)}, **{cp: _latin_char(chr(cp)) for cp in range(0x80, 0x250)}}


def normalize(text: str) -> str:
    """Return the canonical matching form of ``text``.

    The result is lower-case ASCII letters and digits separated by single spaces, or ``""`` when
    ``text`` has no letter or digit that can be transliterated. The function is pure, total (it
    accepts any ``str``, including lone surrogates, NUL and control characters, and never raises)
    and idempotent: ``normalize(normalize(s)) == normalize(s)``. It does not depend on case or on
    the Unicode normal form of its input.

    Steps: Unicode compatibility normalisation (NFKC); Turkish ``İ``/``ı`` to ``i``; case folding;
    transliteration to ASCII (:func:`namenorm._translit.to_ascii`); removal of the possessive
    ``'s`` (and of Turkish case suffixes after an apostrophe: ``Libya'da``) and of apostrophes; collapse of dotted acronyms (``U.S.`` -> ``us``); ``&`` to ``and``;
    every other punctuation mark, symbol and space to a single space.

    >>> normalize("Mevlüt Çavuşoğlu")
    'mevlut cavusoglu'
    >>> normalize("İbrahim Kalın")
    'ibrahim kalin'
    >>> normalize("Haftar’s forces in the U.S.")
    'haftar forces in the us'
    >>> normalize("خليفة حفتر")
    'khlyfa hftr'
    """
    if text.isascii():
        pass
    elif max(text) < _LATIN_LIMIT:
        text = text.translate(_LATIN_TABLE)
    else:
        try:
            text.encode()
        except UnicodeEncodeError:  # lone surrogates
            text = _SURROGATES.sub(" ", text)
        text = text.translate(_APOSTROPHE_LIKE)
        text = unicodedata.normalize("NFKC", text)
        if "\u0301" in text:  # NFKC spells the acute accent ´ as space + combining acute
            text = text.replace(" \u0301", "'")
        # The possessive of a word in another script goes before transliteration, which may
        # end the word with a space ("台湾's" -> "Tai Wan 's").
        if "'" in text:
            text = _UNICODE_POSSESSIVE.sub(r"\1", text)
        text = text.translate(_TURKISH_I).casefold()
        text = to_ascii(text)
    if "." not in text and "'" not in text and "&" not in text:
        # The common case, in bytes (``text`` is ASCII by now): no acronym, possessive or
        # ampersand to look at, only the fold, which the byte table does with the lower-casing.
        return b" ".join(text.encode().translate(_ASCII_BYTES, b"`").split()).decode()
    text = text.lower()
    if "." in text:  # before the possessive: "U.A.E.'s" -> "uae's" -> "uae"
        text = _DOTTED_ACRONYM.sub(_collapse_acronym, text)
    if "'" in text:
        text = _POSSESSIVE.sub("", text)
    if "&" in text:
        text = _AMPERSAND.sub(" and ", text)
    return " ".join(text.translate(_ASCII_FOLD).split())
