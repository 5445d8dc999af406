"""Inline content (runs) -> safe HTML fragments: every author's character is escaped here."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from markupsafe import Markup, escape

from ccm_review.model import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.outline import NoteMark, Run

# Only these reach the page as real links; the validators report any other scheme (CCM032), and
# this renderer stays safe on its own in case it is handed an outline that skipped them.
_EXTERNAL_HREF = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
_STYLE_TAGS = {"em": "em", "strong": "strong", "strike": "s"}


def render_runs(runs: Iterable[Run], in_link: bool = False) -> Markup:
    """Return `runs` as one escaped HTML fragment."""
    return Markup("").join(_render_run(run, in_link) for run in runs)


def link_kind(href: str) -> str | None:
    """Return "internal" for "#..." hrefs, "external" for http(s)/mailto ones, None for the rest."""
    if href.startswith("#"):
        return "internal"
    if _EXTERNAL_HREF.match(href) and not any(ord(char) <= 0x20 for char in href):
        return "external"
    return None


def _render_run(run: Run, in_link: bool) -> Markup:
    renderer = _RENDERERS.get(type(run))
    if renderer is None:
        raise TypeError(f"no HTML renderer for inline {type(run).__name__}")
    return renderer(run, in_link)


def _text(run: Text, in_link: bool) -> Markup:
    return escape(run.text)


def _code(run: Code, in_link: bool) -> Markup:
    return Markup("<code>{}</code>").format(run.text)


def _raw_html(run: RawHtml, in_link: bool) -> Markup:
    # Authors' HTML is never markup: it shows as the characters they typed.
    return escape(run.text)


def _styled(run: Styled, in_link: bool) -> Markup:
    inner = render_runs(run.children, in_link)
    tag = _STYLE_TAGS.get(run.style)
    return Markup("<{0}>{1}</{0}>").format(Markup(tag), inner) if tag else inner


def _link(run: Link, in_link: bool) -> Markup:
    kind = link_kind(run.href)
    inner = render_runs(run.children, in_link=True)
    if kind is None or in_link:
        return inner
    if kind == "internal":
        return Markup('<a href="{}">{}</a>').format(run.href, inner)
    return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(run.href, inner)


def _line_break(run: LineBreak, in_link: bool) -> Markup:
    return Markup("<br>\n") if run.hard else Markup("\n")


def _note_mark(run: NoteMark, in_link: bool) -> Markup:
    number = run.number
    if in_link:
        # An <a> cannot hold another <a>: the mark keeps its id (the note links back to it).
        return Markup('<sup class="note-ref" id="note-ref-{0}">{0}</sup>').format(number)
    return Markup('<sup class="note-ref" id="note-ref-{0}"><a href="#note-{0}">{0}</a></sup>').format(number)


_RENDERERS: dict[type[Any], Callable[[Any, bool], Markup]] = {
    Text: _text,
    Code: _code,
    RawHtml: _raw_html,
    Styled: _styled,
    Link: _link,
    LineBreak: _line_break,
    NoteMark: _note_mark,
}
