"""Properties of the normaliser: total, idempotent, ASCII, stable under case and normal form."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from namenorm import normalize, split_name
from tests.strategies import any_text, texts

_SHAPE = re.compile(r"^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$")


@given(texts)
def test_total_and_well_formed(text: str) -> None:
    out = normalize(text)
    assert isinstance(out, str)
    assert _SHAPE.match(out), out


@given(texts)
def test_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(texts)
def test_stable_under_unicode_normal_forms(text: str) -> None:
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    expected = normalize(text)
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert normalize(unicodedata.normalize(form, text)) == expected, form


@given(texts)
def test_stable_under_case(text: str) -> None:
    expected = normalize(text)
    assert normalize(text.upper()) == expected
    assert normalize(text.lower()) == expected
    assert normalize(text.title()) == expected


@given(any_text)
def test_split_name_is_total_and_agrees_with_normalize(text: str) -> None:
    parts = split_name(text)
    # Splitting at case changes only adds boundaries; it never changes the letters.
    assert "".join(p.text for p in parts) == normalize(text).replace(" ", "")
    for p in parts:
        assert p.kind in ("title", "particle", "name")
        assert _SHAPE.match(p.text) and p.text


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x24F), max_size=30))
def test_latin_fast_path_agrees_with_the_full_pipeline(text: str) -> None:
    """The translation-table fast path for Latin text against the full Unicode pipeline."""
    import sys

    module = sys.modules["namenorm.normalize"]
    fast = normalize(text)
    saved = module._LATIN_LIMIT
    module._LATIN_LIMIT = "\x00"  # forces the general path
    try:
        slow = normalize(text)
    finally:
        module._LATIN_LIMIT = saved
    assert fast == slow


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\u0600\u06ff"), max_size=30))
def test_romanisation_table_is_unidecode(text: str) -> None:
    # The transliteration runs unidecode character by character through a translation table;
    # outside the Arabic and kana pre-maps its output is unidecode's own.
    from unidecode import unidecode

    from namenorm._translit import _KANA, to_ascii

    if _KANA.search(text) or re.search("[\u0600-\u06ff]", text):
        return
    assert to_ascii(text) == unidecode(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x24F), max_size=30))
def test_ascii_fast_path_agrees_with_the_full_fold(text: str) -> None:
    # Text without ".", "'" or "&" takes a byte-table path; adding a "&" at the end forces the
    # full path, which must give the same words and then "and".
    assert normalize(text + " &") == " ".join([normalize(text), "and"]).strip()


_ARABIC_LETTERS = st.sampled_from([chr(c) for c in range(0x0621, 0x064B) if unicodedata.category(chr(c)) == "Lo"])
_ARABIC_MARKS = st.sampled_from([chr(c) for c in (*range(0x064B, 0x0653), 0x0670)])


@given(st.lists(st.tuples(_ARABIC_LETTERS, st.lists(_ARABIC_MARKS, max_size=2)), min_size=1, max_size=12),
       st.booleans())
def test_arabic_vowel_marks_do_not_change_the_form(letters: list[tuple[str, list[str]]], spaced: bool) -> None:
    # The same Arabic word written with its short vowels, shadda and sukun, and without them.
    bare = "".join(letter for letter, _ in letters)
    vocalised = "".join(letter + "".join(marks) for letter, marks in letters)
    if spaced:
        bare, vocalised = f"{bare} {bare}", f"{vocalised} {bare}"
    assert normalize(vocalised) == normalize(bare)
