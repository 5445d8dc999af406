"""The model passed between stages: sources as loaded, the document tree as printed, findings.

`source` is what the loaders make of the files (with `meta`, the located YAML of the front matter,
and `narrative`, the blocks and inlines of the text), `outline` is the document as every writer
prints it, `finding` is what checks report; each item of them keeps the `location` it came from.
"""
