"""The mention finder's rules, each on invented names and places of a small invented gazetteer.

Every entity here is made up, so that a rule is tested for what it says and not for what the
bundled gazetteer happens to hold. Valdoria and Kestria are countries; Oriel is a country whose
name is also a given name; Dorvan Kessel is a Valdorian minister.
"""

from __future__ import annotations

from typing import Any

import pytest

from namenorm import Gazetteer, Resolver

_RECORDS: list[dict[str, Any]] = [
    {"id": "valdoria", "type": "country", "name": "Valdoria", "aliases": ["Republic of Valdoria"]},
    {"id": "kestria", "type": "country", "name": "Kestria"},
    {"id": "oriel", "type": "country", "name": "Oriel"},
    {"id": "brindlemoor", "type": "place", "name": "Brindlemoor", "country": "valdoria"},
    {"id": "quesk", "type": "place", "name": "Quesk", "country": "kestria"},
    {"id": "dorvan-kessel", "type": "person", "name": "Dorvan Kessel",
     "aliases": ["Dorvan Amal Kessel", "Kessel", "al-Kessel"], "country": "valdoria", "affiliations": ["valdorian-guard"]},
    {"id": "imre-lonngren", "type": "person", "name": "Imre Lonngren", "country": "kestria"},
    {"id": "valdorian-guard", "type": "org", "name": "Valdorian Guard",
     "aliases": ["Garde valdorienne", "Valdorische Garde"], "weak_aliases": ["national guard"],
     "country": "valdoria"},
    {"id": "house-of-delegates-valdoria", "type": "org", "name": "House of Delegates of Valdoria",
     "aliases": ["Valdoria's House of Delegates"],
     "weak_aliases": ["House of Delegates", "HoD", "Valdoria's HoD"], "country": "valdoria"},
    {"id": "house-of-delegates-kestria", "type": "org", "name": "House of Delegates of Kestria",
     "weak_aliases": ["House of Delegates"], "country": "kestria"},
    {"id": "brannagh-obrey", "type": "person", "name": "Fen O'Brannagh", "aliases": ["O'Brannagh"]},
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.from_records(_RECORDS))


def _spans(resolver: Resolver, text: str) -> list[tuple[str, str]]:
    out = []
    for m in resolver.annotate(text):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.entity.id))
    return out


# -- 1. never inside an unknown name ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The winger Oriel Tamsworth scored twice in Brindlemoor.",
    "Oriel Tamsworth scored twice in Brindlemoor.",
    "It was Oriel Tamsworth, not her sister, who scored in Brindlemoor.",
    "Brindlemoor beat Quesk after Oriel J. Tamsworth scored twice.",
    "Brindlemoor beat Quesk after Oriel van der Tamsworth scored twice.",
    "Brindlemoor beat Quesk after Oriel Le Tamsworth scored twice.",
])
def test_a_country_that_begins_a_persons_name_is_not_a_mention(resolver: Resolver, text: str) -> None:
    spans = _spans(resolver, text)
    assert ("Oriel", "oriel") not in spans
    assert ("Brindlemoor", "brindlemoor") in spans


@pytest.mark.parametrize("word", ["as", "an", "at", "us"])
def test_an_english_word_that_is_also_an_arabic_article_joins_no_name(resolver: Resolver, word: str) -> None:
    # "as" across a space is the English word, not the article of "as-Sisi"
    text = f"Brindlemoor beat Kestria {word} Oriel Tamsworth watched."
    spans = _spans(resolver, text)
    assert ("Kestria", "kestria") in spans and ("Oriel", "oriel") not in spans
    # with a hyphen it is the article, inside an unknown name: nothing in it is linked
    assert ("Kestria", "kestria") not in _spans(resolver, f"Brindlemoor beat Kestria {word}-Tamsworth yesterday.")


def test_the_country_itself_is_still_found_beside_the_person(resolver: Resolver) -> None:
    text = "Oriel said on Monday that Oriel Tamsworth will play for Oriel."
    assert _spans(resolver, text) == [("Oriel", "oriel"), ("Oriel", "oriel")]


def test_an_unknown_given_name_before_a_listed_surname_is_someone_else(resolver: Resolver) -> None:
    text = "Dorvan Kessel met the envoy. Later Arlo Kessel, a spokesman, said the talks went well."
    assert _spans(resolver, text) == [("Dorvan Kessel", "dorvan-kessel")]
    # The bare surname on its own is still the minister the document names.
    text += " Kessel left for Brindlemoor."
    assert _spans(resolver, text)[-2:] == [("Kessel", "dorvan-kessel"), ("Brindlemoor", "brindlemoor")]


def test_a_given_name_alone_is_never_linked_through_the_document(resolver: Resolver) -> None:
    text = "Dorvan Kessel spoke first. Dorvan then left, and commander Dorvan Mabeki stayed."
    assert _spans(resolver, text) == [("Dorvan Kessel", "dorvan-kessel")]


def test_a_place_at_the_head_of_an_unknown_institution_is_not_a_mention(resolver: Resolver) -> None:
    assert _spans(resolver, "She studied at Brindlemoor University and the Quesk Central Hospital.") == []
    assert _spans(resolver, "She studied in Brindlemoor and in Quesk.") == [
        ("Brindlemoor", "brindlemoor"), ("Quesk", "quesk")]


def test_a_place_before_an_unknown_name_is_the_head_of_that_name(resolver: Resolver) -> None:
    assert _spans(resolver, "It was reported by the Brindlemoor Clarion on Friday.") == []


def test_a_possessive_ends_a_name(resolver: Resolver) -> None:
    assert _spans(resolver, "The prize went to Valdoria's Imre Brandt.") == [("Valdoria", "valdoria")]
    assert _spans(resolver, "The prize went to Kestria's Imre Lonngren.") == [
        ("Kestria", "kestria"), ("Imre Lonngren", "imre-lonngren")]


def test_a_name_across_a_possessive_is_two_mentions(resolver: Resolver) -> None:
    # "Valdoria's House of Delegates" is listed whole; the possessive is not part of a mention.
    assert _spans(resolver, "Valdoria's House of Delegates met.") == [
        ("Valdoria", "valdoria"), ("House of Delegates", "house-of-delegates-valdoria")]


def test_a_mixed_case_acronym_is_not_part_of_a_persons_name(resolver: Resolver) -> None:
    assert _spans(resolver, "Dorvan Kessel thanked Quesk HoD members.") == [
        ("Dorvan Kessel", "dorvan-kessel"), ("Quesk", "quesk")]


def test_a_place_is_written_with_a_capital(resolver: Resolver) -> None:
    # "quesk" in lower case is a word of some language; "Quesk" is the place.
    assert _spans(resolver, "the quesk of Quesk") == [("Quesk", "quesk")]


def test_listed_names_side_by_side_are_all_mentions(resolver: Resolver) -> None:
    assert _spans(resolver, "Valdoria Kestria relations") == [("Valdoria", "valdoria"), ("Kestria", "kestria")]


def test_after_a_personal_title_only_a_person(resolver: Resolver) -> None:
    assert _spans(resolver, "Mr Oriel said so in Quesk.") == [("Quesk", "quesk")]
    # A variant of a country's name after a title is a person's name, not the country.
    assert _spans(resolver, "Pope Valdorius visited Quesk.") == [("Quesk", "quesk")]


def test_an_ordinary_word_beginning_a_sentence_is_not_a_given_name(resolver: Resolver) -> None:
    text = "Dorvan Kessel arrived. Meanwhile Kessel said nothing."
    assert _spans(resolver, text) == [("Dorvan Kessel", "dorvan-kessel"), ("Kessel", "dorvan-kessel")]


def test_headlines_in_title_case_are_not_unknown_names(resolver: Resolver) -> None:
    text = "Oriel Beats Kestria In Extra Time\nThe match in Quesk ended late."
    assert _spans(resolver, text) == [("Oriel", "oriel"), ("Kestria", "kestria"), ("Quesk", "quesk")]


def test_a_capitalised_noun_after_a_name_in_german_is_not_a_name(resolver: Resolver) -> None:
    text = "In Brindlemoor Gefechte, sagt die Regierung, und die Lage ist nicht klar, aber der Minister ist dort."
    assert ("Brindlemoor", "brindlemoor") in _spans(resolver, text)


# -- 2. whole names first -------------------------------------------------------------------------

def test_a_known_person_with_a_new_spelling_of_the_surname_is_one_mention(resolver: Resolver) -> None:
    assert _spans(resolver, "Minister Dorvan Kesell said") == [("Dorvan Kesell", "dorvan-kessel")]
    assert _spans(resolver, "then Dorvan Amal Kesel spoke") == [("Dorvan Amal Kesel", "dorvan-kessel")]


def test_y_between_a_known_person_and_another_name_is_and(resolver: Resolver) -> None:
    # Spanish "y" is also a particle of double surnames; after a listed person's name (here in
    # a new spelling) it joins two names, each read on its own.
    assert _spans(resolver, "El ministro Dorvan Kesell y Imre Lonngren llegaron.") == [
        ("Dorvan Kesell", "dorvan-kessel"), ("Imre Lonngren", "imre-lonngren")]
    assert _spans(resolver, "Dorvan Kesell y Tamar Oskeby llegaron.") == [("Dorvan Kesell", "dorvan-kessel")]


def test_y_inside_an_unknown_double_surname_keeps_the_name_whole(resolver: Resolver) -> None:
    # (a surname of a listed person at its end is part of that unknown name)
    assert _spans(resolver, "Lo escribió Tamar Oskeby y Lonngren, dijo.") == []


def test_a_listed_surname_with_its_particle_inside_a_longer_name(resolver: Resolver) -> None:
    # "al-Kessel" alone is listed; with the given names in front it is still one mention.
    assert _spans(resolver, "said Dorvan Amal al-Kessel today") == [("Dorvan Amal al-Kessel", "dorvan-kessel")]
    assert _spans(resolver, "said Hamid al-Kessel today") == []  # someone else of that family


def test_a_listed_name_with_an_apostrophe(resolver: Resolver) -> None:
    assert _spans(resolver, "O'Brannagh's report, said Fen O'Brannagh.") == [
        ("O'Brannagh", "brannagh-obrey"), ("Fen O'Brannagh", "brannagh-obrey")]


# -- 2b. topic evidence ---------------------------------------------------------------------------

def test_a_shared_weak_name_goes_to_the_country_the_document_is_about(resolver: Resolver) -> None:
    text = ("Valdoria's parliament met in Brindlemoor. The House of Delegates voted, and Dorvan "
            "Kessel thanked the HoD. Kestria sent an observer.")
    spans = _spans(resolver, text)
    assert ("House of Delegates", "house-of-delegates-valdoria") in spans
    assert ("HoD", "house-of-delegates-valdoria") in spans


def test_the_same_name_in_a_document_about_another_country(resolver: Resolver) -> None:
    text = "Kestria's parliament met in Quesk. The House of Delegates voted; Imre Lonngren spoke. Valdoria watched."
    assert ("House of Delegates", "house-of-delegates-kestria") in _spans(resolver, text)


def test_a_weak_name_is_left_out_when_its_country_does_not_lead(resolver: Resolver) -> None:
    text = "Quesk and Kestria hosted the talks; the HoD sent a letter. Kestria said so."
    assert ("HoD", "house-of-delegates-valdoria") not in _spans(resolver, text)


def test_a_word_next_to_a_weak_name_can_point_to_a_namesake(resolver: Resolver) -> None:
    # The document is about Valdoria, but "Kestria's" says which House this is, and Kestria's
    # House is listed: it is not Valdoria's. ("Kestrian" would say the same.)
    text = "Valdoria and Brindlemoor, Valdoria again: Kestria's House of Delegates disagreed."
    assert ("House of Delegates", "house-of-delegates-valdoria") not in _spans(resolver, text)
    text = "Valdoria and Brindlemoor, Valdoria again: the Kestrian House of Delegates disagreed."
    assert ("House of Delegates", "house-of-delegates-valdoria") not in _spans(resolver, text)


def test_a_longer_weak_name_nothing_settles_gives_way_to_the_name_it_begins_with(resolver: Resolver) -> None:
    assert _spans(resolver, "Imre Lonngren criticised Valdoria's HoD.") == [
        ("Imre Lonngren", "imre-lonngren"), ("Valdoria", "valdoria")]
    text = "Valdoria and Brindlemoor: Dorvan Kessel criticised Valdoria's HoD."
    assert _spans(resolver, text)[-1] == ("Valdoria's HoD", "house-of-delegates-valdoria")


def test_no_topic_no_weak_name(resolver: Resolver) -> None:
    assert _spans(resolver, "The House of Delegates voted. The HoD adjourned.") == []


def test_an_ordinary_weak_name_in_lower_case_needs_more_than_the_topic(resolver: Resolver) -> None:
    text = "In Valdoria and Brindlemoor, Valdoria's national guard was deployed."
    assert ("national guard", "valdorian-guard") in _spans(resolver, text)  # a phrase: linked
    # The person's own army settles it through the document too.
    text = "Dorvan Kessel sent the national guard."
    assert _spans(resolver, text) == [("Dorvan Kessel", "dorvan-kessel"), ("national guard", "valdorian-guard")]


def _offices(*extra: dict[str, Any]) -> Resolver:
    return Resolver(Gazetteer.from_records([
        *_RECORDS[:5],
        {"id": "kestrian-foreign-office", "type": "org", "name": "Foreign Office of Kestria",
         "weak_aliases": ["Foreign Office"], "country": "kestria"},
        {"id": "tamsin-greve", "type": "person", "name": "Tamsin Greve", "weak_aliases": ["Greve"],
         "country": "kestria"},
        *extra,
    ]))


def test_a_weak_name_of_a_country_the_document_names_when_no_other_one_fits() -> None:
    # Valdoria leads the document, but only Kestria, which it names too, has a Foreign Office
    text = "The Foreign Office said Kestria would send an envoy to Brindlemoor and Valdoria."
    assert ("Foreign Office", "kestrian-foreign-office") in _spans(_offices(), text)
    # a country the document does not name is no evidence
    assert _spans(_offices(), "The Foreign Office sent an envoy to Brindlemoor and Valdoria.") == [
        ("Brindlemoor", "brindlemoor"), ("Valdoria", "valdoria")]


def test_a_weak_name_two_named_countries_hold_stays_unlinked() -> None:
    r = _offices({"id": "valdorian-foreign-office", "type": "org", "name": "Foreign Office of Valdoria",
                  "weak_aliases": ["Foreign Office"], "country": "valdoria"})
    text = "The Foreign Office said Kestria and Valdoria would meet."  # no country leads
    assert [e for t, e in _spans(r, text) if t == "Foreign Office"] == []


def test_a_persons_weak_name_needs_more_than_a_country_named() -> None:
    text = "Greve said Kestria would send an envoy to Brindlemoor and Valdoria."
    assert ("Greve", "tamsin-greve") not in _spans(_offices(), text)


# -- translated and inflected names --------------------------------------------------------------

def test_names_in_other_languages_with_articles_and_elision(resolver: Resolver) -> None:
    assert _spans(resolver, "Selon l'Garde valdorienne et la Garde valdorienne") == [
        ("Garde valdorienne", "valdorian-guard"), ("Garde valdorienne", "valdorian-guard")]
    assert _spans(resolver, "Truppen der Valdorische Garde") == [("Valdorische Garde", "valdorian-guard")]


# -- an ambiguous name that is one entity's own name and another's weak alias ---------------------

_COUNCILS: list[dict[str, Any]] = [
    {"id": "concord-council", "type": "org", "name": "Concord Council of Valdoria",
     "weak_aliases": ["Unity Council"]},
    {"id": "unity-council", "type": "org", "name": "Unity Council"},
    {"id": "maren-oster", "type": "person", "name": "Maren Oster", "affiliations": ["concord-council"]},
    {"id": "tobin-vale", "type": "person", "name": "Tobin Vale", "affiliations": ["unity-council"]},
]


@pytest.fixture(scope="module")
def councils() -> Resolver:
    return Resolver(Gazetteer.from_records(_COUNCILS, ambiguous=["Unity Council"]))


def test_split_evidence_goes_to_the_entity_whose_own_name_it_is(councils: Resolver) -> None:
    both = "Tobin Vale and Maren Oster met. The Unity Council said it would meet again."
    assert ("Unity Council", "unity-council") in _spans(councils, both)


def test_evidence_for_one_holder_alone_still_decides(councils: Resolver) -> None:
    # the weak holder, when the document points at it only; nothing without any evidence
    assert ("Unity Council", "concord-council") in _spans(councils, "Maren Oster said the Unity Council would meet.")
    assert ("Unity Council", "unity-council") in _spans(councils, "Tobin Vale said the Unity Council would meet.")
    assert not [s for s in _spans(councils, "The Unity Council would meet.") if s[0] == "Unity Council"]


# -- a person's name in a title-case line (captions, credits) --------------------------------------

@pytest.fixture(scope="module")
def jordan() -> Resolver:
    # an invented country whose name is a real given name (the shipped first-name list has it)
    return Resolver(Gazetteer.from_records([
        {"id": "jordan-land", "type": "country", "name": "Jordan"},
        {"id": "quesk", "type": "place", "name": "Quesk"},
    ]))


@pytest.mark.parametrize("line", [
    "Quesk company CEO Jordan Tamsworth",          # a caption, after a title
    "Reporting by Ana Vell; Editing by Jordan Tamsworth",  # a credit line
    "Photograph by Jordan Tamsworth",              # a photo credit
])
def test_a_given_name_and_unknown_surname_in_a_title_case_line_is_a_person(jordan: Resolver, line: str) -> None:
    text = "Jordan signed the deal in Quesk on Monday.\n\n" + line
    assert _spans(jordan, text) == [("Jordan", "jordan-land"), ("Quesk", "quesk")] + \
        [("Quesk", "quesk") for _ in range(line.count("Quesk"))]


def test_a_place_that_begins_a_headline_stays_a_place(jordan: Resolver) -> None:
    assert ("Jordan", "jordan-land") in _spans(jordan, "Jordan Tamsworth Crossing Reopens After Floods")
    assert ("Jordan", "jordan-land") in _spans(jordan, "Jordan Oil Chief Says Output Will Resume")


# -- a preposition that is also a name particle, before a listed name -----------------------------

@pytest.fixture(scope="module")
def concilio() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "unity-council", "type": "org", "name": "Valdorian Unity Council",
         "weak_aliases": ["Consiglio di unità", "Consejo de Unidad"]},
        {"id": "maren-oster", "type": "person", "name": "Maren Oster", "affiliations": ["unity-council"]},
    ]))


@pytest.mark.parametrize("text", [
    "Il Ministro degli Affari del Consiglio di unità, Maren Oster, ha parlato ieri.",
    "Maren Oster del Consiglio di unità ha parlato ieri.",
    "El ministro de Asuntos del Consejo de Unidad, Maren Oster, habló ayer.",
])
def test_a_run_stops_before_a_listed_name_after_del(concilio: Resolver, text: str) -> None:
    spans = _spans(concilio, text)
    assert ("Maren Oster", "maren-oster") in spans
    assert [e for _, e in spans].count("unity-council") == 1
    assert all(s in ("Maren Oster", "Consiglio di unità", "Consejo de Unidad") for s, _ in spans)


# -- a body named by its short name beside the one it is part of ----------------------------------

@pytest.fixture(scope="module")
def league() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "league", "type": "org", "name": "League of Valdorian States", "aliases": ["LVS"]},
        {"id": "league-assembly", "type": "org", "name": "Assembly of the League of Valdorian States",
         "weak_aliases": ["Standing Assembly"], "part_of": "league"},
    ]))


def test_an_organ_s_short_name_is_linked_beside_its_parent(league: Resolver) -> None:
    assert ("Standing Assembly", "league-assembly") in _spans(
        league, "The LVS envoy told the Standing Assembly that talks would resume.")


def test_an_organ_s_short_name_alone_needs_its_parent(league: Resolver) -> None:
    assert _spans(league, "The Standing Assembly met on Monday.") == []


# -- German compass compounds ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def valdorien() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "valdoria", "type": "country", "name": "Valdoria", "aliases": ["Valdorien"]},
        {"id": "north-valdoria", "type": "country", "name": "North Valdoria", "aliases": ["Nordvaldorien"]},
        {"id": "brindlemoor", "type": "place", "name": "Brindlemoor", "aliases": ["Brindel"]},
    ]))


def test_a_compass_compound_of_a_country_is_the_country_in_german(valdorien: Resolver) -> None:
    text = "Die Truppen in Ostvaldorien und die Regierung in Nordvaldorien sind sich nicht einig, auch der Westbrindel nicht."
    assert _spans(valdorien, text) == [("Ostvaldorien", "valdoria"), ("Nordvaldorien", "north-valdoria")]


def test_compass_compounds_are_not_read_outside_german(valdorien: Resolver) -> None:
    assert _spans(valdorien, "Troops in Ostvaldorien said the talks had failed.") == []


def test_a_weak_name_after_an_indefinite_article_is_a_common_noun(resolver: Resolver) -> None:
    about = "Dorvan Kessel spoke in Brindlemoor, Valdoria, on Monday. "
    assert ("House of Delegates", "house-of-delegates-valdoria") in _spans(resolver, about + "The House of Delegates met.")
    for phrase in ("a house of delegates", "another house of delegates", "a new house of delegates"):
        spans = _spans(resolver, about + f"He wants {phrase} to be elected.")
        assert all(e != "house-of-delegates-valdoria" for _, e in spans), (phrase, spans)


def _based_resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([
        *_RECORDS,
        {"id": "tarn-council", "type": "org", "name": "Council of Tarns",
         "aliases": ["Brindlemoor-based Council of Tarns", "Brindlemoor-based assembly"], "country": "valdoria"},
    ]))


def test_a_listed_name_saying_where_a_body_is_based_is_the_place_and_the_body() -> None:
    got = [(m.text, m.entity.id) for m in _based_resolver().annotate("The Brindlemoor-based Council of Tarns met.")]
    assert got == [("Brindlemoor", "brindlemoor"), ("Council of Tarns", "tarn-council")]


def test_without_a_name_of_its_own_after_it_the_based_name_stays_whole() -> None:
    got = [(m.text, m.entity.id) for m in _based_resolver().annotate("The Brindlemoor-based assembly met.")]
    assert got == [("Brindlemoor-based assembly", "tarn-council")]


def test_a_word_alone_that_names_a_person_of_the_text_is_not_the_place(resolver: Resolver) -> None:
    text = "Marcus Kestria scored twice on Sunday. Kestria had a quiet season before that."
    assert [m for m in resolver.annotate(text) if m.entity.id == "kestria"] == []
    # without the person, the country is found
    got = resolver.annotate("Kestria had a quiet season before that.")
    assert [m.entity.id for m in got] == ["kestria"]


def test_a_place_word_in_front_is_no_given_name(resolver: Resolver) -> None:
    # "Wadi" is a given name in some lists, but in "Wadi Brindlemoor" it is a valley
    text = "Water gushed down Wadi Brindlemoor. The flood hit Brindlemoor on Monday."
    assert [m.text for m in resolver.annotate(text) if m.entity.id == "brindlemoor"] == ["Brindlemoor"]


def test_a_given_name_alone_that_names_a_person_of_the_body_is_not_the_place() -> None:
    r = Resolver(Gazetteer.from_records([*_RECORDS, {"id": "madison-land", "type": "country", "name": "Madison"}]))
    text = "Madison Tarkwell won in Quesk on Sunday. Madison had a quiet season before that."
    assert [m.entity.id for m in r.annotate(text)] == ["quesk"]
    # named only in a credit line, the person does not make the country a given name elsewhere
    text = "Madison signed the deal in Quesk on Monday.\n\nPhotograph by Madison Tarkwell"
    assert [m.entity.id for m in r.annotate(text)][:1] == ["madison-land"]


def test_an_acronym_in_lower_case_is_a_word() -> None:
    r = Resolver(Gazetteer.from_records([*_RECORDS, {"id": "tarn-assembly", "type": "org",
                                                     "name": "Marine Assembly of Tarns", "aliases": ["MAR"]}]))
    got = [(m.text, m.entity.id) for m in r.annotate("El MAR votó el lunes; el mar estaba en calma. El Mar se reunió.")]
    assert got == [("MAR", "tarn-assembly"), ("Mar", "tarn-assembly")]


@pytest.mark.parametrize("text", ["The envoy met Tarek al Vessan on Monday.",
                                  "Estará acompañado por Tarek al Vessan y Omar Qiblan Dorsi, cada uno."])
def test_a_person_named_in_another_spelling_through_a_weak_surname_with_its_article(text: str) -> None:
    r = Resolver(Gazetteer.from_records([*_RECORDS, {"id": "tarik", "type": "person", "name": "Tarik al-Vessan",
                                                     "weak_aliases": ["al-Vessan"]}]))
    assert [(m.text, m.entity.id) for m in r.annotate(text)] == [("Tarek al Vessan", "tarik")]


def _agency_resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([*_RECORDS, {"id": "vpa", "type": "org", "name": "Valdorian Press Agency",
                                                        "weak_aliases": ["VPA"]}]))


@pytest.mark.parametrize("text", [
    "QUESK (VPA) — The talks ended on Monday.",
    "BRINDLEMOOR, Valdoria (VPA) - The talks ended.",
    "The minister arrived in Quesk./ Photo: VPA / VPA",
    "The talks ended.\nSOURCE:VPA",
    "Dorvan Kessel arrives in Quesk (VPA)\nThe talks ended.",
])
def test_a_weak_name_in_a_credit_position_is_the_agency(text: str) -> None:
    assert "vpa" in [m.entity.id for m in _agency_resolver().annotate(text)]


@pytest.mark.parametrize("text", ["He said the VPA was wrong.", "The (VPA) report came late.",
                                  "QUESK (vpa) — lower case is no credit."])
def test_a_weak_name_elsewhere_needs_evidence(text: str) -> None:
    assert "vpa" not in [m.entity.id for m in _agency_resolver().annotate(text)]


def test_a_listed_name_then_a_persons_name_beside_it_are_two_mentions() -> None:
    r = Resolver(Gazetteer.from_records([*_RECORDS, {"id": "hassan", "type": "person", "name": "Hassan al-Vessan",
                                                     "weak_aliases": ["al-Vessan"]}]))
    got = [(m.text, m.entity.id) for m in r.annotate("Head of the Valdorian Guard Hasan al Vessan warned them.")]
    assert got == [("Valdorian Guard", "valdorian-guard"), ("Hasan al Vessan", "hassan")]


def test_a_listed_facility_and_the_kind_of_facility_after_it_are_one_mention() -> None:
    r = Resolver(Gazetteer.from_records([*_RECORDS, {"id": "tarn-base", "type": "facility", "name": "Tarnwick Air Base",
                                                     "aliases": ["Tarnwick"]}]))
    assert [(m.text, m.entity.id) for m in r.annotate("He landed at Tarnwick International Airport.")] == [
        ("Tarnwick International Airport", "tarn-base")]
    # a place at the head of an institution it does not name is still no mention
    assert r.annotate("He studied at Quesk University last year.") == []


def test_a_given_name_alone_is_not_a_spelling_of_a_place() -> None:
    # "Gina" is one letter from the invented country "Ginaa": a person in running text, unless
    # the document names the country itself.
    r = Resolver(Gazetteer.from_records([{"id": "c-ginaa", "type": "country", "name": "Ginaa"}]))
    assert r.resolve("Gina") is not None  # as a lookup, a near spelling
    assert r.annotate("Gina said the talks would resume on Monday.") == []
    found = r.annotate("Ginaa sent envoys. Gina said the talks would resume.")
    assert [m.text for m in found] == ["Ginaa", "Gina"]


def test_a_place_and_the_kind_of_its_listed_facility_are_the_facility() -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:val", "type": "country", "name": "Valdoria"},
        {"id": "t:bri", "type": "place", "name": "Al-Brindle", "country": "c:val"},
        {"id": "t:que", "type": "place", "name": "Quesk", "country": "c:val"},
        {"id": "f:bri", "type": "facility", "name": "Brindle Air Base", "country": "c:val"},
        {"id": "f:que", "type": "facility", "name": "Port of Quesk", "country": "c:val"},
    ]))
    assert _spans(r, "Troops left the Al-Brindle base in Valdoria.") == [
        ("Al-Brindle base", "f:bri"), ("Valdoria", "c:val")]
    assert _spans(r, "Ships docked at Quesk port.") == [("Quesk port", "f:que")]
    # a kind the place has no listed facility of: the place alone
    assert _spans(r, "Ships docked at the Al-Brindle port.") == [("Al-Brindle", "t:bri")]


def test_a_given_name_alone_after_the_full_name_is_that_person(resolver: Resolver) -> None:
    text = "Dorvan Kessel arrived in Quesk on Monday. On Tuesday, Dorvan met the envoy."
    assert ("Dorvan", "dorvan-kessel") in _spans(resolver, text)


@pytest.mark.parametrize("text", [
    # before the full name: nothing says who
    "On Tuesday, Dorvan met the envoy. Dorvan Kessel arrived in Quesk later.",
    # another person of that given name in the text
    "Dorvan Kessel and Dorvan Tamsworth arrived in Quesk. On Tuesday, Dorvan met the envoy.",
    # never named in full
    "Kessel arrived in Quesk. On Tuesday, Dorvan met the envoy.",
])
def test_a_given_name_alone_is_no_one_without_one_full_name_before_it(resolver: Resolver, text: str) -> None:
    assert ("Dorvan", "dorvan-kessel") not in _spans(resolver, text)
