"""A YAML file of data/ -> a series: a list of figures, or a mapping with `points:` and defaults.

```yaml
- {year: 2015, value: 92, source: Handicap International (mid-2015)}
- {date: 2019-08-01, value: 106, source: Cluster Munition Monitor 2019}
```

or, to give every figure the same source or unit, `source:` and `unit:` beside `points:`.
The text goes through the project's located YAML reader (`load.yaml`: no anchors, aliases or
tags), so every problem is a finding at the line and column of the field it concerns; a figure
means what the same line of a CSV file would mean (`load.points`).
"""

from __future__ import annotations

from pathlib import Path

from ccm_review.load.points import OPTIONAL, REQUIRED, Points, name_problem, read_point
from ccm_review.load.yaml import YamlProblem, parse_yaml
from ccm_review.model.data import Point, Series
from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.model.meta import MetaList, MetaMap, MetaNode, MetaScalar
from ccm_review.spec.rules import finding

_FIELDS = (*REQUIRED, *OPTIONAL)
_DEFAULTS = ("source", "unit")  # what the mapping form may give every figure
_SHAPE = ("write one figure a list item, e.g. '- {year: 2019, value: 106, source: Cluster Munition Monitor "
          "2019}', or a mapping with 'points:' holding that list")


def parse_yaml_series(text: str, file: str) -> tuple[Series | None, list[Finding]]:
    """Read the YAML `text` of data file `file` as a series; None when its name or shape is unusable."""
    name = Path(file).stem
    problem = name_problem(name, file, "data/states-parties.yaml")
    if problem is not None:
        return None, [problem]
    root = parse_yaml(text, file)
    if isinstance(root, YamlProblem):
        return None, [finding("CCM070", f"not valid YAML: {root.message}", root.location, root.hint)]
    findings: list[Finding] = []
    defaults: dict[str, MetaScalar] = {}
    if isinstance(root, MetaMap):
        items = _mapping(root, file, defaults, findings)
        if items is None:
            return None, findings
    elif isinstance(root, MetaList):
        items = root
    else:
        where = root.location if root is not None else Location(file, 1, 1)
        return None, [finding("CCM070", "the file holds no list of figures", where, _SHAPE)]
    points = Points()
    for item in items.items:
        point = _point(item, defaults, findings)
        if point is not None:
            points.add(point, findings)
    return Series(name, file, points.in_order()), findings


def _mapping(root: MetaMap, file: str, defaults: dict[str, MetaScalar],
             findings: list[Finding]) -> MetaList | None:
    """The figures of the mapping form, its defaults put in `defaults`; None when it has no list of them."""
    for entry in root.entries:
        if entry.key in _DEFAULTS and isinstance(entry.value, MetaScalar):
            defaults[entry.key] = entry.value
        elif entry.key in _DEFAULTS:
            findings.append(finding("CCM071", f"'{entry.key}' must be one value for every figure",
                                    entry.value.location, f"write it as text, e.g. {entry.key}: ..."))
        elif entry.key != "points":
            findings.append(_unknown(entry.key, entry.key_location, ("points", *_DEFAULTS)))
    points = root.get("points")
    if isinstance(points, MetaList):
        return points
    where = points.location if points is not None else Location(file, 1, 1)
    findings.append(finding("CCM070", "the file has no list of figures under 'points:'", where, _SHAPE))
    return None


def _point(item: MetaNode, defaults: dict[str, MetaScalar], findings: list[Finding]) -> Point | None:
    """The point one list item gives, or None after adding its problems to `findings`."""
    if not isinstance(item, MetaMap):
        findings.append(finding("CCM070", "a figure must be a mapping of its fields", item.location, _SHAPE))
        return None
    fields = {**defaults, **{entry.key: entry.value for entry in item.entries}}
    places = {key: node.location for key, node in fields.items()}
    problems = [_unknown(entry.key, entry.key_location, _FIELDS) for entry in item.entries
                if entry.key not in _FIELDS]
    row: dict[str, str] = {}
    for key, node in fields.items():
        if key not in _FIELDS:
            continue
        if not isinstance(node, MetaScalar):
            problems.append(finding("CCM071", f"'{key}' must be a single value, not a list or mapping", node.location,
                                    f"write the {key} of this one figure"))
            continue
        row[key] = _text(node)
    if problems:  # its fields are not yet what they are meant to be: said once, not again as values
        findings.extend(problems)
        return None
    if "year" not in row and "date" in row and len(row["date"]) >= 4:
        row["year"] = row["date"][:4]  # a figure dated needs no year of its own
    return read_point(row, item.location, findings, places)


def _text(node: MetaScalar) -> str:
    """A scalar as it would have been typed in a CSV cell ("" for an empty value)."""
    if node.value is None:
        return ""
    if node.kind == "bool":
        return "true" if node.value else "false"  # no number, and said as typed
    if node.kind == "float" and isinstance(node.value, float) and node.value.is_integer():
        return str(int(node.value))
    return str(node.value).strip()


def _unknown(key: str, where: Location, known: tuple[str, ...]) -> Finding:
    # difflib is imported only when a name is wrong: most runs never suggest one.
    import difflib

    close = difflib.get_close_matches(key, known, n=1)
    hint = f"did you mean '{close[0]}'?" if close else f"the keys are {', '.join(known)}"
    return finding("CCM070", f"unknown key '{key}'", where, hint)
