"""The JSON Schema (draft 2020-12) of a section's front matter, generated from the templates.

Editors that speak the YAML language server use it to complete keys, list allowed values and
underline mistakes as a coordinator types; it says what `check` says, in advance.
"""

from __future__ import annotations

import json
from typing import Any

from ccm_review.spec.template import Column, Spec, indefinite

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def section_schema(spec: Spec) -> dict[str, Any]:
    """Return the schema of a section's front matter under `spec`."""
    numbers = [action.number for action in spec.actions]
    group, item = spec.action_term, spec.item_term
    return {
        "$schema": DIALECT,
        "title": f"Section of the {spec.plan_name} Review Document",
        "description": "Front matter of a file in sections/: which part it is, its status, "
                       "its coordinators and its indicator table.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "action": {"description": f"The number of the {group} of the {spec.plan_short} this file reviews.",
                       "type": "integer", "enum": numbers},
            "part": {"description": f"A part of the document that is not {indefinite(spec.action_term)}.",
                     "type": "string", "enum": list(spec.other_part_keys)},
            "title": {"description": "A title to print instead of the catalogue's.", "type": "string"},
            "status": {"description": "How far the drafting is.", "type": "string", "enum": list(spec.statuses)},
            "coordinators": {"description": "The coordinating States.", "type": "array",
                             "items": {"type": "string"}, "minItems": 1},
            "table": {"description": f"The indicator table: one row per {item} of the {group}, in catalogue order.",
                      "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/row"}},
            "charts": {"description": "Series of data/ drawn as a line or bars under the table, numbered "
                       "'Figure N'.", "type": "array", "minItems": 1, "items": {"$ref": "#/$defs/chart"}},
        },
        "required": ["status"],
        "oneOf": [
            {"required": ["action"], "not": {"required": ["part"]}},
            {"required": ["part"], "not": {"required": ["action"]}},
        ],
        "allOf": [_action_rule(spec, number) for number in numbers],
        "$defs": {"row": _row(spec.columns), "chart": _CHART},
    }


_CHART: dict[str, Any] = {
    "type": "object", "additionalProperties": False, "required": ["series", "kind", "title", "description"],
    "properties": {
        "series": {"description": "The name of a series of data/ (its file name without .csv or .yaml).",
                   "type": "string"},
        "kind": {"description": "How the series is drawn.", "type": "string", "enum": ["line", "bar"]},
        "title": {"description": "Printed on the line under 'Figure N'.", "type": "string"},
        "description": {"description": "One sentence saying what the chart shows, for readers who cannot see it.",
                        "type": "string"},
        "years": {"description": "The years drawn; every year of the series when left out.", "type": "array",
                  "items": {"type": "integer"}, "minItems": 2},
    },
}


def _row(columns: tuple[Column, ...]) -> dict[str, Any]:
    properties = {column.key: _cell(column) for column in columns}
    required = [column.key for column in columns if column.required and column.key != "ref"]
    return {"type": "object", "additionalProperties": False, "properties": properties, "required": required}


def _cell(column: Column) -> dict[str, Any]:
    cell: dict[str, Any] = {"description": column.description or column.header}
    if column.values:
        cell["type"] = "string"
        cell["enum"] = [value for value, _ in column.values]
    elif column.key == "ref":
        cell["type"] = "string"
    else:
        cell["type"] = ["string", "number"]
    return cell


def _action_rule(spec: Spec, number: int) -> dict[str, Any]:
    action = next(action for action in spec.actions if action.number == number)
    refs = [item.ref for item in action.items]
    described = f"{indefinite(spec.item_term).capitalize()} of {spec.action_term} {number}: "
    return {
        "if": {"required": ["action"], "properties": {"action": {"const": number}}},
        "then": {
            "required": ["coordinators", "table"],
            "properties": {"table": {"items": {
                "required": ["ref"],
                "properties": {"ref": {"enum": refs, "description": described
                                       + "; ".join(f"{item.ref} {item.title}" for item in action.items)}},
            }}},
        },
    }


def schema_text(spec: Spec) -> str:
    """Return the schema as the text shipped in templates/section.schema.json."""
    return json.dumps(section_schema(spec), indent=2, ensure_ascii=False) + "\n"
