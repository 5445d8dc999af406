"""The rule catalogue: every code `check` can report, its default severity, what it means and an
example. `ccm-review rules` prints it and docs/rules.md is generated from it.

Codes are stable and never reused (DESIGN.md). A locked rule guards the build itself (a file that
cannot be read, a link that must not be printed): the template cannot lower it or switch it off,
and an ignore comment cannot silence it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ccm_review.model.record import Record, set_field

if TYPE_CHECKING:  # `rules` and `--help` read the catalogue without loading the model
    from ccm_review.model.finding import Finding
    from ccm_review.model.location import Location

ERROR = "error"
WARNING = "warning"
OFF = "off"
NOTE = "note"  # what `comments` reads back from a reviewer: information, never a failure
SEVERITIES = (ERROR, WARNING, NOTE)
SETTINGS = (ERROR, WARNING, OFF)
# What a rule must read to judge a file: the file alone (with the templates, the masthead and data/),
# or every part of the document. `check FILE...` runs only the first kind and leaves the second to a
# full check, since a partial view of the document would make it report wrongly.
FILE = "file"
DOCUMENT = "document"
SCOPES = (FILE, DOCUMENT)


class Rule(Record):
    """One rule: `code` (CCM011), a short `name`, its default `severity`, a one-line `summary`."""

    __slots__ = ("code", "name", "severity", "summary", "example", "locked", "scope")  # noqa: RUF023
    code: str
    name: str
    severity: str
    summary: str
    example: str
    locked: bool
    scope: str

    def __init__(self, code: str, name: str, severity: str, summary: str, example: str, locked: bool = False,
                 scope: str = FILE) -> None:
        set_field(self, "code", code)
        set_field(self, "name", name)
        set_field(self, "severity", severity)
        set_field(self, "summary", summary)
        set_field(self, "example", example)
        set_field(self, "locked", locked)
        set_field(self, "scope", scope)


FAMILIES = (
    ("CCM00", "Reading the files"),
    ("CCM01", "Parts and tables against the template and the action plan"),
    ("CCM02", "Word limits and required headings"),
    ("CCM03", "Content of the narrative"),
    ("CCM04", "UN editorial style"),
    ("CCM05", "UN editorial style"),
    ("CCM06", "The review round (ccm-review comments)"),
    ("CCM07", "Implementation data (data/) and the figures cited from it"),
)

RULES: tuple[Rule, ...] = (
    Rule("CCM001", "yaml-syntax", ERROR, "front matter is not valid YAML (anchors, aliases, tags and duplicate "
         "keys are refused)", "indicator: Rate: 80 per cent  ->  indicator: \"Rate: 80 per cent\"", locked=True),
    Rule("CCM002", "front-matter", ERROR, "no front matter, or it is not a mapping; document.yaml missing",
         "a file that does not start with a '---' line", locked=True),
    Rule("CCM003", "encoding", ERROR, "file is not UTF-8 text (UTF-16, Latin-1, Windows-1252, binary) or holds "
         "control characters", "a section saved as 'Unicode' (UTF-16) by Notepad", locked=True),
    Rule("CCM004", "unknown-key", ERROR, "unknown key in the front matter (with a did-you-mean hint)",
         "cordinators: [Iraq]  ->  coordinators: [Iraq]"),
    Rule("CCM005", "missing-key", ERROR, "required key missing", "a section without 'status:'", locked=True),
    Rule("CCM006", "bad-value", ERROR, "value of the wrong type or not allowed (with the allowed values)",
         "status: done  ->  status: draft | review | final", locked=True),
    Rule("CCM007", "file-too-large", ERROR, "a section file (or document.yaml) over 1 MB; it is not read",
         "a 3 MB file made by pasting a report with its images", locked=True),
    Rule("CCM008", "not-a-file", ERROR, "a sections/ entry named like a section that cannot be read as a file of "
         "the project: a link outside it, a directory, a pipe, no permission", "sections/05-cooperation.md/, "
         "a directory", locked=True),
    Rule("CCM009", "too-deep", ERROR, "lists or quotations nested more than 8 levels deep (deeper text cannot "
         "be read)", "'>' repeated ten times at the start of a line", locked=True),
    Rule("CCM010", "unknown-part", ERROR, "`action` or `part` not in the template or the catalogue",
         "action: 8 when the plan has seven actions", locked=True),
    Rule("CCM011", "unknown-ref", ERROR, "table `ref` is not an item of this action",
         "ref: \"4.3\" in action 4, whose items are 4.1 and 4.2", locked=True),
    Rule("CCM012", "duplicate-ref", ERROR, "table `ref` appears twice", "two rows with ref: \"6.1\"",
         locked=True),
    Rule("CCM013", "missing-row", WARNING, "an item of this action has no table row",
         "action 6 without a row for item 6.2"),
    Rule("CCM014", "duplicate-part", ERROR, "two files claim the same action or part",
         "04-victims.md and 04-victim-assistance.md both with action: 4", locked=True, scope=DOCUMENT),
    Rule("CCM015", "missing-part", WARNING, "an action or part of the template has no file",
         "no file with part: conclusion", scope=DOCUMENT),
    Rule("CCM016", "row-order", WARNING, "table rows not in catalogue order", "row 6.2 before row 6.1"),
    Rule("CCM017", "not-final", WARNING, "under --strict (submission), a part whose status is not final",
         "status: draft in a section when the document is submitted"),
    Rule("CCM018", "curly-quotes", WARNING, "a YAML value wrapped in curly quotes, which YAML reads as part of the "
         "text and the document prints", "coordinators: [\u201cChile\u201d]  ->  coordinators: [\"Chile\"]"),
    Rule("CCM020", "cell-words", ERROR, "a table cell is over its word limit",
         "a 'current' cell of 41 words when the limit is 40"),
    Rule("CCM021", "part-words", ERROR, "a part's narrative is over its word limit",
         "an introduction of 401 words when the limit is 400"),
    Rule("CCM022", "document-words", ERROR, "the whole document is over its word limit",
         "10,701 words when the limit is 10,700", scope=DOCUMENT),
    Rule("CCM023", "required-heading", WARNING, "a required narrative heading is missing",
         "an action part without '## Gaps and challenges'"),
    Rule("CCM030", "placeholder", WARNING, "a placeholder is left (TODO, TBD, XXX, [...]) in a part or the masthead",
         "Some reports are overdue: TODO list them."),
    Rule("CCM031", "raw-html", WARNING, "raw HTML in the narrative (shown as text)",
         "Some reports are<br>overdue."),
    Rule("CCM032", "link-scheme", ERROR, "a link with a scheme other than http, https, mailto or #",
         "[report](file:///C:/report.docx)", locked=True),
    Rule("CCM033", "footnote", WARNING, "a footnote is referenced but not defined, or defined but not used",
         "text[^cmc] without a line '[^cmc]: ...'"),
    Rule("CCM034", "heading-level", WARNING, "a narrative heading uses '#' (headings in a section start at '##')",
         "# Successes  ->  ## Successes"),
    Rule("CCM035", "ignore-comment", WARNING, "an ignore comment that names an unknown or locked rule, or "
         "silences nothing", "<!-- ccm-review: ignore CCM999 -->"),
    Rule("CCM036", "unfounded-assessment", WARNING, "an assessment other than not-assessed in a row whose "
         "current cell says the data were not compiled or not reported (the phrases of the template's "
         "content.no_data, in any case); the current cell alone decides, since an assessment compares the "
         "situation now with the target", "current: Not compiled for this review / assessment: achieved  ->  "
         "assessment: not-assessed"),
    Rule("CCM037", "source-after-date", WARNING, "a source or a figure dated after the document's date: a date "
         "in a footnote or a table note, or in a table cell where a figure is given as of a date (in parentheses, "
         "or after 'as of'); a year alone counts when it is after the document's year, or when it names a "
         "periodical of the template's content.periodicals (dated by its usual month); plans ('due in', "
         "'planned for', 'until') and figures cited from data/ (CCM076) are left out",
         "[^a]: Cluster Munition Monitor 2020. in a document dated 30 April 2020 (the Monitor appears in August)"),
    Rule("CCM038", "repeated-source", WARNING, "the same source (compared without case, spacing or the final "
         "full stop) given as a table note and as a footnote of one part, or one bare source note repeated "
         "verbatim content.repeated_notes times or more (3 by default) in the document, reported once at its "
         "first place", "[^a]: Cluster Munition Monitor 2019. three times  ->  the full reference once, then "
         "Ibid.", scope=DOCUMENT),
    Rule("CCM039", "action-point-count", WARNING, "a count of action points in the text ('32 action points', "
         "'thirty-two action points', or by the catalogue's name for its items: '50 actions') that differs from the "
         "catalogue's action_points, or, when the catalogue gives none, from the number of its items (one table "
         "row each); or a total the catalogue confirms where the tables hold another number of rows and the passage "
         "does not say so; a count of some of them ('two action points were achieved', 'the two action points of "
         "action 4') is not a total and is left alone", "its 31 action points when the catalogue "
         "gives action_points: 32", scope=DOCUMENT),
    Rule("CCM040", "number-in-words", WARNING, "a number from one to nine written in figures in running text",
         "3 States Parties reported  ->  three States Parties reported"),
    Rule("CCM041", "per-cent", WARNING, "'%' or 'percent' in running text instead of 'per cent'",
         "80% of those due  ->  80 per cent of those due"),
    Rule("CCM042", "date-format", WARNING, "a date not written as '8 June 2020'",
         "June 8, 2020 / 08/06/2020 / 8th June  ->  8 June 2020"),
    Rule("CCM043", "abbreviation", WARNING, "an abbreviation not spelled out at its first use in the document",
         "the ISU  ->  the Implementation Support Unit (ISU)", scope=DOCUMENT),
    Rule("CCM044", "never-abbreviated", WARNING, "an abbreviation UN documents never use (UN, GA, SG)",
         "the UN  ->  the United Nations"),
    Rule("CCM045", "house-term", WARNING, "a house term capitalized differently from the template's choice",
         "States parties  ->  States Parties (as the template chooses)"),
    Rule("CCM046", "ize-spelling", WARNING, "an -ise spelling where Oxford spelling uses -ize",
         "organisation  ->  organization"),
    Rule("CCM047", "emphasis", WARNING, "bold or italics used for emphasis in running text",
         "States **must** report  ->  States must report"),
    Rule("CCM048", "doubled-word", WARNING, "the same word twice in a row", "the the report  ->  the report"),
    Rule("CCM049", "long-sentence", WARNING, "a sentence over the template's sentence-length limit",
         "a sentence of 52 words when the limit is 40"),
    Rule("CCM050", "readability", WARNING, "a part whose Flesch reading ease is below the template's threshold",
         "a part scoring 22 when the template asks for at least 30"),
    Rule("CCM060", "review-comment", NOTE, "a reviewer's comment in a returned DOCX, with the source line it is on",
         "Jane Doe on para. 12: 'Please cite the 2019 figure.'"),
    Rule("CCM061", "tracked-change", NOTE, "a reviewer's tracked insertion or deletion in a returned DOCX",
         "Jane Doe deleted 'some' in row 2 of table 6"),
    Rule("CCM062", "unmapped", NOTE, "a comment or change that cannot be traced to a source line (the masthead, "
         "a document this tool did not build, a paragraph that no longer exists)",
         "a comment on the document's title"),
    Rule("CCM070", "data-file", ERROR, "a data/ file that cannot be read as a series: an unknown or missing "
         "column, a ragged line, a file name that cannot be cited", "data/states-parties.csv with a column 'yaer'"),
    Rule("CCM071", "data-value", ERROR, "a figure of data/ that is not a number, a year that is not a year, a "
         "figure without a source, an unknown unit or date", "2019,\"99,5\",Monitor 2019  ->  2019,99.5,Monitor 2019"),
    Rule("CCM072", "data-duplicate-year", ERROR, "a series of data/ with two figures for the same year",
         "two lines for 2019 in data/states-parties.csv"),
    Rule("CCM073", "unknown-figure", ERROR, "a figure reference to a series data/ does not have, a year the series "
         "lacks, or a reference that cannot be read", "[=state-parties 2019]  ->  [=states-parties 2019]"),
    Rule("CCM074", "figure-in-code", WARNING, "a figure reference inside a code span, printed as typed",
         "`[=states-parties 2019]`  ->  [=states-parties 2019]"),
    Rule("CCM075", "contradicts-data", WARNING, "a number typed in a table cell that contradicts the figure data/ "
         "gives for that row's series and year", "current: 105 (2019) when data/states-parties.csv gives 106 for 2019"),
    Rule("CCM076", "figure-after-date", WARNING, "a figure cited from data/ that is dated after the document's date",
         "[=states-parties 2020] in a document dated 30 April 2020"),
    Rule("CCM077", "chart", ERROR, "a chart of a series data/ does not have, of years the series lacks, or of "
         "fewer than two points (nothing is drawn)", "charts: [{series: states-partys, kind: line, ...}]"),
    Rule("CCM078", "figure-before-period", WARNING, "a figure cited from data/ that is older than the period the "
         "document covers (its period, or the years its title ends with)",
         "[=states-parties 2014] in the Review Document of the Dubrovnik Action Plan (2015-2020)"),
)

_BY_CODE = {rule.code: rule for rule in RULES}
# The rules `check FILE...` leaves to a full check: duplicate and missing parts, the document's words,
# a note repeated across parts, an abbreviation's first use in document order.
DOCUMENT_RULES = tuple(rule.code for rule in RULES if rule.scope == DOCUMENT)


def rule(code: str) -> Rule:
    """Return the rule `code`; a code missing from the catalogue is a bug."""
    return _BY_CODE[code]


def finding(code: str, message: str, location: Location | None = None, hint: str | None = None) -> Finding:
    """Return a finding of rule `code` with the rule's default severity (the template may change it later)."""
    from ccm_review.model.finding import Finding

    return Finding(code, _BY_CODE[code].severity, message, location, hint)


def known(code: str) -> bool:
    """Return whether `code` is a rule of the catalogue."""
    return code in _BY_CODE


def family(code: str) -> str:
    """Return the name of the family of rules `code` belongs to."""
    return next((name for prefix, name in FAMILIES if code.startswith(prefix)), "")
