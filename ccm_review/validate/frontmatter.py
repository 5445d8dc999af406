"""CCM004-CCM006: front matter keys and values against the shapes the template declares."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ccm_review.model.finding import Finding
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.source import Section
from ccm_review.spec.rules import finding
from ccm_review.spec.shape import Field, ListOf, MapOf, Problem, Scalar, Shape, check_shape
from ccm_review.spec.template import Spec

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis

_CODES = {"unknown-key": "CCM004", "missing": "CCM005", "value": "CCM006"}
_TEXT = Scalar(("str",))
_DATE = Scalar(("date",))

DOCUMENT_SHAPE = MapOf({
    "body": Field(_TEXT, required=True, description="the treaty body, e.g. Convention on Cluster Munitions"),
    "symbol": Field(_TEXT, required=True, description="the document symbol, e.g. CCM/CONF/2020/PM.1/2"),
    "distribution": Field(_TEXT),
    "date": Field(_DATE, required=True, description="the date of the document, e.g. 2020-04-30"),
    "original": Field(_TEXT),
    "language": Field(_TEXT),
    "meeting": Field(_TEXT),
    "session": Field(_TEXT),
    "place": Field(_TEXT),
    "meeting_dates": Field(_TEXT),
    "agenda_item": Field(Scalar(("int", "str"))),
    "agenda_title": Field(_TEXT),
    "title": Field(_TEXT, required=True, description="the title of the document"),
    "job_number": Field(_TEXT, description="UNODA's job number, printed at the foot of page 1, e.g. GE.20-06123(E)"),
    "period": Field(_TEXT, description="the period a report covers, printed under the title"),
    "submitted_by": Field(_TEXT),
    "timeline": Field(ListOf(MapOf({
        "name": Field(_TEXT, required=True, description="what is due"),
        "date": Field(_DATE, required=True, description="when, e.g. 2020-02-29"),
    }))),
})


def section_shape(spec: Spec, is_action: bool) -> MapOf:
    """Return the shape of a section's front matter: the keys and values the template allows."""
    columns: dict[str, Field] = {}
    for column in spec.columns:
        kinds = ("str",) if column.key == "ref" or column.values else ("str", "int", "float")
        allowed = tuple(value for value, _ in column.values) if column.values else None
        required = column.required and (is_action or column.key != "ref")
        columns[column.key] = Field(Scalar(kinds, allowed), required=required, description=column.description)
    row: Shape = MapOf(columns)
    return MapOf({
        "action": Field(Scalar(("int",)), description="the number of the action, e.g. 4"),
        "part": Field(_TEXT, description="a part that is not an action, e.g. introduction"),
        "title": Field(_TEXT),
        "status": Field(Scalar(("str",), spec.statuses), required=True,
                        description=f"one of {', '.join(spec.statuses)}"),
        "coordinators": Field(ListOf(_TEXT, min_items=1), required=is_action,
                              description="the coordinating States, e.g. [Mexico, Spain]"),
        "table": Field(ListOf(row, min_items=1), required=is_action,
                       description="one row per item of the action"),
        "charts": Field(ListOf(CHART_SHAPE, min_items=1),
                        description="figures of data/ drawn as a line or bars under the table"),
    })


CHART_SHAPE = MapOf({
    "series": Field(_TEXT, required=True, description="the name of a series of data/, e.g. states-parties"),
    "kind": Field(Scalar(("str",), ("line", "bar")), required=True, description="line or bar"),
    "title": Field(_TEXT, required=True, description="printed on the line under 'Figure N'"),
    "description": Field(_TEXT, required=True, description="one sentence saying what the chart shows, for "
                         "readers who cannot see it"),
    "years": Field(ListOf(Scalar(("int",)), min_items=2), description="the years drawn; all when left out"),
})


def check_front_matter(analysis: Analysis) -> list[Finding]:
    """Return findings for unknown keys, missing keys and wrong values in every file."""
    document, spec = analysis.document, analysis.spec
    findings: list[Finding] = []
    if document.masthead_meta is not None:
        findings.extend(_findings(check_shape(document.masthead_meta, DOCUMENT_SHAPE)))
        findings.extend(_check_dates(document.masthead_meta))
        findings.extend(_check_quotes(document.masthead_meta))
    for section in document.sections:
        if section.meta is not None:
            findings.extend(_check_section(section, spec))
            findings.extend(_check_quotes(section.meta))
    return findings


# Opening and closing quotation marks that Word's AutoFormat types for straight quotes.
_OPENING = "\u201c\u2018\u201e\u00ab"
_CLOSING = "\u201d\u2019\u201c\u00bb"


def _check_quotes(node: MetaNode) -> list[Finding]:
    """CCM018: a value such as \u201cChile\u201d, which YAML reads with its quote marks (Word typed them)."""
    if isinstance(node, MetaMap):
        return [found for entry in node.entries for found in _check_quotes(entry.value)]
    if isinstance(node, MetaList):
        return [found for item in node.items for found in _check_quotes(item)]
    text = node.value
    if isinstance(text, str) and len(text) > 1 and text[0] in _OPENING and text[-1] in _CLOSING:
        return [finding("CCM018", f"the value {text} is wrapped in curly quotes, which would be printed",
                        node.location, f"use straight quotes, \"{text[1:-1]}\", or none; Word's AutoFormat "
                        "turns straight quotes into curly ones")]
    return []


def _check_section(section: Section, spec: Spec) -> list[Finding]:
    meta = section.meta
    assert meta is not None
    has_action, has_part = meta.get("action") is not None, meta.get("part") is not None
    findings = _findings(check_shape(meta, section_shape(spec, is_action=has_action)))
    if not has_action and not has_part:
        findings.append(finding("CCM005", "the front matter needs 'action' or 'part'", meta.location,
                                "add 'action: N' for an action of the plan, or 'part: introduction'"))
    elif has_action and has_part:
        entry = meta.entry("part")
        assert entry is not None
        findings.append(finding("CCM006", "give 'action' or 'part', not both", entry.key_location,
                                "remove one of the two keys"))
    return findings


def _findings(problems: list[Problem]) -> list[Finding]:
    return [finding(_CODES[problem.kind], problem.message, problem.location, problem.hint)
            for problem in problems]


def _check_dates(meta: MetaMap) -> list[Finding]:
    nodes = [meta.get("date")]
    timeline = meta.get("timeline")
    if isinstance(timeline, MetaList):
        nodes.extend(item.get("date") for item in timeline.items if isinstance(item, MetaMap))
    findings: list[Finding] = []
    for node in nodes:
        if isinstance(node, MetaScalar) and node.kind == "date":
            try:
                date.fromisoformat(str(node.value))
            except ValueError:
                findings.append(finding("CCM006", f"'{node.value}' is not a date of the calendar",
                                        node.location, "write the date as YYYY-MM-DD, e.g. 2020-06-08"))
    return findings
