"""The HTML page of a text and its mentions, read back with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from namenorm import Gazetteer, Resolver
from namenorm.cli import main
from namenorm.render import render_html
from namenorm.results import Mention

# Invented entities, so that the page's tests do not depend on the bundled gazetteer.
_RECORDS: list[dict[str, Any]] = [
    {"id": "zorvath-quillan", "type": "person", "name": "Zorvath Quillan", "aliases": ["Quillan"]},
    {"id": "mirelle", "type": "place", "name": "Mirelle"},
    {"id": "ostmark-guard", "type": "org", "name": "Ostmark Guard"},
    {"id": "vx-7", "type": "vessel", "name": "Brinewolf"},  # a user's own type
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(Gazetteer.from_records(_RECORDS))


class _Page(HTMLParser):
    """The parts of a page the tests look at: the text of #text, its marks (attributes and the
    offset in that text where each begins), the legend's rows, every element's tag and
    attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.marks: list[dict[str, str | None]] = []
        self.mark_texts: list[str] = []
        self.legend: list[list[str]] = []
        self._in_text = 0
        self._in_mark = False
        self._in_row = False
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.elements.append((tag, a))
        if self._in_text:
            self._in_text += 1
            if tag == "mark":
                self.marks.append({**a, "_at": str(len(self.text))})
                self.mark_texts.append("")
                self._in_mark = True
        elif tag == "div" and a.get("id") == "text":
            self._in_text = 1
        if tag == "tr" and "data-entity" in a:
            self._in_row = True
            self.legend.append([])
        if tag == "td" and self._in_row:
            self._in_cell = True
            self.legend[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if self._in_text:
            self._in_text -= 1
            if tag == "mark":
                self._in_mark = False
        if tag == "tr":
            self._in_row = False
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_text:
            self.text += data
            if self._in_mark:
                self.mark_texts[-1] += data
        if self._in_cell:
            self.legend[-1][-1] += data


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


TEXT = ('Zorvath Quillan left Mirelle; later Quillan & the Ostmark Guard <script>alert("x")</script> '
        "met in Mirelle aboard the Brinewolf.")


def test_the_text_is_escaped_and_comes_back_whole(resolver: Resolver) -> None:
    page = _parse(render_html(TEXT, resolver.annotate(TEXT)))
    assert page.text == TEXT
    assert "script" not in [tag for tag, _ in page.elements]


def test_the_page_needs_nothing_from_outside(resolver: Resolver) -> None:
    page = _parse(render_html(TEXT, resolver.annotate(TEXT)))
    tags = [tag for tag, _ in page.elements]
    assert "link" not in tags and "img" not in tags and "iframe" not in tags and "script" not in tags
    for _, attrs in page.elements:
        assert "src" not in attrs and "href" not in attrs
    assert "style" in tags


def test_marks_are_at_their_offsets(resolver: Resolver) -> None:
    mentions = resolver.annotate(TEXT)
    assert [m.entity.id for m in mentions] == ["zorvath-quillan", "mirelle", "zorvath-quillan",
                                               "ostmark-guard", "mirelle", "vx-7"]
    page = _parse(render_html(TEXT, mentions))
    assert len(page.marks) == len(mentions)
    for mark, text, m in zip(page.marks, page.mark_texts, mentions, strict=True):
        assert (mark["data-start"], mark["data-end"]) == (str(m.start), str(m.end))
        assert mark["_at"] == str(m.start)  # as many characters before it as its offset says
        assert text == m.text == TEXT[m.start : m.end]
        assert mark["data-entity"] == m.entity.id


def test_hovering_a_mark_tells_entity_type_score_and_reason(resolver: Resolver) -> None:
    mentions = resolver.annotate(TEXT)
    page = _parse(render_html(TEXT, mentions))
    for mark, m in zip(page.marks, mentions, strict=True):
        title = mark["title"] or ""
        for part in (m.entity.name, m.entity.id, m.entity.type, f"{m.score:.2f}", m.reason):
            assert part in title
        assert (mark["data-type"], mark["data-reason"]) == (m.entity.type, m.reason)


def test_legend_has_each_entity_with_its_count(resolver: Resolver) -> None:
    mentions = resolver.annotate(TEXT)
    page = _parse(render_html(TEXT, mentions))
    rows = {cells[2]: (cells[1], cells[3], int(cells[4])) for cells in page.legend}
    assert rows == {
        "zorvath-quillan": ("Zorvath Quillan", "person", 2),
        "mirelle": ("Mirelle", "place", 2),
        "ostmark-guard": ("Ostmark Guard", "org", 1),
        "vx-7": ("Brinewolf", "vessel", 1),
    }
    # Most mentioned first.
    assert [cells[4] for cells in page.legend] == sorted((cells[4] for cells in page.legend), reverse=True)


def test_characters_a_page_cannot_carry_keep_the_offsets(resolver: Resolver) -> None:
    text = "a\r\nb\x00 Mirelle \ud800 Quillan\r\n"
    mentions = resolver.annotate(text)
    assert [m.text for m in mentions] == ["Mirelle", "Quillan"]
    page_text = render_html(text, mentions)
    page_text.encode("utf-8")  # writable as UTF-8: the lone surrogate is replaced
    page = _parse(page_text)
    assert len(page.text) == len(text)
    assert page.text == text.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")
    assert [mark["_at"] for mark in page.marks] == [str(m.start) for m in mentions]


def test_no_mentions_still_gives_a_page() -> None:
    page = _parse(render_html("nothing here", []))
    assert page.text == "nothing here" and page.marks == [] and page.legend == []


def test_mentions_of_another_text_are_refused(resolver: Resolver) -> None:
    mentions = resolver.annotate(TEXT)
    with pytest.raises(ValueError, match="does not fit"):
        render_html("Mirelle", mentions)
    with pytest.raises(ValueError):
        render_html(TEXT, list(reversed(mentions)))
    wrong = Mention(0, 7, "Mirelle", mentions[0].entity, 1.0, "name")
    with pytest.raises(ValueError):
        render_html(TEXT, [wrong])  # the offsets do not hold that text


def test_annotate_html_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "news.txt"
    text = "General Khalifa Haftar met officials in Tripoli & <Benghazi>."
    path.write_text(text, encoding="utf-8")
    assert main(["annotate", str(path), "--html"]) == 0
    page = _parse(capsys.readouterr().out)
    assert page.text == text
    assert [m["data-entity"] for m in page.marks] == ["khalifa-haftar", "tripoli", "benghazi"]
    assert main(["annotate", str(path), "--html", "--json"]) == 2  # one format at a time
