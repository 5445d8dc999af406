"""The styles of the reference document, looked up by name without regard to case.

The renderer formats by style name only; the look (fonts, sizes, spacing, rules) is the
reference document's. A reference lacking a style the renderer needs is refused, naming every
missing style at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.enum.style import WD_STYLE_TYPE

from ccm_review.errors import TemplateError

if TYPE_CHECKING:
    from pathlib import Path

    from docx.document import Document as DocxDocument
    from docx.styles.style import BaseStyle

_P, _C, _T = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE

# Every style the renderer uses, with its kind (docs/reference-docx.md says what each is for).
REQUIRED_STYLES: tuple[tuple[str, WD_STYLE_TYPE], ...] = (
    ("Normal", _P),
    ("Title", _P),
    ("Heading 1", _P),
    ("Heading 2", _P),
    ("Heading 3", _P),
    ("Heading 4", _P),
    ("Caption", _P),
    ("List Paragraph", _P),
    ("Quote", _P),
    ("Source Code", _P),
    ("Table Text", _P),
    ("Table Heading", _P),
    ("Table Note", _P),
    ("Footnote Text", _P),
    ("Header", _P),
    ("Footer", _P),
    ("Masthead Top", _P),
    ("Masthead Distribution", _P),
    ("Masthead", _P),
    ("Masthead Bold", _P),
    ("Footnote Reference", _C),
    ("Hyperlink", _C),
    ("Verbatim Char", _C),
    ("Masthead Symbol", _C),
    ("Table Grid", _T),
)

_KIND_NAMES = {_P: "paragraph", _C: "character", _T: "table"}

# Paragraph styles of the masthead: the word count of the document leaves them out.
MASTHEAD_STYLES = ("Masthead Top", "Masthead Distribution", "Masthead", "Masthead Bold", "Title")


class StyleBook:
    """The style ids of the reference document by case-insensitive name.

    Word stores some built-in names in lower case ("heading 1"), other tools capitalise them
    ("Heading 1"); python-docx shows both as "Heading 1". Either must work.
    """

    def __init__(self, document: DocxDocument, source: Path) -> None:
        by_name: dict[str, BaseStyle] = {}
        for style in document.styles:
            if style.name:
                by_name.setdefault(style.name.casefold(), style)
        self._ids: dict[str, str] = {}
        problems: list[str] = []
        for name, kind in REQUIRED_STYLES:
            style = by_name.get(name.casefold())
            if style is None:
                problems.append(f'"{name}" ({_KIND_NAMES[kind]} style) is missing')
            elif style.type != kind:
                problems.append(f'"{name}" is a {_KIND_NAMES.get(style.type, "other")} style, '
                                f"a {_KIND_NAMES[kind]} style is needed")
            else:
                self._ids[name.casefold()] = style.style_id
        if problems:
            raise TemplateError(
                f"{source}: {'; '.join(problems)}",
                hint="add the style in Word (Styles pane, New Style, with exactly that name) or start again "
                     "from scripts/make-reference-docx.py; docs/reference-docx.md lists the styles",
            )

    def id(self, name: str) -> str:
        """Return the style id of required style `name` (any case)."""
        return self._ids[name.casefold()]
