"""Loading: project files into the model (front matter with ruamel, narrative with markdown-it)."""
