"""namenorm.dataframes on pandas: the same answers as Resolver.resolve_many, in DataFrame form."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from namenorm import Gazetteer, Match, Resolver
from namenorm import dataframes
from namenorm.dataframes import (
    MENTION_COLUMNS,
    RESULT_COLUMNS,
    MissingExtraError,
    annotate_series,
    resolve_series,
)
from namenorm.errors import NamenormError

pd = pytest.importorskip("pandas")

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


def _some_names(resolver: Resolver) -> list[str]:
    """Names the default gazetteer holds, spellings it does not, and words that resolve to
    nothing: answers of every kind."""
    held = [n for e in list(resolver.gazetteer)[:60] for n in e.all_names[:2]]
    return [*held, "Hifter", "Cavudoglu", "chawushiolu", "Khalifa Hiftar", "Gaddafi", "army",
            "Zorglub", "Tripoli", "Putins", "", "  ", "خليفة حفتر", "Халифа Хафтар"]


def _expected(matches: list[Match | None]) -> list[tuple[object, ...]]:
    return [(None,) * 5 if m is None else
            (m.entity.id, m.entity.name, m.entity.type, m.score, m.reason) for m in matches]


def _rows(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """Rows of a result frame with pandas' missing values as None."""
    return [tuple(None if v is pd.NA else v for v in row)
            for row in frame[list(RESULT_COLUMNS)].itertuples(index=False)]


def test_same_answers_as_resolve_many(resolver: Resolver) -> None:
    names = _some_names(resolver)
    out = resolve_series(pd.Series(names), resolver)
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert _rows(out) == _expected(resolver.resolve_many(names))
    assert out["entity_id"].notna().sum() > len(names) // 2  # the comparison covers real answers


def test_dtypes_and_index_are_kept(resolver: Resolver) -> None:
    index = pd.Index(["x", "y", "x", "z"], name="key")  # labels need not be unique
    out = resolve_series(pd.Series(["Hifter", "army", "Sirte", "Cavudoglu"], index=index), resolver)
    assert out.index.equals(index)
    for column in ("entity_id", "entity_name", "entity_type", "reason"):
        assert out[column].dtype == pd.StringDtype(), column
    assert out["score"].dtype == pd.Float64Dtype()
    assert out.loc["y"].isna().all()
    assert out["entity_id"].tolist()[::2] == ["khalifa-haftar", "sirte"]


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_missing_names_give_missing_answers(resolver: Resolver, missing: object) -> None:
    out = resolve_series(pd.Series(["Hifter", missing, "Sirte"], dtype=object), resolver)
    assert out.iloc[1].isna().all()
    assert out["entity_id"].iloc[0] == "khalifa-haftar" and out["entity_id"].iloc[2] == "sirte"


def test_string_dtype_with_missing_values(resolver: Resolver) -> None:
    names = pd.Series(["Hifter", pd.NA, "Zorglub"], dtype="string")
    out = resolve_series(names, resolver)
    assert out["entity_id"].isna().tolist() == [False, True, True]
    assert out["score"].iloc[0] == resolver.resolve("Hifter").score  # type: ignore[union-attr]


def test_repeated_names_are_resolved_once() -> None:
    seen: list[str] = []

    class Counting(Resolver):
        def resolve_many(self, names, *, type=None):  # type: ignore[no-untyped-def, override]  # noqa: A002
            names = list(names)
            seen.extend(names)
            return super().resolve_many(names, type=type)

    names = pd.Series(["Hifter", "Sirte", "Hifter", None, "Sirte", "Hifter", "army"] * 50)
    out = resolve_series(names, Counting())
    assert sorted(seen) == ["Hifter", "Sirte", "army"]
    assert out["entity_id"].tolist()[:3] == ["khalifa-haftar", "sirte", "khalifa-haftar"]
    assert len(out) == len(names)


@pytest.mark.parametrize(("value", "type_name"), [(3, "int"), (2.5, "float"), (b"Hifter", "bytes"),
                                                  (["Hifter"], "list")])
def test_a_non_string_value_is_a_clear_type_error(resolver: Resolver, value: object, type_name: str) -> None:
    names = pd.Series(["Hifter", "Sirte", value], index=[10, 11, 12], dtype=object)
    with pytest.raises(TypeError, match=rf"position 2 \(index 12\) is of type {type_name}, not str"):
        resolve_series(names, resolver)


def test_type_restricts_answers(resolver: Resolver) -> None:
    names = ["Tripoli", "Hifter", "Sirte", "Libya"]
    out = resolve_series(pd.Series(names), resolver, type="person")
    assert _rows(out) == _expected(resolver.resolve_many(names, type="person"))
    assert out["entity_type"].dropna().eq("person").all()
    assert out["entity_id"].iloc[0] is pd.NA


def test_empty_series(resolver: Resolver) -> None:
    out = resolve_series(pd.Series([], dtype="string"), resolver)
    assert out.shape == (0, 5)
    assert list(out.columns) == list(RESULT_COLUMNS)
    assert out["score"].dtype == pd.Float64Dtype() and out["entity_id"].dtype == pd.StringDtype()


def test_user_gazetteer_and_saved_index(tmp_path: Path) -> None:
    records = [
        {"id": "acme-trading", "type": "org", "name": "Acme Trading Company", "aliases": ["ACME TC"]},
        {"id": "wadi-zemzem", "type": "place", "name": "Wadi Zemzem", "aliases": ["Wadi Zamzam"]},
    ]
    mine = Resolver(Gazetteer.from_records(records))
    names = ["Acme Trading Company", "Wadi Zamzam", "wadi zemzem", "Hifter", None]
    out = resolve_series(pd.Series(names), mine)
    assert out["entity_id"].tolist()[:3] == ["acme-trading", "wadi-zemzem", "wadi-zemzem"]
    assert out["entity_id"].iloc[3] is pd.NA  # not in this gazetteer

    path = tmp_path / "mine.idx"
    mine.save(path)
    dataframes.clear_cache()
    by_path = resolve_series(pd.Series(names), str(path))
    pd.testing.assert_frame_equal(by_path, out)
    resolve_series(pd.Series(names), path)  # a Path works too, and hits the loaded copy
    assert dataframes._cached_count() == 1


def test_user_gazetteer_file() -> None:
    g = Gazetteer.load(FIXTURES / "good" / "user_places.toml", merge_default=True)
    r = Resolver(g)
    names = [n for e in g if e.id not in {d.id for d in Gazetteer.default()} for n in e.all_names]
    assert names, "the fixture adds entities of its own"
    out = resolve_series(pd.Series(names), r)
    assert _rows(out) == _expected(r.resolve_many(names))
    assert out["entity_id"].notna().all()


def test_default_resolver_is_built_once_per_process() -> None:
    dataframes.clear_cache()
    a = resolve_series(pd.Series(["Hifter"]))
    b = resolve_series(pd.Series(["Hifter"]))
    assert dataframes._cached_count() == 1
    pd.testing.assert_frame_equal(a, b)


def test_bad_arguments(resolver: Resolver, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="pandas Series"):
        resolve_series(["Hifter"], resolver)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="resolver must be"):
        resolve_series(pd.Series(["Hifter"]), 42)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError, match="no saved index"):
        resolve_series(pd.Series(["Hifter"]), tmp_path / "absent.idx")
    with pytest.raises(TypeError, match="pandas Series"):
        annotate_series("some text", resolver)  # type: ignore[arg-type]


TEXTS = [
    "President teben met Prime Minister salaj in Algiers.",
    None,
    "Nothing to see here.",
    "KhalifaHaftar’s forces left Sirte; Hifter spoke.",
]


def test_annotate_series_is_annotate_per_text(resolver: Resolver) -> None:
    texts = pd.Series(TEXTS, index=[101, 102, 103, 104])
    out = annotate_series(texts, resolver)
    assert list(out.columns) == list(MENTION_COLUMNS)
    expected = [(label, m.start, m.end, m.text, m.entity.id, m.entity.name, m.entity.type, m.score,
                 m.reason)
                for label, text in zip(texts.index, TEXTS) if text is not None
                for m in resolver.annotate(text)]
    assert len(expected) >= 5
    assert [tuple(row) for row in out.itertuples(index=False)] == expected
    assert out.index.equals(pd.RangeIndex(len(expected)))
    assert out["doc_index"].dtype == texts.index.dtype
    assert out["start"].dtype == pd.Int64Dtype() and out["score"].dtype == pd.Float64Dtype()
    for row in out.itertuples():
        assert texts[row.doc_index][row.start:row.end] == row.text


def test_annotate_series_string_labels_and_empty(resolver: Resolver) -> None:
    out = annotate_series(pd.Series(["Sirte and Tripoli"], index=["doc-a"]), resolver)
    assert out["doc_index"].tolist() == ["doc-a", "doc-a"]
    empty = annotate_series(pd.Series([], dtype="string"), resolver)
    assert empty.shape == (0, len(MENTION_COLUMNS))
    assert empty["entity_id"].dtype == pd.StringDtype()


def test_annotate_series_rejects_a_non_string(resolver: Resolver) -> None:
    with pytest.raises(TypeError, match=r"text at position 1 \(index 'b'\) is of type int"):
        annotate_series(pd.Series(["Sirte", 7], index=["a", "b"], dtype=object), resolver)


@pytest.mark.parametrize(("func", "module", "extra"), [
    ("resolve_dask", "dask.dataframe", "dask"),
    ("annotate_dask", "dask.dataframe", "dask"),
    ("resolve_spark", "pyspark.sql", "spark"),
    ("annotate_spark", "pyspark.sql", "spark"),
    ("resolve_series", "pandas", "pandas"),
])
def test_a_missing_engine_names_the_extra(monkeypatch: pytest.MonkeyPatch, func: str, module: str,
                                          extra: str) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(MissingExtraError, match=rf"pip install 'namenorm\[{extra}\]'") as info:
        getattr(dataframes, func)(object(), *(["name"] if "spark" in func else []))
    assert isinstance(info.value, NamenormError) and isinstance(info.value, ImportError)
    assert info.value.extra == extra


def test_importing_namenorm_does_not_import_the_engines() -> None:
    import subprocess

    code = ("import sys, namenorm, namenorm.dataframes; "
            "print(sorted(m for m in ('pandas', 'dask', 'pyspark', 'pyarrow') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_scores_are_floats_in_range(resolver: Resolver) -> None:
    out = resolve_series(pd.Series(_some_names(resolver)), resolver)
    scores = out["score"].dropna().tolist()
    assert scores and all(isinstance(s, float) and 0 < s <= 1 and not math.isnan(s) for s in scores)
