"""The mention finder's fast paths give what the plain ones give: mentions made a column at a
time equal mentions made by ``Mention(...)``; each token's bits, kept by the tokeniser through
possessives, dotted acronyms, glued names and case changes, are those of its normal form; and
the pair scan of pass 1 finds every place a name of two words or more may begin, as a lookup
of every pair of words would."""

from __future__ import annotations

import dataclasses
from itertools import compress, count, pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Gazetteer, Resolver
from namenorm.mentions import (
    _BEGINS,
    _CANNOT_BEGIN,
    _CAPITAL,
    _COMPASS,
    _COMPASS_WORDS,
    _LIVE,
    _LOST_S,
    _MENTION_SLOTS,
    _NO_BEGIN,
    _NOT_PLAIN_PUNCTUATION,
    _ONE_WORD,
    _ROLE,
    _SECOND,
    _SPECIAL,
    _SPLIT,
    _SPLIT_ASCII,
    _SURNAME,
    _UNLOWERED,
    _new_mentions,
    _pair_starts,
    _tokenise,
)
from namenorm.results import Mention
from tests.strategies import texts


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "quesk", "type": "place", "name": "Quesk", "aliases": ["Port of Quesk"]},
        {"id": "varn-army", "type": "org", "name": "Varn National Army", "aliases": ["the Varn Army"]},
        {"id": "tel-orrin", "type": "person", "name": "Tel Orrin Baske"},
        {"id": "fen-obrannagh", "type": "person", "name": "Fen O'Brannagh"},
        {"id": "us", "type": "country", "name": "Ustara", "aliases": ["US"]},
    ]))


@pytest.fixture(scope="module")
def entities(resolver: Resolver) -> list[object]:
    return list(resolver._mention_index.idx.entities)


def test_mention_slots_are_used() -> None:
    assert _MENTION_SLOTS is not None  # Mention is a slotted dataclass: the fast path applies


@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000), st.text(max_size=12),
                          st.integers(0, 2), st.floats(0, 1), st.sampled_from(["name", "variant", "document"])),
                max_size=30))
def test_mentions_made_by_columns_equal_mentions_made_one_by_one(
        entities: list[object], rows: list[tuple[int, int, str, int, float, str]]) -> None:
    fields = [(s, e, t, entities[k], sc, r) for s, e, t, k, sc, r in rows]
    made = _new_mentions(*(list(column) for column in zip(*fields, strict=True))) if fields else []
    plain = [Mention(*row) for row in fields]  # type: ignore[arg-type]
    assert made == plain
    assert [hash(m) for m in made] == [hash(m) for m in plain]
    assert [repr(m) for m in made] == [repr(m) for m in plain]
    assert all(type(m) is Mention for m in made)


def test_mentions_made_by_columns_stay_frozen(entities: list[object]) -> None:
    (m,) = _new_mentions([1], [5], ["Quesk"], [entities[0]], [1.0], ["name"])
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 2  # type: ignore[misc]


_BIT_WORDS = ["Quesk", "Westquesk", "Nordustaras", "Bosses", "Quesk's", "QUESK’S", "O'Brannagh", "o'brannagh", "U.S.", "u.s", "U.S.'s", "TelOrrin",
              "KhalifaQuesk", "Mire\u0301lle", "Мирель", "the", "Port", "said", "Ustara's", "l'Orrin",
              "quesq", "baskeh", "orrin's", "ustarra"]


@given(st.one_of(texts, st.lists(st.sampled_from(_BIT_WORDS), max_size=12).map(" ".join)))
def test_token_bits_are_those_of_the_normal_form(resolver: Resolver, text: str) -> None:
    mi = resolver._mention_index
    toks = _tokenise(text, mi)
    word_bits = _ONE_WORD | _ROLE | _BEGINS | _SECOND | _SURNAME | _NO_BEGIN
    codes = toks.bits.tolist()
    assert len(codes) == len(toks.norm)
    assert [c & word_bits for c in codes] == [mi.word_flags.get(n, 0) for n in toks.norm]
    assert [bool(c & _SURNAME) for c in codes] == [n in mi.surnames for n in toks.norm]
    assert [bool(c & _NO_BEGIN) for c in codes] == [n in _CANNOT_BEGIN for n in toks.norm]
    assert toks.unlowered == [k for k, c in enumerate(codes) if c & _UNLOWERED]
    assert [bool(c & _LIVE) for c in codes] == [bool(mi.word_entities(w)) for w in toks.raw]
    assert all(c & _SPECIAL == 0 for c in codes)
    assert [bool(c & _CAPITAL) for c in codes] == [w[:1].isupper() for w in toks.raw]
    assert [bool(c & _LOST_S) for c in codes] == [len(n) > 4 and n.endswith("s") for n in toks.norm]
    assert [bool(c & _COMPASS) for c in codes] == [n.startswith(_COMPASS_WORDS) for n in toks.norm]


_WORDS = ["the", "Varn", "National", "Army", "army", "port", "Port", "of", "Quesk", "Tel", "Orrin",
          "Baske", "and", "said", "in", "'s", "-", ",", ".", " "]


@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_pair_scan_finds_every_pair_that_begins_a_name(resolver: Resolver, words: list[str]) -> None:
    mi = resolver._mention_index
    toks = _tokenise(" ".join(words), mi)
    norms = toks.norm
    got = _pair_starts(mi, [*norms, "", "", ""], toks.bits)
    assert got == list(compress(count(), (pair in mi.pairs for pair in pairwise(norms))))


def test_pair_scan_on_a_sentence(resolver: Resolver) -> None:
    mi = resolver._mention_index
    toks = _tokenise("the Varn Army met Tel Orrin Baske at the Port of Quesk", mi)
    assert _pair_starts(mi, [*toks.norm, "", "", ""], toks.bits) == [0, 4, 9]


@given(st.text(alphabet=st.sampled_from([*"ab Z9_.'-\n", "\u2019", "\u201c", "\u2014", "\u00a0", "\u00ab", "\u00b2",
                                         "\u00b5", "\u00e9", "\u0301", "\u2028", "\u00aa", "\u0628"]), max_size=30))
def test_texts_whose_only_other_characters_are_punctuation_are_cut_as_ascii(text: str) -> None:
    if _NOT_PLAIN_PUNCTUATION.search(text) is None:
        assert _SPLIT_ASCII.split(text) == _SPLIT.split(text)
    else:
        assert any(c.isalnum() or "\u0300" <= c <= "\u036f" for c in text if not c.isascii())


def test_news_punctuation_keeps_the_ascii_cut() -> None:
    assert _NOT_PLAIN_PUNCTUATION.search("Haftar\u2019s \u201cLNA\u201d \u2014 in\u00a0Tripoli\u2026") is None
    assert _NOT_PLAIN_PUNCTUATION.search("l\u2019Arm\u00e9e") is not None
