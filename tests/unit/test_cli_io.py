"""The command line with tables: lookup --input/--output (CSV, JSON Lines, Parquet), --jobs,
the progress bar, display-width alignment, and saved indexes (index build, --index)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from namenorm import Gazetteer, Resolver
from namenorm import cli as cli_module
from namenorm.cli import _clip, _pad, _Progress, _width, main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
USER_PLACES = FIXTURES / "good" / "user_places.toml"
ADDED = ["entity_id", "entity_name", "entity_type", "score", "reason"]


def run(*args: str, stdin: bytes | None = None, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m namenorm ARGS`` in a process of its own."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "namenorm", *args], input=stdin,
                          capture_output=True, timeout=timeout, env=env)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run ``main(argv)`` in this process: exit status, standard output, standard error."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(result: tuple[int, str, str], *needles: str) -> None:
    code, _, err = result
    assert code == 2, err
    assert err.startswith("namenorm: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err, err


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture(autouse=True)
def _one_default_resolver(monkeypatch: pytest.MonkeyPatch, resolver: Resolver) -> None:
    """In-process runs share one resolver of the bundled gazetteer instead of building its
    index for every command (runs in a process of their own still build theirs)."""
    build = cli_module._resolver

    def shared(args: object) -> Resolver:
        plain = not (getattr(args, "index", None) or getattr(args, "gazetteer", None)
                     or getattr(args, "no_default", False))
        return resolver if plain else build(args)  # type: ignore[arg-type]

    monkeypatch.setattr(cli_module, "_resolver", shared)


NAMES = ["Hifter", "Cavudoglu", "", "Zorglub", "خليفة حفتر", "Hifter", "Tripoli", "army",
         "Khalifa Hiftar", "習近平"]


def expected_rows(resolver: Resolver, names: list[str | None]) -> list[list[object]]:
    out = []
    for n in names:
        m = None if not n else resolver.resolve(n)
        out.append([None] * 5 if m is None else
                   [m.entity.id, m.entity.name, m.entity.type, m.score, m.reason])
    return out


def write_csv(path: Path, names: list[str]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["row", "name"])
        for i, n in enumerate(names):
            w.writerow([i, n])
    return path


def test_csv_in_csv_out(tmp_path: Path, resolver: Resolver) -> None:
    src = write_csv(tmp_path / "names.csv", NAMES)
    out = tmp_path / "out.csv"
    assert main(["lookup", "--input", str(src), "--column", "name", "--output", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["row", "name", *ADDED]
    assert [r["row"] for r in rows] == [str(i) for i in range(len(NAMES))]
    got = [[r[c] or None for c in ADDED] for r in rows]
    want = [[None if v is None else str(v) for v in row] for row in expected_rows(resolver, NAMES)]
    assert got == want
    assert got[0][0] == "khalifa-haftar" and got[2] == [None] * 5


def test_jsonl_in_jsonl_out_with_nulls_and_extra_keys(tmp_path: Path, resolver: Resolver) -> None:
    src = tmp_path / "names.jsonl"
    records = [{"id": i, "name": n, "meta": {"k": i}} for i, n in enumerate(NAMES)]
    records.insert(3, {"id": 99, "name": None})
    records.insert(5, {"id": 98})  # no name at all
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.ndjson"
    assert main(["lookup", "-i", str(src), "-o", str(out)]) == 0
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert rows[0]["meta"] == {"k": 0}
    assert [[r[c] for c in ADDED] for r in rows] == expected_rows(
        resolver, [r.get("name") for r in records])


def test_parquet_keeps_types_and_adds_typed_columns(tmp_path: Path, resolver: Resolver) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "names.parquet"
    pq.write_table(pa.table({"n": pa.array(range(len(NAMES)), pa.int32()),
                             "name": pa.array([n or None for n in NAMES], pa.string())}), src)
    out = tmp_path / "out.parquet"
    assert main(["lookup", "-i", str(src), "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.column_names == ["n", "name", *ADDED]
    assert table.schema.field("n").type == pa.int32()
    assert table.schema.field("score").type == pa.float64()
    assert table.schema.field("entity_id").type == pa.string()
    rows = table.to_pylist()
    assert [[r[c] for c in ADDED] for r in rows] == expected_rows(resolver, NAMES)


def test_csv_to_parquet_and_jsonl(tmp_path: Path, resolver: Resolver) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    src = write_csv(tmp_path / "names.csv", NAMES)
    assert main(["lookup", "-i", str(src), "-o", str(tmp_path / "o.parquet")]) == 0
    assert main(["lookup", "-i", str(src), "-o", str(tmp_path / "o.jsonl")]) == 0
    from_parquet = pq.read_table(tmp_path / "o.parquet").to_pylist()
    from_jsonl = [json.loads(x) for x in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    assert from_parquet == from_jsonl
    assert [[r[c] for c in ADDED] for r in from_jsonl] == expected_rows(resolver, NAMES)


def test_input_to_stdout_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "names.csv", ["Hifter", "Zorglub", ""])
    assert main(["lookup", "-i", str(src)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["QUERY", "ENTITY"] and len(lines) == 4
    assert "Khalifa Haftar" in lines[1] and "(no match)" in lines[2] and "(no match)" in lines[3]
    assert main(["lookup", "-i", str(src), "--json", "--top", "2"]) == 0
    objs = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["query"] for o in objs] == ["Hifter", "Zorglub", None]
    assert objs[0]["entity"]["id"] == "khalifa-haftar" and 1 <= len(objs[0]["candidates"]) <= 2
    assert objs[2]["candidates"] == []
    assert main(["lookup", "-i", str(src), "--fail-on-miss"]) == 1
    capsys.readouterr()


def test_jobs_give_the_same_output(tmp_path: Path) -> None:
    """More distinct names than one task holds, so that two processes share the work."""
    g = Gazetteer.default()
    names = [n for e in g for n in (*e.all_names[:2], e.name.lower() + "x")][:1100]
    names += ["Hifter", "Zorglub", ""] * 50
    src = write_csv(tmp_path / "names.csv", names)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    p1 = run("lookup", "-i", str(src), "-o", str(one))
    p2 = run("lookup", "-i", str(src), "-o", str(two), "--jobs", "2")
    assert p1.returncode == 0 and p2.returncode == 0, p2.stderr
    assert p1.stderr == b"" and p2.stderr == b""  # no progress bar when stderr is not a terminal
    assert one.read_bytes() == two.read_bytes()
    assert len(one.read_bytes().splitlines()) == len(names)


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import pty

    src = write_csv(tmp_path / "names.csv", [f"Name{i}" for i in range(1200)])
    master, slave = pty.openpty()
    try:
        p = subprocess.run([sys.executable, "-m", "namenorm", "lookup", "-i", str(src), "-o",
                            str(tmp_path / "o.csv")], stderr=slave, stdout=subprocess.DEVNULL,
                           timeout=300)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:  # the other side is closed and drained
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    shown = b"".join(chunks).decode("utf-8")
    assert p.returncode == 0
    assert "1,200/1,200 names" in shown and "100%" in shown and "[" + "#" * 30 + "]" in shown
    assert shown.endswith("\r\x1b[K")  # the bar is wiped at the end


def test_progress_bar_text() -> None:
    bar = _Progress(200, what="names")
    bar.count = 50
    assert bar.bar(2.0, width=10) == "[##........]  25% 50/200 names, 25/s"


def test_display_width_helpers() -> None:
    assert _width("Hifter") == 6
    assert _width("習近平") == 6
    assert _width("Çavuşoğlu") == 9
    assert _width("e\u0301") == 1  # a combining accent takes no column
    assert _width("ｈｉ") == 4  # full-width Latin
    assert _width(_pad("習近平", 8)) == 8
    assert _width(_clip("習近平習近平", 7)) <= 7 and _clip("習近平習近平", 7).endswith("…")
    assert _clip("plain", 10) == "plain"


def test_aligned_table_aligns_by_display_width(capsys: pytest.CaptureFixture[str],
                                               resolver: Resolver) -> None:
    queries = ["利比亚", "Hifter", "東京", "Zorglub", "خليفة حفتر", "Çavuşoğlu"]
    assert main(["lookup", *queries]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    entity_col = header.index("ENTITY")  # the header is ASCII: index = display column
    type_col = header.index("TYPE")
    assert len(rows) == len(queries)
    for query, row in zip(queries, rows):
        m = resolver.resolve(query)
        entity = "(no match)" if m is None else m.entity.name
        at = row.index(entity, len(query))
        assert _width(row[:at]) == entity_col, row
        kind = "-" if m is None else m.entity.type
        assert _width(row[: row.index(kind, at + len(entity))]) == type_col, row


def test_annotate_table_aligns_by_display_width(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    text = "利比亚 和 的黎波里. Officials met in Tripoli; Hifter was not there."
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    code, table, _ = cli(capsys, "annotate", "-")
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    code_json, found, _ = cli(capsys, "annotate", "--json", "-")
    assert code == code_json == 0
    mentions = [json.loads(x) for x in found.splitlines()]
    rows = table.splitlines()[:-1]
    assert len(rows) == len(mentions) >= 3
    assert any(_width(m["text"]) > len(m["text"]) for m in mentions)  # a wide mention is shown
    # start-end, the mention padded to 30 columns, then the entity: always at column 48
    assert {_width(r[: r.index(m["name"] + " [", 16)]) for r, m in zip(rows, mentions)} == {48}


@pytest.mark.parametrize(("argv", "needles"), [
    (["lookup", "-i", "{dir}/names.csv", "-c", "nom"], ["no column 'nom'", "columns: row, name"]),
    (["lookup", "-i", "{dir}/names.xlsx"], ["unknown file type '.xlsx'"]),
    (["lookup", "-i", "{dir}/names.csv", "-o", "{dir}/out.txt"], ["unknown file type '.txt'"]),
    (["lookup", "-i", "{dir}/absent.csv"], ["absent.csv: no such file"]),
    (["lookup", "-i", "{dir}"], ["unknown file type"]),
    (["lookup", "-i", "{dir}/folder.csv"], ["is a directory"]),
    (["lookup", "-i", "{dir}/ragged.csv"], ["ragged.csv:3:", "3 fields"]),
    (["lookup", "-i", "{dir}/empty.csv"], ["no header row"]),
    (["lookup", "-i", "{dir}/bad.jsonl"], ["bad.jsonl:2: not JSON"]),
    (["lookup", "-i", "{dir}/list.jsonl"], ["list.jsonl:1: a JSON list, not an object"]),
    (["lookup", "-i", "{dir}/number.jsonl"], ["row 2: column 'name' holds a int"]),
    (["lookup", "-i", "{dir}/junk.parquet"], ["junk.parquet: not a readable Parquet file"]),
    (["lookup", "-i", "{dir}/names.csv", "-o", "{dir}/no/such/dir/out.csv"], ["cannot write"]),
    (["lookup", "-i", "{dir}/clash.csv", "-o", "{dir}/o.csv"], ["already has column(s) score"]),
    (["lookup", "-o", "{dir}/o.csv", "Hifter"], ["--output goes with --input"]),
    (["lookup", "--jobs", "2", "Hifter"], ["--jobs goes with --input"]),
    (["lookup", "-i", "{dir}/names.csv", "Hifter"], ["not both"]),
    (["lookup", "-i", "{dir}/names.csv", "-o", "{dir}/o.csv", "--top", "2"], ["--top"]),
])
def test_table_errors_are_one_line_exit_2(tmp_path: Path, argv: list[str], needles: list[str],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    write_csv(tmp_path / "names.csv", ["Hifter"])
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "ragged.csv").write_text("a,b\n1,2\n1,2,3\n", encoding="utf-8")
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"name": "Hifter"}\n{"name": \n', encoding="utf-8")
    (tmp_path / "list.jsonl").write_text('["Hifter"]\n', encoding="utf-8")
    (tmp_path / "number.jsonl").write_text('{"name": "Hifter"}\n{"name": 12}\n', encoding="utf-8")
    (tmp_path / "junk.parquet").write_bytes(b"this is not parquet at all")
    (tmp_path / "clash.csv").write_text("name,score\nHifter,3\n", encoding="utf-8")
    args = [a.replace("{dir}", str(tmp_path)) for a in argv]
    if any(a.endswith("junk.parquet") for a in args):
        pytest.importorskip("pyarrow")
    one_line_error(cli(capsys, *args), *needles)


def test_parquet_without_pyarrow_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` fails as if absent
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    src = write_csv(tmp_path / "names.csv", ["Hifter"])
    one_line_error(cli(capsys, "lookup", "-i", str(src), "-o", str(tmp_path / "o.parquet")),
                   "writing Parquet needs pyarrow", "pip install 'namenorm[pandas]'")
    (tmp_path / "in.parquet").write_bytes(b"PAR1")
    one_line_error(cli(capsys, "lookup", "-i", str(tmp_path / "in.parquet")),
                   "reading Parquet needs pyarrow")
    assert not (tmp_path / "o.parquet").exists()


LIST = [
    {"id": "acme-trading", "type": "company", "name": "Acme Trading Company", "aliases": ["ACME TC"]},
    {"id": "wadi-zemzem", "type": "place", "name": "Wadi Zemzem", "aliases": ["Wadi Zamzam"]},
]


@pytest.fixture()
def user_list(tmp_path: Path) -> Path:
    path = tmp_path / "list.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in LIST), encoding="utf-8")
    return path


def test_index_build_and_use(tmp_path: Path, user_list: Path, capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "list.idx"
    code, out, _ = cli(capsys, "index", "build", str(user_list), "-o", str(index), "--no-default")
    assert code == 0 and out.startswith(f"{index}: 2 entities, 4 names, built and saved in ")
    code, out, _ = cli(capsys, "lookup", "--index", str(index), "--json", "Wadi Zamzam", "Hifter")
    answers = [json.loads(x) for x in out.splitlines()]
    assert code == 0 and answers[0]["entity"]["id"] == "wadi-zemzem"
    assert answers[1]["entity"] is None  # the bundled gazetteer is not in this index
    monkeypatch.setattr(sys, "stdin", _Stdin("Trucks of ACME TC drove to Wadi Zemzem."))
    code, out, _ = cli(capsys, "annotate", "--index", str(index), "--json", "-")
    assert code == 0 and [json.loads(x)["entity"] for x in out.splitlines()] == [
        "acme-trading", "wadi-zemzem"]
    src = write_csv(tmp_path / "n.csv", ["wadi zemzem", "Hifter", "Acme Trading Company"] * 300
                    + [f"Acme {i}" for i in range(600)])
    p = run("lookup", "-i", str(src), "-o", str(tmp_path / "o.csv"), "--index", str(index),
            "--jobs", "2")
    assert p.returncode == 0, p.stderr
    with open(tmp_path / "o.csv", encoding="utf-8", newline="") as fh:
        ids = [r["entity_id"] for r in csv.DictReader(fh)]
    assert ids[:3] == ["wadi-zemzem", "", "acme-trading"] and len(ids) == 1500


class _Stdin:
    """A stand-in for ``sys.stdin`` whose ``buffer`` holds ``text`` as UTF-8."""

    def __init__(self, text: str) -> None:
        import io

        self.buffer = io.BytesIO(text.encode("utf-8"))


def test_index_with_the_bundled_gazetteer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = tmp_path / "all.idx"
    assert cli(capsys, "index", "build", str(USER_PLACES), "-o", str(index))[0] == 0
    code, out, _ = cli(capsys, "lookup", "--index", str(index), "--json", "Hifter", "Wadi Zemzem")
    assert code == 0
    assert [json.loads(x)["entity"]["id"] for x in out.splitlines()] == ["khalifa-haftar", "wadi-zamzam"]


@pytest.mark.parametrize(("argv", "needles"), [
    (["lookup", "--index", "{dir}/absent.idx", "Hifter"], ["absent.idx: no such file"]),
    (["lookup", "--index", "{dir}/junk.idx", "Hifter"], ["junk.idx"]),
    (["lookup", "--index", "{dir}", "Hifter"], ["is a directory"]),
    (["lookup", "--index", "{dir}/junk.idx", "-g", str(USER_PLACES), "Hifter"],
     ["cannot be combined with --gazetteer"]),
    (["annotate", "--index", "{dir}/absent.idx", "-"], ["no such file"]),
    (["index", "build", "{dir}/absent.toml", "-o", "{dir}/x.idx"], ["absent.toml: no such file"]),
    (["index", "build", str(USER_PLACES), "-o", "{dir}/no/such/x.idx"], ["no such directory"]),
    (["index", "build", str(USER_PLACES), "-o", "{dir}"], ["is a directory"]),
    (["index", "build", str(USER_PLACES), "--no-default", "-o", "{dir}/x.idx"], ["unknown id 'libya'"]),
])
def test_index_errors_are_one_line_exit_2(tmp_path: Path, argv: list[str], needles: list[str],
                                          capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "junk.idx").write_bytes(b"not an index")
    monkeypatch.setattr(sys, "stdin", _Stdin(""))
    one_line_error(cli(capsys, *[a.replace("{dir}", str(tmp_path)) for a in argv]), *needles)


def test_index_build_needs_an_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "index", "build", str(USER_PLACES))
    assert code == 2 and "--output/-o" in err and "Traceback" not in err
