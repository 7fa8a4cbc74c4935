"""A self-contained HTML page of a text and its mentions, to look at what ``annotate`` found.

:func:`render_html` writes one page with no outside resources: the text, escaped, with every
mention marked (its entity, type, score and reason shown on hover), and a legend of the entities
with their number of mentions. ``namenorm annotate FILE --html > page.html`` writes it.

Each mark carries its offsets into the text as ``data-start`` and ``data-end`` (Python string
offsets, that is code points), so a page can be checked against the mentions it was made from.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Sequence

from namenorm.gazetteer import Entity
from namenorm.results import Mention

__all__ = ["render_html"]

# One colour per entity type of the bundled gazetteer (background of the marks and of the
# legend's swatches); users' own types take the colour of their family.
_COLOURS: dict[str, str] = {
    "person": "#ffd8a8",
    "country": "#b2f2bb",
    "place": "#a5d8ff",
    "facility": "#d0bfff",
    "org": "#ffc9c9",
    "event": "#fcc2d7",
    "equipment": "#e9ecef",
}
_FAMILY_COLOURS: dict[str, str] = {"person": "#ffd8a8", "org": "#ffc9c9", "place": "#a5d8ff",
                                   "vessel": "#c3fae8", "aircraft": "#c3fae8", "other": "#e9ecef"}
_CLASS_CHARS = re.compile("[^a-z0-9]+")

# Characters an HTML page cannot carry as they are: a lone surrogate cannot be written in UTF-8
# and NUL is dropped by the parser (both become U+FFFD, one character for one); a carriage
# return would be folded into the next line feed (it is written as a character reference).
_UNSAFE = re.compile("[\x00\ud800-\udfff]")

_STYLE = """
body { font: 16px/1.6 system-ui, sans-serif; margin: 2em auto; max-width: 60em; padding: 0 1em; color: #212529; }
h1 { font-size: 1.3em; }
#text { white-space: pre-wrap; overflow-wrap: break-word; border-top: 1px solid #dee2e6; padding-top: 1em; }
mark { border-radius: 3px; padding: 0 1px; position: relative; color: inherit; }
mark:hover { outline: 2px solid #495057; }
mark:hover::after { content: attr(data-name) " [" attr(data-entity) ", " attr(data-type) "] "
  attr(data-score) " " attr(data-reason); position: absolute; left: 0; top: 1.6em; z-index: 1;
  background: #212529; color: #fff; font-size: 0.8em; padding: 2px 6px; border-radius: 3px; white-space: nowrap; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
td, th { padding: 2px 8px; text-align: left; border-bottom: 1px solid #f1f3f5; }
td.n { text-align: right; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: middle; }
"""


def render_html(text: str, mentions: Sequence[Mention], *, title: str = "namenorm annotate") -> str:
    """One self-contained HTML page showing ``text`` with ``mentions`` marked.

    Args:
        text: the text the mentions were found in.
        mentions: mentions of ``text``, as :meth:`namenorm.Resolver.annotate` returns them
            (sorted, not overlapping; offsets into ``text``).
        title: the page's title and heading.

    Returns:
        The page, as a string (write it as UTF-8).

    Raises:
        ValueError: a mention's offsets do not fit ``text`` (it was found in another text),
            or mentions overlap or are out of order.
    """
    parts: list[str] = []
    at = 0
    for m in mentions:
        if not (at <= m.start < m.end <= len(text)) or text[m.start : m.end] != m.text:
            raise ValueError(f"mention {m.text!r} at {m.start}-{m.end} does not fit the text "
                             "(out of order, overlapping, or from another text)")
        parts.append(_escape(text[at : m.start]))
        parts.append(_mark(m))
        at = m.end
    parts.append(_escape(text[at:]))
    return "".join([
        "<!DOCTYPE html>\n<html lang=\"und\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<title>{_escape(title)}</title>\n<style>{_STYLE}{_type_styles(mentions)}</style>\n</head>\n<body>\n",
        f"<h1>{_escape(title)}</h1>\n",
        _legend(mentions),
        "<div id=\"text\">", *parts, "</div>\n</body>\n</html>\n",
    ])


def _mark(m: Mention) -> str:
    e = m.entity
    tip = f"{e.name} [{e.id}, {e.type}] {m.score:.2f} {m.reason}"
    attrs = {
        "class": _type_class(e),
        "data-start": str(m.start),
        "data-end": str(m.end),
        "data-entity": e.id,
        "data-name": e.name,
        "data-type": e.type,
        "data-score": f"{m.score:.2f}",
        "data-reason": m.reason,
        "title": tip,
    }
    attr_text = " ".join(f'{k}="{_escape(v, quote=True)}"' for k, v in attrs.items())
    return f"<mark {attr_text}>{_escape(m.text)}</mark>"


def _escape(text: str, *, quote: bool = False) -> str:
    """``text`` as HTML character data (or an attribute value), one character for one."""
    return _UNSAFE.sub("\ufffd", html.escape(text, quote=quote)).replace("\r", "&#13;")


def _legend(mentions: Sequence[Mention]) -> str:
    counts = Counter(m.entity.id for m in mentions)
    entities = {m.entity.id: m.entity for m in mentions}
    rows = []
    for eid, count in sorted(counts.items(), key=lambda kv: (-kv[1], entities[kv[0]].name)):
        e = entities[eid]
        rows.append(
            f"<tr data-entity=\"{_escape(eid, quote=True)}\"><td><span class=\"swatch {_type_class(e)}\"></span></td>"
            f"<td>{_escape(e.name)}</td><td><code>{_escape(eid)}</code></td>"
            f"<td>{_escape(e.type)}</td><td class=\"n\">{count}</td></tr>"
        )
    summary = f"{len(mentions)} mentions of {len(counts)} entities"
    return (f"<p id=\"summary\">{summary}</p>\n<table id=\"legend\">\n"
            "<thead><tr><th></th><th>entity</th><th>id</th><th>type</th><th>mentions</th></tr></thead>\n"
            f"<tbody>{''.join(rows)}</tbody>\n</table>\n")


def _type_class(e: Entity) -> str:
    """The CSS class of an entity's type (users' types may be any string)."""
    return "t-" + (_CLASS_CHARS.sub("-", e.type.lower()).strip("-") or "other")


def _type_styles(mentions: Sequence[Mention]) -> str:
    colours = {_type_class(m.entity): _COLOURS.get(m.entity.type) or _FAMILY_COLOURS[m.entity.family]
               for m in mentions}
    return "".join(f".{cls} {{ background: {colour}; }}\n" for cls, colour in sorted(colours.items()))
