"""ccm-review: validate and assemble the Review Document of a CCM action plan."""

__version__ = "0.1.0"
