"""Real Word footnotes: the footnotes part with its two separators, and the notes themselves.

python-docx has no footnote API; the part is built on its oxml layer (see TECH-NOTES).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ccm_review.layout.anchors import note_anchor
from ccm_review.model.record import Record, set_field
from ccm_review.render.docx.revisions import mark_paragraph
from ccm_review.render.docx.runs import Format, Story, add_text, write_runs
from ccm_review.render.docx.styles import StyleBook
from ccm_review.render.docx.xml import make, sub

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement

    from ccm_review.model.outline import Note

_PARTNAME = "/word/footnotes.xml"
_SEPARATOR_TYPES = ("separator", "continuationSeparator", "continuationNotice")

_EMPTY_PART = (
    f'<w:footnotes {nsdecls("w", "r")}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
    '</w:footnotes>'
)

# settings.xml children that come after w:footnotePr in the schema.
_AFTER_FOOTNOTE_PR = (
    "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang",
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)


class Footnotes(Record):
    """The footnotes part of the document and how notes are written into it."""

    __slots__ = ("root", "text_style", "story")  # noqa: RUF023
    root: BaseOxmlElement
    text_style: str
    story: Story  # for the notes' own content: links relate to the footnotes part

    def __init__(self, root: BaseOxmlElement, text_style: str, story: Story) -> None:
        set_field(self, "root", root)
        set_field(self, "text_style", text_style)
        set_field(self, "story", story)


def add_footnotes_part(document: DocxDocument, book: StyleBook) -> Footnotes:
    """Give the document a footnotes part holding only the separators."""
    text_style, reference_style = book.id("Footnote Text"), book.id("Footnote Reference")
    root, partname = _take_existing(document)
    if root is None:
        root = parse_xml(_EMPTY_PART)
        _declare_separators(document)
    part = XmlPart(PackURI(partname), CT.WML_FOOTNOTES, root, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    # Separator ids are normally -1 and 0; a reference document using 1 shifts the notes up.
    ids = [int(note.get(qn("w:id"), "0")) for note in root.findall(qn("w:footnote"))]
    offset = max([0, *ids])
    story = Story(part, book.id("Hyperlink"), reference_style, book.id("Verbatim Char"), offset)
    return Footnotes(root, text_style, story)


def write_notes(footnotes: Footnotes, notes: tuple[Note, ...]) -> None:
    """Append every note, in order, as w:footnote with id number + offset."""
    story = footnotes.story
    for note in notes:
        # Made in place, at the end of the part and of the note, where they were appended once
        # written: a free element (`make`) has its namespace checked and declared on every call.
        footnote = sub(footnotes.root, "w:footnote", id=note.number + story.note_offset)
        paragraphs = note.paragraphs or ((),)
        for index, runs in enumerate(paragraphs):
            p = sub(footnote, "w:p")
            sub(sub(p, "w:pPr"), "w:pStyle", val=footnotes.text_style)
            if index == 0:
                mark = add_text(p, "", Format(style=story.note_style))
                mark.append(make("w:footnoteRef"))
                add_text(p, " ", Format())
            write_runs(p, runs, story)
            mark_paragraph(p, note.change, story.revisions)
            if index == 0 and story.bookmarks is not None:
                story.bookmarks.add(p, note_anchor(note.number))


def _take_existing(document: DocxDocument) -> tuple[BaseOxmlElement | None, str]:
    """Detach a footnotes part the starting document already has, keeping its separators.

    Reusing its name (rather than adding a second part) avoids a duplicate zip member.
    """
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            old = rel.target_part
            root = parse_xml(old.blob)
            for footnote in root.findall(qn("w:footnote")):
                if footnote.get(qn("w:type")) not in _SEPARATOR_TYPES:
                    root.remove(footnote)
            document.part.rels.pop(r_id)
            return root, str(old.partname)
    return None, _PARTNAME


def _declare_separators(document: DocxDocument) -> None:
    """Name the separator notes in settings.xml, as Word itself does."""
    settings = document.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    note_pr = make("w:footnotePr")
    note_pr.append(make("w:footnote", id=-1))
    note_pr.append(make("w:footnote", id=0))
    settings.insert_element_before(note_pr, *_AFTER_FOOTNOTE_PR)
