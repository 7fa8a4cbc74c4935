"""A place's name followed by a comma and the country or region it lies in."""

from __future__ import annotations

import pytest

from namenorm import Gazetteer, Resolver


def _resolver() -> Resolver:
    return Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia"},
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        {"id": "r:nor", "type": "region", "name": "Northland", "country": "c:fre"},
        {"id": "r:sou", "type": "region", "name": "Southmark", "country": "c:fre"},
        # two towns share a name, in two regions of one country
        {"id": "t:sp1", "type": "city", "name": "Springvale", "part_of": "r:nor", "country": "c:fre"},
        {"id": "t:sp2", "type": "city", "name": "Springvale", "part_of": "r:sou", "country": "c:fre"},
        {"id": "t:ost", "type": "city", "name": "Ostrava Nova", "country": "c:syl"},
        {"id": "t:kel", "type": "city", "name": "Kelmarsh", "part_of": "r:nor"},
        {"id": "p:kes", "type": "person", "name": "Ada Kestrel", "aliases": ["KESTREL, Ada"]},
        {"id": "o:nor", "type": "org", "name": "Northland Trading"},
    ]))


@pytest.mark.parametrize(("query", "expected"), [
    ("Springvale, Northland", "t:sp1"),
    ("Springvale, Southmark", "t:sp2"),
    ("Ostrava Nova, Sylvania", "t:ost"),
    ("Ostrava Novaa, Sylvania", "t:ost"),   # a near spelling of the head, as it resolves alone
    ("Kelmarsh, Freedonia", "t:kel"),       # through the region it is part of
    ("Kelmarsh, Northland", "t:kel"),
])
def test_the_qualifier_picks_the_place_that_lies_in_it(query: str, expected: str) -> None:
    m = _resolver().resolve(query)
    assert m is not None and m.entity.id == expected, query


@pytest.mark.parametrize("query", [
    "Springvale",                  # two places of that name and nothing to tell them apart
    "Springvale, Freedonia",       # both lie in Freedonia
    "Ostrava Nova, Freedonia",     # it lies elsewhere
    "Springvale, Sylvania",
    "Springvale, Northland Trading",  # a qualifier that is no place
    "Springvale, Nowhere",
])
def test_no_answer_when_the_qualifier_does_not_settle_it(query: str) -> None:
    assert _resolver().resolve(query) is None, query


def test_a_persons_surname_first_form_is_untouched() -> None:
    m = _resolver().resolve("KESTREL, Ada")
    assert m is not None and m.entity.id == "p:kes"
    assert _resolver().resolve("KESTREL, Northland") is None


def test_the_reason_says_where() -> None:
    m = _resolver().resolve("Springvale, Northland")
    assert m is not None and m.reason.endswith("in Northland")


def test_on_the_bundled_gazetteer() -> None:
    r = Resolver()
    for query, eid in [("Benghazi, Libya", "benghazi"), ("Misrata, Libya", "misrata")]:
        m = r.resolve(query)
        assert m is not None and m.entity.id == eid, query
    assert r.resolve("Benghazi, Egypt") is None


def _countries_and_bodies() -> Resolver:
    records = [
        {"id": "c:fre", "type": "country", "name": "Freedonia"},
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        {"id": "o:gcu", "type": "org", "name": "Government of Concord and Unity", "country": "c:fre"},
        {"id": "t:ost", "type": "city", "name": "Ostrava Nova", "country": "c:syl"},
        {"id": "o:kra", "type": "org", "name": "Kelmar Relief and Works Agency"},
    ]
    # bodies named after their countries, so that a country's name says little among these names
    for i, word in enumerate(["Telecom", "Airways", "Post", "Railways", "Broadcasting", "Petroleum", "Mining"]):
        records.append({"id": f"o:s{i}", "type": "org", "name": f"Sylvania {word}", "country": "c:syl"})
        records.append({"id": f"o:f{i}", "type": "org", "name": f"Freedonia {word}", "country": "c:fre"})
    return Resolver(Gazetteer.from_records(records))


@pytest.mark.parametrize(("query", "expected"), [
    ("Government of Concord and Unity of Freedonia", "o:gcu"),  # its own country
    ("Government of Concord and Unity of Sylvania", None),  # the same name of another country's
    ("Ostrava Nova of Sylvania", "t:ost"),
    ("Ostrava Nova of Freedonia", None),
    ("Kelmar Relief and Works Agency of Sylvania", "o:kra"),  # a body of no country: its office there
    # the country's name alone after the name
    ("Government of Concord and Unity Freedonia", "o:gcu"),
    ("Government of Concord and Unity Sylvania", None),
    ("Ostrava Nova Freedonia", None),
    ("Ostrava Nova Sylvania", "t:ost"),
    ("Kelmar Relief and Works Agency Sylvania", "o:kra"),
])
def test_a_name_of_another_country_is_another_entity(query: str, expected: str | None) -> None:
    m = _countries_and_bodies().resolve(query)
    assert (m.entity.id if m else None) == expected


def test_a_country_in_the_listed_name_is_the_name() -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia"},
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        {"id": "o:emb", "type": "org", "name": "Embassy of Sylvania in Freedonia", "country": "c:syl"},
    ]))
    m = r.resolve("Embasy of Sylvania in Freedonia")
    assert m is not None and m.entity.id == "o:emb"


def test_one_edit_from_a_short_place_name_is_no_answer() -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia"},
        {"id": "t:brv", "type": "city", "name": "Brevo", "country": "c:fre"},
        {"id": "t:kel", "type": "city", "name": "Kelmarsh", "country": "c:fre"},
        {"id": "t:ost", "type": "city", "name": "Ostrava", "country": "c:fre"},
        {"id": "p:brv", "type": "person", "name": "Tamsin Brevo"},
    ]))
    # five letters, one of them another: as often another place of the world as this one
    for query in ("Trevo", "Brego", "Brevt"):
        assert r.resolve(query) is None, query
    assert r.resolve("Brevo").entity.id == "t:brv"  # type: ignore[union-attr]
    # longer names keep their one-edit spellings
    for query, expected in (("Kelwarsh", "t:kel"), ("Kelmarsk", "t:kel"), ("Ostrada", "t:ost")):
        m = r.resolve(query)
        assert m is not None and m.entity.id == expected, query


def test_a_country_after_a_persons_name_is_a_surname() -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:fre", "type": "country", "name": "Freedonia"},
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        {"id": "p:mv", "type": "person", "name": "Marek Sylvania", "country": "c:fre"},
    ]))
    m = r.resolve("Marrek Sylvania")
    assert m is not None and m.entity.id == "p:mv"


@pytest.mark.parametrize("query", ["Ostrava Nova Ltd", "Ostrava Nova GmbH", "Ostrava Nova LLC",
                                   "Tamsin Brevo Ltd"])
def test_a_legal_form_makes_a_company_not_the_place_or_person(query: str) -> None:
    r = Resolver(Gazetteer.from_records([
        {"id": "c:syl", "type": "country", "name": "Sylvania"},
        {"id": "t:ost", "type": "city", "name": "Ostrava Nova", "country": "c:syl"},
        {"id": "p:brv", "type": "person", "name": "Tamsin Brevo"},
        {"id": "o:ost", "type": "company", "name": "Ostrava Mining Ltd"},
    ]))
    assert r.resolve(query) is None
    # a company's own legal form is still a spelling of the company's name
    m = r.resolve("Ostrava Mining Limited")
    assert m is not None and m.entity.id == "o:ost"
