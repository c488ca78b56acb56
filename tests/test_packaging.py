"""Packaging guard rails: the installed package has every module and all package data."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path

import pvrules

REPO = Path(__file__).resolve().parents[1]


def test_tests_run_against_the_installed_package() -> None:
    installed = Path(pvrules.__file__).resolve()
    if os.environ.get("PVRULES_REQUIRE_INSTALLED"):
        assert REPO / "pvrules" not in installed.parents, (
            f"pvrules was imported from the source tree ({installed}), not from the install")
    assert installed.name == "__init__.py"


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {"pvrules." + ".".join(p.parent.relative_to(REPO / "pvrules").parts)
             for p in (REPO / "pvrules").rglob("__init__.py")}
    found = {f.rstrip(".") for f in found}
    found |= {"pvrules.cli." + ".".join(p.parent.relative_to(REPO / "cli").parts)
              for p in (REPO / "cli").rglob("__init__.py") if p.parent != REPO / "cli"}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def _names(package: str, root: Path, suffixes: tuple[str, ...]) -> set[str]:
    def walk(entry, prefix=""):  # type: ignore[no-untyped-def]
        for child in entry.iterdir():
            if child.is_dir():
                yield from walk(child, f"{prefix}{child.name}/")
            elif child.name.endswith(suffixes):
                yield f"{prefix}{child.name}"

    shipped = set(walk(resources.files(package)))
    in_repo = {str(p.relative_to(root)) for p in root.rglob("*") if p.name.endswith(suffixes)
               and "__pycache__" not in p.parts}
    assert shipped == in_repo, f"{package}: shipped {sorted(shipped ^ in_repo)} differ"
    return shipped


def test_package_data_matches_the_repository() -> None:
    yaml_like = (".yaml", ".yml", ".json", ".csv", ".dmn")
    assert _names("pvrules.rules", REPO / "rules", yaml_like)
    assert _names("pvrules.knowledge", REPO / "knowledge", yaml_like)
    _names("pvrules.examples", REPO / "examples", yaml_like)
    _names("pvrules.render", REPO / "pvrules" / "render", (".j2", ".docx"))
    assert _names("pvrules.schema", REPO / "pvrules" / "schema", (".json",))
