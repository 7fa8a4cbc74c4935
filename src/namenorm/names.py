"""Name parts: which tokens of a name are titles, particles or the name itself.

Matching needs to know that "General" and "Field Marshal" are titles, that "al", "el", "bin" and
"abu" are particles that come and go between spellings, and that "Abdel Fattah", "Abd al-Fattah"
and "Abdelfattah" are one name part. The display form keeps all of them; only matching ignores
or down-weights them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from namenorm.normalize import normalize

__all__ = ["NamePart", "PARTICLES", "TITLES", "is_caps", "match_texts", "match_tokens", "split_name"]

PartKind = Literal["title", "particle", "name"]

# Titles, honorifics and roles met before names in news text, in normalised form. Multi-word
# titles are matched greedily, longest first.
TITLES: frozenset[str] = frozenset(
    """
    general gen field marshal marshal president pres prime minister premier colonel col
    minister dr doctor mr mrs ms miss mme mlle sir dame lord lady sheikh shaykh sheik shaikh emir
    amir king queen prince princess sultan ayatollah imam mullah haj hajj hajji sayyid
    commander cmdr captain capt major maj lieutenant lt brigadier brig sergeant sgt admiral adm
    chancellor secretary senator sen rep ambassador envoy judge justice professor
    prof chairman chairwoman spokesman spokeswoman spokesperson mp pm herr frau signor signora
    monsieur madame bay
    bey pasha pasa hon honourable honorable excellency rev reverend father seyyed seyed sayed
    sayyed sayyid kanzlerin kanzler bundeskanzler bundeskanzlerin presidente president
    presidente ministro ministre generale mareschiallo marechal mariscal cumhurbaskani
    basbakan bakan bakani mushir
    """.split()
)
# Multi-word titles that are only titles together ("state" alone is not a title but in
# "secretary of state" it is part of one).
_MULTIWORD_TITLES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            tuple(t.split())
            for t in (
                "field marshal", "prime minister", "deputy prime minister", "foreign minister",
                "defence minister", "defense minister", "interior minister", "secretary of state",
                "secretary general", "under secretary", "chief of staff", "crown prince",
                "major general", "lieutenant general", "brigadier general", "lieutenant colonel",
                "vice president", "minister of foreign affairs", "minister of defence",
                "minister of defense", "minister of interior", "minister of the interior",
                "head of state", "supreme leader", "his excellency", "her excellency",
                "deputy defence minister", "deputy defense minister", "deputy foreign minister",
                "foreign secretary", "defence secretary", "defense secretary", "chief of staff",
                "vice chairman", "state secretary", "crown prince", "deputy minister",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Arabic particles and their spellings, the parts of "Abd al-" compounds, and the connecting
# words of other languages' names and of organisation names.
PARTICLES: frozenset[str] = frozenset(
    """
    al el ad ad as ash at az ar an ul ud ur us ut uz bin ibn bint ben abu abou bou
    de di da del della der den van von le la les du dos das degli dei y il lo gli en am im
    zu zum zur bei sur sous aan ter ten
    of the and for und et
    """.split()
)
_ABD = re.compile(r"^abd(?:el|al|ul|ol|ol|il|u|e|a)?(?=[a-z]{3})")
_ABD_SPLIT = frozenset({"abd", "abdel", "abdul", "abdal", "abdol", "abdil", "abdu", "abde"})
_CAMEL = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")


@dataclass(frozen=True, slots=True)
class NamePart:
    """One normalised token of a name and what it is.

    Attributes:
        text: the token in normalised form (lower-case ASCII).
        kind: ``"title"`` (General, Prime Minister), ``"particle"`` (al, bin, de, of) or
            ``"name"``.
    """

    text: str
    kind: PartKind


def split_name(text: str) -> tuple[NamePart, ...]:
    """Split a name into normalised parts, each marked as title, particle or name.

    Glued words are split at lower-to-upper case changes first ("KhalifaHaftar" -> "khalifa",
    "haftar"), since that is the only place where the case of the input tells something.
    Titles are recognised at the start of a name only ("Martin Luther King" keeps "king"); a
    particle is a particle only when a name part follows it.

    >>> [(p.text, p.kind) for p in split_name("Field Marshal KhalifaHaftar")]
    [('field', 'title'), ('marshal', 'title'), ('khalifa', 'name'), ('haftar', 'name')]
    >>> [(p.text, p.kind) for p in split_name("Fayez al-Sarraj")]
    [('fayez', 'name'), ('al', 'particle'), ('sarraj', 'name')]
    """
    norm = normalize(text)
    tokens = normalize(_CAMEL.sub(" ", text)).split()
    if "".join(tokens) != norm.replace(" ", ""):
        # Splitting changed more than word boundaries (a suffix rule saw a new word end).
        tokens = norm.split()
    return classify_tokens(tokens)


def classify_tokens(tokens: list[str], *, titles: bool = True) -> tuple[NamePart, ...]:
    """Mark already-normalised tokens as title, particle or name (see :func:`split_name`).
    With ``titles=False`` nothing is taken for a title (a gazetteer name such as "DR Congo"
    is what it is)."""
    n = len(tokens)
    i = 0
    parts: list[NamePart] = []
    # Leading titles, keeping at least one token for the name itself.
    while titles and i < n - 1:
        step = _title_length(tokens, i)
        if step == 0 or i + step >= n:
            break
        parts.extend(NamePart(t, "title") for t in tokens[i : i + step])
        i += step
    for j in range(i, n):
        tok = tokens[j]
        kind: PartKind = "particle" if tok in PARTICLES and j < n - 1 else "name"
        parts.append(NamePart(tok, kind))
    return tuple(parts)


_TITLES_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _t in _MULTIWORD_TITLES:
    _TITLES_BY_FIRST[_t[0]] = (*_TITLES_BY_FIRST.get(_t[0], ()), _t)


def _title_length(tokens: list[str], i: int) -> int:
    for title in _TITLES_BY_FIRST.get(tokens[i], ()):
        if tuple(tokens[i : i + len(title)]) == title:
            return len(title)
    return 1 if tokens[i] in TITLES else 0


def match_tokens(parts: tuple[NamePart, ...]) -> tuple[str, ...]:
    """The tokens a matcher compares: titles dropped, ``Abd al-X`` compounds joined.

    Particles are kept (the matcher gives them little weight) except the connecting particle
    inside an ``Abd`` compound: "Abdel Fattah", "Abd al-Fattah", "Abdul Fattah" and "Abdelfattah"
    all give the token ``abdfattah``.

    >>> match_tokens(split_name("President Abdel Fattah el-Sisi"))
    ('abdfattah', 'el', 'sisi')
    """
    return _join_abd([p.text for p in parts if p.kind != "title"])


def match_texts(tokens: list[str], *, titles: bool = True) -> tuple[str, ...]:
    """``match_tokens(classify_tokens(tokens, titles=titles))`` without making the parts: the
    leading titles are counted and skipped, the rest joined as :func:`match_tokens` joins
    them."""
    n = len(tokens)
    i = 0
    while titles and i < n - 1:
        step = _title_length(tokens, i)
        if step == 0 or i + step >= n:
            break
        i += step
    return _join_abd(tokens[i:] if i else tokens)


def _join_abd(toks: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in _ABD_SPLIT and i + 1 < len(toks):
            nxt = i + 1
            if toks[nxt] in PARTICLES and nxt + 1 < len(toks):
                nxt += 1
            out.append("abd" + toks[nxt])
            i = nxt + 1
            continue
        out.append(_ABD.sub("abd", tok) if tok.startswith("abd") else tok)
        i += 1
    return tuple(out)


def is_caps(text: str) -> bool:
    """Written in capitals: has cased letters and no lower-case one ("IS", "U.S.", and
    "U.S.'s", whose possessive does not count)."""
    if text[-2:-1] in ("'", "\u2019", "\u02bc") and text[-1:] == "s":
        text = text[:-2]
    return text.isupper()
