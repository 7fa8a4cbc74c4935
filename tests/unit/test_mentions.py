"""Mentions in running text: offsets, spans, evidence."""

from __future__ import annotations

import pytest

from namenorm import InputTooLongError, Mention, Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _spans(resolver: Resolver, text: str) -> list[tuple[str, str]]:
    out = []
    for m in resolver.annotate(text):
        assert text[m.start : m.end] == m.text
        out.append((m.text, m.entity.id))
    return out


def test_titles_are_not_part_of_the_mention(resolver: Resolver) -> None:
    assert _spans(resolver, "General Khalifa Haftar said") == [("Khalifa Haftar", "khalifa-haftar")]


def test_possessives_and_glued_names(resolver: Resolver) -> None:
    text = "Haftar's forces and Turkeys army; Field Marshal KhalifaHaftar."
    assert _spans(resolver, text) == [("Haftar", "khalifa-haftar"), ("Turkeys", "turkey"),
                                      ("KhalifaHaftar", "khalifa-haftar")]


def test_hyphenated_compounds(resolver: Resolver) -> None:
    assert _spans(resolver, "the Tripoli-based government, Misrata-based militias") == [
        ("Tripoli", "tripoli"), ("Misrata", "misrata")]


def test_longest_match_wins(resolver: Resolver) -> None:
    spans = _spans(resolver, "the Libyan National Army said")
    assert spans == [("Libyan National Army", "libyan-national-army")]


def test_names_do_not_cross_punctuation(resolver: Resolver) -> None:
    spans = _spans(resolver, "Mali, Niger and Chad")
    assert spans == [("Mali", "mali"), ("Niger", "niger"), ("Chad", "chad")]


def test_acronyms_only_in_capitals(resolver: Resolver) -> None:
    assert _spans(resolver, "The US told us so.") == [("US", "united-states")]
    # "IS" is a weak alias: a mention only when the document names Islamic State.
    assert _spans(resolver, "IS is weak.") == []
    spans = _spans(resolver, "Islamic State lost ground; IS is weak.")
    assert spans == [("Islamic State", "islamic-state"), ("IS", "islamic-state")]


def test_abbreviation_defined_in_text(resolver: Resolver) -> None:
    text = ("the extremist group Islamic state (is) occupied the city, the largest base of is "
            "outside Syria. The purpose is not to fight.")
    spans = _spans(resolver, text)
    assert ("Islamic state", "islamic-state") in spans
    assert spans.count(("is", "islamic-state")) == 2  # "(is)" and "of is", not the verb


def test_machine_translation_garbles_need_evidence(resolver: Resolver) -> None:
    text = "President teben met Prime Minister salaj. Later salaj left."
    assert _spans(resolver, text) == [("teben", "abdelmadjid-tebboune"), ("salaj", "fayez-al-sarraj"),
                                      ("salaj", "fayez-al-sarraj")]
    # The same words with no title and nothing else in the document: left alone.
    assert _spans(resolver, "the teben of salaj") == []


def test_partial_name_linked_to_full_name(resolver: Resolver) -> None:
    text = "Mike Pompeo spoke. Later Pompeo added that Fayez al-Sarraj and Sarraj agreed."
    spans = _spans(resolver, text)
    assert ("Pompeo", "mike-pompeo") in spans
    assert ("Sarraj", "fayez-al-sarraj") in spans


def test_ambiguous_partial_left_out(resolver: Resolver) -> None:
    assert _spans(resolver, "Gaddafi was there.") == []
    spans = _spans(resolver, "Gaddafi was there. Saif al-Islam Gaddafi said so.")
    assert ("Gaddafi", "saif-al-islam-gaddafi") in spans


def test_ordinary_words_are_not_entities(resolver: Resolver) -> None:
    text = "The army and the government said on Thursday that the President is in the capital."
    assert _spans(resolver, text) == []


def test_other_scripts(resolver: Resolver) -> None:
    assert _spans(resolver, "قال خليفة حفتر إن") == [("خليفة حفتر", "khalifa-haftar")]
    assert _spans(resolver, "Халифа Хафтар заявил") == [("Халифа Хафтар", "khalifa-haftar")]


def test_mentions_are_sorted_non_overlapping_frozen(resolver: Resolver) -> None:
    text = "Turkey, Russia and Egypt; Haftar and Erdoğan met in Ankara."
    ms = resolver.annotate(text)
    assert all(isinstance(m, Mention) for m in ms)
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:]))
    with pytest.raises(AttributeError):
        ms[0].start = 3  # type: ignore[misc]


def test_empty_and_odd_text(resolver: Resolver) -> None:
    assert resolver.annotate("") == []
    assert resolver.annotate("\x00\ud800 ...") == []


def test_over_long_text_is_refused(resolver: Resolver, monkeypatch: pytest.MonkeyPatch) -> None:
    import namenorm.mentions

    monkeypatch.setattr(namenorm.mentions, "MAX_TEXT_LENGTH", 10)
    with pytest.raises(InputTooLongError):
        resolver.annotate("Khalifa Haftar and more")


def test_threads_annotate_like_one(resolver: Resolver) -> None:
    from pathlib import Path

    from tests.concurrency import in_threads

    seeds = sorted((Path(__file__).resolve().parent.parent.parent / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    fresh = Resolver(resolver.gazetteer)  # its lazy structures are built by the threads
    serial = [resolver.annotate(t) for t in texts]
    assert all(r == serial for r in in_threads(lambda: [fresh.annotate(t) for t in texts]))
