"""Runs cut into tokens to be compared word by word, and runs rebuilt from tokens with their revisions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import DELETED, INSERTED, Deleted, Inserted, NoteMark, Run, Runs, TableNoteMark
from ccm_review.patterns import compile_pattern

_TOKEN = compile_pattern(r"\s+|[^\s]+")

Wrapper = tuple[Any, ...]  # ("em",) for emphasis, ("link", href) for a link: what surrounds a token
Path = tuple[Wrapper, ...]


@dataclass(frozen=True)
class Token:
    """A word, a run of spaces or a mark, with the emphasis and links around it."""

    path: Path
    kind: str  # text, code, raw, break, note, table-note
    text: str
    run: Run | None = None  # the mark itself, for notes and breaks
    links: tuple[Link, ...] = ()  # the links of `path`, to rebuild them

    @property
    def key(self) -> tuple[Any, ...]:
        # Any footnote mark matches any other: Word numbers footnotes itself, and the notes they point
        # to are compared on their own. A table note's letter is typed text, and its notes are matched
        # by letter: a letter that changes is a change.
        return (self.path, self.kind, "" if self.kind == "note" else self.text)


def tokenise(runs: Runs, path: Path = (), links: tuple[Link, ...] = ()) -> list[Token]:
    """Return the words, runs of spaces and marks of `runs`, each with the wrappers around it."""
    out: list[Token] = []
    for run in runs:
        if isinstance(run, Text):
            out.extend(Token(path, "text", piece, links=links) for piece in _TOKEN.findall(run.text))
        elif isinstance(run, Code):
            out.append(Token(path, "code", run.text, links=links))
        elif isinstance(run, RawHtml):
            out.append(Token(path, "raw", run.text, run, links))
        elif isinstance(run, Styled):
            out.extend(tokenise(run.children, (*path, ("styled", run.style)), links))
        elif isinstance(run, Link):
            out.extend(tokenise(run.children, (*path, ("link", run.href)), (*links, run)))
        elif isinstance(run, LineBreak):
            out.append(Token(path, "break", "\n" if run.hard else " ", run, links))
        elif isinstance(run, NoteMark):
            out.append(Token(path, "note", str(run.number), run, links))
        elif isinstance(run, TableNoteMark):
            out.append(Token(path, "table-note", run.letter, run, links))
        elif isinstance(run, (Inserted, Deleted)):
            out.extend(tokenise(run.children, path, links))
    return out


def rebuild(tokens: list[Token], op: str | None) -> list[Run]:
    """Runs for `tokens`, all of one kind of change: neighbours with the same wrappers share a run."""
    out: list[Run] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        base: Run
        if token.kind == "text":
            end = index
            while end < len(tokens) and tokens[end].kind == "text" and tokens[end].path == token.path:
                end += 1
            base = Text("".join(piece.text for piece in tokens[index:end]))
            index = end
        else:
            base = Code(token.text) if token.kind == "code" else token.run  # type: ignore[assignment]
            index += 1
        inner: Run = base
        if op == INSERTED:
            inner = Inserted((base,))
        elif op == DELETED:
            inner = Deleted((base,))
        out.append(_wrap(inner, token))
    return out


def _wrap(run: Run, token: Token) -> Run:
    links = list(token.links)
    for wrapper in reversed(token.path):
        if wrapper[0] == "styled":
            run = Styled(wrapper[1], (run,))  # type: ignore[arg-type]
        else:
            link = links.pop()
            run = Link(link.href, (run,), link.location)  # type: ignore[arg-type]
    return run
