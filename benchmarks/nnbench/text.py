"""Stand-alone text helpers for building benchmark data.

The data side deliberately does not use namenorm: the query sets must stay the same while the
library changes, so collisions are decided with ``collision_key`` below, which is coarser than
any sensible normaliser (it drops case, diacritics, spaces and punctuation). Two strings with the
same key are treated as the same name.

``fallback_normalize`` is what the rapidfuzz baselines use when namenorm cannot be imported.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose but that any name normaliser folds.
_EXTRA_FOLD = str.maketrans({
    "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
    "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ı": "i", "ħ": "h", "Ħ": "h",
    "ʼ": "", "ʻ": "", "’": "", "‘": "", "'": "", "`": "", "´": "",
})

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def strip_marks(s: str) -> str:
    """Decompose and drop combining marks (diacritics)."""
    s = unicodedata.normalize("NFKD", s.translate(_EXTRA_FOLD))
    return "".join(c for c in s if not unicodedata.combining(c))


def fallback_normalize(s: str) -> str:
    """Case-fold, strip diacritics, turn punctuation into spaces, collapse spaces."""
    s = strip_marks(s).casefold()
    return _NON_WORD.sub(" ", s).strip()


try:  # a dependency of namenorm; romanising makes names in other scripts comparable
    from unidecode import unidecode as _romanise
except ImportError:  # pragma: no cover
    _romanise = None

COLLISION_KEY = ("casefold, strip diacritics, romanise with unidecode, keep letters and digits only"
                 if _romanise else "casefold, strip diacritics, keep letters and digits only")


def collision_key(s: str) -> str:
    """Coarse identity key: two names with the same key count as the same name.

    Case, diacritics, spaces and punctuation are ignored and other scripts are romanised, so
    "San José", "san-jose" and "САН ХОСЕ"-style spellings that romanise alike collide. The key
    is deliberately coarser than a name normaliser: a query whose key is unique is one no
    reasonable matcher should find ambiguous for exact reasons.
    """
    s = strip_marks(s).casefold()
    if _romanise is not None and not s.isascii():
        s = _romanise(s).casefold()
    return _NON_WORD.sub("", s)


def script_of(s: str) -> str:
    """Dominant script of the letters in ``s`` ("LATIN", "ARABIC", "CYRILLIC", ... or "")."""
    counts: dict[str, int] = {}
    for c in s:
        if c.isalpha():
            name = unicodedata.name(c, "")
            script = name.split(" ", 1)[0] if name else ""
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return ""
    return max(counts.items(), key=lambda kv: kv[1])[0]


def is_latin(s: str) -> bool:
    """True when every letter of ``s`` is a Latin letter (with or without diacritics)."""
    has_letter = False
    for c in s:
        if c.isalpha():
            has_letter = True
            if not unicodedata.name(c, "").startswith("LATIN"):
                return False
    return has_letter
