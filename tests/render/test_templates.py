"""Templates are data: the bad-template corpus and the sandbox's limits.

Each folder of ``bad_templates/`` is a ``--template-dir`` with one bad template and an
``expect.yaml`` (format, exit code, message). ``pvrules report`` must refuse it with that
message and exit code, without a traceback, without running code (a payload tries to create
the file ``pwned``) and without leaving an output file.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from click.testing import CliRunner

from pvrules.cli.main import main
from pvrules.errors import TemplateError
from pvrules.sandbox import MAX_RANGE, ConfinedLoader, render_string, sandboxed_env

BAD = Path(__file__).parent / "bad_templates"
CASES = sorted(p.name for p in BAD.iterdir() if (p / "expect.yaml").exists())
EXTENSION = {"markdown": "md", "html": "html", "docx": "docx"}


@pytest.mark.parametrize("name", CASES)
def test_bad_template_is_refused(name: str, h: SimpleNamespace, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    expect = yaml.safe_load((BAD / name / "expect.yaml").read_text(encoding="utf-8"))
    monkeypatch.chdir(tmp_path)
    out = tmp_path / f"advies.{EXTENSION[expect['format']]}"
    res = CliRunner().invoke(main, ["report", str(h.CASE_SMALL), *h.SMALL_KB_ARGS,
                                    "--engine", "python", "--template-dir", str(BAD / name),
                                    "-o", str(out), "--date", "2026-11-27"])
    assert res.exit_code == expect["exit"], res.output
    assert expect["message"] in res.output
    assert "Traceback" not in res.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no pwned, no temporary file


def test_template_dir_overrides_by_name(h: SimpleNamespace, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("Eigen: {{ d.case.title }} ({{ fdate(date) }})\n",
                                           encoding="utf-8")
    res = CliRunner().invoke(main, ["report", str(h.CASE_SMALL), *h.SMALL_KB_ARGS,
                                    "--engine", "python", "--template-dir", str(tmp_path),
                                    "--date", "2026-11-27"])
    assert res.exit_code == 0, res.output
    assert res.output == "Eigen: Test (27 november 2026)\n"


@pytest.mark.parametrize("text", [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ range(10**9) | list }}",
    f"{{% for i in range({MAX_RANGE}) %}}{{% for j in range({MAX_RANGE}) %}}{{% endfor %}}"
    "{% endfor %}",
    "{{ 'a' * 10**9 }}",
    "{{ ((9 ** 64) ** 64) ** 64 }}",
    "{{ 'x' | center(10**9) }}",
    "{{ '%999999999d' % 1 }}",
])
def test_rule_text_cannot_run_code_or_hang(text: str) -> None:
    with pytest.raises(TemplateError) as err:
        render_string(text, {}, "rule 'x.y'")
    assert "rule 'x.y'" in err.value.message
    assert "not allowed in a template" in err.value.message


def test_plain_template_work_still_allowed() -> None:
    text = ("{% for p in partners %}{{ loop.index }}. {{ p | upper }}{{ ', ' if not loop.last }}"
            "{% endfor %}; {{ '%.1f' % share }}% {{ 2 ** 10 }} {{ '-' * 3 }}")
    assert render_string(text, {"partners": ["a", "b"], "share": 34.25}, "x") == \
        "1. A, 2. B; 34.2% 1024 ---"


def test_loader_refuses_symlinks_out_of_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("geheim", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "link.j2")
    (folder / "inside.j2").write_text("binnen", encoding="utf-8")
    env = sandboxed_env(ConfinedLoader(folder))
    assert env.get_template("inside.j2").render() == "binnen"
    for name in ("link.j2", "../secret.txt"):
        with pytest.raises(TemplateError, match="leads outside the template folder"):
            env.get_template(name)


@pytest.mark.slow
@pytest.mark.parametrize("bomb", [
    "{{ range(10**9) | list }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}.{% endfor %}{% endfor %}",
    "{{ cycler.__init__.__globals__.os.popen('touch pwned').read() }}",
])
@pytest.mark.parametrize("command", [["advise"], ["rules", "lint"]])
def test_rule_text_bomb_does_not_hang_advise_or_lint(bomb: str, command: list[str],
                                                      h: SimpleNamespace, tmp_path: Path) -> None:
    import json
    import shutil
    import subprocess
    import sys
    import time

    rules = tmp_path / "rules"
    shutil.copytree(h.KB_RULES, rules)
    path = rules / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Draagvlak is {{ draagvlak }}."', json.dumps(bomb), 1),
                    encoding="utf-8")
    assert bomb.split("(", maxsplit=1)[0][:10] in path.read_text(encoding="utf-8")
    args = [*command, *([str(h.CASE_SMALL)] if command == ["advise"] else []),
            "--no-builtin", "--rules-dir", str(rules), "--knowledge-dir", str(h.KB_KNOWLEDGE)]
    env = {**os.environ, "PVRULES_CACHE_DIR": str(tmp_path / "cache")}
    start = time.monotonic()
    try:
        run = subprocess.run([sys.executable, "-m", "pvrules", *args], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"pvrules {' '.join(command)} hangs on an explanation text: {bomb}")
    output = run.stdout + run.stderr
    assert time.monotonic() - start < 60
    assert "Traceback" not in output
    assert not (tmp_path / "pwned").exists()
    if command == ["advise"]:
        assert run.returncode == 2, output
        assert "not allowed in a template" in output
