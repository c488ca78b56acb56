"""Take a screenshot of an example's HTML report in headless Chromium.

Usage (pvrules installed, Chromium on the PATH; see .ci/install-report-deps.sh)::

    python scripts/screenshot_report.py                 # the A2 example -> report-a2-2019.png
    python scripts/screenshot_report.py --example NAME --lang en -o shot.png

The report's HTML is also kept next to the picture (``--keep-html``) if you want to open
it in a browser. The script prints any console message Chromium reports and exits 1
when there is one, so it doubles as a quick check that the page renders cleanly.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pvrules.explain.context import ExplainContext
from pvrules.pipeline import DEFAULT_EXAMPLE, Pipeline
from pvrules.render.report import render_report

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars"]


def report_html(example: str, lang: str, day: dt.date) -> str:
    """The HTML report of a built-in example."""
    pipe = Pipeline()
    try:
        result = pipe.evaluate_file(f"example:{example}")
        decisions = ExplainContext(pipe.kb, result, lang).decisions
    finally:
        pipe.close()
    return render_report(decisions, "html", lang=lang, day=day).decode("utf-8")


def chromium_binary() -> str:
    """The Chromium binary on the PATH."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("Chromium is not installed: run .ci/install-report-deps.sh")


def screenshot(html: Path, png: Path, size: str) -> list[str]:
    """Render ``html`` to ``png``; return Chromium's console messages."""
    with tempfile.TemporaryDirectory(prefix="pvrules-chromium-") as profile:
        run = subprocess.run([chromium_binary(), *FLAGS, f"--user-data-dir={profile}",
                              "--enable-logging=stderr", "--v=0", f"--screenshot={png}",
                              f"--window-size={size}", html.resolve().as_uri()],
                             capture_output=True, text=True, timeout=120, check=False)
    if run.returncode != 0 or not png.exists():
        sys.exit(f"Chromium failed ({run.returncode}):\n{run.stderr[-2000:]}")
    return [line for line in run.stderr.splitlines() if ":CONSOLE" in line]


def main(argv: list[str] | None = None) -> int:
    """Write the screenshot; exit 1 when the page logged console messages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default=DEFAULT_EXAMPLE)
    parser.add_argument("--lang", choices=["nl", "en"], default="nl")
    parser.add_argument("--date", default=None, help="report date YYYY-MM-DD (default today)")
    parser.add_argument("--window-size", default="1280,2000")
    parser.add_argument("-o", "--output", type=Path, default=None)
    parser.add_argument("--keep-html", action="store_true",
                        help="also write the HTML report next to the picture")
    args = parser.parse_args(argv)
    day = dt.date.fromisoformat(args.date) if args.date else dt.date.today()
    png = args.output or Path(f"report-{args.example}.png")
    html_text = report_html(args.example, args.lang, day)
    with tempfile.TemporaryDirectory(prefix="pvrules-report-") as tmp:
        html = Path(tmp) / "advies.html"
        html.write_text(html_text, encoding="utf-8")
        messages = screenshot(html, png, args.window_size)
    if args.keep_html:
        png.with_suffix(".html").write_text(html_text, encoding="utf-8")
    print(f"wrote {png}")
    for line in messages:
        print(line, file=sys.stderr)
    return 1 if messages else 0


if __name__ == "__main__":
    raise SystemExit(main())
