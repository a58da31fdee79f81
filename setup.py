"""The compiled parts, both optional: ``generator.yamlcore``, the strict YAML loader's clean path over
libyaml's C interface (``native/yamlcore.c``), and ``generator.personalcore``, the privacy scan's cheap test
in one pass (``native/personalcore.c``); docs/design.md says why each is worth its upkeep.

``optional=True``: without a C compiler (or, for the loader, libyaml's headers, Debian: ``libyaml-dev``) the
build goes on without them, and ``generator.yamlio`` and ``generator.personal`` use their pure-Python paths,
the references. Everything else about the package is in pyproject.toml.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "generator.yamlcore",
            sources=["native/yamlcore.c"],
            libraries=["yaml"],
            optional=True,
        ),
        Extension("generator.personalcore", sources=["native/personalcore.c"], optional=True),
    ]
)
