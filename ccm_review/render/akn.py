"""The Akoma Ntoso writer: the outline as an OASIS LegalDocML (Akoma Ntoso 3.0) `doc`.

The masthead goes to `<preface>` (document number, date, title as `docNumber`, `docDate`,
`docTitle`), each part to a `<section>`, its indicator table to an `<hcontainer
name="indicatorTable">` (its `<num>` the label "Table 4", its `<heading>` the title, and the
table's `<caption>` both as printed: the label, `<eol/>`, the title; a chart likewise, in an
`<hcontainer name="figure">`), narrative headings to `<crossHeading>`, numbered paragraphs to
`<paragraph>` with their `<num>`, sub-paragraphs to `<point>`s inside them, footnotes and table
notes to `<authorialNote>`s where they are referenced. Identifiers (`eId`) follow the Akoma Ntoso
naming convention: a part's own key and positions inside it ("sec_action-4__para_3",
"sec_action-4__authorialNote_2"), so a change in one part leaves every other part's identifiers
as they were. FRBR identification comes from document.yaml (language `eng`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no stubs

from ccm_review import __version__
from ccm_review.layout.labels import printed_date
from ccm_review.model.narrative import Code, LineBreak, Link, RawHtml, Styled, Text
from ccm_review.model.outline import (
    Chart,
    CodeItem,
    Deleted,
    GridItem,
    HeadingItem,
    Inserted,
    NoteMark,
    NumberedItem,
    PlainItem,
    SubItem,
    TableNoteMark,
)
from ccm_review.patterns import compile_pattern
from ccm_review.project import OUTPUT_STEM
from ccm_review.render.html.runs import link_kind

if TYPE_CHECKING:
    from ccm_review.model.outline import IndicatorTable, Item, Note, Outline, PartPlan, Run, Runs, TableNote
    from ccm_review.model.source import Masthead
    from ccm_review.render import RenderContext

AKN = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_LANGUAGE = "eng"  # the expression this tool writes: the English original
_INLINE_TAGS = {"em": "i", "strong": "b"}
_UNSAFE_ID = compile_pattern(r"[^A-Za-z0-9_.-]+")


class AknWriter:
    """An Akoma Ntoso 3.0 document, valid against the OASIS schema."""

    name = "akn"
    file_name = f"{OUTPUT_STEM}.akn.xml"

    def render(self, outline: Outline, context: RenderContext) -> bytes:
        """Return the Akoma Ntoso XML of `outline`, UTF-8; identical input gives identical bytes."""
        root = _element("akomaNtoso")
        doc = _sub(root, "doc", name="reviewDocument")
        _meta(doc, outline.masthead, context.stamp)
        _preface(doc, outline.masthead)
        body = _sub(doc, "mainBody")
        notes = {note.number: note for note in outline.notes}
        for part in outline.parts:
            _Part(part, notes).write(body)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)  # type: ignore[no-any-return]


WRITER = AknWriter()


def _element(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(f"{{{AKN}}}{tag}", nsmap={None: AKN})
    for key, value in attrs.items():
        element.set(key, value)
    return element


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{AKN}}}{tag}")
    for key, value in attrs.items():
        element.set(key, value)
    if text:
        element.text = text
    return element


# --- meta and preface -------------------------------------------------------------------------------


def _meta(doc: etree._Element, masthead: Masthead, stamp: datetime) -> None:
    """FRBR work, expression and manifestation from the masthead; who made the file."""
    date = masthead.date or stamp.date().isoformat()
    number = _UNSAFE_ID.sub("-", masthead.symbol).strip("-") or "draft"
    work = f"/akn/un/doc/reviewDocument/{date}/{number}"
    expression = f"{work}/{_LANGUAGE}@{date}"
    generated = (stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)).astimezone(UTC).date().isoformat()
    meta = _sub(doc, "meta")
    identification = _sub(meta, "identification", source="#ccmReview")
    for level, this, uri, extra in (("FRBRWork", f"{work}/!main", work, "work"),
                                    ("FRBRExpression", f"{expression}/!main", expression, "expression"),
                                    ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", "file")):
        frbr = _sub(identification, level)
        _sub(frbr, "FRBRthis", value=this)
        _sub(frbr, "FRBRuri", value=uri)
        if extra == "file":
            _sub(frbr, "FRBRdate", date=generated, name="generation")
            _sub(frbr, "FRBRauthor", href="#ccmReview")
            continue
        _sub(frbr, "FRBRdate", date=date, name="issued")
        _sub(frbr, "FRBRauthor", href="#body")
        if extra == "work":
            _sub(frbr, "FRBRcountry", value="un")
        else:
            _sub(frbr, "FRBRlanguage", language=_LANGUAGE)
    references = _sub(meta, "references", source="#ccmReview")
    _sub(references, "TLCOrganization", eId="body", href="/ontology/organization/un/body",
         showAs=masthead.body or "body")
    _sub(references, "TLCOrganization", eId="ccmReview", href="/ontology/organization/ccmReview",
         showAs=f"ccm-review {__version__}")


def _preface(doc: etree._Element, masthead: Masthead) -> None:
    """The cover block: body, symbol, distribution, date, original, meeting, agenda, title, submitter."""
    preface = _sub(doc, "preface")
    if masthead.body:
        _sub(preface, "p", masthead.body, **{"class": "body"})
    if masthead.symbol:
        _sub(_sub(preface, "p", **{"class": "symbol"}), "docNumber", masthead.symbol)
    if masthead.distribution:
        _sub(preface, "p", f"Distr.: {masthead.distribution}", **{"class": "distribution"})
    if masthead.date:
        paragraph = _sub(preface, "p", **{"class": "date"})
        _sub(paragraph, "docDate", printed_date(masthead.date), date=masthead.date)
    if masthead.original:
        _sub(preface, "p", f"Original: {masthead.original}", **{"class": "original"})
    for key in ("meeting", "session"):
        if getattr(masthead, key):
            _sub(preface, "p", getattr(masthead, key), **{"class": key})
    place = ", ".join(value for value in (masthead.place, masthead.meeting_dates) if value)
    if place:
        _sub(preface, "p", place, **{"class": "place"})
    if masthead.agenda_item:
        _sub(preface, "p", f"Item {masthead.agenda_item} of the provisional agenda", **{"class": "agendaItem"})
    if masthead.agenda_title:
        _sub(preface, "p", masthead.agenda_title, **{"class": "agendaTitle"})
    _sub(_sub(preface, "p", **{"class": "title"}), "docTitle", masthead.title or "Review Document")
    if masthead.submitted_by:
        _sub(preface, "p", f"Submitted by {masthead.submitted_by}", **{"class": "submittedBy"})


# --- parts -----------------------------------------------------------------------------------------


class _Part:
    """Writes one part as a `<section>`, numbering the identifiers of what it holds."""

    def __init__(self, part: PartPlan, notes: dict[int, Note]) -> None:
        self.part = part
        self.notes = notes
        self.eid = "sec_" + _UNSAFE_ID.sub("_", part.key)
        self._counts: dict[str, int] = {}
        self._table_notes: dict[str, TableNote] = {}
        self._table_eid = ""
        self._noted: set[str] = set()
        self._note_ids: dict[int, str] = {}  # footnote number -> its eId in this part

    def write(self, body: etree._Element) -> None:
        section = _sub(body, "section", eId=self.eid)
        _sub(section, "num", f"{self.part.numeral}.")
        _sub(section, "heading", self.part.title)
        if self.part.table is not None:
            self._table(section, self.part.table)
        for chart in self.part.charts:
            self._chart(section, chart)
        open_points: list[etree._Element] = []  # the paragraph and points list items go into
        for item in self.part.items:
            open_points = self._item(section, item, open_points)
        if len(section) == 2:  # a part with nothing under its heading still needs a child
            self._container(section, "empty")

    def _id(self, kind: str, within: str | None = None) -> str:
        key = f"{within or self.eid}__{kind}"
        self._counts[key] = self._counts.get(key, 0) + 1
        return f"{key}_{self._counts[key]}"

    # --- items ---------------------------------------------------------------------------------

    def _item(self, section: etree._Element, item: Item, open_points: list[etree._Element]) -> list[etree._Element]:
        if isinstance(item, NumberedItem):
            paragraph = _sub(section, "paragraph", eId=self._id("para"))
            _sub(paragraph, "num", f"{item.number}.")
            self._runs(_sub(_sub(paragraph, "content"), "p"), item.runs)
            return [paragraph]
        if isinstance(item, SubItem) and open_points:
            parent = open_points[min(item.depth, len(open_points)) - 1]
            point = self._point(parent, item)
            return [*open_points[:min(item.depth, len(open_points))], point]
        if isinstance(item, PlainItem) and item.depth and open_points:
            content = open_points[-1].find(f"{{{AKN}}}content")
            if content is not None:  # a further paragraph of the same item
                self._runs(_sub(content, "p", **({"class": "quote"} if item.quote else {})), item.runs)
                return open_points
        if isinstance(item, HeadingItem):
            heading = _sub(section, "crossHeading", eId=self._id("crossHeading"))
            heading.text = f"{item.label} "
            self._runs(heading, item.runs)
            return []
        self._loose(section, item)
        return []

    def _point(self, parent: etree._Element, item: SubItem) -> etree._Element:
        """A sub-paragraph as a `<point>` of `parent`, whose own text then becomes its `<intro>`."""
        content = parent.find(f"{{{AKN}}}content")
        if content is not None:
            content.tag = f"{{{AKN}}}intro"
        point = _sub(parent, "point", eId=self._id("point", parent.get("eId")))
        _sub(point, "num", item.label)
        self._runs(_sub(_sub(point, "content"), "p"), item.runs)
        return point

    def _loose(self, section: etree._Element, item: Item) -> None:
        """What is neither heading nor numbered: a quotation, code, a small table, a lone list item."""
        if isinstance(item, GridItem):
            content = self._container(section, "table")
            table = _sub(content, "table", eId=self._id("table"))
            if item.header:
                row = _sub(table, "tr")
                for cell in item.header:
                    self._runs(_sub(_sub(row, "th"), "p"), cell)
            for cells in item.rows:
                row = _sub(table, "tr")
                for cell in cells:
                    self._runs(_sub(_sub(row, "td"), "p"), cell)
            return
        if isinstance(item, CodeItem):
            content = self._container(section, "code")
            self._runs(_sub(content, "p", **{"class": "code"}), (Code(item.text.rstrip("\n")),))
            return
        assert isinstance(item, (PlainItem, SubItem))
        name = "quotation" if isinstance(item, PlainItem) and item.quote else "text"
        paragraph = _sub(self._container(section, name), "p")
        if isinstance(item, SubItem):
            paragraph.text = f"{item.label} "
        self._runs(paragraph, item.runs)

    def _container(self, section: etree._Element, name: str) -> etree._Element:
        container = _sub(section, "hcontainer", eId=self._id("hcontainer"), name=name)
        return _sub(container, "content")

    # --- the indicator table ----------------------------------------------------------------------

    def _table(self, section: etree._Element, table: IndicatorTable) -> None:
        container = _sub(section, "hcontainer", eId=self._id("hcontainer"), name="indicatorTable")
        _sub(container, "num", table.label)
        _sub(container, "heading", table.title)
        self._table_eid = self._id("table")
        element = _sub(_sub(container, "content"), "table", eId=self._table_eid)
        _caption(element, table.label, table.title)
        header = _sub(element, "tr")
        for column in table.columns:
            _sub(_sub(header, "th", **{"class": column.key}), "p", column.header)
        self._table_notes = {note.letter: note for note in table.notes}
        for cells in table.rows:
            row = _sub(element, "tr")
            for column, cell in zip(table.columns, cells, strict=False):
                self._runs(_sub(_sub(row, "td", **{"class": column.key}), "p"), cell)
        self._table_notes = {}

    def _chart(self, section: etree._Element, chart: Chart) -> None:
        """A chart as the table of its figures (the picture is the outputs' business), with its source."""
        container = _sub(section, "hcontainer", eId=self._id("hcontainer"), name="figure")
        _sub(container, "num", chart.label)
        _sub(container, "heading", chart.title)
        content = _sub(container, "content")
        table = _sub(content, "table", eId=self._id("table"))
        _caption(table, chart.label, chart.title)
        header = _sub(table, "tr")
        for label in ("Year", "Value"):
            _sub(_sub(header, "th"), "p", label)
        for point in chart.points:
            row = _sub(table, "tr")
            _sub(_sub(row, "td"), "p", point.label)
            _sub(_sub(row, "td"), "p", point.printed)
        _sub(content, "p", chart.description)
        if chart.source:
            _sub(content, "p", chart.source)

    # --- inlines ---------------------------------------------------------------------------------

    def _runs(self, parent: etree._Element, runs: Runs) -> None:
        for run in runs:
            self._run(parent, run)

    def _run(self, parent: etree._Element, run: Run) -> None:
        if isinstance(run, (Text, RawHtml)):
            _append_text(parent, run.text)
        elif isinstance(run, Code):
            _sub(parent, "span", run.text, **{"class": "code"})
        elif isinstance(run, LineBreak):
            if run.hard:
                _sub(parent, "eol")
            else:
                _append_text(parent, " ")
        elif isinstance(run, Styled):
            tag = _INLINE_TAGS.get(run.style)
            target = _sub(parent, tag) if tag else _sub(parent, "span", **{"class": "strikethrough"})
            self._runs(target, run.children)
        elif isinstance(run, Link):
            kind = link_kind(run.href)
            # A link inside a link, or to anything but the web, mail or this document, stays text.
            inside = any(ancestor.tag == f"{{{AKN}}}a" for ancestor in parent.iterancestors()) or parent.tag == \
                f"{{{AKN}}}a"
            self._runs(_sub(parent, "a", href=run.href) if kind and not inside else parent, run.children)
        elif isinstance(run, NoteMark):
            self._note(parent, run.number)
        elif isinstance(run, TableNoteMark):
            self._table_note(parent, run.letter)
        elif isinstance(run, (Inserted, Deleted)):
            self._runs(_sub(parent, "ins" if isinstance(run, Inserted) else "del"), run.children)

    def _note(self, parent: etree._Element, number: int) -> None:
        # Numbered by position within the part, not by the document-wide footnote number that is its
        # marker: a footnote added to an earlier part renumbers the markers, never these identifiers.
        note = self.notes.get(number)
        if number not in self._note_ids:
            self._note_ids[number] = self._id("authorialNote")
        eid = self._note_ids[number]
        if note is None or eid in self._noted:
            _sub(parent, "noteRef", href=f"#{eid}", marker=str(number))
            return
        self._noted.add(eid)
        element = _sub(parent, "authorialNote", eId=eid, marker=str(number), placement="bottom")
        for paragraph in note.paragraphs or ((),):
            self._runs(_sub(element, "p"), paragraph)

    def _table_note(self, parent: etree._Element, letter: str) -> None:
        eid = f"{self._table_eid}__authorialNote_{letter}"
        note = self._table_notes.get(letter)
        if note is None or eid in self._noted:
            _sub(parent, "noteRef", href=f"#{eid}", marker=letter)
            return
        self._noted.add(eid)
        element = _sub(parent, "authorialNote", eId=eid, marker=letter, placement="bottom")
        for paragraph in note.paragraphs or ((),):
            self._runs(_sub(element, "p"), paragraph)


def _caption(table: etree._Element, label: str, title: str) -> None:
    """The table's caption as printed: the label, the end of its line (`eol`), the title."""
    _sub(_sub(table, "caption", label), "eol").tail = title


def _append_text(parent: etree._Element, text: str) -> None:
    """Append `text` after the last child of `parent` (or as its text)."""
    text = "".join(char for char in text if char in "\t\n\r" or ord(char) >= 0x20)  # XML 1.0 forbids the rest
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text

