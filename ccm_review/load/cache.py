"""What a long-running command (the preview) keeps between two loads of the same project.

A section file is parsed again only when its size or modification time changed, or when the
data it resolves figure references against changed; the templates are read again only when a
file of templates/ changed. The document is still checked and laid out whole on every load,
since a rule may read several parts (the word limit, an abbreviation's first use); but what the
analysis reads off an unchanged section (words, passages, reading ease) is kept too. Behind this
memory sits the store on disk (`load.kept`), which serves the first load and the files that changed
back to bytes seen before.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ccm_review.project import TEMPLATES_DIR

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis, Figures
    from ccm_review.load.kept import KeptSources
    from ccm_review.model.data import Series
    from ccm_review.model.finding import Finding
    from ccm_review.model.meta import MetaMap
    from ccm_review.model.source import Document, Masthead, Section
    from ccm_review.spec.template import Spec

Stamp = tuple[int, int]  # modification time (ns) and size


class SourceCache:
    """The sections and the templates as last read, each with the stamp of the file(s) it came from."""

    def __init__(self, keep: bool = True) -> None:
        self._sections: dict[str, tuple[Stamp, tuple[Series, ...], Section, tuple[Finding, ...]]] = {}
        self._spec: tuple[tuple[tuple[str, Stamp], ...], Spec] | None = None
        self._figures: dict[str, tuple[Section, Figures]] = {}
        self._keep = keep  # whether the store on disk sits behind (off with --no-cache)
        self._behind: KeptSources | None = None
        self.parsed: list[str] = []  # the section files the last load parsed (the others came from here)
        self.figures: dict[str, Figures] = {}  # the kept figures of the sections the last load served unchanged

    def start(self) -> None:
        """Begin a load of the project: forget which files the previous one parsed."""
        self.parsed = []
        self.figures = {}
        if self._behind is not None:
            self._behind.start()

    def section(self, path: Path, file: str, series: tuple[Series, ...]) -> tuple[Section, list[Finding]]:
        """Return section `file` (at `path`) and its findings, parsed again only if it changed."""
        from ccm_review.load.sections import load_section

        stamp = _stamp(path)
        kept = self._sections.get(file)
        if stamp is not None and kept is not None and kept[0] == stamp and kept[1] == series:
            figures = self._figures.get(file)
            if figures is not None and figures[0] is kept[2]:
                self.figures[file] = figures[1]
            return kept[2], list(kept[3])
        # Stamped before it is read: a save during the read leaves a newer stamp, read next time.
        if self._behind is not None:
            section, findings = self._behind.section(path, file, series)
            if file in self._behind.figures:
                self.figures[file] = self._behind.figures[file]
            else:
                self.parsed.append(file)
        else:
            section, findings = load_section(path, file, series)
            self.parsed.append(file)
        if stamp is not None:
            self._sections[file] = (stamp, series, section, tuple(findings))
        else:
            self._sections.pop(file, None)
        return section, findings

    def masthead(self, path: Path, file: str, root: Path) -> tuple[Masthead, MetaMap | None, list[Finding]]:
        """Return the masthead, through the store when there is one (it is read on every load: it is small)."""
        from ccm_review.load.document import load_masthead

        return (self._behind.masthead if self._behind is not None else load_masthead)(path, file, root)

    def keep_only(self, files: set[str]) -> None:
        """Drop the sections of files that are no longer in the project."""
        for file in self._sections.keys() - files:
            del self._sections[file]
            self._figures.pop(file, None)

    def judged(self, document: Document) -> dict[str, tuple[Finding, ...]]:
        """Return the findings of file scope the store keeps for the sections it served (see KeptSources.judged)."""
        return self._behind.judged(document) if self._behind is not None else {}

    def save(self, analysis: Analysis, judged: list[Finding] | None = None) -> None:
        """Keep what the check read off each section, for the next load (and, behind, the next run)."""
        if self._behind is not None:
            self._behind.save(analysis, judged)
        for section in analysis.document.sections:
            self._figures[section.path] = (section, analysis.of(section).figures())

    def spec(self, project: Path) -> Spec:
        """Return the templates of `project`, read again only when a file of templates/ changed."""
        from ccm_review.load.kept import open_kept
        from ccm_review.spec.template import load_spec

        if self._keep and self._behind is None:
            self._behind = open_kept(project)
            self._keep = self._behind is not None
        stamps = _folder_stamps(project / TEMPLATES_DIR)
        if self._spec is not None and self._spec[0] == stamps:
            return self._spec[1]
        self._spec = None
        self._figures.clear()  # the words of a section depend on the template
        # A TemplateError is raised each time, never kept.
        spec = self._behind.spec(project) if self._behind is not None else load_spec(project)
        self._spec = (stamps, spec)
        return spec


def _stamp(path: Path) -> Stamp | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def _folder_stamps(folder: Path) -> tuple[tuple[str, Stamp], ...]:
    stamps: list[tuple[str, Stamp]] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    for entry in entries:
        try:
            status = entry.stat()
        except OSError:
            continue
        stamps.append((entry.name, (status.st_mtime_ns, status.st_size)))
    return tuple(sorted(stamps))
