"""The text of runs that may hold revisions: their plain text, and every run nested in them."""

from __future__ import annotations

from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import Deleted, Inserted, Run, Runs


def flat(runs: Runs) -> list[Run]:
    """Return `runs` and every run nested in them, each before its children."""
    out: list[Run] = []
    for run in runs:
        out.append(run)
        if isinstance(run, (Styled, Link, Inserted, Deleted)):
            out.extend(flat(run.children))
    return out


def plain(runs: Runs) -> str:
    """Return the text of `runs`, inserted and deleted words alike (a line break is a space)."""
    parts: list[str] = []
    for run in runs:
        if isinstance(run, (Text, Code, RawHtml)):
            parts.append(run.text)
        elif isinstance(run, (Styled, Link, Inserted, Deleted)):
            parts.append(plain(run.children))
        elif isinstance(run, LineBreak):
            parts.append(" ")
    return "".join(parts)
