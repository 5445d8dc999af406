"""A new drafting project for any action plan and kind of document: what `ccm-review init` writes.

The files are package data under `ccm_review/skeleton/`, laid over one another: `common/` (for
every project), `plans/PLAN/` (the plan's catalogue) and `kinds/KIND/PLAN/` (the template and
masthead of that kind of document for that plan). A plan or a kind is added by adding folders;
nothing here names one. Files whose names end in `.in` have `${name}` fields filled in; a name
starting with `dot-` is written with a dot (package data leaves dotfiles out).
"""

from __future__ import annotations

import string
from datetime import date
from pathlib import Path

from ccm_review.model.record import Record, set_field
from ccm_review.project import SCHEMA_FILE, TEMPLATES_DIR

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
_FILLED_SUFFIX = ".in"
_DOT_PREFIX = "dot-"
_KIND_NAME = "name.txt"  # in kinds/KIND/: how the kind of document is called


class InitResult(Record):
    """What `init` did: the files it wrote and those it found and kept (under --force)."""

    __slots__ = ("written", "kept")  # noqa: RUF023
    written: tuple[Path, ...]
    kept: tuple[Path, ...]

    def __init__(self, written: tuple[Path, ...], kept: tuple[Path, ...]) -> None:
        set_field(self, "written", written)
        set_field(self, "kept", kept)


class Planned(Record):
    """One file of the new project: its path relative to the project and its bytes."""

    __slots__ = ("path", "data")  # noqa: RUF023
    path: str
    data: bytes

    def __init__(self, path: str, data: bytes) -> None:
        set_field(self, "path", path)
        set_field(self, "data", data)


def plans() -> tuple[str, ...]:
    """The plans `init` can start a project for (the folders of skeleton/plans/)."""
    return tuple(sorted(path.name for path in (SKELETON / "plans").iterdir() if path.is_dir()))


def kinds() -> tuple[str, ...]:
    """The kinds of document `init` can start (the folders of skeleton/kinds/)."""
    return tuple(sorted(path.name for path in (SKELETON / "kinds").iterdir() if path.is_dir()))


def kind_plans(kind: str) -> tuple[str, ...]:
    """The plans that have a template for `kind`."""
    return tuple(sorted(path.name for path in (SKELETON / "kinds" / kind).iterdir() if path.is_dir()))


def project_files(plan: str, kind: str, today: date) -> list[Planned]:
    """Return every file of a new project for `plan` and `kind`, the schema generated from its templates."""
    from ccm_review.spec.template import load_spec
    from ccm_review.tools.schema import schema_text

    layers = (SKELETON / "common", SKELETON / "plans" / plan, SKELETON / "kinds" / kind / plan)
    raw = {path: data for layer in layers for path, data in _tree(layer)}
    import tempfile  # here: the command line reads plans() and kinds() from this module for init's help and options

    with tempfile.TemporaryDirectory(prefix="ccm-review-init-") as scratch:
        # The templates are read as any project's would be: what init writes must load.
        for path, data in raw.items():
            if path.startswith(f"{TEMPLATES_DIR}/"):
                target = Path(scratch) / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        spec = load_spec(Path(scratch))
    targets = [str(part.action.number) if part.action else part.key for part in spec.parts]
    fields = {
        "today": today.isoformat(),
        "document": (SKELETON / "kinds" / kind / _KIND_NAME).read_text(encoding="utf-8").strip(),
        "plan_name": spec.plan_name, "plan_period": spec.plan_period,
        "catalogue": spec.catalogue_file.removeprefix(f"{TEMPLATES_DIR}/"),
        "action_term": spec.action_term, "item_term": spec.item_term,
        "first_target": targets[0], "first_title": spec.parts[0].title,
        "targets": ", ".join(f"`{target}`" for target in targets),
    }
    files = [Planned(path.removesuffix(_FILLED_SUFFIX), _fill(data, fields) if path.endswith(_FILLED_SUFFIX) else data)
             for path, data in raw.items()]
    files.append(Planned(SCHEMA_FILE, schema_text(spec).encode("utf-8")))
    return sorted(files, key=lambda planned: planned.path)


def _tree(root: Path) -> list[tuple[str, bytes]]:
    """The files under `root` (not in its sub-folders named after other plans), by their project path."""
    found: list[tuple[str, bytes]] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.name == _KIND_NAME or "__pycache__" in path.parts:
            continue
        parts = [part.replace(_DOT_PREFIX, ".", 1) if part.startswith(_DOT_PREFIX) else part
                 for part in path.relative_to(root).parts]
        found.append(("/".join(parts), path.read_bytes()))
    return found


def _fill(data: bytes, fields: dict[str, str]) -> bytes:
    return string.Template(data.decode("utf-8")).substitute(fields).encode("utf-8")
