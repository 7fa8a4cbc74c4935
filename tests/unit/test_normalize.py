"""Golden tests for the normaliser and the name tokeniser (tests/golden/normalize.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from namenorm import normalize, split_name

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "normalize.tsv"


def _rows() -> list[tuple[str, str, str | None]]:
    rows = []
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        assert len(parts) in (2, 3), f"malformed golden row: {line!r}"
        rows.append((parts[0], parts[1], parts[2] if len(parts) == 3 and parts[2] else None))
    return rows


ROWS = _rows()


def test_golden_file_is_substantial() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize(("text", "expected", "_tokens"), ROWS, ids=[r[0] or "<empty>" for r in ROWS])
def test_normal_form(text: str, expected: str, _tokens: str | None) -> None:
    assert normalize(text) == expected


TOKEN_ROWS = [r for r in ROWS if r[2] is not None]


@pytest.mark.parametrize(("text", "_expected", "tokens"), TOKEN_ROWS, ids=[r[0] for r in TOKEN_ROWS])
def test_name_parts(text: str, _expected: str, tokens: str) -> None:
    marks = {"title": "*", "particle": "~", "name": ""}
    got = " ".join(marks[p.kind] + p.text for p in split_name(text))
    assert got == tokens


def test_turkish_capital_i_leaves_no_combining_dot() -> None:
    assert normalize("İ") == "i"
    assert normalize("İzmir") == normalize("Izmir") == normalize("izmir") == "izmir"


def test_lone_surrogates_nul_and_controls_are_accepted() -> None:
    assert normalize("Haf\ud800tar") == "haf tar"
    assert normalize("\x00Haftar\x07") == "haftar"
    assert normalize("\u200fحفتر\u200e") == "hftr"


def test_titles_only_at_the_start() -> None:
    kinds = [(p.text, p.kind) for p in split_name("Martin Luther King")]
    assert kinds == [("martin", "name"), ("luther", "name"), ("king", "name")]


def test_a_lone_title_is_a_name() -> None:
    # "General" on its own is what it is; there is nothing else to call the name.
    assert [p.kind for p in split_name("General")] == ["name"]


def test_particle_needs_a_following_name() -> None:
    assert [p.kind for p in split_name("Abu Bakr al-Baghdadi")] == ["particle", "name", "particle", "name"]
    assert [p.kind for p in split_name("Bakr al")] == ["name", "name"]


@pytest.mark.parametrize(("kana", "romaji"), [
    ("チュニス", "chunisu"),           # small yu after chi
    ("オンソニージャ", "onsonija"),     # long-vowel mark inside a word, small ya after ji
    ("ジャック", "jakku"),             # doubling small tsu
    ("ロシア連邦", "roshia lian bang"),  # kana, then ideographs as words of their own
])
def test_japanese_kana_are_romanised_as_words(kana: str, romaji: str) -> None:
    assert normalize(kana) == romaji


def test_vocalised_arabic_reads_as_the_press_writes_it() -> None:
    # "Republic" with shadda and the article with sukun: unidecode alone spells shadda "W".
    assert normalize("اَلْجُمْهُورِيَّة") == normalize("الجمهورية") == "al jmhwrya"
    assert normalize("مُحَمَّد") == normalize("محمد")
