"""The one compiled part, optional: ``generator.yamlcore``, the strict YAML loader's clean path over
libyaml's C interface (``native/yamlcore.c``; docs/design.md says why it is worth its upkeep).

``optional=True``: without a C compiler or libyaml's headers (Debian: ``libyaml-dev``) the build goes on
without it, and ``generator.yamlio`` uses its pure-Python loader, the reference. Everything else about the
package is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "generator.yamlcore",
            sources=["native/yamlcore.c"],
            libraries=["yaml"],
            optional=True,
        )
    ]
)
