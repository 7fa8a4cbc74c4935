"""The bulk paths of building (plain records column by column, token keys in few passes) give
what the record-by-record and token-by-token paths give."""

from __future__ import annotations

import pytest

from namenorm import Entity, Gazetteer
from namenorm.errors import GazetteerError
from namenorm.gazetteer import _plain_columns

PLAIN = [
    {"id": "geo:1", "type": "city", "name": "Springfield", "aliases": ["Springfeld", "SPRINGFIELD"]},
    {"id": "geo:2", "type": "city", "name": "Springfield", "aliases": ("Spring Field",)},
    {"id": "geo:3", "type": "town", "name": "Zürich"},
    {"id": "geo:4", "type": "place", "name": "Al-Bayda", "aliases": ["al Bayda", "Beida"]},
]


def _by_init(records: list[dict[str, object]]) -> list[Entity]:
    return [Entity(id=r["id"], type=r["type"], name=r["name"], aliases=tuple(r.get("aliases", ())),
                   source=f"record {i}") for i, r in enumerate(records)]  # type: ignore[arg-type]


def test_plain_records_make_the_same_entities() -> None:
    assert _plain_columns(PLAIN) is not None
    gaz = Gazetteer.from_records(PLAIN)
    want = _by_init(PLAIN)
    assert list(gaz) == want
    assert [e.source for e in gaz] == [e.source for e in want]
    assert all(type(e.aliases) is tuple for e in gaz)
    assert gaz.ambiguous == frozenset({"springfield"})
    assert gaz == Gazetteer(want, shared_aliases="ambiguous")
    assert gaz._take_normal_forms() == Gazetteer(want, shared_aliases="ambiguous")._take_normal_forms()


def test_a_generator_of_records_is_read_once() -> None:
    assert list(Gazetteer.from_records(r for r in PLAIN)) == _by_init(PLAIN)


def test_mixed_records_take_the_record_path() -> None:
    recs = [*PLAIN, {"id": "geo:5", "type": "city", "name": "Bern", "wikidata": "Q70"}]
    assert _plain_columns(recs) is None
    gaz = Gazetteer.from_records(recs)
    assert list(gaz)[:4] == _by_init(PLAIN)
    assert gaz["geo:5"].wikidata == "Q70"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"id": "", "type": "city", "name": "X"}, "record 1: id"),
        ({"id": "a", "type": " ", "name": "X"}, "record 1: type"),
        ({"id": "a", "type": "city", "name": "!!"}, "record 1: name is empty"),
        ({"id": "a", "type": "city", "name": "X", "aliases": ["ok", "--"]}, "record 1: aliases entry"),
        ({"id": "a", "type": "city", "name": "X", "aliases": [3]}, "record 1: aliases must be"),
        ({"id": "a", "type": "city"}, "record 1: missing required key 'name'"),
    ],
)
def test_the_first_bad_record_is_reported(bad: dict[str, object], message: str) -> None:
    recs = [PLAIN[0], bad, {"id": "z", "type": "", "name": "later"}]
    with pytest.raises(GazetteerError, match=message):
        Gazetteer.from_records(recs)


def test_a_repeated_id_is_reported() -> None:
    with pytest.raises(GazetteerError, match="duplicate id 'geo:1'"):
        Gazetteer.from_records([*PLAIN, {"id": "geo:1", "type": "city", "name": "Other"}])


def test_shared_names_are_errors_when_asked() -> None:
    with pytest.raises(GazetteerError, match="is also a name of 'geo:1'"):
        Gazetteer.from_records(PLAIN, shared_aliases="error")
    gaz = Gazetteer.from_records(PLAIN, shared_aliases="error", ambiguous=["Springfield"])
    assert gaz.ambiguous == frozenset({"springfield"})


def test_a_name_repeated_within_one_entity_is_not_shared() -> None:
    recs = [{"id": "a", "type": "city", "name": "Gaza", "aliases": ["GAZA", "Ghazza"]},
            {"id": "b", "type": "city", "name": "Ghaza"}]
    assert Gazetteer.from_records(recs, shared_aliases="error").ambiguous == frozenset()


def test_bulk_keys_are_the_keys_one_by_one() -> None:
    import random

    from namenorm.index import token_keys
    from namenorm.keys import loose_key, loose_keys, skeleton, skeletons, translit_key, translit_keys

    rng = random.Random(12)
    letters = "abcdefghijklmnopqrstuvwxyz0123456789"
    common = "aeiouyhcsgkdtzjwxqpvrl"  # the letters the rules read, more often
    for _ in range(200):
        words = ["".join(rng.choice(common if rng.random() < 0.7 else letters) for _ in range(rng.randint(0, 14)))
                 for _ in range(rng.randint(0, 60))]
        words += ["dschg", "tsch", "ckh", "dgh", "tsh", "xh", "cya", "oglu", "agag", "wwa", "yay", "aaa", "kkh"]
        t1s = [translit_key(w) for w in words]
        assert translit_keys(words) == t1s
        assert loose_keys(words) == [loose_key(w) for w in words]
        assert skeletons(t1s) == [skeleton(k) for k in t1s]
        assert token_keys(words) == (t1s, [skeleton(k) for k in t1s], [loose_key(w) for w in words])
    odd = ["caf\u00e9", "x\x01y", "ab"]  # not ASCII, or holding a mark: taken one by one
    assert translit_keys(odd) == [translit_key(w) for w in odd]
    assert loose_keys(odd) == [loose_key(w) for w in odd]
    assert translit_keys([]) == loose_keys([]) == skeletons([]) == []


def test_caps_and_camel_rows_follow_the_rules_one_by_one() -> None:
    from namenorm.index import _camel_rows, _caps_rows, _rows_holding
    from namenorm.names import _CAMEL, is_caps

    texts = ["IS", "U.S.'s", "U.S.\u2019s", "Al-Bayda", "KhalifaHaftar", "ÉcoleNormale", "abd al-Rahman",
             "'s", "S", "x", "", "ABC's", "GmbH", "İSTANBUL", "\u00e9T\u00e9"]
    assert _caps_rows(texts) == [a for a, t in enumerate(texts) if is_caps(t)]
    assert _camel_rows(texts) == [a for a, t in enumerate(texts) if _CAMEL.search(t)]
    assert _rows_holding([t.lower() for t in texts], "abd") == [a for a, t in enumerate(texts) if "abd" in t.lower()]
