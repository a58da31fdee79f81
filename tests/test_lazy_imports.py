"""Checking one file (the pre-commit hook, a society's own check) loads only what the check runs: no module
of the site stack (the site's package, the public projection, jieba), not what only a bug needs
(traceback; difflib, for close matches, is loaded only by a finding that suggests one), not the
recomputation of results (only with the committee's scores loaded), and not ``importlib.resources`` when the package lives on
the file system, where its folder is the package's own (the same path; see ``resources._package_files``)."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest

from generator import resources, yamlio
from tests.helpers import APP, MINI, modules_after


def test_checking_one_file_loads_no_site_module_and_nothing_for_bugs(tmp_path: Path) -> None:
    code = f"from generator.cli import main\nmain(['check', '--now', '2026-11-26', '{APP}'])"
    loaded = modules_after(code, MINI, tmp_path)
    assert "generator.checker" in loaded  # the check ran
    site_stack = {m for m in loaded if m == "generator.site" or m.startswith("generator.site.")}
    assert site_stack == set()
    assert loaded & {"jieba", "generator.public", "generator.report.markdown", "markdown"} == set()
    assert loaded & {"traceback", "importlib.resources"} == set()
    assert "generator.results" not in loaded  # recomputing results needs the committee's scores


def test_the_package_files_are_those_importlib_resources_gives() -> None:
    assert resources._package_files() == importlib.resources.files("generator")
    assert resources.shipped().schemas.is_dir()


def test_checking_clean_files_on_the_compiled_path_does_not_import_pyyaml(tmp_path: Path) -> None:
    """PyYAML is the pure-Python path's parser (and the comment scanner's): with the compiled clean path
    built, files it accepts are read without importing it."""
    if yamlio._NATIVE_LOAD is None:
        pytest.skip("generator.yamlcore is not built here: the pure path imports PyYAML, as it must")
    code = f"from generator.cli import main\nmain(['check', '--now', '2026-11-26', '{APP}'])"
    loaded = modules_after(code, MINI, tmp_path)
    assert "generator.checker" in loaded and "generator.yamlio" in loaded
    assert "yaml" not in loaded
