"""The DOCX styles, looked up by name without regard to case, and the few the renderer adds."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_UNDERLINE
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle, CharacterStyle, ParagraphStyle, _TableStyle

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument


class StyleBook:
    """The document's styles by case-insensitive name: the one place styles are looked up.

    Word stores built-in names in lower case ("heading 1"), other tools often capitalise them
    ("Heading 1"); a reference document of either kind must work.
    """

    def __init__(self, document: DocxDocument) -> None:
        self._styles = document.styles
        self._by_name: dict[str, BaseStyle] = {}
        for style in self._styles:
            if style.name:
                self._by_name.setdefault(style.name.casefold(), style)

    def find(self, name: str) -> BaseStyle | None:
        """Return the style called `name` in any case, or None when the document has none."""
        return self._by_name.get(name.casefold())

    def paragraph(self, name: str) -> ParagraphStyle | None:
        """Return the paragraph style called `name` in any case, or None."""
        style = self.find(name)
        if isinstance(style, ParagraphStyle) and style.type == WD_STYLE_TYPE.PARAGRAPH:
            return style
        return None

    def table(self, name: str) -> _TableStyle | None:
        """Return the table style called `name` in any case, or None."""
        style = self.find(name)
        return style if isinstance(style, _TableStyle) else None

    def ensure(self, name: str, kind: WD_STYLE_TYPE, style_id: str,
               setup: Callable[[BaseStyle], None], builtin: bool = True) -> BaseStyle:
        """Return the style `name`, first adding it as `style_id` shaped by `setup` when missing."""
        found = self.find(name)
        if found is not None:
            return found
        # Word's own styles (footnote text ...) carry no customStyle flag; ours do.
        style: BaseStyle = self._styles.add_style(name, kind, builtin=builtin)
        style.style_id = style_id
        style.priority = 99
        style.unhide_when_used = True
        setup(style)
        self._by_name[name.casefold()] = style
        return style


def hyperlink_style_id(book: StyleBook) -> str:
    """Return the style id of the "Hyperlink" character style, adding Word's look when missing."""
    return book.ensure("Hyperlink", WD_STYLE_TYPE.CHARACTER, "Hyperlink", _hyperlink_look).style_id


def _hyperlink_look(style: BaseStyle) -> None:
    font = cast(CharacterStyle, style).font
    font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    font.underline = WD_UNDERLINE.SINGLE


def footnote_style_ids(book: StyleBook) -> tuple[str, str]:
    """Return the style ids of "footnote text" and "footnote reference", adding them when missing."""
    normal = book.find("Normal")
    text = book.ensure("footnote text", WD_STYLE_TYPE.PARAGRAPH, "FootnoteText",
                       lambda style: _note_text_look(style, normal))
    reference = book.ensure("footnote reference", WD_STYLE_TYPE.CHARACTER, "FootnoteReference",
                            _note_reference_look)
    return text.style_id, reference.style_id


def _note_text_look(style: BaseStyle, normal: BaseStyle | None) -> None:
    """Shape a compact text style: 10 pt, single-spaced, no space around (notes, table cells)."""
    compact = cast(ParagraphStyle, style)
    compact.base_style = normal
    compact.font.size = Pt(10)
    paragraph = compact.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(0)
    paragraph.line_spacing = 1.0


def _note_reference_look(style: BaseStyle) -> None:
    cast(CharacterStyle, style).font.superscript = True


def table_text_style_id(book: StyleBook) -> str:
    """Return the style id of "Table Text" for table cells, adding a compact 10 pt one when missing."""
    normal = book.find("Normal")
    return book.ensure("Table Text", WD_STYLE_TYPE.PARAGRAPH, "TableText",
                       lambda style: _note_text_look(style, normal), builtin=False).style_id
