"""Query sets with known answers, generated deterministically for one gazetteer size.

Three sets:

``exact``    an alias of a sampled entity, with case / diacritic / spacing noise only.
``variant``  a realistic misspelling of a Latin alias (transliteration swaps, doubled or
             undoubled letters, al-/el- particles, one or two edits, dropped spaces, reordered
             parts) or the entity's Arabic/Cyrillic alias when it also has a Latin one.
``absent``   names that are not in the gazetteer: real place names held out of this size
             (entities after the prefix) and pseudo-names made by shuffling syllables of
             gazetteer names.

Every query of the first two sets has a unique expected entity: source aliases whose collision
key is shared by two entities are never used, and a variant whose key equals an alias key of a
*different* entity is ambiguous; it is dropped and counted per kind in ``dropped``. Absent
queries never share a collision key with any alias of the gazetteer.
"""

from __future__ import annotations

import random
import re
import unicodedata

from .data import Entity
from .text import collision_key, fallback_normalize, is_latin, script_of, strip_marks

AMBIGUOUS = -1

VARIANT_KINDS = (
    "translit", "double", "particle", "edit1", "edit2", "nospace", "reorder", "script",
)

# (pattern, replacement) pairs for romanisation swaps; matched case-insensitively.
_SWAPS = [
    ("k", "q"), ("q", "k"), ("ou", "u"), ("(?<!o)u", "ou"), ("sh", "ch"), ("ch", "sh"),
    ("w", "v"), ("v", "w"), ("j", "dj"), ("dj", "j"), ("y", "i"), ("i", "y"),
    ("ph", "f"), ("kh", "h"), ("gh", "g"), ("c", "k"), ("ee", "i"), ("oo", "u"),
    ("tch", "ch"), ("dzh", "j"), ("ye", "e"), ("ck", "k"),
]
_SWAP_RES = [(re.compile(p, re.IGNORECASE), r) for p, r in _SWAPS]
_PARTICLE = re.compile(r"(?:^|(?<=[\s-]))([AaEe](?:l|sh|[dnrstz]))([- ])(?=[A-Za-z])")
_SINGLE_CONSONANT = re.compile(r"(?<=[aeiou])([bcdfghklmnprstvz])(?=[aeiou])", re.IGNORECASE)
_DOUBLE = re.compile(r"([a-z])\1", re.IGNORECASE)
_SPLIT = re.compile(r"[\s-]+")
_SYLLABLE = re.compile(r"[^aeiouy]*[aeiouy]+", re.IGNORECASE)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _match_case(src: str, repl: str) -> str:
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def _sub_one(regex: re.Pattern, s: str, repl, rng: random.Random) -> str | None:
    matches = list(regex.finditer(s))
    if not matches:
        return None
    m = rng.choice(matches)
    r = repl(m) if callable(repl) else _match_case(m.group(0), repl)
    return s[: m.start()] + r + s[m.end():]


def v_translit(s: str, rng: random.Random) -> str | None:
    options = [(rx, r) for rx, r in _SWAP_RES if rx.search(s)]
    rng.shuffle(options)
    for rx, r in options:
        out = _sub_one(rx, s, r, rng)
        if out and out != s:
            return out
    return None


def v_double(s: str, rng: random.Random) -> str | None:
    if _DOUBLE.search(s) and rng.random() < 0.5:
        return _sub_one(_DOUBLE, s, lambda m: m.group(1), rng)
    return _sub_one(_SINGLE_CONSONANT, s, lambda m: m.group(1) * 2, rng)


def v_particle(s: str, rng: random.Random) -> str | None:
    """Arabic article: al-/el-/ul- vowel and separator (al-Sarraj, el Sarraj, Alsarraj)."""
    def repl(m: re.Match) -> str:
        word, sep = m.group(1), m.group(2)
        vowel = word[0]
        new_vowel = {"a": "e", "e": "a"}[vowel.lower()] if rng.random() < 0.7 else vowel.lower()
        if vowel.isupper():
            new_vowel = new_vowel.upper()
        new_sep = rng.choice(["-", " ", ""])
        if new_vowel == vowel and new_sep == sep:
            new_vowel = {"a": "u", "e": "i"}[vowel.lower()]
            if vowel.isupper():
                new_vowel = new_vowel.upper()
        return new_vowel + word[1:] + new_sep

    return _sub_one(_PARTICLE, s, repl, rng)


def _edit(s: str, rng: random.Random) -> str:
    positions = [i for i, c in enumerate(s) if c.isalpha() and i > 0]
    if not positions:
        return s
    i = rng.choice(positions)
    op = rng.choice(("sub", "del", "ins", "swap"))
    if op == "sub":
        c = rng.choice([x for x in _LETTERS if x != s[i].lower()])
        return s[:i] + c + s[i + 1:]
    if op == "del":
        return s[:i] + s[i + 1:]
    if op == "ins":
        return s[:i] + rng.choice(_LETTERS) + s[i:]
    if i + 1 < len(s) and s[i + 1].isalpha() and s[i + 1] != s[i]:
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + s[i + 1:]


def v_edit1(s: str, rng: random.Random) -> str | None:
    if sum(c.isalpha() for c in s) < 5:
        return None
    return _edit(s, rng)


def v_edit2(s: str, rng: random.Random) -> str | None:
    if sum(c.isalpha() for c in s) < 8:
        return None
    return _edit(_edit(s, rng), rng)


def v_nospace(s: str, rng: random.Random) -> str | None:
    parts = [p for p in _SPLIT.split(s) if p]
    if len(parts) < 2:
        return None
    if rng.random() < 0.5:
        return "".join(parts)
    return parts[0] + "".join(p.lower() for p in parts[1:])


def v_reorder(s: str, rng: random.Random) -> str | None:
    parts = [p for p in _SPLIT.split(s) if p]
    if len(parts) < 2:
        return None
    if rng.random() < 0.3:
        return " ".join(parts[1:]) + ", " + parts[0]
    return " ".join(parts[1:] + parts[:1])


_VARIANTS = {
    "translit": v_translit, "double": v_double, "particle": v_particle, "edit1": v_edit1,
    "edit2": v_edit2, "nospace": v_nospace, "reorder": v_reorder,
}


def exact_noise(s: str, rng: random.Random) -> str:
    """Case, diacritic and spacing noise that keeps the collision key unchanged."""
    ops = rng.sample(["lower", "upper", "title", "marks", "spaces", "hyphen", "pad"], k=rng.randint(1, 2))
    for op in sorted(ops, key=lambda o: o == "pad"):
        if op == "lower":
            s = s.lower()
        elif op == "upper":
            s = s.upper()
        elif op == "title":
            s = s.title()
        elif op == "marks":
            s = unicodedata.normalize("NFC", strip_marks(s))
        elif op == "spaces":
            s = s.replace(" ", "  ")
        elif op == "hyphen":
            s = s.replace("-", " ") if "-" in s else s.replace(" ", "-")
        elif op == "pad":
            s = " " + s + " "
    return s


class KeyIndex:
    """collision key -> entity index, or AMBIGUOUS when several entities share it."""

    def __init__(self, entities: list[Entity]):
        self.map: dict[str, int] = {}
        for i, e in enumerate(entities):
            for a in e.all_names:
                k = collision_key(a)
                prev = self.map.get(k)
                if prev is None:
                    self.map[k] = i
                elif prev != i:
                    self.map[k] = AMBIGUOUS

    def owner(self, s: str) -> int | None:
        return self.map.get(collision_key(s))

    def stats(self) -> dict:
        amb = sum(1 for v in self.map.values() if v == AMBIGUOUS)
        return {"distinct_keys": len(self.map), "ambiguous_keys": amb}


def _unique_aliases(ei: int, e: Entity, index: KeyIndex) -> list[str]:
    return [a for a in e.all_names if index.map.get(collision_key(a)) == ei]


def make_exact(entities, index, n, rng) -> list[dict]:
    out = []
    tries = 0
    while len(out) < n and tries < n * 20:
        tries += 1
        ei = rng.randrange(len(entities))
        e = entities[ei]
        uniq = _unique_aliases(ei, e, index)
        if not uniq:
            continue
        alias = e.name if (e.name in uniq and rng.random() < 0.6) else rng.choice(uniq)
        out.append({"q": exact_noise(alias, rng), "expected": e.id, "kind": "exact", "source": alias})
    return out


def make_variants(entities, index, n, rng) -> tuple[list[dict], dict]:
    per_kind = {k: n // len(VARIANT_KINDS) for k in VARIANT_KINDS}
    for k in VARIANT_KINDS[: n - sum(per_kind.values())]:
        per_kind[k] += 1
    dropped = {k: 0 for k in VARIANT_KINDS}
    out = []
    for kind in VARIANT_KINDS:
        want = per_kind[kind]
        got = 0
        tries = 0
        while got < want and tries < want * 200:
            tries += 1
            ei = rng.randrange(len(entities))
            e = entities[ei]
            uniq = _unique_aliases(ei, e, index)
            if kind == "script":
                if not any(is_latin(a) for a in e.all_names):
                    continue
                cands = [a for a in uniq if script_of(a) in ("ARABIC", "CYRILLIC")]
                if not cands:
                    continue
                alias = rng.choice(cands)
                out.append({"q": alias, "expected": e.id, "kind": "script",
                            "source": e.name, "script": script_of(alias).lower()})
                got += 1
                continue
            cands = [a for a in uniq if is_latin(a) and len(a) >= 4]
            if not cands:
                continue
            alias = e.name if (e.name in cands and rng.random() < 0.6) else rng.choice(cands)
            q = _VARIANTS[kind](alias, rng)
            if not q or not collision_key(q) or fallback_normalize(q) == fallback_normalize(alias):
                continue
            owner = index.owner(q)
            if owner is not None and owner != ei:
                dropped[kind] += 1      # collides exactly with another entity's alias
                continue
            if rng.random() < 0.3:
                q = q.lower()
            item = {"q": q, "expected": e.id, "kind": kind, "source": alias}
            if owner == ei:
                item["key_matches_own_alias"] = True   # same collision key as one of its aliases
            out.append(item)
            got += 1
    rng.shuffle(out)
    return out, dropped


def make_absent(entities, heldout, index, n, rng) -> tuple[list[dict], dict]:
    out = []
    n_held = n // 2
    skipped = 0
    order = list(range(len(heldout)))
    rng.shuffle(order)
    for j in order:
        if len(out) >= n_held:
            break
        name = heldout[j].name
        if index.owner(name) is not None:
            skipped += 1    # the held-out name is also an alias of a sampled entity
            continue
        out.append({"q": name, "expected": None, "kind": "heldout", "source": heldout[j].id})

    syllables: list[str] = []
    for e in entities[: min(len(entities), 5000)]:
        if is_latin(e.name):
            for word in re.findall(r"[A-Za-z]+", strip_marks(e.name)):
                syllables.extend(s.lower() for s in _SYLLABLE.findall(word) if 1 < len(s) < 6)
    tries = 0
    while len(out) < n and tries < n * 50 and syllables:
        tries += 1
        words = []
        for _ in range(2 if rng.random() < 0.25 else 1):
            w = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 3)))
            words.append(w.capitalize())
        q = " ".join(words)
        if index.owner(q) is not None:
            continue
        out.append({"q": q, "expected": None, "kind": "synthetic", "source": ""})
    rng.shuffle(out)
    return out, {"heldout_names_present_in_gazetteer": skipped}


def build_query_sets(entities, heldout, index, n_per_set: int, seed: int, size: int) -> dict:
    rng = lambda name: random.Random(f"{seed}:{size}:{name}")  # noqa: E731 - str seeds are stable
    exact = make_exact(entities, index, n_per_set, rng("exact"))
    variants, dropped = make_variants(entities, index, n_per_set, rng("variant"))
    absent, absent_info = make_absent(entities, heldout, index, n_per_set, rng("absent"))
    counts = {k: 0 for k in VARIANT_KINDS}
    for v in variants:
        counts[v["kind"]] += 1
    return {
        "sets": {"exact": exact, "variant": variants, "absent": absent},
        "info": {
            "variant_counts": counts,
            "variant_dropped_ambiguous": dropped,
            "variant_key_matches_own_alias": sum(1 for v in variants if v.get("key_matches_own_alias")),
            **absent_info,
        },
    }
