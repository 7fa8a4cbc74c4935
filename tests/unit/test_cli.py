"""The command line, run through its real entry points: main(argv) and a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from namenorm.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = Path(__file__).resolve().parent.parent.parent / "seeds" / "004_5427bc860031b65b.txt"


def run(*args: str, stdin: bytes | None = None, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "namenorm", *args], input=stdin,
                          capture_output=True, timeout=timeout, env=env)


def test_lookup_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Hifter", "army"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["QUERY", "ENTITY", "TYPE"]
    assert "Khalifa Haftar" in out[1] and "person" in out[1]
    assert "(no match)" in out[2]


def test_lookup_json_and_top(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--json", "--top", "2", "خليفة حفتر", "Zorglub"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines[0]["query"] == "خليفة حفتر"
    assert lines[0]["entity"]["id"] == "khalifa-haftar"
    assert 0 < lines[0]["score"] <= 1 and len(lines[0]["candidates"]) <= 2
    assert lines[1]["entity"] is None


def test_lookup_json_keeps_non_ascii_unescaped() -> None:
    p = run("lookup", "--json", "Çavuşoğlu")
    assert p.returncode == 0
    assert "Mevlüt Çavuşoğlu" in p.stdout.decode("utf-8")


def test_fail_on_miss(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--fail-on-miss", "Hifter"]) == 0
    assert main(["lookup", "--fail-on-miss", "Hifter", "Zorglub"]) == 1


def test_type_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "--json", "--type", "person", "Tripoli"]) == 0
    assert json.loads(capsys.readouterr().out)["entity"] is None


def test_stdin_streaming_in_order_with_bad_bytes_nul_and_long_lines() -> None:
    data = b"Hifter\n\xff\xfeHaftar\nnul\x00here\n" + b"x" * 1_000_000 + b"\nchawushiolu\n"
    p = run("lookup", "--json", stdin=data)
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.decode("utf-8").splitlines()]
    assert len(rows) == 5
    assert rows[0]["entity"]["id"] == "khalifa-haftar"
    assert rows[1]["query"].startswith("\ufffd")  # invalid UTF-8 replaced, line still processed
    assert rows[2]["entity"] is None and rows[3]["entity"] is None
    assert rows[4]["entity"]["id"] == "mevlut-cavusoglu"
    assert p.stderr == b""  # no progress line when stderr is not a terminal


def test_closed_pipe_ends_quietly() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "namenorm", "lookup"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdin is not None
    proc.stdin.write(b"Hifter\n")
    proc.stdin.flush()
    first = proc.stdout.readline()  # output is flushed line by line, so this returns
    proc.stdout.close()
    try:
        proc.stdin.write(b"Hifter\n" * 20000)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    proc.wait(timeout=120)
    assert b"Khalifa Haftar" in first
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    if not proc.stdin.closed:
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass
    assert b"Traceback" not in err
    assert proc.returncode == 0


def test_annotate_file_and_stdin() -> None:
    p = run("annotate", "--json", str(SEED))
    assert p.returncode == 0, p.stderr
    rows = [json.loads(x) for x in p.stdout.decode("utf-8").splitlines()]
    text = SEED.read_text(encoding="utf-8")
    assert rows and all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    assert {"start", "end", "text", "entity", "name", "type", "score"} <= set(rows[0])
    q = run("annotate", "-", stdin="President teben met salaj.".encode())
    assert q.returncode == 0
    assert "Abdelmadjid Tebboune" in q.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["annotate", "/no/such/file.txt"], "no such file"),
        (["annotate", "."], "is a directory"),
        (["lookup", "--gazetteer", "/no/such.toml", "x"], "no such file"),
        (["lookup", "--no-default", "x"], "--no-default needs"),
        (["lookup", "--gazetteer", str(FIXTURES / "broken" / "duplicate_id.toml"), "x"], "duplicate_id.toml:7"),
        (["gazetteer", "check", "/no/such/dir"], "no such file"),
        (["lookup", "--top", "0", "x"], "must be at least 1"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_no_traceback(argv: list[str], message: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_gazetteer_check(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "broken" / "unknown_type.toml"
    assert main(["gazetteer", "check", str(bad)]) == 2
    assert f"{bad}:4:" in capsys.readouterr().err
    good = FIXTURES / "good" / "user_places.toml"
    assert main(["gazetteer", "check", "--with-default", str(good)]) == 0
    assert "ok" in capsys.readouterr().out


def test_gazetteer_stats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["gazetteer", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entities"] > 500 and stats["types"]["country"] >= 193


def test_user_gazetteer_lookup(capsys: pytest.CaptureFixture[str]) -> None:
    path = FIXTURES / "good" / "user_places.toml"
    assert main(["lookup", "--json", "--gazetteer", str(path), "Wadi Zemzem", "Tripoli"]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows[0]["entity"]["id"] == "wadi-zamzam" and rows[1]["entity"]["id"] == "tripoli"


def test_normalize_and_compare(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", "İbrahim Kalın’s", "U.S."]) == 0
    assert capsys.readouterr().out.splitlines() == ["ibrahim kalin", "us"]
    assert main(["compare", "--json", "Abdel Fattah el-Sisi", "Abdelfattah al-Sissi"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["match"] is True and 0.8 <= got["score"] <= 1


def test_version_and_help() -> None:
    p = run("--version")
    assert p.returncode == 0 and p.stdout.startswith(b"namenorm ")
    h = run("--help")
    assert h.returncode == 0 and b"lookup" in h.stdout


def test_console_script_is_installed() -> None:
    import shutil

    exe = shutil.which("namenorm", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("package not installed into this interpreter's environment (source-tree run)")
    p = subprocess.run([exe, "lookup", "--json", "Hifter"], capture_output=True, timeout=120)
    assert p.returncode == 0 and b"khalifa-haftar" in p.stdout
