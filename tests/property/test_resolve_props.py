"""Properties of resolve, candidates, compare and annotate."""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from namenorm import Gazetteer, GazetteerError, Resolver, compare, normalize
from namenorm._scoring import is_latin, make_name, score_names
from namenorm._words import is_ordinary
from namenorm.index import tokens_of as _tokens_of
from namenorm.resolve import LONE_DROP
from tests.strategies import any_text, gazetteer_records, perturbed, person_names, texts

DEFAULT = Resolver()
ALIASES = sorted(
    {(a, e.id) for e in DEFAULT.gazetteer for a in e.all_names if normalize(a) not in DEFAULT.gazetteer.ambiguous}
)


@given(texts)
def test_resolve_and_candidates_are_total(text: str) -> None:
    m = DEFAULT.resolve(text)
    assert m is None or 0.0 <= m.score <= 1.0
    cands = DEFAULT.candidates(text, limit=4)
    assert len(cands) <= 4
    scores = [c.score for c in cands]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    if m is not None:
        # the threshold, or the documented exception just below it ("..., alone")
        assert m.score >= DEFAULT.threshold or (
            m.reason.endswith("alone") and m.score >= DEFAULT.threshold - LONE_DROP and any(map(str.isalpha, text)))


@given(texts, texts)
def test_compare_is_total_bounded_symmetric(a: str, b: str) -> None:
    s = compare(a, b)
    assert 0.0 <= s <= 1.0
    assert s == compare(b, a)


@given(texts)
def test_compare_with_itself(a: str) -> None:
    assert compare(a, a) == (1.0 if normalize(a) else 0.0)


@given(st.lists(st.one_of(any_text, st.sampled_from([a for a, _ in ALIASES[:200]])), max_size=8).map(" ".join))
def test_annotate_offsets_are_true_sorted_non_overlapping(text: str) -> None:
    ms = DEFAULT.annotate(text)
    for m in ms:
        assert text[m.start : m.end] == m.text
        assert 0.0 <= m.score <= 1.0
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))


@given(st.sampled_from(ALIASES))
def test_every_name_resolves_to_its_entity(pair: tuple[str, str]) -> None:
    alias, entity = pair
    m = DEFAULT.resolve(alias)
    assert m is not None and m.entity.id == entity


@given(st.sampled_from(ALIASES), st.sampled_from(["upper", "lower", "spaces", "possessive", "strip-accents"]))
def test_trivial_perturbations_of_names_resolve(pair: tuple[str, str], how: str) -> None:
    alias, entity = pair
    from namenorm._words import COMMON_WORDS

    # Documented exceptions: an acronym that is also a word ("IS", "US") needs its capitals, and
    # a name in another script whose normal form is ordinary words (阿曼, "a man") is matched
    # only in its own letters, never by that normal form.
    assume(not (how in ("lower", "strip-accents") and alias.isupper() and normalize(alias) in COMMON_WORDS))
    assume(not (how == "strip-accents" and not is_latin(alias) and is_ordinary(normalize(alias))))
    q = {
        "upper": alias.upper(),
        "lower": alias.lower(),
        "spaces": "  " + alias.replace(" ", "   ") + " ",
        "possessive": alias + "’s",
        "strip-accents": normalize(alias),
    }[how]
    m = DEFAULT.resolve(q)
    assert m is not None and m.entity.id == entity, (q, m)


@settings(max_examples=60)
@given(st.lists(person_names(), min_size=2, max_size=12, unique_by=normalize), st.data())
def test_unrelated_entities_do_not_change_exact_answers(names: list[str], data: st.DataObject) -> None:
    recs = [{"id": f"e{i}", "type": "person", "name": n} for i, n in enumerate(names)]
    small = Resolver(Gazetteer.from_records(recs[:1], shared_aliases="ambiguous"))
    large = Resolver(Gazetteer.from_records(recs, shared_aliases="ambiguous"))
    q = names[0]
    a, b = small.resolve(q), large.resolve(q)
    assert a is not None and b is not None and a.entity.id == b.entity.id == "e0"


@settings(max_examples=60)
@given(st.lists(person_names(), min_size=3, max_size=25, unique_by=normalize), st.data())
def test_index_never_misses_what_a_full_scan_finds(names: list[str], data: st.DataObject) -> None:
    """The fast path (index -> candidates) against a slow, obviously correct reference: scoring
    the query against every name of the gazetteer."""
    recs = [{"id": f"e{i}", "type": "person", "name": n} for i, n in enumerate(names)]
    r = Resolver(Gazetteer.from_records(recs, shared_aliases="ambiguous"))
    q = data.draw(perturbed(data.draw(st.sampled_from(names))))
    qn = normalize(q)
    assume(qn)
    qf = make_name(qn, _tokens_of(q, qn))
    full = {}
    for i, n in enumerate(names):
        s, _ = score_names(qf, make_name(normalize(n), _tokens_of(n, normalize(n))), surname_rule=True)
        full[f"e{i}"] = s
    best_id = max(full, key=lambda k: (full[k], k))
    if full[best_id] >= r.threshold:
        got = {m.entity.id: m.score for m in r.candidates(q, limit=len(names))}
        assert best_id in got, (q, best_id, full[best_id])
        assert abs(got[best_id] - round(full[best_id], 4)) < 1e-3 or got[best_id] >= full[best_id]


@given(gazetteer_records)
def test_generated_records_load_or_raise_gazetteer_error(records: list[dict[str, object]]) -> None:
    try:
        g = Gazetteer.from_records(records)
    except GazetteerError:
        return
    assert len(g) == len(records)


_SPACES = st.sampled_from(["", " ", "  "])


@given(st.sampled_from(ALIASES), st.sampled_from(["as is", "upper", "lower", "title", "accents", "spaces"]), _SPACES)
def test_the_exact_shortcut_answers_as_the_stages_do(pair: tuple[str, str], how: str, pad: str) -> None:
    # resolve answers a Latin-script name held by one strong alias before ranking; the full
    # stages (rank, then decide) must give the very same Match for every such name.
    alias, _ = pair
    q = {"as is": alias, "upper": alias.upper(), "lower": alias.lower(), "title": alias.title(),
         "accents": normalize(alias), "spaces": alias.replace(" ", "  ")}[how]
    q = pad + q + pad
    fresh = Resolver(DEFAULT.gazetteer)
    fresh._index = DEFAULT.index  # the same built index, without a memo of answers
    assert fresh.resolve(q) == fresh._resolve(q, None)


@given(gazetteer_records, st.sampled_from(["upper", "lower", "pad"]))
def test_the_exact_shortcut_on_users_records(records: list[dict[str, object]], how: str) -> None:
    try:
        gaz = Gazetteer.from_records(records)
    except GazetteerError:
        return
    r = Resolver(gaz)
    for ent in gaz:
        for name in ent.all_names:
            q = {"upper": name.upper(), "lower": name.lower(), "pad": f" {name} "}[how]
            r._cache.clear()
            assert r.resolve(q) == r._resolve(q, None), q
