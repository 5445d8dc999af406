"""`preview`: a local server that rebuilds the page as sources are saved (`server`) and the
pages it serves (`pages`).
"""
