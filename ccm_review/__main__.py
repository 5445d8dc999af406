"""`python -m ccm_review`."""

from ccm_review.cli import run

run()
