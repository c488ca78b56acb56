"""Every built-in example: the three formats are generated and their structure checked.

No golden text here: the examples follow the live knowledge base, whose content the
expert tests cover. The golden reports run on the test knowledge base (test_golden.py).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from pvrules.pipeline import Pipeline, example_names
from pvrules.render.report import render_report
from pvrules.render.report_data import ReportData, build_report_data

HERE = Path(__file__).parent
EXAMPLES = example_names()


def _load(name: str) -> ModuleType:
    """A sibling test module (importlib import mode has no package for tests)."""
    spec = importlib.util.spec_from_file_location(f"_render_{name}", HERE / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


md = _load("test_markdown_report")
html = _load("test_html_report")
docx = _load("test_docx_report")


@pytest.fixture(scope="module")
def pipe() -> Iterator[Pipeline]:
    """The built-in knowledge base with the reference engine (stable across Pythons)."""
    pipeline = Pipeline(engine_name="python")
    yield pipeline
    pipeline.close()


def example_data(pipe: Pipeline, name: str, h: SimpleNamespace, lang: str = "nl") -> ReportData:
    result = pipe.evaluate_file(f"example:{name}")
    return build_report_data(pipe.kb, result, pipe.advice(result, lang), h.DAY)


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_markdown_structure(pipe: Pipeline, name: str, h: SimpleNamespace) -> None:
    data = example_data(pipe, name, h)
    text = render_report(data, "markdown").decode("utf-8")
    md.check_markdown_structure(text, md.SECTIONS_NL)
    assert data.corners


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_example_html_and_docx(pipe: Pipeline, name: str, lang: str,
                               h: SimpleNamespace) -> None:
    data = example_data(pipe, name, h, lang)
    page = render_report(data, "html")
    html.check_html_structure(page.decode("utf-8"), data)
    word = render_report(data, "docx")
    docx.check_docx_structure(word, data)
    again = example_data(pipe, name, h, lang)
    assert render_report(again, "html") == page
    assert render_report(again, "docx") == word
    assert render_report(again, "markdown") == render_report(data, "markdown")


@pytest.mark.browser
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_in_chromium(pipe: Pipeline, name: str, h: SimpleNamespace, chromium: str,
                             tmp_path: Path) -> None:
    data = example_data(pipe, name, h)
    html.check_in_browser(render_report(data, "html").decode("utf-8"), chromium, tmp_path)


@pytest.mark.browser
@pytest.mark.parametrize("name", EXAMPLES)
def test_example_docx_in_libreoffice(pipe: Pipeline, name: str, h: SimpleNamespace,
                                     libreoffice: str, tmp_path: Path) -> None:
    target = tmp_path / f"{name}.docx"
    target.write_bytes(render_report(example_data(pipe, name, h), "docx"))
    docx.convert_to_pdf(libreoffice, target, tmp_path)


def test_docx_template_is_reproducible(tmp_path: Path) -> None:
    """The shipped Word template is exactly what scripts/make_docx_template.py builds."""
    import subprocess
    import sys
    from importlib import resources

    script = HERE.parent.parent / "scripts" / "make_docx_template.py"
    if not script.exists():
        pytest.skip("scripts/ is not part of this checkout")
    out = tmp_path / "report.docx"
    subprocess.run([sys.executable, str(script), "--output", str(out)], check=True,
                   capture_output=True, timeout=120)
    shipped = (resources.files("pvrules.render") / "templates" / "report.docx").read_bytes()
    assert out.read_bytes() == shipped, "run python scripts/make_docx_template.py and commit"


@pytest.mark.browser
def test_screenshot_script(chromium: str, tmp_path: Path) -> None:
    """scripts/screenshot_report.py renders the A2 example's HTML report in Chromium."""
    import subprocess
    import sys

    from PIL import Image

    script = HERE.parent.parent / "scripts" / "screenshot_report.py"
    if not script.exists():
        pytest.skip("scripts/ is not part of this checkout")
    if "a2-2019" not in EXAMPLES:
        pytest.skip("the A2 example is not in this knowledge base")
    png = tmp_path / "a2.png"
    run = subprocess.run([sys.executable, str(script), "-o", str(png), "--date", "2026-11-27"],
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    with Image.open(png) as img:
        assert img.size == (1280, 2000)
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50
