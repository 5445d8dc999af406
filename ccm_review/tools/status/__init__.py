"""`status`: where the draft stands (`compute`), printed for a terminal or a tool (`show`)."""
