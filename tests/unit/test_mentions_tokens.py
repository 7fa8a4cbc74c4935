"""The mention finder's tokens: offsets into the text whatever the text, and the word shapes
that need the general path (possessives, elided articles, dotted acronyms, case changes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from namenorm import Gazetteer, Resolver
from namenorm.mentions import _tokenise


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "fen-obrannagh", "type": "person", "name": "Fen O'Brannagh"},
        {"id": "quesk", "type": "place", "name": "Quesk"},
    ]))


def _words(resolver: Resolver, text: str) -> list[tuple[str, str]]:
    toks = _tokenise(text, resolver._mention_index)
    return list(zip(toks.raw, toks.norm, strict=True))


def test_possessives_stay_out_of_the_word(resolver: Resolver) -> None:
    assert _words(resolver, "Quesk's and Quesk’s and QUESK'S") == [
        ("Quesk", "quesk"), ("and", "and"), ("Quesk", "quesk"), ("and", "and"), ("QUESK", "quesk")]


def test_an_apostrophe_inside_a_listed_name_keeps_it_whole(resolver: Resolver) -> None:
    assert _words(resolver, "O'Brannagh and O'Hara") == [
        ("O'Brannagh", "obrannagh"), ("and", "and"), ("O", "o"), ("Hara", "hara")]


def test_elided_articles_and_suffixes_come_apart(resolver: Resolver) -> None:
    assert [n for _, n in _words(resolver, "l'Armée, Quesk'ta")] == ["l", "armee", "quesk", "ta"]


def test_dotted_acronyms_are_one_token(resolver: Resolver) -> None:
    toks = _tokenise("the U.S. and the U.A.E.'s envoy, 3.5 km", resolver._mention_index)
    assert toks.raw[:5] == ["the", "U.S.", "and", "the", "U.A.E."]
    assert toks.norm[1] == "us" and toks.norm[4] == "uae"
    assert "3" in toks.raw and "5" in toks.raw  # numbers are not acronyms


def test_case_changes_and_other_scripts(resolver: Resolver) -> None:
    toks = _tokenise("KhalifaQuesk Мирель Mire\u0301lle", resolver._mention_index)
    assert toks.norm[:2] == ["khalifa", "quesk"] and toks.gap[1] == ""  # one word, two tokens
    assert toks.norm[2:] == ["mirel", "mirelle"]


@given(st.text(alphabet=st.sampled_from(list("ab AB'’.-,\n\u00e9\u0301\u0645\u2019sS(")), max_size=60))
def test_offsets_point_into_the_text(text: str) -> None:
    resolver = _RESOLVER
    toks = _tokenise(text, resolver._mention_index)
    n = len(toks.raw)
    assert len(toks.norm) == len(toks.start) == len(toks.end) == len(toks.gap) == n
    last = 0
    for k in range(n):
        assert text[toks.start[k] : toks.end[k]] == toks.raw[k]
        assert last <= toks.start[k] < toks.end[k] <= len(text)
        last = toks.start[k]
        assert toks.norm[k] and toks.norm[k] == toks.norm[k].lower()
    assert toks.unlowered == [k for k in range(n) if toks.raw[k] != toks.raw[k].lower()]
    for m in resolver.annotate(text):
        assert text[m.start : m.end] == m.text


_RESOLVER = Resolver(Gazetteer.from_records([{"id": "ab", "type": "place", "name": "Ab"}]))
