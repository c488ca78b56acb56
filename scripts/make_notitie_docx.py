"""Build the Word template of the notitie: pvrules/render/templates/notitie.docx.

Run it (with pvrules installed) after changing this script or scripts/make_docx_template.py,
whose page set-up and helpers it shares::

    python scripts/make_notitie_docx.py

The notitie "Eerste indruk en plan van aanpak" (``casus.document: notitie``) has the same
context as notitie.md.j2 (``d``, ``m``, ``fdate``, ``date``, ``lang``, ``max_unknown``);
no route table, no kaders, no options. See docs/reports.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pvrules" / "render" / "templates" / "notitie.docx"


def _report_script() -> ModuleType:
    """scripts/make_docx_template.py as a module (its Builder and page set-up)."""
    path = Path(__file__).resolve().parent / "make_docx_template.py"
    spec = importlib.util.spec_from_file_location("make_docx_template", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docx_template", module)
    spec.loader.exec_module(module)
    return module


def build() -> object:
    """Write the whole notitie template; returns the builder."""
    base = _report_script()
    from docx.shared import Mm, Pt

    b = base.Builder()
    base.page_setup(b)
    section = b.doc.sections[0]  # a short note: narrower margins, smaller type than the advice
    section.top_margin = section.bottom_margin = Mm(18)
    section.left_margin = section.right_margin = Mm(20)
    b.doc.styles["Normal"].font.size = Pt(10)
    b.doc.styles["Normal"].paragraph_format.space_after = Pt(3)
    b.doc.styles["Title"].font.size = Pt(18)
    b.doc.styles["Heading 1"].font.size = Pt(13)
    b.doc.styles["Heading 1"].paragraph_format.space_before = Pt(8)
    b.para("{{ m('notitie.title') }}: {{ d.case.title }}", style="Title")
    b.para("{{ m('notitie.kind') }} · {{ fdate(d.case.date) if d.case.date and "
           "d.case.date_given else fdate(date) }}", italic=True)
    b.tag("if d.case.client and d.case.client.naam")
    b.labelled("{{ m('notitie.for') }}", "{{ d.case.client.naam }}")
    b.tag("endif")
    b.tag("if d.case.author")
    b.labelled("{{ m('report.author') }}", "{{ d.case.author }}")
    b.tag("endif")
    b.tag("if d.case.question")
    b.labelled("{{ m('report.question') }}", "{{ d.case.question }}")
    b.tag("endif")

    b.heading("1. {{ m('notitie.answer') }}", 1)
    b.para("{{ d.answer }}")

    b.heading("2. {{ m('notitie.known') }}", 1)
    b.tag("if d.stated")
    b.para("{{ m('notitie.stated_intro') }}")
    b.tag("for line in d.stated")
    b.para("{{ line }}", style="List Bullet")
    b.tag("endfor")
    b.tag("else")
    b.para("{{ m('notitie.stated_none') }}")
    b.tag("endif")
    b.para("{{ m('notitie.known_intro') }}")
    b.table(["{{ m('report.corner') }}", "{{ m('report.level') }}", "{{ m('report.why') }}"],
            "c in d.triangle.corners",
            ["{{ c.label }}", "{{ c.level }}{% if c.provisional %} ({{ m('report.provisional', "
             "k=c.provisional[0], n=c.provisional[1]) }}){% endif %}",
             "{{ c.reason or '—' }}"], [32, 30, 104])

    b.heading("3. {{ m('notitie.unknown') }}", 1)
    b.tag("if d.find_out_first")
    b.para("{{ m('notitie.unknown_intro_minor' if d.find_out_first[0].minor is defined "
           "and d.find_out_first[0].minor else 'notitie.unknown_intro') }}")
    b.tag("for f in d.find_out_first[:max_unknown]")
    b.para("{{ loop.index }}. {% if f.entity %}{{ f.entity }}: {% endif %}{{ f.question }}")
    b.tag("endfor")
    b.tag("if d.find_out_first | length > max_unknown")
    b.para("{{ m('notitie.unknown_more', what=m.join(d.find_out_first[max_unknown:] "
           "| map(attribute='subject') | list)) }}")
    b.tag("endif")
    b.tag("else")
    b.para("{{ m('notitie.unknown_none') }}")
    b.tag("endif")
    b.tag("if d.fill_in")
    b.para("{{ m('report.fill_in') }} {% for label, group in d.fill_in | groupby('label') %}"
           "{{ label }}{% set ents = group | map(attribute='entity') | select | list %}"
           "{% if ents %} ({{ ents | join(', ') }}){% endif %}"
           "{{ '; ' if not loop.last else '.' }}{% endfor %}")
    b.tag("endif")

    b.heading("4. {{ m('notitie.plan') }}", 1)
    b.tag("if d.plan")
    b.para("{{ m('notitie.plan_intro') }}")
    b.table(["{{ m('notitie.step') }}", "{{ m('notitie.what') }}", "{{ m('report.who') }}",
             "{{ m('notitie.duration') }}"], "s in d.plan",
            ["{{ loop.index }}. {{ s.label }}", "{{ s.why }}", "{{ s.who or '—' }}",
             "{{ s.duration or '—' }}"], [36, 70, 34, 26])
    b.tag("else")
    b.para("{{ m('notitie.plan_none') }}")
    b.tag("endif")

    b.heading("5. {{ m('notitie.bodies') }}", 1)
    b.para("{{ m('notitie.bodies_text') }}")

    b.tag("if d.sources")  # only the case's own sources (render/notitie.py); none: no section
    b.heading("{{ m('notitie.sources') }}", 1)
    b.tag("for s in d.sources")
    p = b.doc.add_paragraph()
    p.add_run("{{ loop.index }}. {% if s.author or s.publisher %}{{ s.author or s.publisher }}, "
              "{% endif %}")
    p.add_run("{{ s.title }}").italic = True
    p.add_run("{% if s.year %} ({{ s.year }}){% endif %}{% if s.url is web_url %}. {{ s.url }}"
              "{% endif %}")
    b.tag("endfor")
    b.tag("endif")
    b.para()
    b.para("{{ m('notitie.footer') }}", italic=True)
    return b


def main(argv: list[str] | None = None) -> int:
    """Write the template (to ``--output``, default the package's templates folder)."""
    from pvrules.render.docx import normalize_zip, set_properties

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    builder = build()
    doc = builder.doc  # type: ignore[attr-defined]
    set_properties(doc, title="pvrules", subject="", author="pvrules",
                   day=dt.date(2026, 1, 1), lang="nl")
    buf = io.BytesIO()
    doc.save(buf)
    args.output.write_bytes(normalize_zip(buf.getvalue(), dt.date(2026, 1, 1)))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
