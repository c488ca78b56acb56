"""The HTML report: self-contained, escaped, and rendered by a real headless Chromium."""

from __future__ import annotations

import io
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from pvrules.pipeline import Pipeline
from pvrules.render.report import render_report
from pvrules.render.report_data import ReportData

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class Outline(HTMLParser):
    """Collects tags, headings and external references of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.external: list[str] = []
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "srcset") or (tag == "link" and name == "href"):
                self.external.append(f"{tag} {name}={value}")
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def check_html_structure(html: str, data: ReportData) -> Outline:
    """Self-contained, all sections, triangle inline, reasoning folded in <details>."""
    page = outline(html)
    assert html.startswith("<!DOCTYPE html>")
    assert page.external == []
    assert "<script src" not in html
    assert "@import" not in html
    assert "url(" not in html
    assert page.tags.count("svg") == 2  # the summary and the diagnosis
    assert page.tags.count("style") == 1
    h2 = [text for tag, text in page.headings if tag == "h2"]
    assert h2 == [f"1. {data.t['summary']}", f"2. {data.t['background']}",
                  f"3. {data.t['diagnosis']}", f"4. {data.t['forms']}",
                  f"5. {data.t['governance']}", f"6. {data.t['board']}", data.t["appendix"]]
    with_reasoning = [o for d in data.forms for o in d.options
                      if o.rec.reasoning or o.rec.against]
    with_reasoning += [o for d in data.board for o in d.options
                       if o.rec and (o.rec.reasoning or o.rec.against)]
    with_reasoning += [m for m in data.measures if m.rec.reasoning or m.rec.against]
    assert page.tags.count("details") == len(with_reasoning)
    assert "@media print" in html
    assert "break-before: page" in html
    assert "{{" not in html
    assert "{%" not in html
    return page


def test_small_html(small_data: ReportData) -> None:
    html = render_report(small_data, "html").decode("utf-8")
    check_html_structure(html, small_data)
    assert '<html lang="nl">' in html
    assert "Onevenwicht: legitimiteit (zwak) blijft achter bij organisatie (sterk)." in html


def test_case_text_is_escaped(small_pipe: Pipeline, h: SimpleNamespace,
                              hostile_case: Path) -> None:
    data = h.make_data(small_pipe, hostile_case)
    html = render_report(data, "html").decode("utf-8")
    page = check_html_structure(html, data)
    assert "<script>alert" not in html
    assert "<img" not in html
    assert "<b>vet" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert page.tags.count("script") == 1  # only the report's own print helper


def run_chromium(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120, check=False)


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


def check_in_browser(html: str, chromium: str, tmp_path: Path) -> bytes:
    """Render in headless Chromium: no console errors, DOM complete, screenshot not blank."""
    page = tmp_path / "advies.html"
    page.write_text(html, encoding="utf-8")
    dom = run_chromium(chromium, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                       page.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert console_messages(dom.stderr) == []
    assert "<svg" in dom.stdout
    assert "<details" in dom.stdout
    shot = tmp_path / "advies.png"
    run = run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
                       page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    data = shot.read_bytes()
    assert len(data) > 20_000
    img = Image.open(io.BytesIO(data)).convert("RGB")
    assert img.size == (1280, 2000)
    colours = img.getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 50
    return data


@pytest.mark.browser
def test_small_html_in_chromium(small_data: ReportData, chromium: str, tmp_path: Path) -> None:
    check_in_browser(render_report(small_data, "html").decode(), chromium, tmp_path)


@pytest.mark.browser
def test_console_errors_are_caught(chromium: str, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>noSuchFunction();</script>",
                    encoding="utf-8")
    run = run_chromium(chromium, tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom",
                       page.as_uri())
    assert any(re.search("noSuchFunction", m) for m in console_messages(run.stderr))
