"""`redline`: the drafts to compare, from a git revision of the drafting repository or a project folder.

A revision (`HEAD~3`, a tag such as `first-draft`, a branch) is read with `git archive` into a
temporary folder, its `sections/` and `templates/` only; the working tree is the project itself.
Nothing is written to the project.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ccm_review.errors import UsageError
from ccm_review.project import DATA_DIR, SECTIONS_DIR, TEMPLATES_DIR

WORKING_TREE = "working tree"


@contextmanager
def draft(project: Path, revision: str | None) -> Iterator[Path]:
    """Yield the project folder of `revision`: the project itself for None, a folder as it is, a git
    revision extracted into a temporary folder (removed afterwards)."""
    if revision is None:
        yield project
        return
    folder = Path(revision)
    if not folder.is_absolute():
        folder = Path.cwd() / folder
    if (folder / SECTIONS_DIR).is_dir() or (folder / TEMPLATES_DIR).is_dir():
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="ccm-review-draft-") as temporary:
        yield _extract(project, revision, Path(temporary))


def describe(revision: str | None) -> str:
    """Return how a draft is named in messages: the revision or folder as given, or "working tree"."""
    return WORKING_TREE if revision is None else revision


def _extract(project: Path, revision: str, target: Path) -> Path:
    """Write `revision`'s sections/, templates/ and data/ of `project` under `target`; return the project there."""
    commit = _git(project, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if commit is None:
        raise UsageError(f"'{revision}' is neither a project folder nor a revision of the git repository "
                         f"holding {project}",
                         hint="name a tag, branch or commit (git tag lists the tags), or a folder with "
                              "sections/ and templates/")
    prefix = (_git(project, "rev-parse", "--show-prefix") or b"").decode("utf-8").strip()
    commit_id = commit.decode("ascii").strip()
    # git runs in the project (-C): run in a subfolder of the repository, git archive takes paths
    # relative to it and writes them so (sections/..., not PREFIX/sections/...).
    folders = [SECTIONS_DIR, TEMPLATES_DIR]
    if _git(project, "cat-file", "-e", f"{commit_id}:{prefix}{DATA_DIR}") is not None:
        folders.append(DATA_DIR)  # the figures that draft cited (older drafts have none)
    archive = _git(project, "archive", "--format=tar", commit_id, "--", *folders)
    if archive is None:
        where = prefix or "the top folder"
        raise UsageError(f"revision '{revision}' has no {SECTIONS_DIR}/ or {TEMPLATES_DIR}/ in {where}",
                         hint="choose a revision at which the project existed")
    with tarfile.open(fileobj=io.BytesIO(archive)) as bundle:
        bundle.extractall(target, filter="data")  # no links out of the folder, no odd permissions
    return target


def _git(project: Path, *args: str) -> bytes | None:
    """Run git in `project`; its output, or None when git is missing or the command fails."""
    try:
        result = subprocess.run(["git", "-C", str(project), *args], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
