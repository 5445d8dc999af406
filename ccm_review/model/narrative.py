"""The narrative of a section as loaded: inlines, blocks, footnotes and the ignore comments.

Nothing here knows about Markdown tokens, DOCX or HTML: the Markdown loader builds these objects
from a section's body (and the inlines of its indicator cells), the analyses and the validators
read them, and the layout places them in the outline, whose inlines every writer prints.
"""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field

# --- Inline content ------------------------------------------------------------------------------


class Text(Record):
    """Plain text."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class Code(Record):
    """An inline code span, shown verbatim."""

    __slots__ = ("text",)
    text: str

    def __init__(self, text: str) -> None:
        set_field(self, "text", text)


class Styled(Record):
    """Emphasis, strong emphasis or strikethrough around other inlines."""

    __slots__ = ("style", "children")  # noqa: RUF023
    style: str  # "em" | "strong" | "strike"
    children: tuple[Inline, ...]

    def __init__(self, style: str, children: tuple[Inline, ...]) -> None:
        set_field(self, "style", style)
        set_field(self, "children", children)


class Link(Record):
    """A hyperlink; `href` as written, checked by the validators before anything renders it."""

    __slots__ = ("href", "children", "location")  # noqa: RUF023
    href: str
    children: tuple[Inline, ...]
    location: Location

    def __init__(self, href: str, children: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "href", href)
        set_field(self, "children", children)
        set_field(self, "location", location)


class FootnoteRef(Record):
    """A reference to a footnote of the same section, by label."""

    __slots__ = ("label", "location")
    label: str
    location: Location

    def __init__(self, label: str, location: Location) -> None:
        set_field(self, "label", label)
        set_field(self, "location", location)


class RawHtml(Record):
    """Raw HTML as the author typed it: always shown as literal text, never as markup."""

    __slots__ = ("text", "location")  # noqa: RUF023
    text: str
    location: Location

    def __init__(self, text: str, location: Location) -> None:
        set_field(self, "text", text)
        set_field(self, "location", location)


class LineBreak(Record):
    """A line break: `hard` for an explicit break, else a soft wrap shown as a space."""

    __slots__ = ("hard",)
    hard: bool

    def __init__(self, hard: bool = False) -> None:
        set_field(self, "hard", hard)


class Figure(Record):
    """A figure reference, `[=states-parties 2019]`: a point of a series of `data/`, by name and year.

    The loader resolves it against the data: `printed` is the value as printed (None when the
    series or the year does not exist, or `year` is None because the reference is malformed),
    `source` the point's source. The layout prints `printed`; the validators report what is unresolved.
    """

    __slots__ = ("series", "year", "raw", "location", "printed", "source")  # noqa: RUF023
    series: str
    year: int | None
    raw: str
    location: Location
    printed: str | None
    source: str | None

    def __init__(
        self,
        series: str,
        year: int | None,
        raw: str,
        location: Location,
        printed: str | None = None,
        source: str | None = None,
    ) -> None:
        set_field(self, "series", series)
        set_field(self, "year", year)
        set_field(self, "raw", raw)
        set_field(self, "location", location)
        set_field(self, "printed", printed)
        set_field(self, "source", source)

    @property
    def text(self) -> str:
        """What a reader sees: the value as printed, or the reference as typed when it is unresolved."""
        return self.printed if self.printed is not None else self.raw


Inline = Text | Code | Styled | Link | FootnoteRef | RawHtml | LineBreak | Figure


# --- Blocks --------------------------------------------------------------------------------------


class Heading(Record):
    """A narrative heading; level 2 is the first level an author may use."""

    __slots__ = ("level", "inlines", "location")  # noqa: RUF023
    level: int
    inlines: tuple[Inline, ...]
    location: Location

    def __init__(self, level: int, inlines: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "level", level)
        set_field(self, "inlines", inlines)
        set_field(self, "location", location)


class Paragraph(Record):
    """A paragraph of running text."""

    __slots__ = ("inlines", "location")
    inlines: tuple[Inline, ...]
    location: Location

    def __init__(self, inlines: tuple[Inline, ...], location: Location) -> None:
        set_field(self, "inlines", inlines)
        set_field(self, "location", location)


class ListItem(Record):
    """One item of a list, holding blocks (usually one paragraph, maybe a nested list)."""

    __slots__ = ("blocks", "location")
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)


class ListBlock(Record):
    """A bulleted or ordered list; rendered as lettered sub-paragraphs."""

    __slots__ = ("ordered", "items", "location")  # noqa: RUF023
    ordered: bool
    items: tuple[ListItem, ...]
    location: Location

    def __init__(self, ordered: bool, items: tuple[ListItem, ...], location: Location) -> None:
        set_field(self, "ordered", ordered)
        set_field(self, "items", items)
        set_field(self, "location", location)


class Quote(Record):
    """A block quotation."""

    __slots__ = ("blocks", "location")
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)


class CodeBlock(Record):
    """Preformatted text, shown verbatim."""

    __slots__ = ("text", "location")  # noqa: RUF023
    text: str
    location: Location

    def __init__(self, text: str, location: Location) -> None:
        set_field(self, "text", text)
        set_field(self, "location", location)


class SimpleTable(Record):
    """A Markdown pipe table written in the narrative."""

    __slots__ = ("header", "rows", "location")  # noqa: RUF023
    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    location: Location

    def __init__(
        self,
        header: tuple[tuple[Inline, ...], ...],
        rows: tuple[tuple[tuple[Inline, ...], ...], ...],
        location: Location,
    ) -> None:
        set_field(self, "header", header)
        set_field(self, "rows", rows)
        set_field(self, "location", location)


Block = Heading | Paragraph | ListBlock | Quote | CodeBlock | SimpleTable


class Ignore(Record):
    """An author's `<!-- ccm-review: ignore CCM041 -->`: silences those codes in the block after it.

    `codes` is empty when the comment could not be understood; `lines` is the first and last
    source line of the block it applies to, or None when no block follows it. Never rendered.
    """

    __slots__ = ("codes", "text", "location", "lines")  # noqa: RUF023
    codes: tuple[str, ...]
    text: str
    location: Location
    lines: tuple[int, int] | None

    def __init__(self, codes: tuple[str, ...], text: str, location: Location, lines: tuple[int, int] | None) -> None:
        set_field(self, "codes", codes)
        set_field(self, "text", text)
        set_field(self, "location", location)
        set_field(self, "lines", lines)


class Footnote(Record):
    """A footnote definition of a section."""

    __slots__ = ("label", "blocks", "location")  # noqa: RUF023
    label: str
    blocks: tuple[Block, ...]
    location: Location

    def __init__(self, label: str, blocks: tuple[Block, ...], location: Location) -> None:
        set_field(self, "label", label)
        set_field(self, "blocks", blocks)
        set_field(self, "location", location)
