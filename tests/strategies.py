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


_SYLLABLES = ["ha", "fa", "tar", "kha", "li", "sar", "raj", "mus", "ta", "fa", "bek", "ov", "ich",
              "ser", "gei", "can", "dan", "ol", "mir", "ah", "med", "zu", "bei", "di", "yas", "sin",
              "ko", "lu", "an", "er", "dog", "tay", "yip", "ben", "ga", "zi", "nur", "el", "al", "ya"]


@st.composite
def person_names(draw: st.DrawFn) -> str:
    """Plausible multinational names: two or three parts of two or three syllables."""
    parts = draw(st.lists(st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3),
                          min_size=2, max_size=3))
    return " ".join("".join(p).capitalize() for p in parts)


@st.composite
def perturbed(draw: st.DrawFn, name: str) -> str:
    """A name with one small, realistic change: one edit, case, a dropped space, a swap."""
    kind = draw(st.sampled_from(["edit", "case", "glue", "swap", "possessive", "accent"]))
    if kind == "case":
        return name.upper()
    if kind == "glue" and " " in name:
        i = name.index(" ")
        return name[:i] + name[i + 1 :]
    if kind == "swap" and " " in name:
        parts = name.split(" ")
        return " ".join(parts[1:] + parts[:1])
    if kind == "possessive":
        return name + "'s"
    if kind == "accent":
        return name.replace("a", "á", 1)
    i = draw(st.integers(0, max(0, len(name) - 1)))
    return name[:i] + draw(st.sampled_from("aeiouklmnrst")) + name[i + 1 :]


gazetteer_records = st.lists(
    st.fixed_dictionaries(
        {"id": st.from_regex(r"[a-z]{1,8}(-[a-z0-9]{1,4})?", fullmatch=True),
         "type": st.sampled_from(["person", "place", "org", "country", "planet"]),
         "name": st.one_of(person_names(), st.text(max_size=8))},
        optional={"aliases": st.lists(st.one_of(person_names(), st.text(max_size=6)), max_size=3),
                  "weak_aliases": st.one_of(st.lists(st.text(max_size=6), max_size=2), st.integers()),
                  "country": st.sampled_from(["libya", "x"]),
                  "wikidata": st.sampled_from(["Q1", "Q0", "12"])},
    ),
    max_size=6,
)
