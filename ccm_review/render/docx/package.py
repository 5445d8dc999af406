"""The package around the content: page, running header and footer, properties, byte-stable zip."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, cast

from docx.enum.section import WD_HEADER_FOOTER
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import _ContentTypesItem  # the [Content_Types].xml python-docx's save writes
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.hdrftr import FooterPart, HeaderPart
from docx.shared import Twips

from ccm_review.render.docx.xml import PPR_ORDER, RPR_ORDER, clean, insert_in_order, make

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section

    from ccm_review.model.source import Masthead
    from ccm_review.render.docx.body import Body
    from ccm_review.render.docx.styles import StyleBook

A4_WIDTH = 11906  # twips (21 cm)
A4_HEIGHT = 16838  # twips (29.7 cm)

# Parts a starting document carries that would be stale in ours: Word's pre-2013 copy of the
# styles (TECH-NOTES), the picture of the template's first page, its custom XML data.
_STALE_DOCUMENT_RELS = ("http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML)
_STALE_PACKAGE_RELS = (RT.THUMBNAIL,)

# A region for the six UN languages when the masthead gives only the language.
_REGIONS = {"ar": "ar-SA", "en": "en-GB", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU", "zh": "zh-CN"}

# settings.xml children that follow w:themeFontLang in the schema.
_AFTER_THEME_FONT_LANG = (
    "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
    "w:captions", "w:readModeInkLockDown", "w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults",
    "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator", "w14:docId",
)

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>ccm-review</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)

_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--, whatever the umask of the build


def set_up_page(document: DocxDocument) -> int:
    """Make every section A4 portrait, keeping the reference's margins; return the text width in twips."""
    widths = []
    for section in document.sections:
        section.page_width = Twips(A4_WIDTH)
        section.page_height = Twips(A4_HEIGHT)
        # python-docx reports a missing margin as None: the reference then gets Word's 2.5 cm.
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            if getattr(section, side) is None:
                setattr(section, side, Twips(1417))
        left, right = section.left_margin or Twips(1417), section.right_margin or Twips(1417)
        widths.append(A4_WIDTH - int(left.twips) - int(right.twips))
    return min(widths)


def add_header_and_footer(document: DocxDocument, book: StyleBook, symbol: str, job_number: str = "",
                          draft: bool = False) -> None:
    """The symbol at the top and the page number at the foot of every page but the first, on the
    outer edge as UN documents have them: right on odd pages, left on even ones.

    The first page has the masthead and, as in UN documents, no number; at its foot the job
    number, when document.yaml gives one. A `draft` says "Draft" in every header, so that a draft
    cannot be taken for the final text. Headers and footers are the renderer's: any the reference
    document has are replaced, its "Header" and "Footer" styles give their look.
    """
    document.settings.odd_and_even_pages_header_footer = True
    mark = "Draft" if draft else ""
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer,
                     section.even_page_header, section.even_page_footer):
            part.is_linked_to_previous = True  # drops the reference's own, if any
        section.different_first_page_header_footer = True
        first = _only_paragraph(section, "first_page_header", book.id("Normal"), "right")  # page 1: the masthead
        _add_text(first, mark)
        _add_text(_only_paragraph(section, "first_page_footer", book.id("Footer"), "left"), job_number)
        for which, side in (("header", "right"), ("even_page_header", "left")):
            header = _only_paragraph(section, which, book.id("Header"), side)
            running = [text for text in (symbol, mark) if text]
            _add_text(header, "  ".join(running if side == "left" else reversed(running)))
        for which, side in (("footer", "right"), ("even_page_footer", "left")):
            _page_field(_only_paragraph(section, which, book.id("Footer"), side))


def _add_text(paragraph: BaseOxmlElement, text: str) -> None:
    if text:
        run = paragraph.add_r()
        run.text = clean(text)


def _only_paragraph(section: Section, which: str, style_id: str, side: str) -> BaseOxmlElement:
    """Return the one paragraph of header or footer `which` of `section`, styled `style_id`, set on
    `side` (left or right)."""
    paragraph = _new_story(section, which)
    properties = paragraph.get_or_add_pPr()
    properties.style = style_id
    insert_in_order(properties, make("w:jc", val="right" if side == "right" else "left"), PPR_ORDER)
    return paragraph


# Each header and footer of a section: a header or not, and its kind.
_STORIES = {
    "header": (True, WD_HEADER_FOOTER.PRIMARY),
    "first_page_header": (True, WD_HEADER_FOOTER.FIRST_PAGE),
    "even_page_header": (True, WD_HEADER_FOOTER.EVEN_PAGE),
    "footer": (False, WD_HEADER_FOOTER.PRIMARY),
    "first_page_footer": (False, WD_HEADER_FOOTER.FIRST_PAGE),
    "even_page_footer": (False, WD_HEADER_FOOTER.EVEN_PAGE),
}


def _new_story(section: Section, which: str) -> BaseOxmlElement:
    """Give `section` a new header or footer `which` (it has none) and return its one paragraph.

    What python-docx's `is_linked_to_previous = False` does (the part named as its next_partname
    names it, from python-docx's own default XML, related and referenced by the section), without
    its searches for a definition, prior section and paragraph, and without reading the default
    XML from disk for each of the six.
    """
    header, kind = _STORIES[which]
    document_part = section.part
    package = document_part.package
    assert package is not None  # a document opened from a file has one
    part_class, template, content_type, reltype = (
        (HeaderPart, "/word/header%d.xml", CT.WML_HEADER, RT.HEADER) if header
        else (FooterPart, "/word/footer%d.xml", CT.WML_FOOTER, RT.FOOTER))
    part = part_class(package.next_partname(template), content_type, parse_xml(_default_story(header)), package)
    r_id = document_part.relate_to(part, reltype)
    sect_pr = section._sectPr
    if header:
        sect_pr.add_headerReference(kind, r_id)
    else:
        sect_pr.add_footerReference(kind, r_id)
    return cast("BaseOxmlElement", part.element.find(qn("w:p")))  # the default holds one paragraph


@cache
def _default_story(header: bool) -> bytes:
    """Return python-docx's default XML of a header (or footer), read once."""
    # python-docx leaves both untyped.
    xml: bytes = HeaderPart._default_header_xml() if header else FooterPart._default_footer_xml()  # type: ignore[no-untyped-call]
    return xml


def _page_field(p: BaseOxmlElement) -> None:
    """Append a PAGE field showing "1" until the reader's program updates it."""
    if p.xpath("./w:r/w:instrText"):
        return
    for piece in (make("w:fldChar", fldCharType="begin"), _instruction(" PAGE "),
                  make("w:fldChar", fldCharType="separate"), None, make("w:fldChar", fldCharType="end")):
        run = p.add_r()
        if piece is None:
            run.text = "1"
        else:
            run.append(piece)


def _instruction(code: str) -> BaseOxmlElement:
    element = make("w:instrText")
    element.text = code
    element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return element


def language_tag(language: str) -> str:
    """Return the language tag Word wants ("en-GB") for a masthead language ("en")."""
    language = language.strip() or "en"
    return _REGIONS.get(language.casefold(), language)


def set_properties(document: DocxDocument, masthead: Masthead, stamp: datetime) -> None:
    """Fill the core properties from the masthead; every date is `stamp`; the language everywhere."""
    moment = _utc(stamp)
    author = _property(masthead.submitted_by or masthead.body)
    tag = _property(language_tag(masthead.language))
    properties = document.core_properties
    properties.title = _property(masthead.title)
    properties.subject = _property(masthead.symbol)
    properties.author = author
    properties.last_modified_by = author
    properties.language = tag
    properties.comments = ""  # the reference's own comment ("restyle in Word ...") is not ours
    properties.keywords = ""
    properties.category = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.version = ""
    properties.created = moment
    properties.modified = moment
    properties.last_printed = moment
    properties.revision = 1
    _set_language(document, tag)
    write_app_properties(document)


def _set_language(document: DocxDocument, tag: str) -> None:
    """Make `tag` the proofing language of the text (styles) and of the theme fonts (settings)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = make("w:docDefaults")
        styles.insert(0, defaults)
    r_default = defaults.find(qn("w:rPrDefault"))
    if r_default is None:
        r_default = make("w:rPrDefault")
        defaults.insert(0, r_default)
    r_pr = r_default.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = make("w:rPr")
        r_default.append(r_pr)
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = make("w:lang")
        insert_in_order(r_pr, lang, RPR_ORDER)
    lang.set(qn("w:val"), tag)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = make("w:themeFontLang")
        settings.insert_element_before(theme_lang, *_AFTER_THEME_FONT_LANG)
    theme_lang.set(qn("w:val"), tag)


def write_app_properties(document: DocxDocument) -> None:
    """Give docProps/app.xml our application name and no stale statistics (Word recounts on save)."""
    package = document.part.package
    blob = _APP_XML.encode("utf-8")
    for rel in package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            rel.target_part._blob = blob  # python-docx keeps app.xml as an opaque part
            return
    part = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, blob, package)
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def _property(text: str) -> str:
    """Return `text` as a core property can hold it (python-docx refuses more than 255 characters)."""
    return clean(text)[:255]


def drop_stale_parts(document: DocxDocument) -> None:
    """Unlink the parts of the starting document that no longer describe ours."""
    for r_id, rel in list(document.part.rels.items()):
        if rel.reltype in _STALE_DOCUMENT_RELS:
            document.part.rels.pop(r_id)
    package_rels = document.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype in _STALE_PACKAGE_RELS:
            package_rels.pop(r_id)


def stable_bytes(document: DocxDocument, stamp: datetime) -> bytes:
    """Return the saved document as a zip whose bytes depend only on its content and `stamp`.

    The members are what python-docx's save writes (the content types, the package's
    relationships, each part and its relationships), taken from the package directly: saving
    and reading back its zip compressed and decompressed every part once more. The archive has
    a fixed entry order, dates, compression and file attributes.
    """
    members = _members(document)
    moment = _utc(stamp)
    # Zip dates run from 1980 to 2107.
    moment = min(max(moment, datetime(1980, 1, 1)), datetime(2107, 12, 31, 23, 59, 58))
    date_time = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = [name for name, _ in members]
        blobs = dict(members)  # a name written twice holds its last blob, as a zip read back gives it
        ordered = [name for name in _FIRST_ENTRIES if name in names]
        ordered += sorted(name for name in names if name not in _FIRST_ENTRIES)
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = _FILE_MODE
            target.writestr(info, blobs[name], compresslevel=6)
    return out.getvalue()


def _members(document: DocxDocument) -> list[tuple[str, bytes]]:
    """Return the zip members python-docx's save would write, in its order: (name, bytes)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    types = _ContentTypesItem.from_parts(parts)  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    members = [(CONTENT_TYPES_URI.membername, types.blob),
               (PACKAGE_URI.rels_uri.membername, package.rels.xml)]
    for part in parts:
        members.append((part.partname.membername, part.blob))
        if len(part.rels):
            members.append((part.partname.rels_uri.membername, part.rels.xml))
    return members


def _utc(stamp: datetime) -> datetime:
    """Return `stamp` as a naive UTC time (a naive stamp is taken to be UTC already)."""
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC)
    return stamp.replace(tzinfo=None, microsecond=0)


_END_RULE = 1701  # twips (3 cm): the short rule under the last paragraph


def add_end_rule(body: Body, book: StyleBook, text_width: int) -> None:
    """End the document as UN documents end: a short centred rule under the last paragraph (a border
    on an empty paragraph, so it holds no text and no word)."""
    p = body.paragraph(book.id("Normal"))
    properties = p.find(qn("w:pPr"))
    assert properties is not None  # Body.paragraph always writes one
    border = make("w:pBdr")
    border.append(make("w:bottom", val="single", sz=6, space=1, color="auto"))
    insert_in_order(properties, border, PPR_ORDER)
    insert_in_order(properties, make("w:spacing", before=240, after=0), PPR_ORDER)
    side = max(0, (text_width - _END_RULE) // 2)
    insert_in_order(properties, make("w:ind", left=side, right=side), PPR_ORDER)
