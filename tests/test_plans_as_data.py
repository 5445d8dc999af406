"""No code path of the package depends on one action plan: its name, its city or a year.

Plans, periods and meetings are data (the catalogue and the templates, `ccm_review/skeleton/`).
The scan reads every module's syntax tree: names, attributes, arguments and string constants,
leaving out docstrings, help strings, examples shown to users ("e.g. ...") and the rule
catalogue's examples, which may quote a real document.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.helpers import REPO

PACKAGE = REPO / "ccm_review"
FORBIDDEN = re.compile(r"DAP|Dubrovnik|Lausanne|LAP\b|(?<![A-Za-z0-9.])(?:19|20)\d\d(?!\d)")
# Standards whose identifiers hold a year: the OOXML, XML and JSON Schema namespaces, YAML's core tags.
STANDARDS = ("schemas.openxmlformats.org", "schemas.microsoft.com", "www.w3.org", "json-schema.org",
             "yaml.org,2002")
# The catalogue key the first projects used; read only so that their dap.yaml keeps working.
OLDER_KEYS = frozenset({"coordinators_2020"})


def _docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _shown_to_users(tree: ast.AST) -> set[int]:
    """String constants that are help texts, or the examples of the rule catalogue."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id.endswith("_HELP")
                                                for t in node.targets):
            found.update(id(child) for child in ast.walk(node.value))
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id == "Rule":
                found.update(id(child) for arg in node.args for child in ast.walk(arg))
            for keyword in node.keywords:
                if keyword.arg == "help":
                    found.update(id(child) for child in ast.walk(keyword.value))
    return found


def plan_words(path: Path) -> list[str]:
    """Every name and string constant of the module at `path` that names a plan, a place or a year."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _docstrings(tree) | _shown_to_users(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "e.g." in text or any(standard in text for standard in STANDARDS):
                continue
            for key in OLDER_KEYS:  # its messages may name it
                text = text.replace(key, "")
        elif isinstance(node, ast.Name):
            text = node.id
        elif isinstance(node, ast.Attribute):
            text = node.attr
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            text = node.name
        elif isinstance(node, ast.arg):
            text = node.arg
        else:
            continue
        if FORBIDDEN.search(text):
            found.append(f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}: {text!r}")
    return found


def test_no_module_names_a_plan_a_place_or_a_year() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50
    assert [word for path in modules for word in plan_words(path)] == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    # The test above means something only if the scan sees a plan in code.
    sample = REPO / "ccm_review" / "_sample_for_the_scan.py"
    try:
        sample.write_text('"""Docstring: DAP 2020."""\nCAPTION = "DAP action"\ndef f(x: int = 2020) -> str:\n'
                          '    return "Dubrovnik" if x else f"{x} in 2026"\nKEY = "coordinators_2020"\n',
                          encoding="utf-8")
        found = plan_words(sample)
    finally:
        sample.unlink()
    assert [entry.split(": ", 1)[1] for entry in found] == ["'DAP action'", "'Dubrovnik'", "' in 2026'"]
