"""The gazetteer model, its loaders and its validator."""

from __future__ import annotations

import pickle
import re
from pathlib import Path

import pytest

from namenorm import Entity, Gazetteer, GazetteerError, NamenormError, check_gazetteer
from namenorm.gazetteer import clear_default_cache, default_data_path, type_family

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.toml"))
_EXPECT = re.compile(r"^# expect: (\d+): (.+)$")


def _expectation(path: Path) -> tuple[int, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    m = _EXPECT.match(first)
    assert m, f"{path.name} has no '# expect: LINE: TEXT' header"
    return int(m.group(1)), m.group(2)


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_fails_with_file_and_line(path: Path) -> None:
    line, text = _expectation(path)
    with pytest.raises(GazetteerError) as info:
        Gazetteer.load(path)
    err = info.value
    assert err.path == str(path)
    assert err.line == line, str(err)
    assert text in str(err)
    assert str(err).startswith(f"{path}:{line}: ")


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_checker_reports_the_same_problem(path: Path) -> None:
    line, text = _expectation(path)
    problems = check_gazetteer(path)
    assert problems
    assert any(p.line == line and text in str(p) for p in problems), [str(p) for p in problems]


def test_every_validator_rule_has_a_fixture() -> None:
    assert len(BROKEN) >= 20


def test_gazetteer_error_is_a_namenorm_error() -> None:
    assert issubclass(GazetteerError, NamenormError)


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such file"):
        Gazetteer.load(tmp_path / "nope.toml")
    with pytest.raises(GazetteerError, match=r"no \*\.toml files"):
        Gazetteer.load(tmp_path)


def test_declared_ambiguous_alias_loads() -> None:
    g = Gazetteer.load(FIXTURES / "good" / "shared_alias_declared.toml")
    assert len(g) == 2
    assert "gaddafi" in g.ambiguous


def test_user_file_merged_with_default_may_link_to_it() -> None:
    path = FIXTURES / "good" / "user_places.toml"
    with pytest.raises(GazetteerError, match="unknown id 'libya'"):
        Gazetteer.load(path)
    g = Gazetteer.load(path, merge_default=True)
    assert "wadi-zamzam" in g and "libya" in g
    assert len(g) == len(Gazetteer.default()) + 1
    assert check_gazetteer(path, with_default=True) == []


def test_merge_replaces_default_entity_with_same_id(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text('[[entity]]\nid = "libya"\ntype = "country"\nname = "State of Libya"\n'
                 'aliases = ["Libyen"]\n', encoding="utf-8")
    g = Gazetteer.load(f, merge_default=True)
    assert g["libya"].name == "State of Libya"
    assert len(g) == len(Gazetteer.default())


def test_from_records() -> None:
    g = Gazetteer.from_records([
        {"id": "khalifa-haftar", "type": "person", "name": "Khalifa Haftar",
         "aliases": ["Khalifa Hifter"], "weak_aliases": ["Haftar"], "country": "libya"},
        {"id": "libya", "type": "country", "name": "Libya"},
    ])
    ent = g["khalifa-haftar"]
    assert isinstance(ent, Entity)
    assert ent.aliases == ("Khalifa Hifter",)
    assert [e.id for e in g] == ["khalifa-haftar", "libya"]


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"type": "person", "name": "A"}, "missing required key 'id'"),
        ({"id": "a", "type": "person", "name": 5}, "name must be a string"),
        ({"id": "a", "type": "person", "name": "A", "aliases": [1]}, "aliases must be a list"),
        ({"id": "", "type": "person", "name": "A"}, "must be a non-empty string"),
        ({"id": "a", "type": "", "name": "A"}, "must be a non-empty string"),
        ({"id": "a", "type": "person", "name": "A", "colour": "red"}, "unknown key 'colour'"),
        ("not a mapping", "must be a mapping"),
    ],
)
def test_bad_records_raise_gazetteer_error(record: object, message: str) -> None:
    with pytest.raises(GazetteerError, match=message) as info:
        Gazetteer.from_records([{"id": "ok", "type": "place", "name": "Ok"}, record])  # type: ignore[list-item]
    assert "record 1" in str(info.value)


def test_shared_names_in_records_are_ambiguous_by_default() -> None:
    records = [{"id": "springfield-il", "type": "place", "name": "Springfield"},
               {"id": "springfield-ma", "type": "place", "name": "Springfield"}]
    g = Gazetteer.from_records(records)
    assert g.ambiguous == {"springfield"}
    with pytest.raises(GazetteerError, match="also a name of"):
        Gazetteer.from_records(records, shared_aliases="error")


def test_records_keep_their_ids_and_types() -> None:
    g = Gazetteer.from_records([
        {"id": "ofac:10000", "type": "Individual", "name": "Jane Roe"},
        {"id": "geonames:10002798", "type": "city", "name": "Zorgton"},
        {"id": "Q42", "type": "vessel", "name": "Sea Lark"},
        {"id": "x y", "type": "planet", "name": "Vulcan"},
    ])
    assert [e.id for e in g] == ["ofac:10000", "geonames:10002798", "Q42", "x y"]
    assert [e.family for e in g] == ["person", "place", "vessel", "other"]
    assert g["Q42"].type == "vessel"


@pytest.mark.parametrize(("type_name", "family"), [
    ("person", "person"), ("INDIVIDUAL", "person"), ("legal_entity", "org"), ("Company", "org"),
    ("org", "org"), ("country", "place"), ("Populated Place", "place"), ("ship", "vessel"),
    ("aircraft", "aircraft"), ("event", "other"), ("asteroid", "other"),
])
def test_type_families(type_name: str, family: str) -> None:
    assert type_family(type_name) == family


def test_curated_toml_keeps_the_house_style(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text('[[entity]]\nid = "ofac:1"\ntype = "person"\nname = "A B"\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="not a slug"):
        Gazetteer.load(f)
    f.write_text('[[entity]]\nid = "sea-lark"\ntype = "vessel"\nname = "Sea Lark"\n', encoding="utf-8")
    assert Gazetteer.load(f)["sea-lark"].family == "vessel"


def test_csv_list(tmp_path: Path) -> None:
    f = tmp_path / "list.csv"
    f.write_text("id,type,name,aliases,programme\n"
                 "ofac:1,individual,Jane Roe,Jane R. Roe|Джейн Роу,SDGT\n"
                 "ofac:2,entity,Acme Trading LLC,,SDGT\n"
                 "\n"
                 "ofac:3,entity,Acme Trading LLC,ACME TRADING,IRAN\n", encoding="utf-8")
    g = Gazetteer.load(f)
    assert g["ofac:1"].aliases == ("Jane R. Roe", "Джейн Роу")
    assert g["ofac:1"].source == f"{f}:2"
    assert "acme trading llc" in g.ambiguous  # shared by two records: ambiguous, not an error


def test_csv_errors_name_file_and_line(tmp_path: Path) -> None:
    f = tmp_path / "list.csv"
    f.write_text("id,name\n1,A\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="lacks column.*'type'") as info:
        Gazetteer.load(f)
    assert info.value.line == 1
    f.write_text("id,type,name\n1,person,A\n2,person,\n", encoding="utf-8")
    with pytest.raises(GazetteerError, match="missing required key 'name'") as info:
        Gazetteer.load(f)
    assert (info.value.path, info.value.line) == (str(f), 3)


def test_jsonl_list(tmp_path: Path) -> None:
    f = tmp_path / "list.jsonl"
    f.write_text('{"id": "Q1", "type": "company", "name": "Acme GmbH", "aliases": ["Acme"], "extra": 1}\n'
                 '\n'
                 '{"id": "Q2", "type": "person", "name": "Ann Lee"}\n', encoding="utf-8")
    g = Gazetteer.load(f)
    assert [e.id for e in g] == ["Q1", "Q2"]
    f.write_text('{"id": "Q1", "type": "company", "name": "Acme"}\n{"id": "Q2",\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="invalid JSON") as info:
        Gazetteer.load(f)
    assert info.value.line == 2


def test_names_blocks_extend_entities(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('[[entity]]\nid = "zorgland"\ntype = "country"\nname = "Zorgland"\n'
                                     'provenance = "invented"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[meta]\ntitle = "generated"\n\n[[names]]\nid = "zorgland"\n'
                                     'aliases = ["Zorgland", "Зоргландия"]\nweak_aliases = ["Zorg"]\n'
                                     'provenance = "generated"\n', encoding="utf-8")
    g = Gazetteer.load(tmp_path)
    ent = g["zorgland"]
    assert ent.aliases == ("Зоргландия",)  # a name already there is not added twice
    assert ent.weak_aliases == ("Zorg",)
    assert ent.provenance == "invented; generated"
    (tmp_path / "c.toml").write_text('\n[[names]]\nid = "nowhere"\naliases = ["X"]\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="unknown id 'nowhere'") as info:
        Gazetteer.load(tmp_path)
    assert info.value.line == 2
    assert [str(e) for e in check_gazetteer(tmp_path)] == [str(info.value)]


def test_names_blocks_extend_the_default(tmp_path: Path) -> None:
    f = tmp_path / "more.toml"
    f.write_text('[[names]]\nid = "libya"\naliases = ["Zorglibya"]\n', encoding="utf-8")
    with pytest.raises(GazetteerError, match="unknown id"):
        Gazetteer.load(f)
    g = Gazetteer.load(f, merge_default=True)
    assert "Zorglibya" in g["libya"].aliases
    assert check_gazetteer(f, with_default=True) == []


def test_entities_are_frozen() -> None:
    ent = Gazetteer.default()["libya"]
    with pytest.raises(AttributeError):
        ent.name = "x"  # type: ignore[misc]


def test_default_is_cached_and_thread_safe() -> None:
    from tests.concurrency import in_threads

    clear_default_cache()
    got = in_threads(Gazetteer.default)
    assert len(got) == 8 and all(g is got[0] for g in got)
    assert Gazetteer.default() is got[0]


def test_default_passes_its_own_checker() -> None:
    assert check_gazetteer(default_data_path()) == []


def test_pickle_round_trip() -> None:
    g = Gazetteer.default()
    g2 = pickle.loads(pickle.dumps(g))
    assert g2 == g
    assert g2["libya"] == g["libya"]
