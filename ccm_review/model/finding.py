"""What loading and validation report: a rule code, its severity, a message and where it applies."""

from __future__ import annotations

from dataclasses import dataclass

from ccm_review.model.location import Location


@dataclass(frozen=True)
class Finding:
    """One result of loading or validation: a rule code, its severity and where it applies."""

    code: str
    severity: str  # "error" | "warning"
    message: str
    location: Location | None = None
    hint: str | None = None
