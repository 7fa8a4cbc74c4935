"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

from hypothesis import strategies as st

#: Any text at all: every category, lone surrogates included.
any_text = st.text(st.characters(codec=None), max_size=60)

#: Text that looks like names: letters of the scripts met in news, spaces, hyphens,
#: apostrophes, dots and combining marks.
_name_chars = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ  -'.’")
    + list("çğıİöşüÇĞÖŞÜéèêëàâäôûîïÉ")
    + list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىأإآء")
    + list("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЭЮЯ")
    + list("αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")
    + ["\u0301", "\u0307", "\u200f", "\u200d", "\x00"]
)
name_like = st.text(_name_chars, max_size=40)

#: Either of the above.
texts = st.one_of(any_text, name_like)
