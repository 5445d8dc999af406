"""What a redline changed, for people (text) and for tools and CI (JSON), part by part."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ccm_review.layout.change_summary import PartChanges

REDLINE_FORMATS = ("text", "json")


def format_redline_text(summary: tuple[PartChanges, ...], old: str, new: str) -> str:
    """Return one line for the whole redline, then one per changed part."""
    changed = [part for part in summary if _changed(part)]
    added = sum(part.words_added for part in summary)
    removed = sum(part.words_removed for part in summary)
    if not changed:
        return f"no changes between {old} and {new}: the redline shows the text unchanged\n"
    lines = [f"redline {old} -> {new}: {_plural(len(changed), 'part')} changed, "
             f"{_plural(added, 'word')} added, {removed:,} removed"]
    for part in changed:
        what = f" ({part.change})" if part.change else ""
        figures = f", {_plural(part.figures_changed, 'figure')} changed" if part.figures_changed else ""
        lines.append(f"  {part.title}{what}: +{part.words_added:,} -{part.words_removed:,} words, "
                     f"{_plural(part.paragraphs_changed, 'paragraph')} changed{figures}")
    return "\n".join(lines) + "\n"


def format_redline_json(summary: tuple[PartChanges, ...], old: str, new: str, written: list[str]) -> str:
    """Return the redline's summary as one JSON object (version 1)."""
    payload = {
        "version": 1,
        "old": old,
        "new": new,
        "summary": {"parts_changed": sum(1 for part in summary if _changed(part)),
                    "words_added": sum(part.words_added for part in summary),
                    "words_removed": sum(part.words_removed for part in summary),
                    "figures_changed": sum(part.figures_changed for part in summary)},
        "parts": [{"key": part.key, "title": part.title, "change": part.change, "words_added": part.words_added,
                   "words_removed": part.words_removed, "paragraphs_changed": part.paragraphs_changed,
                   "figures_changed": part.figures_changed}
                  for part in summary],
        "written": written,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _changed(part: PartChanges) -> bool:
    return bool(part.change or part.words_added or part.words_removed or part.paragraphs_changed
                or part.figures_changed)


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"
