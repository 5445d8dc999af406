"""The coordinator's commands beside check and build: new, schema, status, preview; a module or a
package each.
"""
