"""What authors and the template say about findings: ignore comments (CCM035), then rule settings.

An author's `<!-- ccm-review: ignore CCM041 -->` silences those codes in the block after it; an
ignore comment that is not understood, names an unknown or locked rule, or silences nothing is
itself a finding. Then the template's `rules:` switch codes off or change their severity.
"""

from __future__ import annotations

from ccm_review.model.finding import Finding
from ccm_review.model.narrative import Ignore
from ccm_review.model.source import Document
from ccm_review.spec.rules import OFF, finding, known, rule
from ccm_review.spec.template import Spec

_HOW = "write <!-- ccm-review: ignore CCM041 --> on the line before the paragraph (several codes may follow)"


def settle(findings: list[Finding], document: Document, spec: Spec,
           unjudged: frozenset[str] = frozenset()) -> list[Finding]:
    """Return `findings` without the silenced ones, with the template's severities, plus CCM035.

    An ignore comment of an `unjudged` code (a rule `check FILE...` did not run) is not said to silence nothing.
    """
    ignores = {section.path: section.ignores for section in document.sections if section.meta is not None}
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for found in findings:
        silencer = _silencer(found, ignores)
        if silencer is None:
            kept.append(found)
        else:
            used.add((id(silencer), found.code))
    for comments in ignores.values():
        kept.extend(problem for ignore in comments for problem in _check_ignore(ignore, used, unjudged))
    settings = dict(spec.rule_settings)
    return [_with_severity(found, settings.get(found.code, found.severity)) for found in kept
            if settings.get(found.code) != OFF]


def _with_severity(found: Finding, severity: str) -> Finding:
    if severity == found.severity:
        return found  # findings are frozen: the same one serves
    return Finding(found.code, severity, found.message, found.location, found.hint)


def _silencer(finding: Finding, ignores: dict[str, tuple[Ignore, ...]]) -> Ignore | None:
    location = finding.location
    if location is None or not known(finding.code) or rule(finding.code).locked:
        return None
    for ignore in ignores.get(location.file, ()):
        if ignore.lines and finding.code in ignore.codes and ignore.lines[0] <= location.line <= ignore.lines[1]:
            return ignore
    return None


def _check_ignore(ignore: Ignore, used: set[tuple[int, str]], unjudged: frozenset[str]) -> list[Finding]:
    def problem(message: str, hint: str = _HOW) -> Finding:
        return finding("CCM035", message, ignore.location, hint)

    if not ignore.codes:
        return [problem(f"'{ignore.text}' is not an ignore comment ccm-review understands")]
    if ignore.lines is None:
        return [problem("the ignore comment is not followed by a paragraph it could apply to")]
    problems: list[Finding] = []
    for code in ignore.codes:
        if not known(code):
            problems.append(problem(f"the ignore comment names an unknown rule '{code}'",
                                    "`ccm-review rules` lists the rule codes"))
        elif rule(code).locked:
            problems.append(problem(f"{code} guards the build and cannot be silenced",
                                    "fix what it reports; an ignore comment cannot hide it"))
        elif (id(ignore), code) not in used and code not in unjudged:
            problems.append(problem(f"the ignore comment silences nothing: no {code} finding in the block after it",
                                    "remove the comment, or move it to the line before the paragraph it is meant for"))
    return problems
