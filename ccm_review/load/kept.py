"""A check's sources through the store: the templates and each section file, parsed and analysed once
for the same bytes.

The Spec is kept under the digest of every file of templates/. A section file is kept under the
digest of its name, its bytes, the Spec's digest and that of data/ (its figure references resolve
against data/): the parsed section with its load findings, and the figures the analysis reads off it
(words, passages, reading ease), so that a file that did not change is neither parsed nor analysed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from ccm_review.analyse.analysis import Figures
from ccm_review.load.files import MAX_SECTION_BYTES
from ccm_review.load.store import Store, digest, open_store
from ccm_review.model.source import Section
from ccm_review.project import DATA_DIR, TEMPLATES_DIR
from ccm_review.spec.template import Spec

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.data import Series
    from ccm_review.model.finding import Finding

_SPEC_ENTRY = "spec"


def open_kept(project: Path, place: str | None = None) -> KeptSources | None:
    """Return the sources of `project` through the store, or None when the store is off or unusable."""
    store = open_store(project, place)
    return KeptSources(project, store) if store is not None else None


class KeptSources:
    """The templates and sections of one project, read from the store when their bytes were seen before."""

    def __init__(self, project: Path, store: Store) -> None:
        self.project = project
        self.store = store
        self.parsed: list[str] = []  # the section files the last load parsed (the others came from the store)
        self.figures: dict[str, Figures] = {}  # what the store gave for the files it served
        self._spec_key = b""
        self._data_key: bytes | None = None
        self._made: dict[str, tuple[bytes, Section, tuple[Finding, ...]]] = {}  # parsed here, to be kept

    def spec(self, project: Path) -> Spec:
        """Return the templates of `project`, from the store when no file of templates/ changed."""
        from ccm_review.spec.template import load_spec

        self._spec_key = digest(*_folder_parts(project / TEMPLATES_DIR))
        kept = self.store.get(_SPEC_ENTRY, self._spec_key)
        if isinstance(kept, Spec):
            return kept
        spec = load_spec(project)  # a TemplateError is raised each time, never kept
        self.store.put(_SPEC_ENTRY, self._spec_key, spec)
        return spec

    def start(self) -> None:
        """Begin a load of the project: forget what the previous one parsed and served, and data/'s digest."""
        self.parsed = []
        self.figures = {}
        self._data_key = None

    def section(self, path: Path, file: str, series: tuple[Series, ...]) -> tuple[Section, list[Finding]]:
        """Return section `file` (at `path`) and its findings, parsed only when the store has not seen its bytes."""
        from ccm_review.load.sections import load_section

        key = self._section_key(path, file)
        if key is not None:
            kept = self.store.get(file, key)
            if _is_entry(kept):
                section, found, figures = cast("tuple[Section, tuple[Finding, ...], Figures]", kept)
                self.figures[file] = figures
                return section, list(found)
        section, findings = load_section(path, file, series)
        self.parsed.append(file)
        # Kept only when the file still holds the bytes the key was made from (not saved over meanwhile).
        if key is not None and self._section_key(path, file) == key:
            self._made[file] = (key, section, tuple(findings))
        return section, findings

    def keep_only(self, files: set[str]) -> None:
        """Nothing to drop: an entry left by a removed file is replaced when a file of that name comes back."""

    def save(self, analysis: Analysis) -> None:
        """Keep each section parsed by this load, with its figures, for the next run over the same bytes."""
        for section in analysis.document.sections:
            made = self._made.pop(section.path, None)
            if made is not None and made[1] is section:
                key, _, findings = made
                self.store.put(section.path, key, (section, findings, analysis.of(section).figures()))

    def _section_key(self, path: Path, file: str) -> bytes | None:
        try:
            if path.stat().st_size > MAX_SECTION_BYTES:
                return None  # refused unread (CCM007): nothing to keep
            data = path.read_bytes()
        except OSError:
            return None
        if self._data_key is None:
            self._data_key = digest(*_folder_parts(self.project / DATA_DIR))
        return digest(file.encode("utf-8", "surrogateescape"), data, self._spec_key, self._data_key)


def _is_entry(kept: object) -> bool:
    return (isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[0], Section)
            and isinstance(kept[1], tuple) and isinstance(kept[2], Figures))


def _folder_parts(folder: Path) -> list[bytes]:
    """Return the name and the bytes of every file of `folder`, in name order (none when it is absent)."""
    parts: list[bytes] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return parts
    for entry in entries:
        try:
            if not entry.is_file():
                continue
            with open(entry.path, "rb") as file:
                data = file.read()
        except OSError:
            data = b"\0unreadable"  # unreadable now: whatever is kept was not made from it
        parts += [entry.name.encode("utf-8", "surrogateescape"), data]
    return parts
