"""The pages `ccm-review preview` serves: the built document, or the findings that stop it.

Every page gets one small script, added here and nowhere else, that asks the server for the
version of the page (the server holds the request until the page changes) and reloads when it
changes. The built document itself
stays script-free: its Content-Security-Policy meta is taken out of the served copy and sent as
a header instead, with that one script (by its hash) and requests to the server allowed.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from ccm_review.model.finding import Finding
from ccm_review.model.location import Location
from ccm_review.patterns import compile_pattern
from ccm_review.report import Report, summary_line

VERSION_PATH = "/__version"
POLL_MS = 500
CONTEXT_LINES = 2  # source lines shown before the line of a finding
# Reads its version from its own tag, so that its text (and hash) never changes.
SCRIPT = f"""
(() => {{
  const version = document.currentScript.dataset.version;
  let stopped = false;
  const poll = async () => {{
    try {{
      // The server holds this request until the page changes: the reload follows at once.
      const response = await fetch(`{VERSION_PATH}?v=${{version}}`, {{ cache: "no-store" }});
      const latest = (await response.text()).trim();
      if (response.ok && latest !== version) {{ location.reload(); return; }}
      if (stopped) {{ document.getElementById("ccm-preview-stopped")?.remove(); stopped = false; }}
      if (response.ok) {{ setTimeout(poll, 0); return; }}
    }} catch (error) {{
      if (!stopped) {{
        stopped = true;
        const note = document.createElement("p");
        note.id = "ccm-preview-stopped";
        note.setAttribute("role", "status");
        note.textContent = "The preview server has stopped: run ccm-review preview again to follow your edits.";
        note.style.cssText = "position:fixed;bottom:0;left:0;right:0;margin:0;padding:0.5rem 1rem;" +
          "background:#fff3c4;color:#1b1b1b;border-top:1px solid #9ba3ad;font:0.9rem system-ui,sans-serif";
        document.body.append(note);
      }}
    }}
    setTimeout(poll, {POLL_MS});
  }};
  poll();  // at once: a save right after a reload must not wait a poll interval
}})();
"""
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
# What the preview needs on top of the document's own policy: its script and its requests.
PREVIEW_DIRECTIVES = (f"script-src '{SCRIPT_HASH}'", "connect-src 'self'")
# For the pages the preview writes itself (findings, problems).
OWN_POLICY = "; ".join(("default-src 'none'", "style-src 'unsafe-inline'", *PREVIEW_DIRECTIVES,
                        "base-uri 'none'", "form-action 'none'"))

_META = compile_pattern(r"<meta\b[^>]*>\n?", re.IGNORECASE)
_CSP = compile_pattern(r"""http-equiv\s*=\s*["']?content-security-policy\b""", re.IGNORECASE)
_CONTENT = compile_pattern(r"""\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_BODY = compile_pattern(r"<body\b[^>]*>", re.IGNORECASE)
_HEAD_END = compile_pattern(r"</head\s*>", re.IGNORECASE)
_BODY_END = compile_pattern(r"</body\s*>", re.IGNORECASE)

_FINDINGS_CSS = """
.ccm-findings { margin: 0; padding: 0; list-style: none; }
.ccm-findings li { margin: 0 0 1rem; padding: 0.6rem 0.9rem; border-left: 4px solid #b7791f; background: #fdf8ec; }
.ccm-findings li.error { border-left-color: #b3261e; background: #fcefee; }
.ccm-findings p { margin: 0.2rem 0; }
.ccm-findings .where { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9rem; }
.ccm-findings .severity { font-weight: 700; text-transform: uppercase; font-size: 0.8rem; letter-spacing: 0.03em; }
.ccm-findings .error .severity { color: #b3261e; }
.ccm-findings .warning .severity { color: #8a5a00; }
.ccm-findings .message { font-weight: 600; }
.ccm-findings .hint { color: #3d3d3d; }
.ccm-findings pre { margin: 0.4rem 0 0; padding: 0.4rem 0.6rem; background: #fff; border: 1px solid #d5d9de;
  white-space: pre-wrap; overflow-wrap: anywhere; font-size: 0.85rem; }
.ccm-findings mark { background: #ffd7d4; outline: 1px solid #b3261e; }
.ccm-findings .line-number { color: #6b6b6b; user-select: none; }
"""
_PAGE_CSS = """
body { margin: 0; color: #1b1b1b; background: #fff; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto,
  "Noto Sans", "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.5rem; }
.lead { margin: 0 0 1.5rem; color: #3d3d3d; }
.summary { margin-top: 1.5rem; color: #3d3d3d; }
code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
"""
_BAR_CSS = """
.ccm-preview-bar { margin: 0; padding: 0.5rem 1.25rem; background: #fdf8ec; border-bottom: 1px solid #e2c98a;
  font: 0.9rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
.ccm-preview-bar summary { cursor: pointer; }
.ccm-preview-bar .ccm-findings { margin-top: 0.75rem; max-width: 52rem; }
@media print { .ccm-preview-bar { display: none; } }
"""


@dataclass(frozen=True)
class Served:
    """A page as the preview serves it: HTML, its policy header, its version and a one-line summary."""

    html: str
    policy: str
    version: str
    summary: str


def document_page(html: str, report: Report, project: Path) -> Served:
    """Return the built document with the reload script; its warnings, if any, in a bar above it."""
    policy, page = _take_policy(html)
    if report.warnings:
        they = "it needs" if report.warnings == 1 else "they need"
        heading = (f"Preview: {_plural(report.warnings, 'warning')}. The document builds, but {they} a look "
                   "(<code>ccm-review check</code> lists the same).")
        bar = (f"<aside class=\"ccm-preview-bar\" aria-label=\"Preview\"><details><summary>{heading}</summary>"
               f"{_findings_list(report.findings, project)}</details></aside>\n")
        page = _insert(_insert(page, _BODY, bar), _HEAD_END, f"<style>{_BAR_CSS}{_FINDINGS_CSS}</style>\n", before=True)
    return _finish(page, _with_preview(policy), summary_line(report))


def findings_page(report: Report, project: Path) -> Served:
    """Return the page shown instead of the document while the draft has errors."""
    errors = _plural(report.errors, "error")
    them = "it is" if report.errors == 1 else "they are"
    body = (f"<h1>The draft has {errors}</h1>\n"
            f"<p class=\"lead\">The document shows here again as soon as {them} fixed. This page follows your "
            "edits: save the file and look again.</p>\n"
            f"{_findings_list(report.findings, project)}\n"
            f"<p class=\"summary\">{escape(summary_line(report))}. "
            "<code>ccm-review rules</code> explains every code.</p>")
    return _finish(_own_page(f"{errors} \u2013 ccm-review preview", body), OWN_POLICY, summary_line(report))


def problem_page(message: str, hint: str | None = None, detail: str | None = None) -> Served:
    """Return the page shown when the preview cannot be built at all (a broken template, a bug)."""
    body = "<h1>The preview cannot be built</h1>\n<ul class=\"ccm-findings\"><li class=\"error\">"
    body += f"<p class=\"message\">{escape(message)}</p>"
    if hint:
        body += f"<p class=\"hint\">Hint: {escape(hint)}</p>"
    if detail:
        body += f"<pre>{escape(detail)}</pre>"
    body += "</li></ul>\n<p class=\"summary\">This page follows your edits: save the file and look again.</p>"
    return _finish(_own_page("Cannot build \u2013 ccm-review preview", body), OWN_POLICY, f"cannot build: {message}")


def _own_page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{_PAGE_CSS}{_FINDINGS_CSS}</style>\n</head>\n"
            f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n")


def _findings_list(findings: tuple[Finding, ...], project: Path) -> str:
    sources: dict[str, list[str] | None] = {}  # each file read once, however many findings it has
    items = []
    for finding in findings:
        severity = "error" if finding.severity == "error" else "warning"
        where = f"{escape(str(finding.location))}: " if finding.location else ""
        item = (f"<li class=\"{severity}\"><p class=\"where\">{where}<span class=\"severity\">"
                f"{escape(finding.severity)}</span> [{escape(finding.code)}]</p>"
                f"<p class=\"message\">{escape(finding.message)}</p>")
        if finding.hint:
            item += f"<p class=\"hint\">Hint: {escape(finding.hint)}</p>"
        items.append(item + _excerpt(project, finding.location, sources) + "</li>")
    return "<ol class=\"ccm-findings\">\n" + "\n".join(items) + "\n</ol>"


def _excerpt(project: Path, location: Location | None, sources: dict[str, list[str] | None]) -> str:
    """Return the source line of `location`, its column marked, after the two lines before (where a YAML
    error often begins); "" when the file cannot be read. `sources` keeps the lines of the files read."""
    if location is None:
        return ""
    if location.file not in sources:
        sources[location.file] = _source_lines(project, location.file)
    lines = sources[location.file]
    if lines is None or not 1 <= location.line <= len(lines):
        return ""
    before = "".join(f"{_line_number(number, location.line)}{escape(lines[number - 1])}\n"
                     for number in range(max(1, location.line - CONTEXT_LINES), location.line))
    line = lines[location.line - 1]
    column = min(max(location.column, 1), len(line) + 1) - 1
    marked = line[column:column + 1] or " "
    return (f"<pre>{before}{_line_number(location.line, location.line)}{escape(line[:column])}"
            f"<mark>{escape(marked)}</mark>{escape(line[column + 1:])}</pre>")


def _source_lines(project: Path, file: str) -> list[str] | None:
    """Return the lines of `file` as the loader counts them; None when it is outside `project` or unreadable."""
    path = (project / file).resolve()
    try:
        if not path.is_relative_to(project.resolve()):
            return None
        # A file that is not UTF-8 has a finding saying so, not an excerpt.
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    except (OSError, UnicodeDecodeError):
        return None


def _line_number(number: int, widest: int) -> str:
    return f"<span class=\"line-number\">{str(number).rjust(len(str(widest)))} | </span>"


def _take_policy(page: str) -> tuple[str | None, str]:
    """Return the page's Content-Security-Policy (its first meta) and the page without those metas."""
    policy = None
    for match in _META.finditer(page):
        tag = match.group(0)
        content = _CONTENT.search(tag)
        if _CSP.search(tag) and content and policy is None:
            policy = unescape(content.group(1) if content.group(1) is not None else content.group(2))
    kept = _META.sub(lambda match: "" if _CSP.search(match.group(0)) else match.group(0), page)
    return policy, kept


def _with_preview(policy: str | None) -> str:
    """Return `policy` with the preview's script and requests allowed, everything else as it was."""
    replaced = {directive.split()[0] for directive in PREVIEW_DIRECTIVES} | {"script-src-elem"}
    directives = [d.strip() for d in (policy or "").split(";") if d.strip()]
    kept = [d for d in directives if d.split()[0].lower() not in replaced]
    return "; ".join([*kept, *PREVIEW_DIRECTIVES])


def _insert(page: str, tag: re.Pattern[str], html: str, before: bool = False) -> str:
    """Return `page` with `html` after the first `tag` (or before it), or at its start without one."""
    match = tag.search(page)
    if match is None:
        return html + page
    at = match.start() if before else match.end()
    return page[:at] + ("" if before else "\n") + html + page[at:]


def _finish(page: str, policy: str, summary: str) -> Served:
    """Add the reload script, which carries the version: a digest of everything else on the page."""
    version = hashlib.sha256(page.encode("utf-8")).hexdigest()[:16]
    script = f"<script data-version=\"{version}\">{SCRIPT}</script>\n"
    ends = list(_BODY_END.finditer(page))
    at = ends[-1].start() if ends else len(page)
    return Served(page[:at] + script + page[at:], policy, version, summary)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
