"""Choosing the engine, and working without durable_rules (as on Python 3.13+)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import pvrules.infer.engine as engine_module
from pvrules.cli import main
from pvrules.errors import EngineUnavailableError, InputError
from pvrules.infer.engine import make_engine
from pvrules.kb import load_kb

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def kb():
    return load_kb([DATA / "kb" / "rules"], [DATA / "kb" / "knowledge"], include_builtin=False,
                   use_env=False)


def test_auto_falls_back_to_reference_with_one_notice(kb, monkeypatch, capsys) -> None:
    monkeypatch.setattr(engine_module, "durable_available", lambda: False)
    engine = make_engine(kb, "auto")
    assert engine.name == "python"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "using the plain-Python reference evaluator" in err


def test_explicit_durable_without_durable_is_a_clear_error(kb, monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "durable_available", lambda: False)
    with pytest.raises(EngineUnavailableError, match="--engine python"):
        make_engine(kb, "durable")


def test_unknown_engine_name(kb) -> None:
    with pytest.raises(InputError):
        make_engine(kb, "clips")


def test_cli_without_durable_still_advises(monkeypatch) -> None:
    monkeypatch.setattr(engine_module, "durable_available", lambda: False)
    result = CliRunner().invoke(main, [
        "advise", str(DATA / "case_small.yaml"), "--no-builtin",
        "--rules-dir", str(DATA / "kb" / "rules"),
        "--knowledge-dir", str(DATA / "kb" / "knowledge")])
    assert result.exit_code == 0
    assert "Participatie" in result.stdout
    # the document no longer names the engine; the fallback is announced on stderr
    assert "using the plain-Python reference evaluator" in result.stderr
