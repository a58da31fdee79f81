"""Renderers: each a pure ``render(result, …) -> str``."""
