"""The public site: page builders (Jinja2 → Markdown), the mkdocs build (pages in memory, search
indexing in a worker process), checks of the output (privacy, Content-Security-Policy) and the atomic swap
of the output folder."""
