"""`python -m ccm_review`."""

from ccm_review.cli import main

main(prog_name="ccm-review")
