"""The index's acronym keys, read off normal forms, reach every acronym the scorer accepts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from namenorm import normalize
from namenorm._scoring import acronym_keys, initials, prepare
from namenorm.index import _INITIALS_LETTERS

_WORDS = st.sampled_from(["zorbic", "petroleum", "trust", "kelmar", "marine", "of", "de", "and", "the",
                          "sylvania", "mining", "national", "al", "vostok", "industrial"])
_LEGAL = st.sampled_from(["", "S.A.", "LLC", "Ltd", "GmbH", "S.A.R.L.", "Company", "JSC"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, min_size=2, max_size=6), _LEGAL, st.booleans())
def test_every_initials_the_scorer_reads_is_a_key(words: list[str], legal: str, legal_first: bool) -> None:
    name = " ".join(([legal] if legal and legal_first else []) + words + ([legal] if legal and not legal_first else []))
    norm = normalize(name)
    read = initials(prepare(name, family="org", titles=False, norm=norm))
    keys = acronym_keys(norm)
    # (the variant that spells a legal form by its class's letter is the scorer's alone; the
    # index keeps acronyms of three to six letters)
    for k, got in enumerate(read):
        if k != 2 and _INITIALS_LETTERS[0] <= len(got) <= _INITIALS_LETTERS[1]:
            assert got in keys, (name, got, sorted(keys))


def test_the_keys_of_a_few_names() -> None:
    assert {"nioc", "nio"} <= acronym_keys(normalize("National Iranian Oil Company"))
    assert "pdvsa" in acronym_keys(normalize("Petroleos de Venezuela S.A."))
    assert "mmt" in acronym_keys(normalize("Metal and Mineral Trade S.A.R.L."))
    assert {"irisl", "iroisl"} <= acronym_keys(normalize("Islamic Republic of Iran Shipping Lines"))
    assert acronym_keys("zorbic") == set()
