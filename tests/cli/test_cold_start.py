"""What a cold ``pvrules`` start leaves out (docs/performance.md, cold start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pvrules.entry import PYDANTIC_PLUGINS, run

PROBE = """
import atexit, json, sys

def report():
    loader = sys.modules.get("pydantic.plugin._loader")
    print(json.dumps({"scanned": loader is not None and loader._plugins is not None,
                      "validated": "pvrules.validate.case" in sys.modules}), file=sys.stderr)

atexit.register(report)
from pvrules.entry import run
run(["advise", "--example", "--format", "json"])
"""


def _start(tmp_path: Path, plugins: str | None) -> dict[str, bool]:
    env = {k: v for k, v in os.environ.items() if k != PYDANTIC_PLUGINS}
    env["PVRULES_CACHE_DIR"] = str(tmp_path / "cache")
    if plugins is not None:
        env[PYDANTIC_PLUGINS] = plugins
    # outside the checkout: the installed pvrules is what starts
    done = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=tmp_path,
                          capture_output=True, text=True, check=True)
    assert json.loads(done.stdout)["case_id"]  # the advice was given
    seen: dict[str, bool] = json.loads(done.stderr.strip().splitlines()[-1])
    return seen


@pytest.mark.parametrize(("given", "expected"), [(None, "__all__"), ("", ""),
                                                  ("some_plugin", "some_plugin")])
def test_the_command_turns_pydantic_plugins_off_unless_the_user_chose(
        monkeypatch: pytest.MonkeyPatch, given: str | None, expected: str) -> None:
    if given is None:
        monkeypatch.delenv(PYDANTIC_PLUGINS, raising=False)
    else:
        monkeypatch.setenv(PYDANTIC_PLUGINS, given)
    with pytest.raises(SystemExit) as done:
        run(["--help"])
    assert done.value.code == 0
    assert os.environ[PYDANTIC_PLUGINS] == expected


@pytest.mark.slow  # a whole cold advise in a process; the test above is the edit loop's
def test_a_cold_advise_does_not_look_for_pydantic_plugins(tmp_path: Path) -> None:
    assert _start(tmp_path, None) == {"scanned": False, "validated": True}


@pytest.mark.slow  # a second cold start
def test_a_plugin_setting_of_the_user_is_kept(tmp_path: Path) -> None:
    assert _start(tmp_path, "some_plugin") == {"scanned": True, "validated": True}
