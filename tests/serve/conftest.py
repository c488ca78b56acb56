"""Fixtures for the tests of ``pvrules serve``: a case folder, the app, the CLI to compare.

The API is tested in process (``app_client``); ``real_server`` starts a process, for the
slow tests of the server itself.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pvrules.cli import main
from pvrules.pipeline import example_names

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def cases_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every example as YAML (comments and all) and as a JSON case file."""
    from pvrules.serve.casefiles import parse_text

    folder = tmp_path_factory.mktemp("cases")
    for name in example_names():
        src = EXAMPLES / f"{name}.yaml"
        shutil.copy(src, folder / src.name)
        data = parse_text(src.read_text(encoding="utf-8"), src.name)
        (folder / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2),
                                             encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def app_client(cases_dir: Path) -> Iterator[Any]:
    """A test client of the app on the case folder (no token)."""
    from fastapi.testclient import TestClient

    from pvrules.serve.app import ServeConfig, create_app

    with TestClient(create_app(ServeConfig(folder=str(cases_dir)))) as client:
        yield client


Server = Callable[..., AbstractContextManager[str]]
"""``real_server(FOLDER, *options)``: a context manager that yields the base URL."""


@pytest.fixture(scope="session")
def real_server() -> Server:
    """Start a real ``pvrules serve`` process (see ``browser.serve``).

    The only way tests start a server: every test that uses it must be marked ``slow``
    (tests/test_markers.py checks). Tests of the API use ``app_client``, in process.
    """
    from .browser import serve

    return serve


_PRINTED: dict[tuple[object, ...], bytes] = {}
"""What :func:`cli` printed in this run, by what determines it."""


def _inputs(args: tuple[str, ...]) -> tuple[object, ...]:
    """What the output of ``pvrules ARGS`` depends on besides ARGS: the content of every
    file an argument names, the day (the default ``--date``) and pvrules' environment."""
    files = tuple(Path(a).read_bytes() if Path(a).is_file() else None for a in args)
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("PVRULES")))
    return files, dt.date.today(), env


def cli(*args: str) -> bytes:
    """What ``pvrules ARGS`` prints (exit code 0 required).

    The CLI is deterministic: the same arguments with the same files, day and environment
    print the same bytes, so a command is run once per run and its output kept (many tests
    compare the server with the same ``advise`` of the same example).
    """
    key = (args, _inputs(args))
    if key not in _PRINTED:
        result = CliRunner().invoke(main, list(args))
        assert result.exit_code == 0, result.output
        _PRINTED[key] = result.stdout_bytes
    return _PRINTED[key]


def case_json(cases_dir: Path, name: str) -> dict[str, Any]:
    """The example ``name`` as the JSON case data."""
    data: dict[str, Any] = json.loads((cases_dir / f"{name}.json").read_text(encoding="utf-8"))
    return data
