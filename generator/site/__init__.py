"""The public site: page builders (Jinja2 → Markdown in a staging folder), the mkdocs build, checks of the
output (privacy, Content-Security-Policy) and the atomic swap of the output folder."""
