"""What loading and validation report: a rule code, its severity, a message and where it applies."""

from __future__ import annotations

from ccm_review.model.location import Location
from ccm_review.model.record import Record, set_field


class Finding(Record):
    """One result of loading or validation: a rule code, its severity and where it applies."""

    __slots__ = ("code", "severity", "message", "location", "hint")  # noqa: RUF023
    code: str
    severity: str  # "error" | "warning"
    message: str
    location: Location | None
    hint: str | None

    def __init__(self, code: str, severity: str, message: str, location: Location | None = None,
                 hint: str | None = None) -> None:
        set_field(self, "code", code)
        set_field(self, "severity", severity)
        set_field(self, "message", message)
        set_field(self, "location", location)
        set_field(self, "hint", hint)
