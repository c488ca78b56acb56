"""``pvrules rules lint|graph`` and ``pvrules schema``: tools for rule authors."""

from __future__ import annotations

import sys

import click

from pvrules.cli.common import guarded


def _kb_dirs(func: click.decorators.FC) -> click.decorators.FC:
    """``--rules-dir``, ``--knowledge-dir`` and ``--no-builtin`` (no engine needed)."""
    func = click.option("--no-builtin", is_flag=True,
                        help="Use only the given folders, not the built-in knowledge base.")(func)
    func = click.option("--knowledge-dir", "knowledge_dirs", multiple=True,
                        type=click.Path(exists=True),
                        help="Extra vocabulary/catalogue folder (repeatable; also "
                             "PVRULES_KNOWLEDGE_PATH).")(func)
    return click.option("--rules-dir", "rules_dirs", multiple=True, type=click.Path(exists=True),
                        help="Extra rules folder (repeatable; also PVRULES_RULES_PATH).")(func)


@click.group("rules")
def rules() -> None:
    """Check and draw the rules: lint, graph."""


@rules.command("lint")
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--example", "examples", multiple=True, type=click.Path(exists=True, dir_okay=False),
              metavar="CASE", help="An example case for the hindsight checks (repeatable; "
              "default: the shipped examples).")
@_kb_dirs
@guarded
def lint(paths: tuple[str, ...], fmt: str, strict: bool, examples: tuple[str, ...],
         rules_dirs: tuple[str, ...], knowledge_dirs: tuple[str, ...], no_builtin: bool) -> None:
    """Check the rules for mistakes; PATHS (rule files or folders) limit what is shown.

    Errors (unknown names, wrong values, cycles, texts that do not render,
    sources a reader cannot use, hindsight in the example cases) exit with 1;
    warnings (rules that never fire, conflicts, redundant rules, unused facts
    and items, texts stating untested values or naming an example's entities)
    only with --strict.
    """
    from pvrules.authoring.findings import render_json, render_text
    from pvrules.authoring.lint import run_lint

    result = run_lint(paths, rules_dirs, knowledge_dirs, include_builtin=not no_builtin,
                      examples=list(examples) if examples else None)
    out = render_json(result.findings) if fmt == "json" else render_text(result.findings)
    click.echo(out, nl=False)
    sys.exit(result.exit_code(strict))


@rules.command("graph")
@click.option("--rule", "rule_id", default=None, metavar="ID",
              help="Only this rule and its neighbours.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Output format.")
@_kb_dirs
@guarded
def graph(rule_id: str | None, fmt: str, rules_dirs: tuple[str, ...],
          knowledge_dirs: tuple[str, ...], no_builtin: bool) -> None:
    """Draw facts → rules → derived facts → recommendations."""
    from pvrules.authoring.graph import build_graph, to_dot, to_mermaid
    from pvrules.kb import load_kb

    kb = load_kb(rules_dirs, knowledge_dirs, include_builtin=not no_builtin)
    drawn = build_graph(kb, rule_id)
    click.echo(to_dot(drawn) if fmt == "dot" else to_mermaid(drawn), nl=False)


@click.command("schema")
@click.argument("kind", type=click.Choice(["case", "rules", "knowledge"]))
@click.option("--generic", is_flag=True,
              help="Leave out the vocabulary (the schemas shipped in pvrules/schema/).")
@_kb_dirs
@guarded
def schema(kind: str, generic: bool, rules_dirs: tuple[str, ...],
           knowledge_dirs: tuple[str, ...], no_builtin: bool) -> None:
    """Print the JSON Schema of case, rule or knowledge files.

    By default the allowed values of the knowledge base are filled in (facts and
    their values, items, entities, sources), so an editor can check and
    complete files while they are typed.
    """
    from pvrules.authoring.schema import dumps, schema_for

    knowledge = None
    if not generic:
        from pvrules.kb import load_kb

        knowledge = load_kb(rules_dirs, knowledge_dirs,
                            include_builtin=not no_builtin).knowledge
    click.echo(dumps(schema_for(kind, knowledge)), nl=False)
