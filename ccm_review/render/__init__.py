"""Renderers: the outline of a validated document -> DOCX and HTML."""
