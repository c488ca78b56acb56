"""Build the Word template of the advice: pvrules/render/templates/report.docx.

Run it (with pvrules installed, e.g. ``pip install -e .``) after changing this script::

    python scripts/make_docx_template.py

The template holds docxtpl (jinja2) tags: ``{{ ... }}`` in runs, ``{%p ... %}``
paragraphs for loops and conditions over paragraphs, and ``{%tr ... %}`` rows
for loops over table rows. It receives the same context as the other formats
(``d`` the decisions, ``m`` the messages, ``fdate``, ``date``, ``lang``) plus
``triangle`` (the triangle as an image); see docs/reports.md.

The page is A4 with Dutch margins, the footer carries the page number, a table
of contents field is refreshed when Word opens the file (``w:updateFields``),
and the default template's thumbnail is gone. The language of every style is
set when the document is rendered (nl-NL or en-GB). Output is reproducible.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "pvrules" / "render" / "templates" / "report.docx"
TABLE_TEXT = "Table Text"
"""The paragraph style of every table cell: one size smaller than the body text."""
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
           b'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
           b'2006/docPropsVTypes"><Template>Normal.dotm</Template><Application>pvrules'
           b"</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
           b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
           b"<HyperlinksChanged>false</HyperlinksChanged></Properties>")
"""docProps/app.xml without the default template's application, page and word counts."""
CHAIN = "{% if r.chain %} ({{ m('report.see_chain', n=r.chain) }}){% endif %}"


COUNCIL = ("(d.case.council if d.case.council is defined and d.case.council "
           "else m('chooser.raad'))")


def _field(paragraph: object, instruction: str, placeholder: str = "") -> None:
    """A complex field (begin, instruction, separate, placeholder, end) at the paragraph's end."""
    def char(kind: str) -> object:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            fld.set(qn("w:dirty"), "true")
        run.append(fld)
        return run

    p = paragraph._p  # type: ignore[attr-defined]
    p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    p.append(run)
    p.append(char("separate"))
    if placeholder:
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = placeholder
        run.append(text)
        p.append(run)
    p.append(char("end"))


class Builder:
    """Small helpers to write template paragraphs and tables."""

    def __init__(self) -> None:
        self.doc = Document()
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        normal.paragraph_format.space_after = Pt(4)
        for name, size in (("Heading 1", 15), ("Heading 2", 12), ("Heading 3", 11)):
            styles[name].font.size = Pt(size)
            styles[name].font.color.rgb = RGBColor(0x1D, 0x4E, 0xD8)
            styles[name].paragraph_format.space_before = Pt(12 if name == "Heading 1" else 8)
            styles[name].paragraph_format.keep_with_next = True
        table_text = styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        table_text.base_style = normal  # tables one size smaller, as a Dutch report sets them
        table_text.font.size = Pt(9.5)
        table_text.paragraph_format.space_after = Pt(2)

    def para(self, text: str = "", style: str | None = None, bold: bool = False,
             italic: bool = False) -> object:
        """A paragraph with one run (docxtpl needs a tag in a single run)."""
        p = self.doc.add_paragraph(style=style)
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic
        return p

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

    def table(self, headers: list[str], loop: str, cells: list[str | list[str]],
              widths: list[float]) -> None:
        """A table: a header row and one row per item of ``loop`` (column widths in mm).

        A cell given as a list holds several paragraphs (``{%p ... %}`` tags allowed).
        """
        tbl = self.doc.add_table(rows=4, cols=len(headers))
        tbl.style = "Table Grid"
        tbl.autofit = False
        for column, width in zip(tbl.columns, widths, strict=True):
            column.width = Mm(width)
        for row in tbl.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        for row in tbl.rows:
            for cell in row.cells:
                cell.paragraphs[0].style = self.doc.styles[TABLE_TEXT]
        for i, text in enumerate(headers):
            tbl.rows[0].cells[i].paragraphs[0].add_run(text).bold = True
        header = tbl.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        header.append(repeat)
        tbl.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
        for i, content in enumerate(cells):
            cell = tbl.rows[2].cells[i]
            parts = [content] if isinstance(content, str) else content
            cell.paragraphs[0].add_run(parts[0])
            for part in parts[1:]:
                cell.add_paragraph(style=self.doc.styles[TABLE_TEXT]).add_run(part)
        tbl.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        self.doc.add_paragraph()

    def page_break(self) -> None:
        """A page break."""
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def page_setup(b: Builder) -> None:
    """A4, margins, the footer with the page number, no thumbnail, fields updated on open."""
    section = b.doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(20)
    footer = section.footer.paragraphs[0]
    footer.add_run("{{ m('report.draft') }} · {{ d.case.title }} · {{ m('report.page') }} ")
    _field(footer, "PAGE", "1")
    settings = b.doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = {qn(f"w:{t}") for t in ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat",
                                    "docVars", "rsids", "attachedSchema", "themeFontLang",
                                    "clrSchemeMapping", "shapeDefaults", "decimalSymbol",
                                    "listSeparator")} | {qn("m:mathPr")}
    for preview in settings.findall(qn("w:savePreviewPicture")):  # no thumbnail on save
        settings.remove(preview)
    after = next((el for el in settings if el.tag in later), None)
    if after is None:
        settings.append(update)
    else:
        after.addprevious(update)
    package = b.doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[rid]
    for rid, rel in list(b.doc.part.rels.items()):  # Word 2010's styles copy, sample sources
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del b.doc.part.rels[rid]
    for part in package.iter_parts():  # the default template's app.xml names a Mac Word
        if str(part.partname) == "/docProps/app.xml":
            part._blob = APP_XML


def build() -> Builder:
    """Write the whole template."""
    b = Builder()
    page_setup(b)
    b.para("{{ m('report.title') }}: {{ d.case.title }}", style="Title")
    b.para("{{ m('report.draft_dated', date=fdate(d.case.date)) if d.case.date and "
           "(d.case.date_given is not defined or d.case.date_given) else "
           "m('report.draft') ~ ' · ' ~ fdate(date) }}", italic=True)
    b.para("{{ m('report.contents') }}", bold=True)
    _field(b.para(), 'TOC \\o "1-2" \\h \\z \\u', "{{ m('report.toc_placeholder') }}")

    b.heading("1. {{ m('report.answer') }}", 1)
    b.tag("if d.case.question")
    b.labelled("{{ m('report.question') }}", "{{ d.case.question }}")
    b.tag("endif")
    b.para("{{ d.answer }}")
    b.tag("if d.key_recommendations")
    b.para("{{ m('report.we_advise') }}", bold=True)
    b.tag("for r in d.key_recommendations")
    p = b.doc.add_paragraph()
    p.add_run("{{ loop.index }}. {{ r.label }}").bold = True
    p.add_run("{% if r.target %} {{ m('report.for') }} {{ r.target }}{% endif %}: {{ r.why }}"
              "{% if r.uncertain is defined and r.uncertain %} ({{ m('report.uncertain') }})"
              "{% endif %}" + CHAIN)
    b.tag("endfor")
    b.tag("else")
    b.para("{{ m('report.no_recommendations') }}")
    b.tag("endif")
    b.tag("set more = groups | sum(attribute='items', start=[]) | length")
    b.tag("if more")
    b.para("{{ m('report.more_recommendations', n=more, section=5) }}")
    b.tag("endif")

    b.heading("2. {{ m('report.background') }}", 1)
    b.tag("if d.case.background is defined and d.case.background")
    b.para("{{ d.case.background }}")
    b.tag("endif")
    b.tag("if d.case.client and d.case.client.naam")
    b.labelled("{{ m('report.client') }}", "{{ d.case.client.naam }}")
    b.tag("endif")
    b.tag("if d.case.addressee is defined and d.case.addressee")
    b.labelled("{{ m('report.addressee_label') }}", "{{ d.case.addressee }}")
    b.tag("endif")
    b.tag("if d.case.date")
    b.labelled("{{ m('report.reference_date') }}",
               "{{ fdate(d.case.date) }}. {{ m('report.reference_date_note') }}"
               "{% if d.case.date_given is defined and not d.case.date_given %} "
               "{{ m('report.date_defaulted') }}{% endif %}")
    b.tag("endif")
    b.tag("if d.case.author")
    b.labelled("{{ m('report.author') }}", "{{ d.case.author }}")
    b.tag("endif")
    one = "(d.frameworks | map(attribute='applied_for') | unique | list | length == 1)"
    b.labelled("{{ m('report.frameworks_dated', date=fdate(d.frameworks[0].applied_for)) if "
               + one + " else m('report.frameworks') }}",
               "{% for f in d.frameworks %}{{ f.label if " + one + " else "
               "m('report.framework_line', label=f.label, "
               "date=fdate(f.applied_for)) }}{{ '; ' if not loop.last }}{% else %}"
               "{{ m('report.no_frameworks') }}{% endfor %}")
    b.tag("if d.approach")
    b.labelled("{{ m('report.approach') }}",
               "{{ m('report.approach_model') }} "
               "{% if d.sources | selectattr('case', 'defined') | selectattr('case') | list %}"
               "{{ m('report.approach_case_sources', n=d.approach.facts_given, "
               "sources=d.sources | selectattr('case', 'defined') | selectattr('case') "
               "| map('source_short') | join('; ')) }}"
               "{% else %}"
               "{{ m('report.approach_case' if d.approach.case_sources else "
               "'report.approach_case_no_sources', n=d.approach.facts_given, "
               "s=d.approach.case_sources) }}{% endif %}"
               "{% if d.approach.text is defined and d.approach.text %} {{ d.approach.text }}"
               "{% else %}{% if d.approach.low_certainty %} "
               "{{ m('report.approach_low', facts=d.approach.low_certainty | join('; ')) }}"
               "{% endif %}{% if d.approach.medium_certainty %} "
               "{{ m('report.approach_medium', n=d.approach.medium_certainty) }}{% endif %}"
               "{% endif %} "
               "{{ m('report.approach_draft', council=" + COUNCIL + ") }}"
               "{% if d.terms_note is defined and d.terms_note %} {{ d.terms_note }}{% endif %}")
    b.tag("endif")

    b.heading("3. {{ m('report.analysis') }}", 1)
    b.heading("3.1 {{ m('report.tasks') }}", 2)
    b.tag("if d.analysis is defined and d.analysis")
    b.table(["{{ m('report.task') }}", "{{ m('report.task_scale') }}",
             "{{ m('report.advised_form_or_instrument' if 'instrument' in "
             "(d.analysis | map(attribute='catalogue', default='') | list) "
             "else 'report.advised_form') }}",
             "{{ m('report.why') }}"], "a in d.analysis",
            ["{{ a.label }}", "{{ a.about if a.about is defined and a.about else '—' }}",
             "{{ a.form_label or '—' }}{% if a.where is defined and a.where %}"
             "{{ ' ' if a.where.startswith('(') else ': ' }}{{ a.where }}"
             "{% if a.sources is defined and a.sources %} "
             "[{{ a.sources | join(', ') }}]{% endif %}{% endif %}",
             "{{ a.why }}{% if a.chain %} ({{ m('report.see_chain', n=a.chain) }}){% endif %}"],
            [32, 42, 40, 52])
    b.tag("else")
    b.para("{{ m('report.no_tasks') }}")
    b.tag("endif")
    b.heading("3.2 {{ m('report.state') }}", 2)
    b.table(["{{ m('report.corner') }}", "{{ m('report.level') }}", "{{ m('report.why') }}"],
            "c in d.triangle.corners",
            ["{{ c.label }}", "{{ c.level }} {{ c | bar }}"
             "{% if c.provisional is defined and c.provisional %} ("
             "{{ m('report.provisional', k=c.provisional[0], n=c.provisional[1]) }}){% endif %}",
             "{{ c.reason or '—' }}{% if c.sources is defined and c.sources %} "
             "[{{ c.sources | join(', ') }}]{% endif %}"
             "{% if c.chain %} ({{ m('report.see_chain', n=c.chain) }})"
             "{% endif %}"], [38, 28, 100])
    b.heading("3.3 {{ m('report.triangle') }}", 2)
    b.para("{{ triangle }}")
    p = b.doc.add_paragraph()
    p.add_run("{% if d.triangle.balance %}{{ m('report.triangle_sums_up') }} ")
    p.add_run("{{ d.triangle.balance.label }}").bold = True
    p.add_run(".{% else %}{{ m('report.balance_unknown') }}{% if d.triangle.text %} "
              "{{ d.triangle.text }}{% endif %}{% endif %}")

    b.heading("4. {{ m('report.options') }}", 1)
    b.para("{{ m('report.options_intro') if d.options else m('report.no_options') }}")
    b.tag("for dec in d.options")
    b.heading("4.{{ loop.index }} {{ dec.heading if dec.heading is defined and dec.heading "
              "else dec.question }}", 2)
    b.table(["{{ m('report.option') }}", "{{ m('report.effects') }}",
             "{{ m('report.risks') }}"], "o in dec.options",
            [["{{ o.label }}{% if o.preference and (o.preference != 'advised' or "
              "dec.options | length > 1) %} ({{ m('report.advised' "
              "if o.preference == 'advised' else 'report.advised_against') }})"
              "{% endif %}", "{{ o.partners | join(', ') }}"],
             ["{%p for c in d.triangle.corners %}",
              "{% set e = o.effects.get(c.id) %}{{ c.label }}: {% if e %}{{ e.sign | sign }} "
              "{{ e.reason }}{% if e.sources %} [{{ e.sources | join(', ') }}]{% endif %}"
              "{% else %}{{ m('report.no_effect') }}{% endif %}", "{%p endfor %}"],
             ["{%p for k in o.risks %}",
              "{{ k.label }}{% if k.reason and k.reason not in o.effects.values() | "
              "map(attribute='reason') | list %}{{ k.tail if k.tail is defined and k.tail "
              "else ': ' ~ k.reason }}{% endif %}", "{%p endfor %}"]],
            [30, 80, 56])
    b.tag("for o in dec.options if o.criteria")
    b.para("{{ m('report.criteria') }}: {{ o.label }}", italic=True)
    b.table(["{{ m('report.criterion') }}", "{{ m('report.score') }}", "{{ m('report.why') }}",
             "{{ m('report.still_unknown') }}"], "k in o.criteria",
            ["{{ k.label }}", "{{ k.score | sign }}", "{{ k.reason }}",
             "{{ k.unknown | join('; ') or '—' }}"], [40, 16, 65, 45])
    b.tag("endfor")
    b.tag("if dec.text")
    b.para("{{ dec.text }}", bold=True)
    b.tag("elif dec.preference")
    b.para("{{ m('report.preference', option=dec.preference.option, "
           "strength=dec.preference.strength, why=dec.preference.why) }}", bold=True)
    b.tag("else")
    b.para("{{ m('report.chooser_chooses', chooser=dec.chooser) }}", bold=True)
    b.tag("endif")
    b.tag("endfor")

    b.heading("5. {{ m('report.measures') }}", 1)
    b.tag("if groups")
    b.para("{{ m('report.measures_intro') }}")
    b.tag("for g in groups")
    b.para("{{ g.label }}", bold=True)
    b.tag("for r in g['items']")
    p = b.doc.add_paragraph(style="List Bullet")
    p.add_run("{{ r.label }}").bold = True
    p.add_run("{% if r.target and r.target != g.label %} {{ m('report.for') }} {{ r.target }}"
              "{% endif %}{% if r.action is defined and r.action %}: {{ r.action }}"
              "{% elif r.why %}: {{ r.why }}{% endif %}" + CHAIN)
    b.tag("endfor")
    b.tag("endfor")
    b.tag("else")
    b.para("{{ m('report.no_measures') }}")
    b.tag("endif")
    b.tag("if d.advised_against")
    b.para("{{ m('report.against') }}:", bold=True)
    b.tag("for r in d.advised_against")
    p = b.doc.add_paragraph(style="List Bullet")
    p.add_run("{{ r.label }}").bold = True
    p.add_run("{% if r.target %} {{ m('report.for') }} {{ r.target }}{% endif %}: "
              "{{ r.why }}" + CHAIN)
    b.tag("endfor")
    b.tag("endif")

    has = "d.conclusion is defined and d.conclusion"
    b.tag(f"if {has}")
    b.heading("6. {{ m('conclusion.heading') }}", 1)
    b.tag("for p in d.conclusion")
    b.para("{{ p }}")
    b.tag("endfor")
    b.tag("endif")

    b.heading(f"{{{{ 7 if ({has}) else 6 }}}}. {{{{ m('report.route') }}}}", 1)
    b.tag("if d.route")
    b.tag("for g in d.route_groups")
    b.tag("if g.heading")
    b.para("{{ g.heading }}", bold=True)
    b.tag("endif")
    b.table(["{{ m('report.step') }}", "{{ m('report.who') }}", "{{ m('report.when') }}",
             "{{ m('report.law') }}"], "s in g.steps",
            ["{{ g.first + loop.index0 }}. {{ s.label }}", "{{ s.who or '—' }}",
             "{{ s.when or '—' }}", "{{ s.law or '—' }}"], [66, 35, 35, 30])
    b.tag("endfor")
    b.tag("else")
    b.para("{{ m('report.no_route') }}")
    b.tag("endif")

    b.heading(f"{{{{ 8 if ({has}) else 7 }}}}. {{{{ m('report.find_out') }}}}", 1)
    b.tag("if d.find_out_first")
    b.para("{{ m('report.find_out_intro_minor' if d.find_out_first[0].minor is defined "
           "and d.find_out_first[0].minor else 'report.find_out_intro') }}")
    b.tag("for f in d.find_out_first")
    p = b.doc.add_paragraph()
    p.add_run("{{ loop.index }}. ")
    p.add_run("{% if f.entity %}{{ f.entity }}: {% endif %}").bold = True
    p.add_run("{{ f.question }}")
    b.tag("endfor")
    b.tag("elif not (d.fill_in if d.fill_in is defined else [])")
    b.para("{{ m('report.nothing_to_find_out' if (d.options is defined and d.options) else "
           "'report.nothing_to_find_out_no_options') }}")
    b.tag("endif")
    b.tag("if d.fill_in is defined and d.fill_in")
    b.para("{{ m('report.fill_in') }} {% for label, group in d.fill_in | groupby('label') %}"
           "{{ label }}{% set ents = group | map(attribute='entity') | select | list %}"
           "{% if ents %} ({{ ents | join(', ') }}){% endif %}"
           "{{ '; ' if not loop.last else '.' }}{% endfor %}")
    b.tag("endif")

    b.page_break()
    b.heading("{{ m('report.chains') }}", 1)
    b.para("{{ m('report.chains_intro') }}")
    b.tag("for c in d.chains")
    p = b.doc.add_paragraph()
    p.add_run("{{ m('report.chain', n=c.number) }}. {{ c.title }}. ").bold = True
    p.add_run("{% if c.steps | length < 2 %}{{ c.text }}{% endif %}")
    p.add_run("{% if c.facts %} {{ m('report.facts') }}: {{ c.facts | join('; ') }}."
              "{% endif %}{% if c.certainty %} {{ m('report.certainty') }}: "
              "{{ m('report.certainty_level.' ~ c.certainty) if c.certainty in "
              "('hoog', 'gemiddeld', 'laag') "
              "else c.certainty }}."
              "{% endif %}{% if c.sources %} [{{ c.sources | join(', ') }}]{% endif %}"
              ).italic = True
    b.tag("if c.steps | length > 1")
    b.tag("for st in c.steps")
    p = b.doc.add_paragraph(style="List Bullet")
    p.add_run("{{ st[0] }}. ").italic = True
    p.add_run("{{ st[1] }}")
    b.tag("endfor")
    b.tag("endif")
    b.tag("endfor")
    b.heading("{{ m('report.sources') }}", 1)
    b.tag("for s in d.sources")
    p = b.doc.add_paragraph()
    p.add_run("{% if s.case is defined and s.case and loop.first %}"
              "{{ m('report.case_sources') }}: {% elif s.case is defined and not s.case "
              "and loop.previtem is defined and loop.previtem.case %}"
              "{{ m('report.literature') }}: {% endif %}"
              "{{ s.number }}. {% if s.author or s.publisher %}{{ s.author or s.publisher }}, "
              "{% endif %}")
    p.add_run("{{ s.title }}").italic = True
    p.add_run("{% if s.year %} ({{ s.year }}){% endif %}{% if s.url is web_url %}. {{ s.url }}"
              "{% endif %}")
    b.tag("else")
    b.para("{{ m('report.no_sources') }}")
    b.tag("endfor")
    b.tag("if d.terms is defined and d.terms")
    b.heading("{{ m('report.terms') }}", 1)
    b.tag("for t in d.terms")
    p = b.doc.add_paragraph()
    p.add_run("{{ t.label }}").bold = True
    p.add_run(": {{ t.definition }}.")
    b.tag("endfor")
    b.tag("endif")
    b.para()
    b.para("{{ m('report.footer', council=" + COUNCIL + ") }}", italic=True)
    return b


def main(argv: list[str] | None = None) -> int:
    """Write the template (to ``--output``, default the package's templates folder)."""
    from pvrules.render.docx import normalize_zip, set_properties

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    builder = build()
    set_properties(builder.doc, title="pvrules", subject="", author="pvrules",
                   day=dt.date(2026, 1, 1), lang="nl")
    buf = io.BytesIO()
    builder.doc.save(buf)
    args.output.write_bytes(normalize_zip(buf.getvalue(), dt.date(2026, 1, 1)))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
