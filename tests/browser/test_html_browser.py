"""The HTML page in a real browser: headless Chromium lays it out, a script checks every mark.

Skipped when no Chromium is installed (Debian: ``apt-get install chromium``), except where
``NAMENORM_REQUIRE_BROWSER=1`` says it must be there (``.ci/run`` installs it and sets that). The page itself has no script: the test adds one to a copy, which walks the
rendered text, counts characters as Python does (code points) and reports, for each mark, where
it begins, what it holds, whether it is drawn (a box on screen with its type's background) and
whether the browser finds it at its own position.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from namenorm import Gazetteer, Resolver
from namenorm.render import render_html

CHROMIUM = next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser")) if p), None)
# CI installs Chromium and sets this: there a missing browser fails the tests instead.
_REQUIRED = os.environ.get("NAMENORM_REQUIRE_BROWSER") == "1"
pytestmark = pytest.mark.skipif(CHROMIUM is None and not _REQUIRED, reason="no chromium installed")

_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--window-size=1200,3000"]

# Walks #text in document order; offsets in code points (Array.from splits by code point).
_CHECK = """
<script>
(function () {
  const root = document.getElementById("text");
  const marks = [];
  let at = 0;
  let whole = "";
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        at += Array.from(child.data).length;
        whole += child.data;
      } else if (child.nodeName === "MARK") {
        const rect = child.getBoundingClientRect();
        const box = child.getClientRects()[0];
        const hit = box ? document.elementFromPoint(box.left + 1, box.top + box.height / 2) : null;
        marks.push({at: at, start: child.dataset.start, end: child.dataset.end,
                    entity: child.dataset.entity, text: child.textContent,
                    width: rect.width, height: rect.height,
                    background: getComputedStyle(child).backgroundColor,
                    found: hit === child || (hit !== null && child.contains(hit))});
        walk(child);
      } else {
        walk(child);
      }
    }
  };
  walk(root);
  const out = document.createElement("pre");
  out.id = "result";
  out.textContent = JSON.stringify({marks: marks, text: whole,
                                    legend: document.querySelectorAll("#legend tbody tr").length});
  document.body.appendChild(out);
})();
</script>
"""

_RECORDS: list[dict[str, Any]] = [
    {"id": "zorvath-quillan", "type": "person", "name": "Zorvath Quillan", "aliases": ["Quillan"]},
    {"id": "mirelle", "type": "place", "name": "Mirelle", "aliases": ["Мирель"]},
    {"id": "ostmark-guard", "type": "org", "name": "Ostmark Guard"},
]

# Characters that a browser counts differently from Python (an emoji is two UTF-16 units, a
# combining accent is its own code point), markup to escape, a CR LF, a tab and long lines.
TEXT = ("Zorvath Quillan 🙂 left Mirelle & <b>Ostmark Guard</b>\r\n\tthen Quillan met"
        " Mire\u0301lle's envoys in Мирель. " + "Filler words that wrap the line. " * 40
        + "At the end, Quillan again.")


def _render(tmp_path: Path, page: str) -> dict[str, Any]:
    path = tmp_path / "page.html"
    path.write_text(page.replace("</body>", _CHECK + "</body>"), encoding="utf-8")
    assert CHROMIUM is not None, "NAMENORM_REQUIRE_BROWSER=1 but no chromium installed"
    proc = subprocess.run([CHROMIUM, *_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                           "--dump-dom", path.as_uri()],
                          capture_output=True, timeout=120)
    dom = proc.stdout.decode("utf-8", errors="replace")
    found = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert found, (proc.returncode, proc.stderr.decode("utf-8", errors="replace")[-2000:])
    return json.loads(html.unescape(found.group(1)))


def test_marks_are_where_the_offsets_say(tmp_path: Path) -> None:
    resolver = Resolver(Gazetteer.from_records(_RECORDS))
    mentions = resolver.annotate(TEXT)
    assert [m.text for m in mentions] == ["Zorvath Quillan", "Mirelle", "Ostmark Guard", "Quillan",
                                          "Mire\u0301lle", "Мирель", "Quillan"]
    result = _render(tmp_path, render_html(TEXT, mentions))
    assert result["text"] == TEXT  # the CR survives (written as a reference), the tab too
    marks = result["marks"]
    assert isinstance(marks, list) and len(marks) == len(mentions)
    for mark, m in zip(marks, mentions, strict=True):
        assert mark["at"] == m.start, (mark, m)
        assert (int(mark["start"]), int(mark["end"])) == (m.start, m.end)
        assert mark["text"] == TEXT[m.start : m.end]
        assert mark["entity"] == m.entity.id
        assert mark["width"] > 0 and mark["height"] > 0  # drawn
        assert mark["background"] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert mark["found"], mark  # the browser finds the mark at its own position
    assert result["legend"] == 3


def test_annotate_page_of_a_seed_article(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parent.parent.parent / "seeds" / "004_5427bc860031b65b.txt"
    text = seed.read_text(encoding="utf-8")
    mentions = Resolver().annotate(text)
    result = _render(tmp_path, render_html(text, mentions))
    assert result["text"] == text
    assert [(mk["at"], mk["text"]) for mk in result["marks"]] == [(m.start, m.text) for m in mentions]
    assert all(mk["found"] for mk in result["marks"])
