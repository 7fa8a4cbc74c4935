"""The transliteration backend: any script to ASCII, behind one function.

unidecode does the bulk of the work; Japanese kana go through jaconv first (Hepburn-style romaji,
where unidecode reads small kana as full ones and splits words at the long-vowel mark). It is licensed GPL-2.0-or-later; keeping it behind
:func:`to_ascii` means a user who cannot ship GPL code has one function to replace.

A few letters are mapped before unidecode because its defaults lose information that matters
for names: it drops Arabic alef (``فايز`` -> ``fyz``), writes ta marbuta as ``@`` and alef maqsura
as ``~``, and glues the definite article to the word (``السراج`` -> ``lsrj``). Arabic vowel
marks are dropped, so that a vocalised name has the form of the same name written without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jaconv import kana2alphabet, kata2hira
from unidecode import unidecode

__all__ = ["Table", "to_ascii"]

_TABLE_MAX = 65536


class Table(dict[int, str]):
    """A ``str.translate`` table that answers for every character: the ones it was given,
    and for any other ``default(character)``, remembered (at most :data:`_TABLE_MAX` of them).

    ``str.translate`` is slow on characters that a plain table lacks (each one is a failed
    lookup), and most characters of a name are not in a table of a few special letters."""

    def __init__(self, mapping: dict[int, str] | None = None, default: Callable[[str], str] = str) -> None:
        super().__init__(mapping or {})
        self._default = default

    def __missing__(self, codepoint: int) -> str:
        text = self._default(chr(codepoint))
        if len(self) < _TABLE_MAX:
            self[codepoint] = text
        return text


# Arabic letters whose unidecode form is unhelpful for matching names written in Latin script.
_ARABIC_PREMAP = Table(str.maketrans(
    {
        "\u0627": "a",  # alef
        "\u0623": "a",  # alef with hamza above
        "\u0625": "i",  # alef with hamza below
        "\u0622": "a",  # alef with madda
        "\u0671": "a",  # alef wasla
        "\u0629": "a",  # ta marbuta (Khalifa, Misrata)
        "\u0649": "a",  # alef maqsura (Mustafa, Musa)
        "\u0626": "y",  # yeh with hamza
        "\u0624": "w",  # waw with hamza
        "\u0621": "",  # hamza
        "\u0639": "",  # ain: romanised as an apostrophe, which the normaliser drops anyway
        "\u0640": "",  # tatweel (kashida), a purely typographic stretch
    }
))
# Ain at the start of a word is romanised with a vowel (Abd, Ali, Omar); inside it is an
# apostrophe.
_ARABIC_INITIAL_AIN = re.compile(r"(?<![\u0600-\u06ff])\u0639")
# The definite article at the start of an Arabic word: "السراج" -> "al-سراج".
_ARABIC_ARTICLE = re.compile(r"(?<![\u0600-\u06ff])\u0627\u0644(?=[\u0600-\u06ff]{2})")
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff]")
# The short vowels, nunation, shadda (doubling) and sukun, and the superscript alef: Arabic is
# written with or without them (a dictionary, a school book or an official text may vocalise
# "جمهوريّة", the press writes "جمهورية"), so they go before anything else and a name has one
# form either way. unidecode would spell them as letters, shadda as "W".
_ARABIC_VOWEL_MARKS = Table(dict.fromkeys([*range(0x064B, 0x0660), 0x0670], ""))


# Japanese kana (hiragana, katakana and the long-vowel mark), romanised by jaconv in Hepburn
# style: unidecode reads the small kana as full ones ("チュニス" -> "chiyunisu", "ジャ" ->
# "ziya"), spells the doubling "ッ" as "tsu" and the long-vowel mark "ー" as a hyphen, which
# splits the word.
_KANA = re.compile(r"[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc\u30fd\u30fe]+")


def _kana(match: re.Match[str]) -> str:
    # (a space before the ideographs that follow, which unidecode spells as words of their own)
    after = match.string[match.end() : match.end() + 1]
    space = " " if after and "\u4e00" <= after <= "\u9fff" else ""
    return kana2alphabet(kata2hira(match.group())).replace("-", "") + space


# unidecode romanises character by character, without context, so ``str.translate`` over this
# table gives its result without its loop in Python.
_ROMANISED = Table(default=unidecode)


def to_ascii(text: str) -> str:
    """Transliterate ``text`` to ASCII.

    Args:
        text: any string; lone surrogates must already have been removed.

    Returns:
        An ASCII string (case is preserved where the script has case).
    """
    if text.isascii():
        return text
    if _ARABIC_BLOCK.search(text):
        text = text.translate(_ARABIC_VOWEL_MARKS)
        text = _ARABIC_ARTICLE.sub("al-", text)
        text = _ARABIC_INITIAL_AIN.sub("a", text).translate(_ARABIC_PREMAP)
    if _KANA.search(text):
        text = _KANA.sub(_kana, text)
    return text.translate(_ROMANISED)
