"""How two names are scored: the one scoring function behind ``compare`` and the resolver.

A name is prepared once (:class:`NameForm`): its normal form, its match tokens (titles dropped,
``Abd al-`` compounds joined) and, per token and for the whole name glued together, the tier-1
transliteration key, its consonant skeleton and the loose machine-translation key.

Two names are then compared two ways and the better one counts:

- **whole name**: the glued forms (particles dropped), so "Abdelfattah" meets "Abdel Fattah"
  and "khalifahaftar" meets "Khalifa Haftar";
- **token alignment**: tokens are paired one to one by similarity, regardless of order. The
  score is the mean of the two sides' weighted coverage (particles weigh little), so a name
  part present on one side only costs what it weighs: "Saddam Haftar" against "Khalifa Haftar"
  covers half of each and scores about 0.5. A query that is the surname alone of a person
  (the last name token) is scored by its own coverage, slightly discounted.

Each token pair (and each glued pair) is scored by the best of: plain similarity of the normal
forms; equal or similar tier-1 keys (x 0.97); equal consonant skeletons (x 0.94, the
other-script case); equal loose keys (0.74 to 0.90 depending on key length and tier-1 similarity,
the machine-translation case). Tokens of three letters or fewer only count when equal: fuzzy similarity between "is"
and "it" means nothing. A token that is another plus a demonym ending ("Libyan" / "Libya",
"German" / "Germany") is not a variant of it.

Similarity is rapidfuzz's normalised Indel similarity (``fuzz.ratio / 100``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from namenorm.keys import loose_key, skeleton, translit_key
from namenorm.names import PARTICLES, classify_tokens, match_tokens

__all__ = ["NameForm", "TokenForm", "make_name", "make_token", "score_names"]

_sim = Indel.normalized_similarity

W_T1 = 0.97
W_SKELETON = 0.94
W_LOOSE = 0.90
PARTICLE_WEIGHT = 0.25
#: Below this, two tokens are not considered a pair at all.
PAIR_FLOOR = 0.70
#: Below this, the glued (space-free) comparison is ignored.
WHOLE_FLOOR = 0.90
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ean", "ese", "ish", "i", "ic", "ns", "ans", "ians", "is"})


@dataclass(frozen=True, slots=True)
class TokenForm:
    """One match token and its keys."""

    text: str
    t1: str
    skel: str
    loose: str
    particle: bool


@dataclass(frozen=True, slots=True)
class NameForm:
    """A name prepared for scoring."""

    norm: str
    tokens: tuple[TokenForm, ...]
    glued: TokenForm

    @property
    def name_tokens(self) -> tuple[TokenForm, ...]:
        return tuple(t for t in self.tokens if not t.particle)


_TOKEN_CACHE: dict[tuple[str, bool], TokenForm] = {}


def make_token(text: str, particle: bool = False) -> TokenForm:
    """Keys of one token (memoised: names share most of their tokens)."""
    key = (text, particle)
    tok = _TOKEN_CACHE.get(key)
    if tok is None:
        t1 = translit_key(text)
        tok = TokenForm(text, t1, skeleton(t1), loose_key(text), particle)
        if len(_TOKEN_CACHE) < 500_000:
            _TOKEN_CACHE[key] = tok
    return tok


def make_name(norm: str, tokens: list[str] | None = None) -> NameForm:
    """Prepare a name for scoring from its normal form (and, optionally, its tokens when they
    were split differently, e.g. at case changes)."""
    toks = match_tokens(classify_tokens(tokens if tokens is not None else norm.split()))
    n = len(toks)
    forms = tuple(make_token(t, n > 1 and t in PARTICLES and i < n - 1) for i, t in enumerate(toks))
    glued_text = "".join(t.text for t in forms if not t.particle) or "".join(toks)
    return NameForm(norm, forms, make_token(glued_text))


def _demonym_pair(a: str, b: str) -> bool:
    """True when one token is the other plus a demonym ending (libya/libyan, italy/italian)."""
    if a == b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 4:
        return False
    # Drop a final y/a/e of the shorter form: italy -> ital(ian), syria -> syri(an).
    stem = short[:-1] if short[-1] in "yae" else short
    if not long_.startswith(stem):
        return False
    return long_[len(stem):] in _DEMONYM_ENDINGS or long_[len(short):] in _DEMONYM_ENDINGS


def token_sim(a: TokenForm, b: TokenForm) -> tuple[float, str]:
    """Similarity of two tokens in 0..1 and the tier that gave it."""
    if a.text == b.text:
        return 1.0, "exact"
    if len(a.text) <= 3 or len(b.text) <= 3:
        if a.particle and b.particle and a.t1 == b.t1:
            return W_T1, "key"
        return 0.0, "none"
    if _demonym_pair(a.text, b.text):
        return 0.0, "none"
    best = _sim(a.text, b.text)
    how = "fuzzy"
    if a.t1 == b.t1:
        s = W_T1
    else:
        s = W_T1 * _sim(a.t1, b.t1)
    if s > best:
        best, how = s, "key"
    if best < W_SKELETON and a.skel == b.skel and len(a.skel) >= 3:
        best, how = W_SKELETON, "skeleton"
    if a.loose == b.loose and len(a.loose) >= 3:
        # Equal loose keys say "consistent with a machine-translation garble"; how close the
        # tier-1 keys are says how plausible. Short keys collide more and count for less.
        s = (0.78 if len(a.loose) >= 4 else 0.74) + 0.12 * _sim(a.t1, b.t1)
        if s > best:
            best, how = min(s, W_LOOSE), "loose"
    return best, how


def score_names(q: NameForm, a: NameForm, *, surname_rule: bool) -> tuple[float, str]:
    """Score query ``q`` against name ``a``; returns (score, short reason).

    Args:
        surname_rule: allow a query that is only the last name token(s) of ``a`` to score high
            (for persons). Without it such a partial query scores by mean coverage.
    """
    if q.norm == a.norm:
        return 1.0, "exact"
    whole, whole_how = token_sim(q.glued, a.glued)
    qt, at = q.tokens, a.tokens
    nq, na = len(qt), len(at)
    if nq == 0 or na == 0:
        return 0.0, "none"
    pairs: list[tuple[float, int, int, str]] = []
    for i, x in enumerate(qt):
        for j, y in enumerate(at):
            s, how = token_sim(x, y)
            if s >= PAIR_FLOOR:
                pairs.append((s, i, j, how))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_q: set[int] = set()
    used_a: set[int] = set()
    got_q = got_a = 0.0
    hows: set[str] = set()
    for s, i, j, how in pairs:
        if i in used_q or j in used_a:
            continue
        used_q.add(i)
        used_a.add(j)
        wq = PARTICLE_WEIGHT if qt[i].particle else 1.0
        wa = PARTICLE_WEIGHT if at[j].particle else 1.0
        got_q += wq * s
        got_a += wa * s
        if not (qt[i].particle or at[j].particle):
            hows.add(how)
    tot_q = sum(PARTICLE_WEIGHT if t.particle else 1.0 for t in qt)
    tot_a = sum(PARTICLE_WEIGHT if t.particle else 1.0 for t in at)
    cov_q, cov_a = got_q / tot_q, got_a / tot_a
    tok_score = (cov_q + cov_a) / 2
    tok_how = _tier_label(hows)
    if surname_rule and cov_q > cov_a and na > 1:
        last = max((j for j, t in enumerate(at) if not t.particle), default=-1)
        if last in used_a:
            partial = cov_q * (0.80 + 0.15 * cov_a)
            if partial > tok_score:
                tok_score, tok_how = partial, "surname"
    # The glued comparison is for glued and split spellings, which leave the glued strings
    # nearly identical; two different names sharing a long part must not win through it.
    if whole < WHOLE_FLOOR:
        whole = 0.0
    elif len(q.name_tokens) != len(a.name_tokens):
        whole *= 0.97
    if whole > tok_score:
        return whole, ("glued " + whole_how) if whole_how != "exact" else "glued"
    return tok_score, tok_how


def _tier_label(hows: set[str]) -> str:
    for label in ("loose", "skeleton", "key", "fuzzy"):
        if label in hows:
            return label
    return "exact" if hows else "none"
