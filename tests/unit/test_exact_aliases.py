"""Exact aliases: names that answer only a query that is the name itself, never a near spelling."""

from __future__ import annotations

from pathlib import Path

import pytest

from namenorm import Gazetteer, GazetteerError, Resolver

_RECORDS = [
    {"id": "c:vel", "type": "country", "name": "Velmaria", "exact_aliases": ["Belanda"]},
    {"id": "p:bel", "type": "person", "name": "Belinda Torvask"},
]


def test_an_exact_alias_answers_itself_only() -> None:
    r = Resolver(Gazetteer.from_records(_RECORDS))
    for query in ("Belanda", "BELANDA", "belanda"):
        m = r.resolve(query)
        assert m is not None and m.entity.id == "c:vel" and m.score == 1.0, query
    # a near spelling of it, or a word near it, is not the entity
    for query in ("Belandaa", "Belinda", "Bellanda"):
        m = r.resolve(query)
        assert m is None or m.entity.id != "c:vel", query
    # as a strong name would be, it is found in running text as it is
    assert [(m.text, m.entity.id) for m in r.annotate("Relations with Belanda improved.")] == [("Belanda", "c:vel")]


def test_the_same_name_as_a_plain_alias_is_reached_by_near_spellings() -> None:
    r = Resolver(Gazetteer.from_records([{**_RECORDS[0], "exact_aliases": [], "aliases": ["Belanda"]}]))
    m = r.resolve("Bellanda")
    assert m is not None and m.entity.id == "c:vel"


def test_exact_aliases_load_from_toml_and_names_blocks_and_survive_a_saved_index(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[entity]]\nid = "velmaria"\ntype = "country"\nname = "Velmaria"\nexact_aliases = ["Belanda"]\n'
        '\n[[names]]\nid = "velmaria"\nexact_aliases = ["Welmarja"]\n', encoding="utf-8")
    gaz = Gazetteer.load(tmp_path / "a.toml")
    assert gaz["velmaria"].exact_aliases == ("Belanda", "Welmarja")
    r = Resolver(gaz)
    r.save(tmp_path / "index.nn")
    loaded = Resolver.load(tmp_path / "index.nn")
    for query in ("Belanda", "Welmarja", "Belandaa"):
        a, b = r.resolve(query), loaded.resolve(query)
        assert (a and a.entity.id) == (b and b.entity.id), query
    assert loaded.gazetteer["velmaria"].exact_aliases == ("Belanda", "Welmarja")


def test_an_exact_alias_that_is_not_a_list_of_names_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        '[[entity]]\nid = "velmaria"\ntype = "country"\nname = "Velmaria"\nexact_aliases = "Belanda"\n',
        encoding="utf-8")
    with pytest.raises(GazetteerError, match="exact_aliases"):
        Gazetteer.load(tmp_path / "a.toml")
