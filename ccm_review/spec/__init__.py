"""The ISU's template as typed values: the template and catalogue, its rule settings and style, the
declared shapes they are checked against, and the registry of every rule code.
"""
