"""A check's sources through the store: the templates, the masthead and each section file, parsed,
analysed and judged once for the same bytes.

The Spec is kept under the digest of every file of templates/, the masthead under that of its bytes.
A section file is kept under the digest of its name, its bytes, the Spec's digest and that of data/
(its figure references resolve against data/): the parsed section with its load findings, the
figures the analysis reads off it (words, passages, reading ease), and the findings the checks that
read a section alone (validate.SECTION_CHECKS) gave it, under a key that adds the masthead (they
read the document's date). A file that did not change is neither parsed, nor analysed, nor judged
by those checks again.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from ccm_review.analyse.analysis import Figures
from ccm_review.load.files import MAX_SECTION_BYTES
from ccm_review.load.store import Store, digest, open_store
from ccm_review.model.finding import Finding
from ccm_review.model.meta import MetaMap
from ccm_review.model.source import Document, Masthead, Section
from ccm_review.patterns import save_patterns
from ccm_review.project import DATA_DIR, TEMPLATES_DIR
from ccm_review.spec.template import Spec

if TYPE_CHECKING:
    from ccm_review.analyse.analysis import Analysis
    from ccm_review.model.data import Series

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
        self._loaded: dict[str, _Loaded] = {}  # what this load parsed or took from the store, by file

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
        self._loaded = {}

    def section(self, path: Path, file: str, series: tuple[Series, ...]) -> tuple[Section, list[Finding]]:
        """Return section `file` (at `path`) and its findings, parsed only when the store has not seen its bytes."""
        from ccm_review.load.sections import load_section

        key = self._section_key(path, file)
        if key is not None:
            kept = self.store.get(file, key)
            if _is_entry(kept):
                section, found, figures, judged_key, judged = cast(_Entry, kept)
                self.figures[file] = figures
                self._loaded[file] = _Loaded(key, section, found, judged_key, judged, parsed=False)
                return section, list(found)
        section, findings = load_section(path, file, series)
        self.parsed.append(file)
        # Kept only when the file still holds the bytes the key was made from (not saved over meanwhile).
        if key is not None and self._section_key(path, file) == key:
            self._loaded[file] = _Loaded(key, section, tuple(findings), b"", (), parsed=True)
        return section, findings

    def keep_only(self, files: set[str]) -> None:
        """Nothing to drop: an entry left by a removed file is replaced when a file of that name comes back."""

    def masthead(self, path: Path, file: str, root: Path) -> tuple[Masthead, MetaMap | None, list[Finding]]:
        """Return the masthead as load.document.load_masthead does, from the store when its bytes were seen."""
        from ccm_review.load.files import refuse_entry

        data = _bytes(path)
        key = digest(file.encode("utf-8", "surrogateescape"), data) if data is not None else None
        if key is not None and refuse_entry(path, root) is None:  # a refused link is reported, never kept
            kept = self.store.get(file, key)
            if (isinstance(kept, tuple) and len(kept) == 3 and isinstance(kept[0], Masthead)
                    and isinstance(kept[2], tuple)):
                masthead, meta, found = cast("tuple[Masthead, MetaMap | None, tuple[Finding, ...]]", kept)
                return masthead, meta, list(found)
        else:
            key = None
        from ccm_review.load.document import load_masthead  # only on a miss: a kept masthead needs no reader

        masthead, meta, findings = load_masthead(path, file, root)
        if key is not None and _bytes(path) == data:
            self.store.put(file, key, (masthead, meta, tuple(findings)))
        return masthead, meta, findings

    def judged(self, document: Document) -> dict[str, tuple[Finding, ...]]:
        """Return, for each section served from the store, the findings of validate.SECTION_CHECKS an earlier
        run gave it, when that run had the same masthead (the document's date and period are read)."""
        masthead = _masthead_part(document)
        return {file: loaded.judged for file, loaded in self._loaded.items()
                if not loaded.parsed and loaded.judged_key == digest(loaded.key, masthead)}

    def save(self, analysis: Analysis, judged: list[Finding] | None = None) -> None:
        """Keep each section this load parsed, with its figures, for the next run over the same bytes; with
        `judged` (the findings of validate.SECTION_CHECKS over every section `judged()` did not give), also the
        section's own findings among them."""
        masthead = _masthead_part(analysis.document)
        own: dict[str, list[Finding]] = {}
        for found in judged or ():
            if found.location is not None:
                own.setdefault(found.location.file, []).append(found)
        for section in analysis.document.sections:
            loaded = self._loaded.pop(section.path, None)
            if loaded is None or loaded.section is not section:
                continue
            judged_key = digest(loaded.key, masthead) if judged is not None else b""
            if not loaded.parsed and (judged is None or loaded.judged_key == judged_key):
                continue  # the entry holds all of it already
            entry: _Entry = (section, loaded.found, analysis.of(section).figures(), judged_key,
                             tuple(own.get(section.path, ())))
            self.store.put(section.path, loaded.key, entry)
        # The patterns compiled so far (ccm_review.patterns) go where the store lives, which open_store found safe.
        save_patterns(self.store.folder.parent)

    def _section_key(self, path: Path, file: str) -> bytes | None:
        data = _bytes(path)
        if data is None:
            return None
        if self._data_key is None:
            self._data_key = digest(*_folder_parts(self.project / DATA_DIR))
        return digest(file.encode("utf-8", "surrogateescape"), data, self._spec_key, self._data_key)


# An entry: the section, its load findings, its figures, the key of the run that judged it, that run's findings.
_Entry = tuple[Section, tuple[Finding, ...], Figures, bytes, tuple[Finding, ...]]


class _Loaded(NamedTuple):
    key: bytes
    section: Section
    found: tuple[Finding, ...]
    judged_key: bytes
    judged: tuple[Finding, ...]
    parsed: bool


def _bytes(path: Path) -> bytes | None:
    """Return the bytes of a file to be read, None when it is not read (too large: CCM007) or cannot be."""
    try:
        if path.stat().st_size > MAX_SECTION_BYTES:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _is_entry(kept: object) -> bool:
    return (isinstance(kept, tuple) and len(kept) == 5 and isinstance(kept[0], Section)
            and isinstance(kept[1], tuple) and isinstance(kept[2], Figures) and isinstance(kept[3], bytes)
            and isinstance(kept[4], tuple))


def _masthead_part(document: Document) -> bytes:
    # What a section's findings may read of the masthead (its date, its period): its repr shows every field.
    return repr(document.masthead).encode("utf-8", "surrogateescape")


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
