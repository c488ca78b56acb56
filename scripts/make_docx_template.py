"""Build the Word template of the advisory report: pvrules/render/templates/report.docx.

Run it (with pvrules installed, e.g. ``pip install -e .``) after changing this script::

    python scripts/make_docx_template.py

The template holds docxtpl (jinja2) tags: ``{{ ... }}`` in runs, ``{%p ... %}``
paragraphs for loops and conditions over paragraphs, and ``{%tr ... %}`` rows
for loops over table rows. It receives ``r`` (the report data), ``t`` (fixed
texts in the report's language) and ``triangle`` (the triangle as an image);
see docs/reports.md. The output is reproducible (fixed dates and zip stamps).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pvrules" / "render" / "templates" / "report.docx"


class Builder:
    """Small helpers to write template paragraphs and tables."""

    def __init__(self) -> None:
        self.doc = Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)
        for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = RGBColor(0x1D, 0x4E, 0xD8)

    def para(self, text: str = "", style: str | None = None, bold: bool = False,
             italic: bool = False) -> None:
        """A paragraph with one run (docxtpl needs a tag in a single run)."""
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic

    def labelled(self, label: str, value: str) -> None:
        """``Label: value`` with the label in bold."""
        p = self.doc.add_paragraph()
        p.add_run(label + ": ").bold = True
        p.add_run(value)

    def tag(self, text: str) -> None:
        """A ``{%p ... %}`` paragraph (removed when rendered)."""
        self.doc.add_paragraph(f"{{%p {text} %}}")

    def heading(self, text: str, level: int) -> None:
        """A heading in Word's heading style."""
        self.doc.add_heading(text, level=level)

    def table(self, headers: list[str], loop: str, cells: list[str],
              widths: list[float] | None = None) -> None:
        """A table: a header row, and one row per item of ``loop`` (column widths in cm)."""
        tbl = self.doc.add_table(rows=4, cols=len(headers))
        tbl.style = "Table Grid"
        if widths:
            tbl.autofit = False
            for column, width in zip(tbl.columns, widths, strict=True):
                column.width = Cm(width)
            for row in tbl.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Cm(width)
        for i, text in enumerate(headers):
            cell = tbl.rows[0].cells[i]
            cell.paragraphs[0].add_run(text).bold = True
        tbl.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
        for i, text in enumerate(cells):
            tbl.rows[2].cells[i].paragraphs[0].add_run(text)
        tbl.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self.doc.add_paragraph()

    def page_break(self) -> None:
        """A page break."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


STEP = ("{{ s.number }}. {{ s.title }}{% if s.focus %} ({{ s.focus }}){% endif %}: "
        "{{ s.text }} {{ t.conclusion }}: {{ s.conclusion }}"
        "{% if s.sources %} [{{ r.cite(s.sources) }}]{% endif %}")
CORNER_STEPS = ("{% for s in g.steps %}{{ s.title }}"
                "{% if s.focus and s.focus != d.target %} ({{ s.focus }}){% endif %}"
                ": {{ s.text }}{% if not loop.last %} · {% endif %}{% endfor %}")


def build() -> Builder:
    """Write the whole template."""
    b = Builder()
    doc = b.doc
    section = doc.sections[0]
    section.footer.paragraphs[0].text = "{{ t.draft }} · {{ r.title }} · {{ r.date_long }}"

    b.para("{{ t.report }}: {{ r.title }}", style="Title")
    b.para("{{ t.draft }} · {{ r.date_long }}", italic=True)
    b.tag("if r.client")
    b.labelled("{{ t.client }}", "{{ r.client }}")
    b.tag("endif")
    b.tag("if r.question")
    b.labelled("{{ t.question }}", "{{ r.question }}")
    b.tag("endif")

    b.heading("1. {{ t.summary }}", 1)
    b.heading("{{ t.diagnosis_short }}", 2)
    b.tag("for line in r.diagnosis_lines")
    b.para("{{ line }}", style="List Bullet")
    b.tag("endfor")
    b.para("{{ r.imbalance_text }}", bold=True)
    b.heading("{{ t.main_recommendations }}", 2)
    b.tag("for line in r.main_recommendations")
    b.para("{{ line }}", style="List Number")
    b.tag("endfor")
    b.tag("if r.more_measures")
    b.para("{{ r.more_measures }}")
    b.tag("endif")
    b.tag("if not r.main_recommendations")
    b.para("{{ t.no_recommendations }}")
    b.tag("endif")

    b.heading("2. {{ t.background }}", 1)
    b.labelled("{{ t.question }}", "{{ r.question or t.no_question }}")
    b.tag("if r.case_date")
    b.labelled("{{ t.case_date }}", "{{ r.case_date }}")
    b.tag("endif")
    b.tag("if r.notes")
    b.labelled("{{ t.notes }}", "{{ r.notes | oneline }}")
    b.tag("endif")
    b.heading("{{ t.parties }}", 2)
    b.table(["{{ t.kind }}", "{{ t.name }}", "{{ t.notes }}"], "p in r.parties",
            ["{{ p.kind }}", "{{ p.name }}", "{{ p.notes or t.none }}"], [3.5, 4.5, 8.5])

    b.heading("3. {{ t.diagnosis }}", 1)
    b.para("{{ t.diagnosis_intro }}")
    b.para("{{ triangle }}")
    b.para("{{ r.imbalance_text }}", italic=True)
    b.table(["{{ t.corner }}", "{{ t.level }}", "{{ t.indicators }}"], "c in r.corners",
            ["{{ c.label }}{% if c.id in r.imbalance.lagging %} ▼{% endif %}",
             "{{ c.level }}{% if c.rank is not none %} {{ c | bar }}{% endif %}",
             "{% for f in c.indicators if f.known %}{{ f.label }}: {{ f.value }}"
             "{% if not loop.last %}; {% endif %}{% else %}{{ t.no_data }}{% endfor %}"],
            [3.5, 2.5, 10.5])
    b.tag("for c in r.corners")
    b.heading("3.{{ loop.index }} {{ c.label }}: {{ c.level }}", 2)
    b.labelled("{{ t.indicators }}", "{% for f in c.indicators %}{{ f.label }}: {{ f.value }}"
               "{% if not loop.last %}; {% endif %}{% else %}{{ t.no_data }}{% endfor %}")
    b.para("{{ t.rests_on }}:", bold=True)
    b.tag("for s in c.reasoning")
    b.para(STEP)
    b.tag("endfor")
    b.tag("if not c.reasoning")
    b.para("{{ t.no_reasoning }}")
    b.tag("endif")
    b.tag("endfor")

    b.heading("4. {{ t.forms }}", 1)
    b.para("{{ t.forms_intro }}")
    b.tag("for d in r.forms")
    b.heading("4.{{ loop.index }} {{ d.target }}", 2)
    b.labelled("{{ t.recommended_form }}", "{% if d.chosen %}{{ d.chosen.label }} "
               "({{ d.chosen.strength_label }}){% else %}{{ t.none_recommended }}{% endif %}")
    b.tag("for o in d.options")
    b.heading("{{ o.label }} — {{ o.verdict }}", 3)
    b.para("{{ o.description }}")
    b.para("{{ t.pros }}:", bold=True)
    b.tag("for g in o.pros")
    b.para(f"{{{{ g.label }}}}: {CORNER_STEPS}", style="List Bullet")
    b.tag("endfor")
    b.tag("if not o.pros")
    b.para("{{ t.none }}", style="List Bullet")
    b.tag("endif")
    b.para("{{ t.cons }}:", bold=True)
    b.tag("for g in o.cons")
    b.para(f"{{{{ g.label }}}}: {CORNER_STEPS}", style="List Bullet")
    b.tag("endfor")
    b.tag("if not o.cons")
    b.para("{{ t.none }}", style="List Bullet")
    b.tag("endif")
    b.tag("endfor")
    b.tag("endfor")
    b.tag("if not r.forms")
    b.para("{{ t.no_forms }}")
    b.tag("endif")

    b.heading("5. {{ t.governance }}", 1)
    b.para("{{ t.governance_intro }}")
    b.tag("for m in r.measures")
    b.heading("5.{{ loop.index }} {{ m.label }}{% if m.rec.target %} ({{ m.rec.target }})"
              "{% endif %}", 2)
    b.para("{{ m.rec.catalogue_label }} · {{ m.verdict }}", italic=True)
    b.para("{{ m.description }}")
    b.labelled("{{ t.why }}", "{{ m.reasons_for | join(' ') or t.none }}")
    b.labelled("{{ t.asks_of }}", "{{ m.asks_of or t.asks_of_unknown }}")
    b.tag("if m.reasons_against")
    b.labelled("{{ t.cons }}", "{{ m.reasons_against | join(' ') }}")
    b.tag("endif")
    b.tag("endfor")
    b.tag("if not r.measures")
    b.para("{{ t.no_measures }}")
    b.tag("endif")
    b.tag("if r.measures_against")
    b.heading("{{ t.measures_against }}", 2)
    b.tag("for m in r.measures_against")
    b.para("{{ m.label }}{% if m.rec.target %} ({{ m.rec.target }}){% endif %}: "
           "{{ m.reasons_against | join(' ') or t.none }}", style="List Bullet")
    b.tag("endfor")
    b.tag("endif")

    b.heading("6. {{ t.board }}", 1)
    b.para("{{ t.board_intro }}")
    b.tag("for d in r.board")
    b.heading("{{ t.choice }} {{ loop.index }}: {{ d.catalogue_label }} — {{ d.target }}", 2)
    b.para("{{ d.verdict }}", bold=True)
    b.table(["{{ t.option }}", "{{ t.verdict }}", "{{ r.board_corners[0] }}",
             "{{ r.board_corners[1] }}", "{{ r.board_corners[2] }}"], "o in d.options",
            ["{{ o.label }}", "{{ o.verdict }}", "{{ o.cells[0] }}", "{{ o.cells[1] }}",
             "{{ o.cells[2] }}"], [4.0, 3.0, 3.2, 3.2, 3.1])
    b.tag("for o in d.options if o.general")
    b.para("{{ o.label }}, {{ t.no_corner }}: {{ o.general }}", style="List Bullet")
    b.tag("endfor")
    b.tag("if d.unspoken")
    b.para("{{ t.unspoken }}: {{ d.unspoken | join(', ') }}.", italic=True)
    b.tag("endif")
    b.para("{{ t.explanations }}:", italic=True)
    b.tag("for o in d.options if o.reasons")
    b.para("{{ o.label }}: {{ o.reasons | join(' · ') }}", style="List Bullet")
    b.tag("endfor")
    b.tag("endfor")
    b.tag("if not r.board")
    b.para("{{ t.no_board }}")
    b.tag("endif")

    b.page_break()
    b.heading("{{ t.appendix }}", 1)
    b.para("{{ t.appendix_intro }}")
    b.heading("{{ t.rules_fired }}", 2)
    b.table(["#", "{{ t.rule }}", "{{ t.explanation }}", "{{ t.conclusion }}",
             "{{ t.sources }}"], "f in r.fired",
            ["{{ loop.index }}", "{{ f.title }} ({{ f.rule_id }}){% if f.focus %}, "
             "{{ f.focus }}{% endif %}", "{{ f.text }}", "{{ f.conclusion }}",
             "{{ r.cite(f.sources) }}"], [0.8, 4.2, 6.0, 3.5, 2.0])
    b.heading("{{ t.facts_used }}", 2)
    b.table(["{{ t.about }}", "{{ t.fact }}", "{{ t.value }}"], "f in r.facts_used",
            ["{{ f.entity or t.the_case }}", "{{ f.label }}", "{{ f.value }}"], [6.0, 6.0, 4.5])
    b.tag("if r.derived")
    b.heading("{{ t.derived }}", 2)
    b.table(["{{ t.about }}", "{{ t.fact }}", "{{ t.value }}"], "f in r.derived",
            ["{{ f.entity or t.the_case }}", "{{ f.label }}", "{{ f.value }}"], [6.0, 6.0, 4.5])
    b.tag("endif")
    b.heading("{{ t.unknown }}", 2)
    b.tag("for f in r.unknown")
    b.para("{{ f.label }}{% if f.entity %} ({{ f.entity }}){% endif %}", style="List Bullet")
    b.tag("endfor")
    b.tag("if not r.unknown")
    b.para("{{ t.no_unknown }}")
    b.tag("endif")
    b.heading("{{ t.sources }}", 2)
    b.tag("for s in r.sources")
    b.para("[{{ loop.index }}] {{ s.title }}{% if s.section %}, {{ s.section }}{% endif %}"
           "{% if s.url %} — {{ s.url }}{% endif %}{% if s.uncertain %} ({{ t.uncertain }})"
           "{% endif %}", style="List Bullet")
    b.tag("endfor")
    b.heading("{{ t.reproduce }}", 2)
    tbl = doc.add_table(rows=5, cols=2)
    tbl.style = "Table Grid"
    rows = [("{{ t.case_id }}", "{{ r.case_id }}"), ("{{ t.kb_version }}", "{{ r.kb_hash }}"),
            ("{{ t.report_date }}", "{{ r.date }}"), ("{{ t.version }}", "{{ r.version }}"),
            ("{{ t.engine }}", "{{ r.engine }}")]
    for row, (label, value) in zip(tbl.rows, rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)
    b.para()
    b.para("{{ t.footer }}", italic=True)
    return b


def main(argv: list[str] | None = None) -> int:
    """Write the template (to ``--output``, default the package's templates folder)."""
    from pvrules.render.docx import normalize_zip, set_core_properties

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    builder = build()
    set_core_properties(builder.doc, "pvrules report template", dt.date(2026, 1, 1), "nl")
    buf = io.BytesIO()
    builder.doc.save(buf)
    args.output.write_bytes(normalize_zip(buf.getvalue(), dt.date(2026, 1, 1)))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
