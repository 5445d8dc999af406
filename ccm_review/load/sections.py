"""A project's sections/ directory -> Document, with the findings that reading it produced."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ccm_review.errors import ProjectError
from ccm_review.load.data import load_data
from ccm_review.load.files import MAX_SECTION_BYTES, EncodingProblem, read_source, refuse_entry
from ccm_review.load.frontmatter import SplitProblem, split_front_matter
from ccm_review.load.markdown import MAX_NESTING, parse_cell, parse_narrative
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.data import Series
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.source import Cell, ChartRequest, Document, Row, Section
from ccm_review.project import DOCUMENT_FILE, SECTION_SUFFIX, SECTIONS_DIR, is_ignored
from ccm_review.spec.rules import finding

if TYPE_CHECKING:
    from ccm_review.load.cache import SourceCache
    from ccm_review.load.kept import KeptSources


def section_paths(project: Path) -> list[Path]:
    """Return the entries of `project`'s sections/ named like section files, in file-name order.

    Backups and lock files are skipped; a directory or a link named like a section is kept, to be
    reported rather than silently left out of the document.
    """
    directory = project / SECTIONS_DIR
    try:
        entries = list(directory.iterdir())
    except OSError as error:
        raise ProjectError(f"cannot read {directory}: {error.strerror or error}",
                           hint="check that you may read the folder") from error
    return sorted(path for path in entries if path.suffix == SECTION_SUFFIX and not is_ignored(path.name))


def load_document(project: Path, cache: SourceCache | KeptSources | None = None,
                  only: frozenset[str] | None = None) -> tuple[Document, list[Finding]]:
    """Load the masthead and every section file of `project`; never raises for bad content.

    With a `cache` (the preview), a section file that did not change since the last load is not parsed again.
    With `only` (`check FILE...`), only those section files (`sections/NAME.md`) are read; the masthead and
    data/ are read all the same, since the rules of a single file need the document's date and the figures.
    """
    findings: list[Finding] = []
    root = project.resolve()
    if cache is not None:
        read_masthead = cache.masthead
    else:
        # Imported here: a check through the store (or the preview's cache) takes the masthead from it.
        from ccm_review.load.document import load_masthead

        read_masthead = load_masthead
    masthead, masthead_meta, masthead_findings = read_masthead(project / DOCUMENT_FILE, DOCUMENT_FILE, root)
    findings.extend(masthead_findings)
    # The data first: the sections' figure references are resolved against it as they are read.
    series, data_findings = load_data(project)
    findings.extend(data_findings)
    sections: list[Section] = []
    load = cache.section if cache is not None else load_section
    if cache is not None:
        cache.start()
    for path in section_paths(project):
        file = f"{SECTIONS_DIR}/{path.name}"
        if only is not None and file not in only:
            continue
        refusal = refuse_entry(path, root)
        if refusal is not None:
            sections.append(Section(file, None))
            findings.append(finding("CCM008", refusal.message, Location(file, 1, 1), refusal.hint))
            continue
        section, section_findings = load(path, file, series)
        sections.append(section)
        findings.extend(section_findings)
    if cache is not None:
        cache.keep_only({section.path for section in sections})
    return Document(masthead, tuple(sections), masthead_meta, series), findings


def load_section(path: Path, file: str, series: tuple[Series, ...] = ()) -> tuple[Section, list[Finding]]:
    """Load one section file, its figure references resolved against `series`; problems that stop it
    being read become findings."""
    text = read_source(path, file, MAX_SECTION_BYTES)
    if isinstance(text, EncodingProblem):
        return Section(file, None), [finding(text.code, text.message, text.location, text.hint)]
    split = split_front_matter(text)
    if isinstance(split, SplitProblem):
        location = Location(file, split.line, 1)
        return Section(file, None), [finding("CCM002", split.message, location, split.hint)]
    meta = parse_yaml(split.front_matter, file, line_offset=split.front_matter_offset)
    if isinstance(meta, YamlProblem):
        message = f"front matter is not valid YAML: {meta.message}"
        return Section(file, None), [finding("CCM001", message, meta.location, meta.hint)]
    if not isinstance(meta, MetaMap):
        location = meta.location if meta is not None else Location(file, 1, 1)
        return Section(file, None), [finding("CCM002", "the front matter is not a mapping of keys to values", location,
                                             "write one 'key: value' per line, e.g. 'action: 4' and 'status: draft'")]
    narrative = parse_narrative(split.body, file, split.body_offset, series)
    findings: list[Finding] = []
    if narrative.too_deep is not None:
        findings.append(finding("CCM009", f"lists or quotations are nested more than {MAX_NESTING} levels "
                                "deep; what lies deeper cannot be read", narrative.too_deep,
                                "a UN document uses three levels at most: flatten the lists or quotations"))
    section = Section(
        path=file,
        meta=meta,
        action=_int(meta.get("action")),
        part=_text(meta.get("part")),
        title=_text(meta.get("title")),
        status=_text(meta.get("status")),
        coordinators=_texts(meta.get("coordinators")),
        rows=_rows(meta.get("table"), series),
        blocks=narrative.blocks,
        footnotes=narrative.footnotes,
        body_lines=tuple(split.body.split("\n")),
        body_offset=split.body_offset,
        ignores=narrative.ignores,
        charts=_charts(meta.get("charts")),
    )
    return section, findings


def _int(node: MetaNode | None) -> int | None:
    if isinstance(node, MetaScalar) and node.kind == "int" and isinstance(node.value, int):
        return node.value
    return None


def _text(node: MetaNode | None) -> str | None:
    if isinstance(node, MetaScalar) and node.kind == "str" and isinstance(node.value, str):
        return node.value
    return None


def _texts(node: MetaNode | None) -> tuple[str, ...]:
    if isinstance(node, MetaList):
        return tuple(text for item in node.items if (text := _text(item)) is not None)
    return ()


def _rows(node: MetaNode | None, series: tuple[Series, ...]) -> tuple[Row, ...] | None:
    if not isinstance(node, MetaList):
        return None
    rows: list[Row] = []
    for item in node.items:
        if not isinstance(item, MetaMap):
            continue
        cells: list[Cell] = []
        ref: str | None = None
        for entry in item.entries:
            value = entry.value
            if not isinstance(value, MetaScalar) or value.kind not in ("str", "int", "float"):
                continue  # wrong shapes are reported by the validators from `meta`
            raw = str(value.value)
            if entry.key == "ref":
                ref = raw
            cells.append(Cell(entry.key, raw, parse_cell(raw, value.location, series), value.location))
        rows.append(Row(ref, tuple(cells), item.location))
    return tuple(rows)


def _charts(node: MetaNode | None) -> tuple[ChartRequest, ...]:
    """The usable `charts:` entries; wrong shapes are reported by the validators from `meta`."""
    if not isinstance(node, MetaList):
        return ()
    charts: list[ChartRequest] = []
    for item in node.items:
        if not isinstance(item, MetaMap):
            continue
        series, kind = _text(item.get("series")), _text(item.get("kind"))
        title, description = _text(item.get("title")), _text(item.get("description"))
        years = item.get("years")
        listed = tuple(year for entry in (years.items if isinstance(years, MetaList) else ())
                       if (year := _int(entry)) is not None)
        if series and kind and title and description:
            charts.append(ChartRequest(series, kind, title, description, item.location, listed))
    return tuple(charts)


