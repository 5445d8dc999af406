"""A new section file for one action or part: what `ccm-review new` writes.

The file is a form to fill in: the coordinators from the catalogue, a table row per item with
its summary as a hint, the required headings, placeholders where text is due.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from ccm_review.project import SCHEMA_FILE
from ccm_review.spec.template import PartSpec, Spec

PLACEHOLDER = "TODO"
SCHEMA_LINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"  # relative to sections/


@dataclass(frozen=True)
class Scaffold:
    """The file name and text of a new section."""

    name: str
    text: str


def find_part(spec: Spec, target: str) -> PartSpec | None:
    """Return the part that `target` names: "4", "action-4" or a part key such as "introduction"."""
    key = f"action-{target}" if target.isdigit() else target.strip().lower()
    return spec.part(key)


def file_number(spec: Spec, part: PartSpec) -> int:
    """Return NN of sections/NN-slug.md: the action's number, 0 before the actions, then after them."""
    if part.action is not None:
        return part.action.number
    last_action = max((action.number for action in spec.actions), default=0)
    keys = [p.key for p in spec.parts]
    first_action = next((i for i, p in enumerate(spec.parts) if p.action is not None), len(keys))
    position = keys.index(part.key)
    if position < first_action:
        return position
    later = [p.key for p in spec.parts[first_action:] if p.action is None]
    return last_action + 1 + later.index(part.key)


def scaffold(spec: Spec, part: PartSpec) -> Scaffold:
    """Return the new file for `part`."""
    # Actions are named by their theme; other parts by their short key ("general-status").
    words = part.title if part.action is not None else part.key
    slug = re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-") or part.key
    name = f"{file_number(spec, part):02d}-{slug}.md"
    lines = ["---", SCHEMA_LINE]
    if part.action is not None:
        lines.append(f"action: {part.action.number}")
        coordinators = ", ".join(part.action.coordinators) or PLACEHOLDER
        lines.append(f"coordinators: [{coordinators}]")
    else:
        lines.append(f"part: {part.key}")
    lines.append("status: draft")
    if part.action is not None:
        lines.extend(_table(spec, part))
    lines.append("---")
    headings = part.required_headings or ()
    for heading in headings:
        lines.extend([f"## {heading}", "", PLACEHOLDER, ""])
    if not headings:
        lines.extend([PLACEHOLDER, ""])
    return Scaffold(name, "\n".join(lines).rstrip("\n") + "\n")


def _table(spec: Spec, part: PartSpec) -> list[str]:
    assert part.action is not None
    lines = ["table:"]
    for item in part.action.items:
        hint = f"{item.ref} {item.title}: {item.summary}" if item.summary else f"{item.ref} {item.title}"
        lines.extend(textwrap.wrap(hint, width=96, initial_indent="  # ", subsequent_indent="  #   "))
        first = True
        for column in spec.columns:
            value = f'"{item.ref}"' if column.key == "ref" else _placeholder(column.values)
            lines.append(f"  {'- ' if first else '  '}{column.key}: {value}")
            first = False
    return lines


def _placeholder(values: tuple[tuple[str, str], ...] | None) -> str:
    # An allowed value keeps the file valid; "not-assessed" says honestly that nothing is judged yet.
    if values:
        keys = [value for value, _ in values]
        return "not-assessed" if "not-assessed" in keys else keys[-1]
    return PLACEHOLDER
