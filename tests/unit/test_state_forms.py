"""Countries' official names: the word for "republic" or "kingdom" around a country's name."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import Gazetteer, Resolver
from namenorm.knowledge import _state_forms, state_form_rests


def _resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia", "aliases": ["Fridonija"]},
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        # the official name of one country holds another's name ("Republic of China" is Taiwan)
        {"id": "c:nov", "type": "country", "name": "Novaterra", "aliases": ["Republic of Sylvania"]},
        {"id": "p:gra", "type": "city", "name": "Grandovia"},
        {"id": "o:mar", "type": "org", "name": "Marvello Trading"},
    ]))


def test_the_table_holds_the_word_for_republic_in_many_languages() -> None:
    forms, longest = _state_forms()
    words = {" ".join(f) for f in forms}
    assert {"republic", "republik", "republique", "cumhuriyeti", "respublika", "gong he guo"} <= words
    # and the word for "kingdom", where the language's name of the United Kingdom shows it
    assert {"kingdom", "konigreich", "royaume", "reino"} <= words
    assert len(forms) >= 50 and longest >= 2
    # articles, words for "country" and the "British" of 英国 are not in it
    assert not words & {"the", "de", "of", "den", "guo", "man", "ying", "united", "unido"}


def test_rests_before_and_after_and_without_the_short_words_between() -> None:
    assert state_form_rests(("republic", "of", "freedonia")) == [(("of", "freedonia"), False),
                                                                (("freedonia",), True)]
    assert state_form_rests(("freedonia", "cumhuriyeti")) == [(("freedonia",), False)]
    # short words are dropped only after a word in front, and only up to two of them
    assert state_form_rests(("ab", "cd", "ef", "gong", "he", "guo")) == [(("ab", "cd", "ef"), False)]
    assert (("freedonia",), True) not in state_form_rests(("republik", "aa", "bb", "cc", "freedonia"))


@pytest.mark.parametrize("query", ["nothing here", "republic", "republic of", "republic abc", "republik ab"])
def test_no_rest_without_the_word_or_with_too_little_left(query: str) -> None:
    assert state_form_rests(tuple(query.split())) == []


@pytest.mark.parametrize("query", ["Republic of Freedonia", "Republik Freedonia", "République de Freedonia",
                                   "Freedonia Cumhuriyeti", "Республика Фридония", "Fridonija Respublika",
                                   "Königreich Freedonia", "Royaume de Freedonia"])
def test_an_official_name_resolves_to_its_country(query: str) -> None:
    m = _resolver().resolve(query)
    assert m is not None and m.entity.id == "c:fre"
    assert m.reason.endswith("state form")


def test_a_listed_official_name_wins_over_the_name_inside_it() -> None:
    m = _resolver().resolve("Republic of Sylvania")
    assert m is not None and m.entity.id == "c:nov" and m.reason == "exact"


@pytest.mark.parametrize("query", ["Republic of Grandovia", "Republik Marvello Trading", "Republic of Texas",
                                   "Weimar Republic", "Republic of the Freedonia Islands"])
def test_only_countries_and_only_their_whole_names(query: str) -> None:
    assert _resolver().resolve(query) is None


def test_a_type_other_than_country_turns_the_rule_off() -> None:
    assert _resolver().resolve("Republic of Freedonia", type="org") is None
    m = _resolver().resolve("Republic of Freedonia", type="country")
    assert m is not None and m.entity.id == "c:fre"


def test_on_the_bundled_gazetteer() -> None:
    r = Resolver()
    for query, eid in [("Republik Albanien", "albania"), ("جمهورية ألبانيا", "albania"),
                       ("阿尔巴尼亚共和国", "albania"), ("Republic of China", "taiwan")]:
        m = r.resolve(query)
        assert m is not None and m.entity.id == eid, query


_FORMS = sorted(" ".join(f) for f in _state_forms()[0])
_R = _resolver()


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_FORMS), st.sampled_from(["Freedonia", "Sylvania", "Grandovia", "Marvello Trading"]),
       st.booleans())
def test_a_state_form_never_makes_another_entity(form: str, name: str, before: bool) -> None:
    query = f"{form} {name}" if before else f"{name} {form}"
    m = _R.resolve(query)
    assert m is None or (m.entity.type == "country" and m.entity.name == name)


def _nothing(word: str) -> bool:
    return word in {"zorbic", "quelvane", "plurimax"}


def test_free_words_beside_the_state_word_come_off_with_it() -> None:
    rests = state_form_rests(("zorbic", "republik", "freedonia"), free=_nothing)
    assert (("freedonia",), True) in rests
    # after the word for "republic", a free word needs a short linking word before the rest
    assert (("freedonia",), True) in state_form_rests(("republique", "quelvane", "de", "freedonia"), free=_nothing)
    assert (("freedonia",), True) not in state_form_rests(("republique", "quelvane", "freedonia"), free=_nothing)
    # between the rest and the word at the end
    assert (("freedonia",), True) in state_form_rests(("freedonia", "zorbic", "cumhuriyeti"), free=_nothing)
    # a compound that ends with the word
    assert (("freedonia",), True) in state_form_rests(("volksrepublik", "freedonia"), free=_nothing)


def test_words_that_are_not_free_stay() -> None:
    assert state_form_rests(("zorbic", "republik", "freedonia")) == []  # no test given: the plain rule only
    assert (("freedonia",), True) not in state_form_rests(("grand", "republik", "freedonia"), free=_nothing)
    assert (("freedonia",), True) not in state_form_rests(("zorbic", "quelvane", "plurimax", "republik", "freedonia"),
                                                          free=_nothing)
    # a free word at the start with no word for "republic" after it is no official name
    assert state_form_rests(("zorbic", "freedonia"), free=_nothing) == []


@pytest.mark.parametrize("query", ["Zorbische Republik Freedonia", "Республика Зорбия де Freedonia",
                                   "République zorbique de Freedonia", "Freedonia Zorbik Cumhuriyeti",
                                   "Volksrepublik Freedonia"])
def test_a_qualifier_no_name_holds_is_part_of_the_official_name(query: str) -> None:
    m = _resolver().resolve(query)
    assert m is not None and m.entity.id == "c:fre" and m.reason.endswith("state form"), query


@pytest.mark.parametrize("query", [
    "Republik Zorbische Freedonia",  # after the word, no link: an organisation's name reads so
    "Marvello Republik Freedonia",   # a word some name holds is no qualifier
    "Trading Republic of Freedonia",
    "Zorbische Republik Grandovia",  # only countries
    "Zorbische Republik Fredonia",   # past free words, the very name or another ending only
])
def test_qualifiers_never_stretch_the_rule(query: str) -> None:
    assert _resolver().resolve(query) is None, query


def _declining() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "c:alb", "type": "country", "name": "Albavia"},
        {"id": "c:nig", "type": "country", "name": "Nigoria"},
        {"id": "c:nir", "type": "country", "name": "Nigorie"},
    ]))


@pytest.mark.parametrize("query", ["Republika Albavii", "Δημοκρατία της Albavias", "Republica Albaviei"])
def test_a_case_ending_on_the_name_after_a_linking_word_or_in_the_genitive(query: str) -> None:
    m = _declining().resolve(query)
    assert m is not None and m.entity.id == "c:alb" and m.reason.endswith("state form"), query


def test_an_ending_that_two_countries_names_allow_is_neither() -> None:
    # "nigorii" is "Nigoria" with another ending, and "Nigorie" too
    for query in ["Republika Nigorii", "Republika of Nigorii"]:
        assert _declining().resolve(query) is None, query


def test_endings_only_past_a_stem() -> None:
    for query in ["Republika of Albuvii", "Republika of Alb"]:
        assert _declining().resolve(query) is None, query


def test_no_free_words_in_scripts_that_glue_words() -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia", "aliases": ["프리도니아"]},
        {"id": "c:dfr", "type": "country", "name": "Democratic Freedonia", "aliases": ["프리도니아민주공화국"]},
    ]))
    assert r.resolve("민주 공화국 프리도니아") is None
    m = r.resolve("공화국 프리도니아")
    assert m is not None and m.entity.id == "c:fre"


def _qualifiers() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "c:kel", "type": "country", "name": "Kelvania"},
        {"id": "c:zor", "type": "country", "name": "Zorbland", "aliases": ["Zorbische Republik Zorbland"]},
        # a country whose official name holds another's name with a qualifier
        {"id": "c:nkel", "type": "country", "name": "Nordkelvania", "aliases": ["Uberische Republik Kelvania"]},
        {"id": "o:zor", "type": "org", "name": "Qantor Holdings"},
    ]))


def test_a_qualifier_of_countries_names_only_comes_off_when_none_names_the_rest() -> None:
    m = _qualifiers().resolve("Zorbische Republik Kelvania")
    assert m is not None and m.entity.id == "c:kel"


def test_a_qualifier_that_makes_another_countrys_name_stays() -> None:
    # "Uberische ... Kelvania" is Nordkelvania's name: without the qualifier it would be Kelvania
    assert _qualifiers().resolve("Uberische Volksrepublik Kelvania") is None
    # and a word of other names is no qualifier
    assert _qualifiers().resolve("Qantor Republik Kelvania") is None
