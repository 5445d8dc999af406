"""sections/document.yaml -> Masthead (the cover block and the drafting timeline)."""

from __future__ import annotations

from pathlib import Path

from ccm_review.load.files import MAX_SECTION_BYTES, EncodingProblem, read_source, refuse_entry
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.model.source import Masthead, Milestone
from ccm_review.spec.rules import finding

_TEXT_FIELDS = (
    "body", "symbol", "distribution", "original", "meeting", "session", "place", "meeting_dates",
    "agenda_title", "title", "period", "submitted_by", "language", "job_number",
)


def load_masthead(path: Path, file: str, root: Path) -> tuple[Masthead, MetaMap | None, list[Finding]]:
    """Read the masthead of the project `root` (resolved); problems that stop it being read become findings."""
    if not path.exists() and not path.is_symlink():
        return Masthead(), None, [finding("CCM002", "sections/document.yaml is missing", Location(file, 1, 1),
            "it holds the masthead: symbol, date, meeting, title (see the README)")]
    refusal = refuse_entry(path, root)
    if refusal is not None:
        return Masthead(), None, [finding("CCM008", refusal.message, Location(file, 1, 1), refusal.hint)]
    text = read_source(path, file, MAX_SECTION_BYTES)
    if isinstance(text, EncodingProblem):
        return Masthead(), None, [finding(text.code, text.message, text.location, text.hint)]
    meta = parse_yaml(text, file)
    if isinstance(meta, YamlProblem):
        return Masthead(), None, [finding("CCM001", f"not valid YAML: {meta.message}", meta.location, meta.hint)]
    if not isinstance(meta, MetaMap):
        return Masthead(), None, [finding("CCM002", "document.yaml must be a mapping of keys to values",
                                          Location(file, 1, 1), "write one 'key: value' per line")]
    values = {key: _text(meta.get(key)) for key in _TEXT_FIELDS}
    fields = {key: value for key, value in values.items() if value is not None}
    masthead = Masthead(
        **fields,
        date=_text(meta.get("date")) or "",
        agenda_item=_text(meta.get("agenda_item")) or "",
        timeline=_timeline(meta.get("timeline")),
    )
    return masthead, meta, []


def _text(node: MetaNode | None) -> str | None:
    if isinstance(node, MetaScalar) and node.kind in ("str", "int", "date") and node.value is not None:
        return str(node.value)
    return None


def _timeline(node: MetaNode | None) -> tuple[Milestone, ...]:
    if not isinstance(node, MetaList):
        return ()
    milestones: list[Milestone] = []
    for item in node.items:
        if isinstance(item, MetaMap):
            name, date = _text(item.get("name")), _text(item.get("date"))
            if name and date:
                milestones.append(Milestone(name, date))
    return tuple(milestones)
