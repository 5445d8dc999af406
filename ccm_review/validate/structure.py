"""CCM010-CCM017: which part each file claims, its table rows against the catalogue, its status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.source import Section
from ccm_review.spec.rules import finding
from ccm_review.spec.shape import closest
from ccm_review.spec.template import Action, Spec, indefinite

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis


def check_structure(analysis: Analysis) -> list[Finding]:
    """Return findings about parts claimed, parts missing and table rows."""
    document, spec = analysis.document, analysis.spec
    findings: list[Finding] = []
    claimed: dict[str, Section] = {}
    for section in document.sections:
        if section.meta is None:
            continue
        key = _claimed_key(section, spec, findings)
        if key is None:
            continue
        if key in claimed:
            findings.append(finding("CCM014", f"{_describe(key, spec)} is also claimed by {claimed[key].path}",
                _key_location(section),
                f"each {spec.action_term} or part has exactly one file; merge the two or change one"))
            continue
        claimed[key] = section
        part = spec.part(key)
        if part is not None and part.action is not None and section.rows is not None:
            findings.extend(_check_rows(section, part.action, spec))
        elif section.rows is not None:
            findings.extend(_check_loose_refs(section, spec))
    unreadable = [section.path for section in document.sections if section.meta is None]
    for part in spec.parts:
        if part.key not in claimed:
            target = str(part.action.number) if part.action else part.key
            key = "action" if part.action else "part"
            hint = f"create one with 'ccm-review new {target}' (a file with '{key}: {target}')"
            if unreadable:
                hint += f", unless it is {' or '.join(unreadable)}, which could not be read"
            findings.append(finding("CCM015", f"{_describe(part.key, spec)} ({part.title}) has no section file",
                                    None, hint))
    return findings


# The codes of a file's table rows: a full check judges none of them in a file whose part an earlier file claims.
ROW_CODES = ("CCM011", "CCM012", "CCM013", "CCM016")


def claim(section: Section, spec: Spec) -> str | None:
    """Return the part `section` claims when the template knows it; None for an unreadable file or unknown part."""
    return _claimed_key(section, spec, []) if section.meta is not None else None


def _describe(key: str, spec: Spec) -> str:
    part = spec.part(key)
    if part is not None and part.action is not None:
        return f"{spec.action_term} {part.action.number}"
    return f"part '{key}'"


def _key_location(section: Section) -> Location:
    assert section.meta is not None
    entry = section.meta.entry("action") or section.meta.entry("part")
    return entry.value.location if entry else section.location


def _claimed_key(section: Section, spec: Spec, findings: list[Finding]) -> str | None:
    """Return the part key the file claims if the template knows it; else report CCM010."""
    assert section.meta is not None
    if section.action is not None and section.part is None:
        if spec.part(section.key) is not None:
            return section.key
        numbers = ", ".join(str(action.number) for action in spec.actions)
        findings.append(finding("CCM010",
                                f"{spec.action_term} {section.action} is not {indefinite(spec.action_term)} "
                                f"of the {spec.plan_short}",
                                _key_location(section), f"{spec.action_term}s: {numbers}"))
        return None
    if section.part is not None and section.action is None:
        if section.part in spec.other_part_keys:
            return section.part
        suggestion = closest(section.part, list(spec.other_part_keys))
        hint = f"did you mean '{suggestion}'? " if suggestion else ""
        findings.append(finding("CCM010", f"part '{section.part}' is not a part of the template",
                                _key_location(section), f"{hint}parts: {', '.join(spec.other_part_keys)}"))
    return None


def _check_rows(section: Section, action: Action, spec: Spec) -> list[Finding]:
    findings: list[Finding] = []
    seen: dict[str, int] = {}
    order = [item.ref for item in action.items]
    positions: list[int] = []
    for row in section.rows or ():
        if row.ref is None:
            continue  # a missing ref is CCM005
        cell = row.cell("ref")
        location = cell.location if cell else row.location
        if action.item(row.ref) is None:
            whose = f"{spec.action_term} {action.number}"
            findings.append(finding("CCM011", f"'{row.ref}' is not {indefinite(spec.item_term)} of {whose}",
                                    location, f"{spec.item_term}s of {whose}: {', '.join(order)}"))
            continue
        if row.ref in seen:
            message = f"{spec.item_term} '{row.ref}' has two rows (the first on line {seen[row.ref]})"
            findings.append(finding("CCM012", message, location, "merge the two rows into one"))
            continue
        seen[row.ref] = location.line
        positions.append(order.index(row.ref))
    if positions != sorted(positions):
        first = next(i for i in range(1, len(positions)) if positions[i] < positions[i - 1])
        ref = order[positions[first]]
        row = next(r for r in section.rows or () if r.ref == ref)
        message = f"the rows are not in catalogue order ({spec.item_term} '{ref}' comes too late)"
        findings.append(finding("CCM016", message, row.location, f"order: {', '.join(order)}"))
    table = section.meta.entry("table") if section.meta else None
    where = table.key_location if table else section.location
    for item in action.items:
        if item.ref not in seen:
            findings.append(finding("CCM013", f"{spec.item_term} {item.ref} ({item.title}) has no table row", where,
                                    f"add a row with ref: \"{item.ref}\""))
    return findings


def _check_loose_refs(section: Section, spec: Spec) -> list[Finding]:
    """In a part that is not an action a ref is optional, but must name some catalogue item."""
    findings: list[Finding] = []
    known = [item.ref for action in spec.actions for item in action.items]
    for row in section.rows or ():
        cell = row.cell("ref")
        if row.ref is not None and row.ref not in known and cell is not None:
            message = f"'{row.ref}' is not {indefinite(spec.item_term)} of the {spec.plan_short}"
            hint = f"remove the ref or name {indefinite(spec.item_term)} such as '{known[0]}'" if known else \
                "remove the ref"
            findings.append(finding("CCM011", message, cell.location, hint))
    return findings


def check_submission(analysis: Analysis) -> list[Finding]:
    """CCM017, under --strict: every part must have the final status before the document is submitted."""
    document, spec = analysis.document, analysis.spec
    findings: list[Finding] = []
    final = spec.final_status
    for section in document.sections:
        if section.meta is None or section.status == final or section.status not in spec.statuses:
            continue  # unreadable, final, or a status that is not allowed at all (CCM006)
        node = section.meta.get("status")
        where = node.location if node is not None else section.location
        findings.append(finding("CCM017", f"the part's status is '{section.status}', not '{final}'",
                                where, f"set 'status: {final}' once the part is ready for submission"))
    return findings
