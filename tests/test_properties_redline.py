"""Properties of the redline over generated edits: whatever a drafting team changes in a copy of the
shipped project (words replaced, inserted and deleted in narrative paragraphs, paragraphs added
and removed, table rows removed, cells rewritten, parts retitled), pandoc accepting every tracked
change of the redline DOCX reads what a plain `build` of the newer draft prints, and rejecting
every change what a plain build of the older (shipped) draft prints; the redline page repeats no
id and links every change from its summary.

Like tests/test_properties.py, the hypothesis profile "ci" (the default) is derandomized and
small, so that every run tries the same examples in about a minute; HYPOTHESIS_PROFILE=dev
explores more, and new ones.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccm_review import api
from tests.helpers import (
    DOCX_NAME,
    REDLINE_DOCX_NAME,
    REDLINE_HTML_NAME,
    REPO,
    Reading,
    assert_same_reading,
    copy_project,
    parse,
    read_docx,
    reading,
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
EDITS = settings(derandomize=PROFILE == "ci", max_examples=25 if PROFILE == "ci" else 150, deadline=None,
                 database=None, suppress_health_check=[HealthCheck.too_slow])

SECTIONS = tuple(sorted(path.name for path in (REPO / "sections").glob("*.md")))
TABLED = tuple(name for name in SECTIONS if "\ntable:\n" in (REPO / "sections" / name).read_text(encoding="utf-8"))
# Plain words: what they make can break no rule that stops a build (a warning does not).
WORD = st.sampled_from(["review", "progress", "report", "data", "clearance", "support", "meeting", "plan",
                        "budget", "survey", "victims", "records", "outreach", "coalition", "funding", "deadline"])
KINDS = ("replace-words", "insert-words", "delete-words", "add-paragraph", "remove-paragraph", "remove-row",
         "change-cell", "retitle")
_EDITABLE = re.compile(r"[A-Za-z]+[,.;:]?")  # a word with no note mark, link or figure in it
_CELL = re.compile(r"^    (indicator|baseline|current): .*$", re.MULTILINE)


@dataclass(frozen=True)
class Edit:
    """One edit of a section file; `target` and `at` pick (modulo what there is) what it changes."""

    kind: str
    file: int
    target: int
    at: int
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.kind} {self.file}/{self.target}/{self.at} {' '.join(self.words)}"


EDIT = st.builds(Edit, kind=st.sampled_from(KINDS), file=st.integers(0, 20), target=st.integers(0, 50),
                 at=st.integers(0, 80), words=st.lists(WORD, min_size=1, max_size=6).map(tuple))


# --- edits of a section file -----------------------------------------------------------------------


FENCE = "---\n"


def _split(text: str) -> tuple[str, list[str]]:
    """The front matter (its first fence, not its last) and the narrative's blocks (split at blank lines)."""
    end = text.index(f"\n{FENCE}", 4) + 1
    return text[:end], text[end + len(FENCE):].split("\n\n")


def _narrative(blocks: list[str]) -> list[int]:
    """Which blocks are paragraphs of running text (one line, no heading, list, note or table)."""
    return [index for index, block in enumerate(blocks) if block.strip() and "\n" not in block.strip()
            and not block.startswith(("#", "-", "[^", ">", "|", "```", "<!--")) and not re.match(r"\d+\. ", block)]


def _sentence(words: tuple[str, ...]) -> str:
    return " ".join(words).capitalize() + "."


def _edit_words(edit: Edit, paragraph: str) -> str:
    tokens = paragraph.split(" ")
    editable = [index for index, token in enumerate(tokens) if _EDITABLE.fullmatch(token)]
    if not editable:
        return paragraph
    index = editable[edit.at % len(editable)]
    if edit.kind == "replace-words":
        punctuation = tokens[index].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        tokens[index] = " ".join(edit.words[:2]) + punctuation
    elif edit.kind == "insert-words":
        tokens[index:index] = list(edit.words)
    else:  # delete-words: as many editable words in a row as `words` has, three at most, leaving two at least
        end = index
        while end < len(tokens) and end - index < min(len(edit.words), 3) and end in editable:
            end += 1
        if len(tokens) - (end - index) >= 2:
            del tokens[index:end]
    return " ".join(tokens)


def apply(edit: Edit, text: str) -> str:
    """`text` (a section file) with `edit` made; an edit that finds nothing to change leaves it."""
    front, blocks = _split(text)
    paragraphs = _narrative(blocks)
    if edit.kind in ("replace-words", "insert-words", "delete-words") and paragraphs:
        index = paragraphs[edit.target % len(paragraphs)]
        blocks[index] = _edit_words(edit, blocks[index])
    elif edit.kind == "add-paragraph" and paragraphs:
        blocks.insert(paragraphs[edit.target % len(paragraphs)] + 1, _sentence(edit.words))
    elif edit.kind == "remove-paragraph" and len(paragraphs) > 1:
        index = paragraphs[edit.target % len(paragraphs)]
        if index - 1 in paragraphs or index + 1 in paragraphs:  # no heading is left without text
            del blocks[index]
    elif edit.kind == "remove-row":
        rows = front.split("\n  - ")
        if len(rows) > 2:  # the part before the first row, then one chunk a row: one row stays at least
            del rows[1 + edit.target % (len(rows) - 1)]
            front = "\n  - ".join(rows).rstrip("\n") + "\n"  # the last row gone, its line end stays
    elif edit.kind == "change-cell":
        cells = list(_CELL.finditer(front))
        if cells:
            cell = cells[edit.target % len(cells)]
            value = json.dumps(_sentence(edit.words))
            front = f"{front[:cell.start()]}    {cell.group(1)}: {value}{front[cell.end():]}"
    elif edit.kind == "retitle":
        title = f"title: {json.dumps(' '.join(edit.words).title())}\n"
        front = re.sub(r"^title: .*\n", "", front, flags=re.MULTILINE)
        front = re.sub(r"^(status: .*\n)", lambda match: match.group(1) + title, front, count=1, flags=re.MULTILINE)
    return front + FENCE + "\n\n".join(blocks)


def edit_project(project: Path, edits: list[Edit]) -> None:
    """Put back the shipped sections/ of `project`, then make `edits` in it."""
    shutil.rmtree(project / "sections")
    shutil.copytree(REPO / "sections", project / "sections")
    for edit in edits:
        names = TABLED if edit.kind in ("remove-row", "change-cell") else SECTIONS
        path = project / "sections" / names[edit.file % len(names)]
        path.write_text(apply(edit, path.read_text(encoding="utf-8")), encoding="utf-8")


# --- what pandoc reads ----------------------------------------------------------------------------


class Workspace:
    """The older draft (the shipped project, never edited) and what pandoc reads in its build, the
    newer draft (edited by each example), and where the outputs go.

    Not a dataclass: hypothesis prints a failing example's arguments, and would print a dataclass's
    every field (the whole reading) whatever its __repr__ says.
    """

    def __init__(self, older: Path, newer: Path, out: Path, older_reading: Reading) -> None:
        self.older, self.newer, self.out, self.older_reading = older, newer, out, older_reading

    def __repr__(self) -> str:
        return f"Workspace({self.newer})"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("redline-properties")
    older = copy_project(root / "older")
    built = api.build(older, root / "older-build")
    assert built.written
    return Workspace(older, copy_project(root / "newer"), root / "out",
                     reading(read_docx(root / "older-build" / DOCX_NAME)))


def test_the_edits_change_what_they_say() -> None:
    # The edits of the property below, made by hand on one paragraph, row and front matter.
    text = (REPO / "sections" / "06-transparency.md").read_text(encoding="utf-8")
    reports = "Reports under article 7 remain the main source of information on implementation."

    def made(kind: str, target: int = 0, at: int = 0, words: tuple[str, ...] = ("data", "plan")) -> str:
        return apply(Edit(kind, 0, target, at, words), text)

    assert "Reports under article 7 data plan the main source" in made("replace-words", at=3)
    assert "Reports under article 7 data plan remain the main" in made("insert-words", at=3)
    assert "Reports under article 7 the main source" in made("delete-words", at=3, words=("a",))
    assert "Reports under article 7 source of" in made("delete-words", at=3, words=("a", "b", "c", "d"))
    assert "those due.\n\nData plan.\n\nThe coordinator followed" in made("add-paragraph")
    assert reports not in made("remove-paragraph") and "## Successes\n\nThe coordinator followed" in made(
        "remove-paragraph")
    assert '"6.2"' not in made("remove-row", target=1) and '"6.1"' in made("remove-row", target=1)
    assert made("remove-row", target=1).endswith("not-assessed\n---\n## Successes") is False
    assert "    assessment: not-assessed\n---\n## Successes\n" in made("remove-row", target=1)
    assert '    indicator: "Data plan."\n' in made("change-cell")
    assert "status: final\ntitle: \"Data Plan\"\ncoordinators:" in made("retitle")
    assert made("remove-row", target=1).count("  - ref:") == 1
    assert apply(Edit("remove-row", 0, 0, 0, ("x",)), made("remove-row")) == made("remove-row")  # one row stays


@pytest.mark.external
@EDITS
@given(edits=st.lists(EDIT, min_size=1, max_size=6))
def test_accepting_a_redline_gives_the_newer_draft_and_rejecting_it_the_older(workspace: Workspace,
                                                                               edits: list[Edit]) -> None:
    edit_project(workspace.newer, edits)
    shutil.rmtree(workspace.out, ignore_errors=True)
    built = api.build(workspace.newer, workspace.out / "newer")
    assert built.written, [str(finding) for finding in built.check.report.findings if finding.severity == "error"]
    result = api.redline(workspace.newer, str(workspace.older), out_dir=workspace.out / "redline")
    assert result.failed is None
    newer = reading(read_docx(workspace.out / "newer" / DOCX_NAME))
    redline = workspace.out / "redline" / REDLINE_DOCX_NAME
    assert_same_reading(reading(read_docx(redline, track_changes="accept")), newer)
    assert_same_reading(reading(read_docx(redline, track_changes="reject")), workspace.older_reading)
    # The summary says something changed exactly when the two drafts read differently.
    assert result.changed == (newer != workspace.older_reading)
    # The page: no id twice, every change linked from the summary once.
    page = parse((workspace.out / "redline" / REDLINE_HTML_NAME).read_text(encoding="utf-8"))
    ids = [element.attrs["id"] for element in page.iter() if "id" in element.attrs]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    changes = sorted(element.attrs["id"] for element in page.iter() if element.tag in ("ins", "del")
                     and "id" in element.attrs)
    summary = page.find("section", class_="redline-summary")
    assert sorted(a.attrs["href"][1:] for a in summary.find_all("a") if a.attrs["href"].startswith("#change-")) \
        == changes
